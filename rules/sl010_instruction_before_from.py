"""Instruction before the first FROM

## What it does
Reports an instruction other than ARG that comes before the first FROM.

## Why is this bad?
Only ARG may precede FROM; anything else has no stage to run in and the build fails.

## Example
```dockerfile
ENV LANG=C.UTF-8
FROM alpine:3.20
```

Use instead:
```dockerfile
FROM alpine:3.20
ENV LANG=C.UTF-8
```
"""

from stagelint.rule import Severity, problem_rule

RULE = problem_rule(
    __doc__,
    code="SL010",
    name="instruction-before-from",
    summary="Instruction before the first FROM",
    kinds=("no-stage",),
    severity=Severity.ERROR,
    aliases=("DL3061",),
)
