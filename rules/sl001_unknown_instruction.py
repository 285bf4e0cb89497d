"""Instruction the build engines do not know

## What it does
Reports a line that starts an instruction whose keyword is not a Dockerfile
instruction (a typo such as `RUNN`, or a stray line continuation).

## Why is this bad?
BuildKit, buildah and the legacy builder refuse the whole file with "unknown instruction".

## Example
```dockerfile
FROM alpine:3.20
RUNN apk add curl
```

Use instead:
```dockerfile
FROM alpine:3.20
RUN apk add curl
```
"""

from stagelint.rule import Severity, problem_rule

RULE = problem_rule(
    __doc__,
    code="SL001",
    name="unknown-instruction",
    summary="Instruction the build engines do not know",
    kinds=("unknown-instruction",),
    severity=Severity.ERROR,
    aliases=(),
)
