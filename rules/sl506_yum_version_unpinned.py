"""`yum install` of a package without a version

## What it does
Reports `yum install` of a package written without a version
(`httpd` instead of `httpd-2.4.6` or `httpd-2.4.6-99.el7`). A package whose
name merely contains a dash (`python3-pip`, `java-11-openjdk`) is not taken
for a pinned one. Local and remote `.rpm` files, `@group` specs, file paths
and words holding a variable are not reported.

## Why is this bad?
Without a version, the package installed is whatever the repositories carry
on the day of the build: the image changes from build to build and an
update can break it with no change to its source.

## Example
```dockerfile
FROM centos:7
RUN yum install -y httpd && yum clean all
```

Use instead:
```dockerfile
FROM centos:7
RUN yum install -y httpd-2.4.6 && yum clean all
```
"""

from stagelint.pinning import PinSpec, pin_rule, rpm_foreign, rpm_pinned

RULE = pin_rule(
    __doc__,
    code="SL506",
    name="yum-version-unpinned",
    summary="`yum install` of a package without a version",
    spec=PinSpec(
        managers=frozenset({"yum"}),
        subcommands=frozenset({"install"}),
        pinned=rpm_pinned,
        foreign=rpm_foreign,
        usage="yum install -y <package>-<version>",
    ),
    aliases=("DL3033",),
)
