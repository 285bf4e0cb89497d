"""`apt-get install` of a package without a version

## What it does
Reports `apt-get install` (and `apt install`, `aptitude install`) of a
package not pinned with `package=version`. Local `.deb` files, packages
taken from a named release (`curl/bookworm-backports`) and words holding a
variable (`curl=$CURL_VERSION`) are not reported. Install commands inside
heredoc scripts and nested `sh -c '...'` scripts are checked too.

## Why is this bad?
Without a version, the package installed is whatever the mirror carries on
the day of the build: two builds of the same Containerfile give different
images, and an upgrade can break the image with no change to its source.

## Example
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl
```

Use instead:
```dockerfile
FROM debian:12
ARG CURL_VERSION=7.88.1-10+deb12u8
RUN apt-get update && apt-get install -y --no-install-recommends curl=${CURL_VERSION}
```
"""

from stagelint.pinning import PinSpec, contains_any, file_operand, pin_rule

RULE = pin_rule(
    __doc__,
    code="SL501",
    name="apt-version-unpinned",
    summary="`apt-get install` of a package without a version",
    spec=PinSpec(
        managers=frozenset({"apt-get", "apt", "aptitude"}),
        subcommands=frozenset({"install"}),
        pinned=contains_any("="),
        foreign=file_operand(".deb"),
        usage="apt-get install <package>=<version>",
    ),
    aliases=("DL3008",),
)
