"""Flag given twice

## What it does
Reports a flag that appears twice on one instruction, where only `--mount` and
`--exclude` may repeat.

## Why is this bad?
BuildKit rejects the instruction ("Duplicate flag specified"); which value was meant is unclear.

## Example
```dockerfile
FROM alpine:3.20 AS build
FROM alpine:3.20
COPY --from=build --from=build /out /out
```

Use instead:
```dockerfile
FROM alpine:3.20 AS build
FROM alpine:3.20
COPY --from=build /out /out
```
"""

from stagelint.rule import Severity, problem_rule

RULE = problem_rule(
    __doc__,
    code="SL003",
    name="duplicate-flag",
    summary="Flag given twice",
    kinds=("duplicate-flag",),
    severity=Severity.ERROR,
    aliases=(),
)
