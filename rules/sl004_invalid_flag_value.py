"""Flag without a value, or with a value of the wrong kind

## What it does
Reports a flag that needs a value but has none (`--from` alone), and a boolean
flag with a value other than true or false (`--link=yes`).

## Why is this bad?
The engine rejects the instruction before building anything.

## Example
```dockerfile
FROM alpine:3.20
COPY --chown app /srv/app
```

Use instead:
```dockerfile
FROM alpine:3.20
COPY --chown=app app /srv/app
```
"""

from stagelint.rule import Severity, problem_rule

RULE = problem_rule(
    __doc__,
    code="SL004",
    name="invalid-flag-value",
    summary="Flag without a value, or with a value of the wrong kind",
    kinds=("flag-missing-value", "invalid-flag-value"),
    severity=Severity.ERROR,
    aliases=(),
)
