"""Instruction with missing or malformed arguments

## What it does
Reports an instruction whose arguments the engine rejects: `ENV PATH` without a
value, `COPY` with one argument, `FROM` with two words, an invalid stage name,
`SHELL` not in JSON form, a HEALTHCHECK without CMD or NONE, ONBUILD triggers
that are not allowed.

## Why is this bad?
The build fails at this line; the messages say what the engine expects.

## Example
```dockerfile
FROM alpine:3.20
ENV PATH
```

Use instead:
```dockerfile
FROM alpine:3.20
ENV PATH=/usr/local/bin:/usr/bin:/bin
```
"""

from stagelint.rule import Severity, problem_rule

RULE = problem_rule(
    __doc__,
    code="SL007",
    name="invalid-arguments",
    summary="Instruction with missing or malformed arguments",
    kinds=("invalid-arguments",),
    severity=Severity.ERROR,
    aliases=(),
)
