"""File with no instructions

## What it does
Reports a Containerfile that contains only comments, blank lines or nothing.

## Why is this bad?
The engines fail with "file with no instructions".

## Example
```dockerfile
# TODO: write this
```

Use instead:
```dockerfile
FROM alpine:3.20
```
"""

from stagelint.rule import Severity, problem_rule

RULE = problem_rule(
    __doc__,
    code="SL009",
    name="no-instructions",
    summary="File with no instructions",
    kinds=("no-instructions",),
    severity=Severity.ERROR,
    aliases=(),
)
