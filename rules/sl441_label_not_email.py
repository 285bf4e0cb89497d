"""Label of kind `email` that is not an email address

## What it does
Reports a label that the `label-schema` declares as `email` when its value,
in the stages of the image that ships, is not valid. Accepted: an RFC 5322
address (`addr-spec`): a local part that is a dot-atom or a quoted string,
`@`, and a domain that is a dot-atom or a `[literal]`. Display names (`Ops
<ops@example.com>`) and comments are not accepted.

Values are judged after quote removal and variable expansion; a value that
depends on an undefined variable or on an ARG without a default is unknown
and not judged, and an empty value is left to SL435.

```toml
[tool.stagelint]
label-schema = { maintainer = "email" }
```

## Why is this bad?
Tools that read the label (registries, scanners, deployment tooling) expect
an RFC 5322 email address; a malformed value is ignored or misread.

## Example
```dockerfile
FROM alpine:3.20
LABEL maintainer="ops at example.com"
```

Use instead:
```dockerfile
FROM alpine:3.20
LABEL maintainer="ops@example.com"
```
"""

from stagelint.labels import is_email, value_rule

RULE = value_rule(
    __doc__,
    code="SL441",
    name="label-not-email",
    summary="Label of kind `email` that is not an email address",
    alias="DL3058",
    kind="email",
    valid=is_email,
    expected="an RFC 5322 email address",
)
