"""Flag the instruction does not accept

## What it does
Reports a `--flag` that the instruction does not accept, for example `--user`
on COPY or any flag on CMD.

## Why is this bad?
The engine stops the build with "unknown flag". Often it is a misspelling
(`--chmode`) or a flag that belongs to another instruction.

## Example
```dockerfile
FROM alpine:3.20
COPY --user=app app /srv/app
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
    code="SL002",
    name="unknown-flag",
    summary="Flag the instruction does not accept",
    kinds=("unknown-flag",),
    severity=Severity.ERROR,
    aliases=(),
)
