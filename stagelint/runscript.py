"""The shell script a RUN instruction runs, with offsets back into the file.

A RUN runs its shell-form text with the SHELL in effect, or a heredoc body
(`RUN <<EOF`), or an exec-form argv (`["sh", "-c", "..."]` is a script too).
`RunScript` puts the script text together, parses it with the shell parser
(imported here, lazily, because only rules that look at shell need it) and
maps every script offset back to the Containerfile.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING

from stagelint.lazyre import lazy_pattern
from stagelint.records import Record
from stagelint.tree import Instruction

if TYPE_CHECKING:
    from stagelint.shell import Script

POSIX_SHELLS = frozenset({"sh", "bash", "dash", "ash", "ksh", "zsh", "busybox", "mksh"})
_HEREDOC_ONLY = lazy_pattern(r"^(\s*\d*<<-?\S+)+\s*$")


class _Piece(Record):
    """Immutable by convention."""

    __slots__ = ("exact", "length", "script", "source")

    def __init__(self, script: int, source: int, length: int, exact: bool) -> None:
        self.script = script  # offset in the script text
        self.source = source  # offset in the file
        self.length = length
        self.exact = exact  # False: every offset in the piece maps to `source`


class RunScript(Record, ignore=("_starts",)):
    """The script of one RUN, or `script is None` when it is not shell."""

    __slots__ = ("_starts", "interpreter", "kind", "pieces", "script", "text")
    __hash__ = None  # type: ignore[assignment]  # mutable: unhashable, as the dataclass was

    def __init__(
        self,
        kind: str,  # "shell", "heredoc", "exec" or "none"
        text: str,
        script: Script | None,
        pieces: list[_Piece] | None = None,
        interpreter: tuple[str, ...] = (),
    ) -> None:
        self.kind = kind
        self.text = text
        self.script = script
        self.pieces: list[_Piece] = [] if pieces is None else pieces
        self.interpreter = interpreter
        # Where each piece starts in the script, for to_source (asked twice
        # for every span a rule reports or an analysis maps).
        self._starts = [p.script for p in self.pieces]

    def moved(self, delta: int) -> RunScript:
        """The same script for the same RUN `delta` characters further on."""
        if not delta:
            return self
        pieces = [_Piece(p.script, p.source + delta, p.length, p.exact) for p in self.pieces]
        return RunScript(self.kind, self.text, self.script, pieces, self.interpreter)

    def to_source(self, offset: int) -> int:
        i = max(bisect_right(self._starts, offset) - 1, 0)
        if not self.pieces:
            return 0
        piece = self.pieces[i]
        if not piece.exact:
            return piece.source
        return piece.source + min(offset - piece.script, piece.length)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """File span of script [start, end)."""
        s = self.to_source(start)
        e = self.to_source(max(end - 1, start)) + (1 if end > start else 0)
        return s, max(s, e)


def _is_posix(shell: tuple[str, ...]) -> bool:
    if not shell:
        return False
    name = shell[0].rsplit("/", 1)[-1].lower()
    return name in POSIX_SHELLS


@lru_cache(maxsize=2048)
def _parse(text: str) -> Script:
    # Scripts are immutable; an editor re-lints the same RUNs on every change.
    from stagelint.shell import parse_script

    return parse_script(text)


def build_run_script(node: Instruction, shell: tuple[str, ...]) -> RunScript:
    """The script `node` (a RUN) runs under `shell`."""
    if node.json:
        return _exec_form(node)
    if not _is_posix(shell):
        return RunScript("none", node.args_text, None, interpreter=shell)
    if node.heredocs and _HEREDOC_ONLY().match(node.args_text):
        body = node.heredocs[0]
        first = body.content.split("\n", 1)[0]
        if first.startswith("#!") and not _is_posix(tuple(first[2:].split())):
            return RunScript("none", body.content, None, interpreter=tuple(first[2:].split()))
        pieces = [_Piece(0, body.body_start, len(body.content), True)]
        return RunScript("heredoc", body.content, _parse(body.content), pieces, shell)
    # Shell form, with any heredocs appended as the shell would read them.
    text = node.args_text
    pieces = _args_pieces(node)
    for heredoc in node.heredocs:
        text += "\n"
        pieces.append(_Piece(len(text), heredoc.body_start, len(heredoc.content), True))
        text += heredoc.content
        pieces.append(_Piece(len(text), heredoc.terminator_start, len(heredoc.name), True))
        text += heredoc.name
    return RunScript("shell", text, _parse(text), pieces, shell)


def _args_pieces(node: Instruction) -> list[_Piece]:
    """Exact pieces for args_text, one per continuation segment."""
    length = len(node.args_text)
    pieces = [
        _Piece(seg.logical, seg.source, seg.length, True)
        for seg in node.args_map.segments()
        if seg.logical < length
    ]
    return pieces or [_Piece(0, node.args_start, 0, True)]


def _exec_form(node: Instruction) -> RunScript:
    argv = node.arguments
    anchor = [_Piece(0, node.args_start, 0, False)]
    if len(argv) >= 3 and _is_posix((argv[0],)) and argv[1] in ("-c", "-ec", "-ex", "-exc", "-xc"):
        return RunScript("exec", argv[2], _parse(argv[2]), anchor, tuple(argv[:2]))
    # Any other exec form is one command: quote its words for the shell parser.
    text = " ".join(_quote(a) for a in argv)
    return RunScript("exec", text, _parse(text), anchor, ())


def _quote(word: str) -> str:
    if word and re.fullmatch(r"[A-Za-z0-9_@%+=:,./-]+", word):
        return word
    return "'" + word.replace("'", "'\"'\"'") + "'"


__all__ = ["RunScript", "build_run_script"]
