"""Label of kind `semver` that is not a semantic version

## What it does
Reports a label that the `label-schema` declares as `semver` when its value,
in the stages of the image that ships, is not valid. Accepted: a Semantic
Versioning 2.0.0 version: `MAJOR.MINOR.PATCH` without leading zeros, with
optional `-pre.release` and `+build` parts; no `v` prefix.

Values are judged after quote removal and variable expansion; a value that
depends on an undefined variable or on an ARG without a default is unknown
and not judged, and an empty value is left to SL435.

```toml
[tool.stagelint]
label-schema = { "org.opencontainers.image.version" = "semver" }
```

## Why is this bad?
Tools that read the label (registries, scanners, deployment tooling) expect
a semantic version; a malformed value is ignored or misread.

## Example
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.version="v1.2"
```

Use instead:
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.version="1.2.0"
```
"""

from stagelint.labels import is_semver, value_rule

RULE = value_rule(
    __doc__,
    code="SL440",
    name="label-not-semver",
    summary="Label of kind `semver` that is not a semantic version",
    alias="DL3056",
    kind="semver",
    valid=is_semver,
    expected="a semantic version",
)
