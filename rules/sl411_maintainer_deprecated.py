"""MAINTAINER is deprecated

## What it does
Reports the `MAINTAINER` instruction.

## Why is this bad?
`MAINTAINER` sets the image's legacy Author field, which the OCI image format
does not have and tools no longer show. The
`org.opencontainers.image.authors` label is where an image names its
authors.

## Example
```dockerfile
FROM alpine:3.20
MAINTAINER Jane Doe <jane@example.com>
```

Use instead:
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
```

## Fix safety
The fix replaces the instruction by that LABEL, quoting the text so that
the label's value is exactly the MAINTAINER text (MAINTAINER does not expand
variables; the label's `$` and quotes are escaped). It is unsafe: the image
config changes (the Author field goes, a label comes), which tools reading
either may notice.
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.expand import ExpansionError, expand_word
from stagelint.instructions import keyword_as_written, single_line, stage_instructions
from stagelint.rule import (
    Applicability,
    Context,
    Diagnostic,
    Edit,
    Fix,
    FixAvailability,
    Rule,
    Severity,
)
from stagelint.tree import Instruction

TITLE = "Replace by LABEL org.opencontainers.image.authors"
AUTHORS = "org.opencontainers.image.authors"


def quote_literal(text: str, escape: str) -> str | None:
    """`text` as a double-quoted word whose expansion is `text`, or None."""
    quoted = '"' + "".join(escape + c if c in ('"', "$", escape) else c for c in text) + '"'
    try:
        same = expand_word(quoted, {}, escape=escape).value == text
    except ExpansionError:
        return None
    return quoted if same else None


def _label(node: Instruction, escape: str) -> Fix | None:
    value = quote_literal(node.args_text, escape)
    if value is None or not single_line(node, node.keyword_start, node.args_end):
        return None
    keyword = "label" if keyword_as_written(node).islower() else "LABEL"
    edit = Edit(node.keyword_start, node.args_end, f"{keyword} {AUTHORS}={value}")
    return Fix(TITLE, (edit,), Applicability.UNSAFE)


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    for _, node in stage_instructions(ctx.model, "MAINTAINER"):
        if not node.args_text:
            continue
        yield rule.diagnostic(
            node.keyword_start,
            node.keyword_end,
            f"MAINTAINER is deprecated; use `LABEL {AUTHORS}=...`",
            _label(node, ctx.doc.escape),
        )


RULE = Rule(
    code="SL411",
    name="maintainer-deprecated",
    summary="MAINTAINER is deprecated",
    severity=Severity.ERROR,
    check=check,
    doc=__doc__ or "",
    fix=FixAvailability.SOMETIMES,
    aliases=("DL4000", "MaintainerDeprecated"),
    fix_title=TITLE,
)
