"""Inline suppression comment

## What it does
Reports the comments that silence rules for the next instruction:
hadolint's `# hadolint ignore=DL3008` and stagelint's own
`# stagelint: ignore=SL201`. File-wide forms (`# hadolint global ignore=`,
`# stagelint: ignore-file=`, BuildKit's `# check=skip=`) are not reported:
they are the configuration of the file, in one place at its top.

hadolint's DL1001 only knows its own pragma; stagelint reports both, since
a policy of "no inline suppressions" means both. This rule is opt-in:
select it by its code, name or alias (`--select DL1001`).

## Why is this bad?
Inline suppressions scatter lint policy across Containerfiles, where they
outlive the problem they hid. Project-wide `ignore` settings or per-file
ignores in the configuration are reviewed in one place.

## Example
```dockerfile
FROM debian:12
# hadolint ignore=DL3008
RUN apt-get update && apt-get install -y curl
```

Use instead: fix the finding, or configure the exception.
```toml
[tool.stagelint]
per-file-ignores = { "legacy/Containerfile" = ["DL3008"] }
```
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.pragmas import suppressions_of
from stagelint.rule import Context, Diagnostic, Rule, Severity
from stagelint.tree import Comment


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    comments = [n for n in ctx.doc.nodes if isinstance(n, Comment)]
    reported: set[int] = set()
    for _, keys in suppressions_of(ctx).by_instruction:
        for key in keys:
            for comment in comments:
                if comment.start <= key.start < comment.end and comment.start not in reported:
                    reported.add(comment.start)
                    tool = "hadolint" if key.origin == "hadolint" else "stagelint"
                    hash_at = ctx.doc.source.find("#", comment.start, comment.end)
                    yield rule.diagnostic(
                        max(hash_at, comment.start),
                        comment.end,
                        f"Inline `{tool}` suppression; prefer the configuration's ignores",
                    )


RULE = Rule(
    code="SL442",
    name="inline-ignore-pragma",
    summary="Inline suppression comment",
    severity=Severity.INFO,
    check=check,
    doc=__doc__ or "",
    aliases=("DL1001",),
    opt_in=True,
)
