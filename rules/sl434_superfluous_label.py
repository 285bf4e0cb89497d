"""Label not in the label schema

## What it does
With `strict-labels = true`, reports each LABEL key, in the stages of the
image that ships, that the `label-schema` does not list.

## Why is this bad?
A strict schema says which metadata an image carries; other labels are
typos of schema labels (`org.opencontainers.image.sources`) or metadata
nobody maintains.

## Example
With `label-schema = { maintainer = "email" }` and `strict-labels = true`:
```dockerfile
FROM alpine:3.20
LABEL maintainer="ops@example.com" owner=ops
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
    if ctx.settings.get("strict-labels") is not True:
        return
    wanted = schema(ctx)
    for use in label_uses(ctx):
        if use.key not in wanted:
            yield use.key_start, use.key_end, f"Label `{use.key}` is not in the label schema"


RULE = label_rule(
    __doc__,
    code="SL434",
    name="superfluous-label",
    summary="Label not in the label schema",
    severity=Severity.INFO,
    alias="DL3050",
    findings=findings,
)
