"""Stage named with a reserved word

## What it does
Reports a stage named `scratch` or `context`, the words BuildKit reserves
(its ReservedStageName check), compared case-insensitively.

## Why is this bad?
`scratch` already means the empty image and `context` the build context, so
`FROM scratch` or `COPY --from=context` in a later stage no longer says
what it seems to say, depending on the engine.

## Example
```dockerfile
FROM alpine:3.20 AS scratch
```

Use instead:
```dockerfile
FROM alpine:3.20 AS base
```

## Differences from hadolint
hadolint's DL3063 compares case-sensitively (`AS Scratch` passes); BuildKit
lower-cases stage names, so this rule does not.
"""

from collections.abc import Iterator

from stagelint.rule import Context, Diagnostic, Rule, Severity
from stagelint.stagerefs import name_word

RESERVED = frozenset({"scratch", "context"})


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    for stage in ctx.model.stages:
        word = name_word(ctx.model, stage)
        if word is not None and stage.name in RESERVED:
            yield rule.diagnostic(
                word.start,
                word.end,
                f"`{word.text}` is a reserved word and should not be used as a stage name",
            )


RULE = Rule(
    code="SL306",
    name="reserved-stage-name",
    summary="Stage named with a reserved word",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__ or "",
    aliases=("DL3063", "ReservedStageName"),
)
