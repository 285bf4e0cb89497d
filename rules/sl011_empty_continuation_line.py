"""Empty line inside a continuation

## What it does
Reports an empty line inside a line continuation. The instruction goes on after
it, which is easy to misread as a new instruction.

## Why is this bad?
BuildKit warns (NoEmptyContinuation) and has announced that it will become an
error; a reader sees two instructions where the engine sees one.

## Example
```dockerfile
FROM alpine:3.20
RUN apk add \\

    curl
```

Use instead:
```dockerfile
FROM alpine:3.20
RUN apk add \\
    curl
```
"""

from stagelint.rule import Severity, problem_rule

RULE = problem_rule(
    __doc__,
    code="SL011",
    name="empty-continuation-line",
    summary="Empty line inside a continuation",
    kinds=("empty-continuation",),
    severity=Severity.WARNING,
    aliases=("NoEmptyContinuation",),
)
