"""Label of kind `url` that is not a URL

## What it does
Reports a label that the `label-schema` declares as `url` when its value,
in the stages of the image that ships, is not valid. Accepted: an absolute
URI (RFC 3986): a scheme such as `https:`, then URI characters only (no
spaces); after `//` a host must follow, so `http://` alone is rejected.

Values are judged after quote removal and variable expansion; a value that
depends on an undefined variable or on an ARG without a default is unknown
and not judged, and an empty value is left to SL435.

```toml
[tool.stagelint]
label-schema = { "org.opencontainers.image.source" = "url" }
```

## Why is this bad?
Tools that read the label (registries, scanners, deployment tooling) expect
a valid URL; a malformed value is ignored or misread.

## Example
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.source="github.com/example/app"
```

Use instead:
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.source="https://github.com/example/app"
```
"""

from stagelint.labels import is_url, value_rule

RULE = value_rule(
    __doc__,
    code="SL436",
    name="label-not-url",
    summary="Label of kind `url` that is not a URL",
    alias="DL3052",
    kind="url",
    valid=is_url,
    expected="a valid URL",
)
