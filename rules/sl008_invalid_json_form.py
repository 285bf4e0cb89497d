"""Exec form that is JSON but not a list of strings

## What it does
Reports an exec-form argument that parses as JSON but is not a flat array of
strings, such as a nested array or a number.

## Why is this bad?
BuildKit refuses it instead of falling back to the shell form.

## Example
```dockerfile
FROM alpine:3.20
CMD ["echo", ["nested"]]
```

Use instead:
```dockerfile
FROM alpine:3.20
CMD ["echo", "nested"]
```
"""

from stagelint.rule import Severity, problem_rule

RULE = problem_rule(
    __doc__,
    code="SL008",
    name="invalid-json-form",
    summary="Exec form that is JSON but not a list of strings",
    kinds=("invalid-json",),
    severity=Severity.ERROR,
    aliases=(),
)
