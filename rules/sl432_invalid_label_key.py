"""Label key that breaks Docker's key guidelines

## What it does
Reports a LABEL key, in the stages of the image that ships, that does not
start with a lower-case letter, does not end with a lower-case letter or a
digit, holds characters other than lower-case letters, digits, `.`, `-`,
`_` and `/`, repeats `.` or `-`, or uses a namespace Docker reserves
(`com.docker.`, `io.docker.`, `org.dockerproject.`). Keys are judged after
quote removal and variable expansion. Like hadolint, `_` and `/` are
tolerated although Docker's guidelines do not list them.

## Why is this bad?
Tools that read labels expect reverse-DNS keys such as
`org.opencontainers.image.source`; keys in Docker's namespaces may clash
with labels the engine sets.

## Example
```dockerfile
FROM alpine:3.20
LABEL Maintainer="ops@example.com" com.docker.team=ops
```

Use instead:
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.authors="ops@example.com" com.example.team=ops
```
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.labels import Finding, key_problem, label_rule, label_uses
from stagelint.rule import Context, Severity


def findings(ctx: Context) -> Iterator[Finding]:
    for use in label_uses(ctx):
        problem = key_problem(use.key)
        if problem is not None:
            yield use.key_start, use.key_end, f"Label key `{use.key}` {problem}"


RULE = label_rule(
    __doc__,
    code="SL432",
    name="invalid-label-key",
    summary="Label key that breaks Docker's key guidelines",
    severity=Severity.INFO,
    alias="DL3048",
    findings=findings,
)
