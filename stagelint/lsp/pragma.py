"""The edit behind "Ignore CODE for this instruction".

A `# stagelint: ignore=CODE` comment on the comment lines directly above an
instruction silences CODE for that instruction (see `stagelint.pragmas`). The
action adds one, on its own line with the instruction's indentation, or
extends the one already there (`ignore=SL201` becomes `ignore=SL201,SL204`)
so that suppressions do not pile up line after line.
"""

from __future__ import annotations

from stagelint.pragmas import _STAGELINT  # the one definition of the comment's syntax
from stagelint.rule import Edit
from stagelint.tree import Document, Instruction


def instruction_at(doc: Document, offset: int) -> Instruction | None:
    """The instruction whose span holds `offset` (its heredocs included)."""
    for ins in doc.instructions:
        if ins.start <= offset < ins.end:
            return ins
        if ins.start > offset:
            break
    return None


def _line_break(source: str, offset: int) -> str:
    """The line break the file uses at `offset`'s line (CRLF files stay CRLF)."""
    newline = source.find("\n", offset)
    if newline > 0 and source[newline - 1] == "\r":
        return "\r\n"
    return "\n"


def ignore_edit(doc: Document, offset: int, code: str) -> Edit | None:
    """The edit that silences `code` for the instruction holding `offset`,
    or None when no instruction holds it (a finding on a directive or a
    comment cannot be silenced by an instruction's comment)."""
    ins = instruction_at(doc, offset)
    if ins is None:
        return None
    source = doc.source
    for comment in reversed(ins.comments):
        m = _STAGELINT.match(comment.text)
        if m is None or m.group(1).lower() != "ignore":
            continue
        base = source.find(comment.text, comment.start, comment.end)
        if base < 0:
            continue
        if m.group(2) is None:  # a bare `stagelint: ignore` names no rule yet
            at = base + m.end(1)
            return Edit(at, at, f"={code}")
        value = m.group(2).rstrip()
        at = base + m.start(2) + len(value)
        separator = "" if not value or value.endswith(",") else ","
        return Edit(at, at, f"{separator}{code}")
    lead = source[ins.start : ins.keyword_start]
    indent = lead[: len(lead) - len(lead.lstrip(" \t"))]
    line = f"{indent}# stagelint: ignore={code}{_line_break(source, ins.start)}"
    return Edit(ins.start, ins.start, line)
