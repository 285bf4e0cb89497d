"""Label of the label schema set to an empty value

## What it does
Reports a label listed in the `label-schema` whose value, after quote
removal and variable expansion, is empty, in the stages of the image that
ships. A value that depends on an undefined variable or on an ARG without a
default is unknown and not reported.

## Why is this bad?
An empty required label satisfies the schema in name only: the metadata it
promises is not there.

## Example
With `label-schema = { maintainer = "email" }`:
```dockerfile
FROM alpine:3.20
LABEL maintainer=""
```

Use instead:
```dockerfile
FROM alpine:3.20
LABEL maintainer="ops@example.com"
```
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.labels import Finding, label_rule, label_uses, schema
from stagelint.rule import Context, Severity


def findings(ctx: Context) -> Iterator[Finding]:
    wanted = schema(ctx)
    for use in label_uses(ctx):
        if use.key in wanted and use.value == "":
            yield use.key_start, use.value_end, f"Label `{use.key}` is empty"


RULE = label_rule(
    __doc__,
    code="SL435",
    name="empty-label",
    summary="Label of the label schema set to an empty value",
    severity=Severity.WARNING,
    alias="DL3051",
    findings=findings,
)
