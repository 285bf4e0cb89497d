"""Malformed `RUN --mount` option

## What it does
Reports a `RUN --mount=...` value the engine cannot read: an unknown key
(`traget=`), an unsupported `type`, a bind, cache or tmpfs mount without a
`target`, or a boolean option with a value that is not true or false.

## Why is this bad?
BuildKit and buildah reject the RUN instruction, so the build stops there.

## Example
```dockerfile
FROM alpine:3.20
RUN --mount=type=cache,traget=/var/cache/apk apk add curl
```

Use instead:
```dockerfile
FROM alpine:3.20
RUN --mount=type=cache,target=/var/cache/apk apk add curl
```
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.rule import Context, Diagnostic, Rule, Severity


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    for step in ctx.model.runs:
        for mount in step.mounts:
            if mount.flag is None:
                continue
            for error in mount.errors:
                yield rule.diagnostic(mount.flag.start, mount.flag.end, error)


RULE = Rule(
    code="SL012",
    name="invalid-mount",
    summary="Malformed `RUN --mount` option",
    severity=Severity.ERROR,
    check=check,
    doc=__doc__ or "",
)
