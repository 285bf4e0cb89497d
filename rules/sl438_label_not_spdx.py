"""Label of kind `spdx` that is not an SPDX license expression

## What it does
Reports a label that the `label-schema` declares as `spdx` when its value,
in the stages of the image that ships, is not valid. Accepted: an SPDX
license expression: license identifiers (matched without regard to case, as
the SPDX specification says, with an optional `+`), `LicenseRef-...` and
`DocumentRef-...:LicenseRef-...` references, `WITH` an exception identifier,
`AND`, `OR` and parentheses. The identifiers are checked against an embedded
selection of about 200 common SPDX license and exception identifiers
(deprecated ones such as `GPL-2.0` included, since they remain valid), not
the full SPDX list: a rare valid identifier outside it is reported, and
`LicenseRef-` is the way to name a license SPDX does not list.

Values are judged after quote removal and variable expansion; a value that
depends on an undefined variable or on an ARG without a default is unknown
and not judged, and an empty value is left to SL435.

```toml
[tool.stagelint]
label-schema = { "org.opencontainers.image.licenses" = "spdx" }
```

## Why is this bad?
Tools that read the label (registries, scanners, deployment tooling) expect
an SPDX license expression; a malformed value is ignored or misread.

## Example
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.licenses="Apache 2"
```

Use instead:
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.licenses="Apache-2.0 OR MIT"
```
"""

from stagelint.labels import is_spdx, value_rule

RULE = value_rule(
    __doc__,
    code="SL438",
    name="label-not-spdx",
    summary="Label of kind `spdx` that is not an SPDX license expression",
    alias="DL3054",
    kind="spdx",
    valid=is_spdx,
    expected="an SPDX license expression",
)
