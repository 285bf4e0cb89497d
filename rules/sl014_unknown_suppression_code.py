"""Suppression comment names a rule that does not exist

## What it does
Reports a code, prefix or name in a `# stagelint: ignore=...` or
`# stagelint: ignore-file=...` comment that matches no stagelint rule.

## Why is this bad?
A misspelt code silences nothing, so the finding it was meant to hide is still
reported, or worse, the comment gives readers a false reason to trust the
line. hadolint codes (`# hadolint ignore=DL3008`) and BuildKit check names
(`# check=skip=...`) are not reported: they may name checks stagelint does
not have.

## Example
```dockerfile
FROM alpine:3.20
# stagelint: ignore=SL9999
RUN apk add curl
```

Use instead:
```dockerfile
FROM alpine:3.20
# stagelint: ignore=SL201
RUN apk add curl
```
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.pragmas import suppressions_of, unknown_keys
from stagelint.rule import Context, Diagnostic, Rule, Severity


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    from stagelint.rules import all_rules

    for key in unknown_keys(suppressions_of(ctx), all_rules()):
        yield rule.diagnostic(key.start, key.end, f"no rule matches {key.text!r}")


RULE = Rule(
    code="SL014",
    name="unknown-suppression-code",
    summary="Suppression comment names a rule that does not exist",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__ or "",
)
