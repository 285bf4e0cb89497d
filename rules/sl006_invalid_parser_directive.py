"""Parser directive repeated or with an invalid value

## What it does
Reports a parser directive (`# syntax=`, `# escape=`, `# check=`) given twice,
and an escape directive whose value is neither a backslash nor a backtick.

## Why is this bad?
BuildKit refuses the file: "only one escape parser directive can be used", "invalid escape token".

## Example
```dockerfile
# escape=`
# escape=\\
FROM alpine:3.20
```

Use instead:
```dockerfile
# escape=`
FROM alpine:3.20
```
"""

from stagelint.rule import Severity, problem_rule

RULE = problem_rule(
    __doc__,
    code="SL006",
    name="invalid-parser-directive",
    summary="Parser directive repeated or with an invalid value",
    kinds=("duplicate-directive", "invalid-directive"),
    severity=Severity.ERROR,
    aliases=(),
)
