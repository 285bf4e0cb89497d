"""Label of kind `hash` that is not a git commit hash

## What it does
Reports a label that the `label-schema` declares as `hash` when its value,
in the stages of the image that ships, is not valid. Accepted: a git object
name as git prints it: 7 to 40 lower-case hexadecimal digits (an abbreviated
or full SHA-1) or 64 (a SHA-256 repository).

Values are judged after quote removal and variable expansion; a value that
depends on an undefined variable or on an ARG without a default is unknown
and not judged, and an empty value is left to SL435.

```toml
[tool.stagelint]
label-schema = { "org.opencontainers.image.revision" = "hash" }
```

## Why is this bad?
Tools that read the label (registries, scanners, deployment tooling) expect
a git commit hash; a malformed value is ignored or misread.

## Example
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.revision="main"
```

Use instead:
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.revision="4f2c1e9a7b3d5c8e0f1a2b3c4d5e6f7a8b9c0d1e"
```
"""

from stagelint.labels import is_git_hash, value_rule

RULE = value_rule(
    __doc__,
    code="SL439",
    name="label-not-git-hash",
    summary="Label of kind `hash` that is not a git commit hash",
    alias="DL3055",
    kind="hash",
    valid=is_git_hash,
    expected="a git commit hash",
)
