"""COPY or ADD of a context path that the ignore file excludes

## What it does
Reports a `COPY` or `ADD` source taken from the build context (no `--from`,
not a URL, not a heredoc) when the context's `.containerignore` or
`.dockerignore` (or `<file>.dockerignore` next to the Containerfile)
excludes it. Sources are expanded first (`COPY $SRC /app/`).

The matcher follows Docker's ignore-file rules exactly: Go `filepath.Match`
globs plus `**`, `!` exceptions with the last matching line deciding, and a
pattern that matches a directory excluding everything below it. A source is
reported only when everything it can name is excluded:
* a plain path, when it is excluded and no exception can re-include
  anything below it (it may be a directory). `COPY . /src/` with `*` and
  `!src/` in the ignore file is fine, unlike BuildKit's check, which warns;
* a glob (`COPY *.md /docs/`), when one exclusion pattern matches every
  path the glob can match (`*.md`, `**/*.md`, a parent directory) and no
  exception can reach any of them. Anything less certain is not reported.

An ignore file with a pattern the engine refuses is not used.

## Why is this bad?
The engine never sends excluded files, so the build fails with "not found"
for a plain file, or copies a directory without the excluded content.

## Example
With `.dockerignore`:
```text
*.md
secrets/
```
```dockerfile
FROM alpine:3.20
COPY secrets/app.key /etc/app/
COPY README.md /doc/
```

Use instead: copy what the context sends, or change the ignore file.
```dockerfile
FROM alpine:3.20
RUN --mount=type=secret,id=app_key,target=/run/secrets/app.key true
COPY docs/ /doc/
```
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.ignorematch import BadPattern, IgnoreMatcher
from stagelint.rule import Context, Diagnostic, Rule, Severity
from stagelint.tree import Instruction

_REMOTE_PREFIXES = ("http://", "https://", "git@", "git://", "ssh://")


def _context_sources(node: Instruction) -> list[str]:
    """The sources of a COPY/ADD that come from the build context."""
    if node.keyword not in ("COPY", "ADD") or node.flag("from") is not None:
        return []
    words = list(node.arguments[:-1])
    return [
        w
        for w in words
        if not (node.heredocs and w.startswith("<<")) and not w.lower().startswith(_REMOTE_PREFIXES)
    ]


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    patterns = ctx.settings.get("context-ignore")
    if not isinstance(patterns, (tuple, list)) or not patterns:
        return
    try:
        matcher = IgnoreMatcher(str(p) for p in patterns)
    except BadPattern:
        return  # the engine refuses the file; that is not this rule's finding
    for node in ctx.doc.instructions:
        cursor = node.args_start
        for word in _context_sources(node):
            # Words are found in order; a word that cannot be found as
            # written (escapes, JSON) is reported on the whole arguments.
            found = ctx.doc.source.find(word, cursor, node.args_end)
            start, end = (
                (found, found + len(word)) if found >= 0 else (node.args_start, node.args_end)
            )
            cursor = end if found >= 0 else cursor
            source = ctx.model.expand(node, word).value
            if not source or not matcher.source_excluded(source):
                continue
            yield rule.diagnostic(
                start,
                end,
                f"`{source}` is excluded by the build context's ignore file; "
                f"{node.keyword} will not find it",
            )


RULE = Rule(
    code="SL431",
    name="copy-ignored-file",
    summary="COPY or ADD of a context path that the ignore file excludes",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__ or "",
    aliases=("CopyIgnoredFile",),
)
