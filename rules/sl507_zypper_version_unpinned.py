"""`zypper install` of a package without a version

## What it does
Reports `zypper install` of a package without a version constraint
(`curl=8.6.0`, `'curl>=8'`). Patterns, patches and products
(`zypper in -t pattern devel_basis`) have no version to pin; local and remote
`.rpm` files and words holding a variable are not reported either.

## Why is this bad?
Without a version, the package installed is whatever the repositories carry
on the day of the build: the image changes from build to build and an
update can break it with no change to its source.

An unquoted `curl>=8` is a shell redirection to a file named `=8`: the
version never reaches zypper. The message points this out.

## Example
```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive install curl && zypper clean --all
```

Use instead:
```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive install curl=8.6.0 && zypper clean --all
```
"""

from stagelint.pinning import (
    PinSpec,
    contains_any,
    file_operand,
    pin_rule,
    zypper_not_packages,
)

RULE = pin_rule(
    __doc__,
    code="SL507",
    name="zypper-version-unpinned",
    summary="`zypper install` of a package without a version",
    spec=PinSpec(
        managers=frozenset({"zypper"}),
        subcommands=frozenset({"install"}),
        pinned=contains_any("=", "<", ">"),
        foreign=file_operand(".rpm"),
        usage="zypper install <package>=<version>",
        skip_when=zypper_not_packages,
    ),
    aliases=("DL3037",),
)
