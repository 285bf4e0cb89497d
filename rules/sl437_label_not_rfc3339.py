"""Label of kind `rfc3339` that is not an RFC 3339 date-time

## What it does
Reports a label that the `label-schema` declares as `rfc3339` when its
value,
in the stages of the image that ships, is not valid. Accepted: an RFC 3339
date-time such as `2024-05-01T12:00:00Z`: a real calendar date, `T` between
date and time (RFC 3339 allows a space only by agreement; it is rejected),
optional fractions of a second, and a zone (`Z` or `+02:00`).

Values are judged after quote removal and variable expansion; a value that
depends on an undefined variable or on an ARG without a default is unknown
and not judged, and an empty value is left to SL435.

```toml
[tool.stagelint]
label-schema = { "org.opencontainers.image.created" = "rfc3339" }
```

## Why is this bad?
Tools that read the label (registries, scanners, deployment tooling) expect
an RFC 3339 date-time; a malformed value is ignored or misread.

## Example
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.created="2024-05-01 12:00"
```

Use instead:
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.created="2024-05-01T12:00:00Z"
```
"""

from stagelint.labels import is_rfc3339, value_rule

RULE = value_rule(
    __doc__,
    code="SL437",
    name="label-not-rfc3339",
    summary="Label of kind `rfc3339` that is not an RFC 3339 date-time",
    alias="DL3053",
    kind="rfc3339",
    valid=is_rfc3339,
    expected="an RFC 3339 date-time",
)
