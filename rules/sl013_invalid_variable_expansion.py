"""Variable substitution the engine cannot expand

## What it does
Reports a `$` substitution in an instruction the builder expands (FROM, ENV,
ARG, COPY/ADD, WORKDIR, USER, LABEL, `--mount` values...) that is malformed:
an unterminated `${`, a bad substitution, an unterminated quote, or a
`${VAR:?message}` whose variable is unset.

## Why is this bad?
The engine stops the build with an error at this instruction.

## Example
```dockerfile
ARG VERSION=3.20
FROM alpine:${VERSION
```

Use instead:
```dockerfile
ARG VERSION=3.20
FROM alpine:${VERSION}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.rule import Context, Diagnostic, Rule, Severity


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    for node, message in ctx.model.expansion_errors:
        yield rule.diagnostic(node.start, node.content_end, message)


RULE = Rule(
    code="SL013",
    name="invalid-variable-expansion",
    summary="Variable substitution the engine cannot expand",
    severity=Severity.ERROR,
    check=check,
    doc=__doc__ or "",
)
