"""ADD of local files, where COPY does the same

## What it does
Reports `ADD` whose sources are all local files or directories that are not
archives by their name: no URL, no git repository, no `.tar`, `.tar.gz`,
`.tgz`, `.gz`, `.bz2`, `.xz`, `.zst`... Variables are expanded first; a
source whose value the file does not determine is not reported, since it may
be a URL or an archive. ADD-only flags (`--checksum`, `--keep-git-dir`,
`--unpack`) also keep it quiet.

## Why is this bad?
`ADD` has two hidden behaviours: it downloads URLs and it unpacks local tar
archives. `COPY` only copies, so a reader (and the next editor) knows that
`app.tar` arrives as a file.

## Example
```dockerfile
FROM alpine:3.20
ADD requirements.txt /srv/
```

Use instead:
```dockerfile
FROM alpine:3.20
COPY requirements.txt /srv/
```

## Fix safety
The fix changes `ADD` to `COPY`. `ADD` recognises a tar archive by its
content, not by its name, so a file called `data.bin` that is really a tar
archive would be unpacked by `ADD` and copied by `COPY`. The fix is safe
only when every source is a directory (written with a trailing `/`, or `.`),
whose contents `ADD` never unpacks; otherwise it is unsafe.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stagelint.instructions import keyword_edit, known_value, sources_and_dest, stage_instructions
from stagelint.lazyre import lazy_pattern
from stagelint.rule import (
    Applicability,
    Context,
    Diagnostic,
    Fix,
    FixAvailability,
    Rule,
    Severity,
)

TITLE = "Use COPY"
ADD_ONLY_FLAGS = frozenset({"checksum", "keep-git-dir", "unpack"})
# Names of what ADD may unpack (tar, possibly compressed) or fetch.
_ARCHIVE = lazy_pattern(
    r"\.(tar|tgz|taz|tbz2?|tb2|txz|tzst|tlz|gz|bz2|xz|zst|lz|lzma|z)$", re.IGNORECASE
)
_HEREDOC = re.compile(r"^\d*<<")
_REMOTE = lazy_pattern(r"^([a-z][a-z0-9+.-]*://|git@)", re.IGNORECASE)


def _is_directory(source: str) -> bool:
    return source.endswith("/") or source in (".", "./")


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    model = ctx.model
    for _, node in stage_instructions(model, "ADD"):
        if any(f.name in ADD_ONLY_FLAGS for f in node.flags):
            continue
        parts = sources_and_dest(node)
        if parts is None:
            continue
        sources = []
        for raw in parts[0]:
            if node.heredocs and _HEREDOC.match(raw):
                sources.append("<<")  # an inline file written by the heredoc
                continue
            value = known_value(model, node, raw)
            if value is None or _REMOTE().match(value) or _ARCHIVE().search(value):
                break
            sources.append(value)
        else:
            safe = all(_is_directory(s) for s in sources)
            applicability = Applicability.SAFE if safe else Applicability.UNSAFE
            fix = Fix(TITLE, (keyword_edit(node, "COPY"),), applicability)
            yield rule.diagnostic(
                node.keyword_start,
                node.keyword_end,
                f"ADD copies only local files here ({', '.join(f'`{s}`' for s in sources)}); "
                "use COPY, which does not unpack archives",
                fix,
            )


RULE = Rule(
    code="SL406",
    name="add-instead-of-copy",
    summary="ADD of local files, where COPY does the same",
    severity=Severity.ERROR,
    check=check,
    doc=__doc__ or "",
    fix=FixAvailability.ALWAYS,
    aliases=("DL3020",),
    fix_title=TITLE,
)
