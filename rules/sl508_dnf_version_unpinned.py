"""`dnf install` of a package without a version

## What it does
Reports `dnf install` (also `dnf5`, `microdnf` and `tdnf`) of a package
written without a version (`httpd` instead of `httpd-2.4.62` or
`httpd-2.4.62-1.fc40`). A package whose name merely contains a dash
(`python3-pip`, `java-21-openjdk`) is not taken for a pinned one. Local and
remote `.rpm` files, `@group`/`@module` specs, file paths and words holding a
variable are not reported.

## Why is this bad?
Without a version, the package installed is whatever the repositories carry
on the day of the build: the image changes from build to build and an
update can break it with no change to its source.

## Example
```dockerfile
FROM fedora:40
RUN dnf install -y httpd && dnf clean all
```

Use instead:
```dockerfile
FROM fedora:40
RUN dnf install -y httpd-2.4.62 && dnf clean all
```
"""

from stagelint.pinning import PinSpec, pin_rule, rpm_foreign, rpm_pinned

RULE = pin_rule(
    __doc__,
    code="SL508",
    name="dnf-version-unpinned",
    summary="`dnf install` of a package without a version",
    spec=PinSpec(
        managers=frozenset({"dnf", "dnf5", "microdnf", "tdnf"}),
        subcommands=frozenset({"install"}),
        pinned=rpm_pinned,
        foreign=rpm_foreign,
        usage="dnf install -y <package>-<version>",
    ),
    aliases=("DL3041",),
)
