"""`apk add` of a package without a version

## What it does
Reports `apk add` of a package without a version constraint (`curl=8.9.1-r0`,
`curl~8.9`, `'curl>=8'`). Local `.apk` files and words holding a variable are
not reported; the name given to `--virtual`/`-t` is not a package.

## Why is this bad?
Without a version, the package installed is whatever the repository carries
on the day of the build: the image changes from build to build and an
upgrade can break it with no change to its source.

An unquoted `curl>8` is a shell redirection to a file named `8`: the version
never reaches apk. The message points this out.

## Example
```dockerfile
FROM alpine:3.20
RUN apk add --no-cache curl
```

Use instead:
```dockerfile
FROM alpine:3.20
RUN apk add --no-cache curl=8.9.1-r0
```
"""

from stagelint.pinning import PinSpec, contains_any, file_operand, pin_rule

RULE = pin_rule(
    __doc__,
    code="SL504",
    name="apk-version-unpinned",
    summary="`apk add` of a package without a version",
    spec=PinSpec(
        managers=frozenset({"apk"}),
        subcommands=frozenset({"add"}),
        pinned=contains_any("=", "<", ">", "~"),
        foreign=file_operand(".apk"),
        usage="apk add <package>=<version>",
    ),
    aliases=("DL3018",),
)
