"""Open documents and LSP positions.

The linter speaks Python string offsets (code points); LSP speaks 0-based
lines and a `character` counted in the negotiated position encoding, UTF-16
code units unless the client offers another. An astral character (an emoji)
is one code point but two UTF-16 units, so the two must be converted, both
ways, on every diagnostic, edit and incoming change.

Lines are split the way LSP defines them (`\\n`, `\\r\\n` and a lone `\\r`),
not with `str.splitlines`, which also breaks on form feeds, U+2028 and other
characters that editors keep inside a line: a garbage document would
otherwise have its incremental changes applied in the wrong place.

Nothing here depends on pygls, so it can be tested and reused on its own.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

UTF8 = "utf-8"
UTF16 = "utf-16"
UTF32 = "utf-32"

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def code_units(text: str, encoding: str = UTF16) -> int:
    """How many code units `text` takes in the position encoding."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        # surrogatepass: a lone surrogate (possible in JSON) still counts 3 bytes
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + len(_ASTRAL.findall(text))


def _units_of(ch: str, encoding: str) -> int:
    if encoding == UTF32:
        return 1
    if encoding == UTF8:
        return len(ch.encode("utf-8", "surrogatepass"))
    return 2 if ord(ch) > 0xFFFF else 1


class LineIndex:
    """Line starts of a text, by LSP's definition of a line break."""

    __slots__ = ("content_ends", "length", "starts", "text")

    def __init__(self, text: str) -> None:
        starts = [0]
        content_ends: list[int] = []
        for m in _LINE_BREAK.finditer(text):
            content_ends.append(m.start())
            starts.append(m.end())
        content_ends.append(len(text))
        self.text = text
        self.length = len(text)
        self.starts = starts
        self.content_ends = content_ends  # where each line's text ends, before its break

    def edited(self, start: int, end: int, new_text: str) -> LineIndex:
        """The index of this text with [start, end) replaced by `new_text`.

        A keystroke changes one line of the file: only the lines the edit
        touches are scanned again, the others are this index's, moved. The
        scan starts a line early (an inserted `\\n` joins a `\\r` that ends
        the line before) and ends with the break of the edit's last line:
        `end` is never inside a break (positions map to a line's text), so
        that break is still there, whatever the edit put in front of it.
        """
        starts, ends = self.starts, self.content_ends
        text = self.text[:start] + new_text + self.text[end:]
        delta = len(new_text) - (end - start)
        first = max(bisect_right(starts, start) - 2, 0)
        after = bisect_right(starts, end)  # the line after the edit's last one
        if after >= len(starts):
            after, scan_end = len(starts), len(text)
        else:
            scan_end = starts[after] + delta
        new_starts = starts[: first + 1]
        new_ends = ends[:first]
        for m in _LINE_BREAK.finditer(text, starts[first], scan_end):
            new_ends.append(m.start())
            new_starts.append(m.end())
        index = LineIndex.__new__(LineIndex)
        if after < len(starts):
            new_starts += [s + delta for s in starts[after + 1 :]]
            new_ends += [e + delta for e in ends[after:]]
        else:
            new_ends.append(len(text))
        index.text = text
        index.length = len(text)
        index.starts = new_starts
        index.content_ends = new_ends
        return index

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def position(self, offset: int, encoding: str = UTF16) -> tuple[int, int]:
        """The 0-based (line, character) of a string offset.

        An offset inside a line break (between `\\r` and `\\n`) has no LSP
        position; it is mapped to the end of that line's text.
        """
        offset = max(0, min(offset, self.length))
        line = bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        offset = min(offset, self.content_ends[line])
        return line, code_units(self.text[start:offset], encoding)

    def offset(self, line: int, character: int, encoding: str = UTF16) -> int:
        """The string offset of an LSP position, clamped the way LSP asks: a
        line past the end is the end of the text, a character past the end
        of its line is the end of the line's text."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return self.length
        start = self.starts[line]
        end = self.content_ends[line]
        if character <= 0:
            return start
        segment = self.text[start:end]
        if encoding == UTF32 or segment.isascii():
            return start + min(character, len(segment))
        units = 0
        for i, ch in enumerate(segment):
            units += _units_of(ch, encoding)
            if units > character:
                # inside a character (half a surrogate pair): its start
                return start + i
            if units == character:
                return start + i + 1
        return end


@dataclass
class TextDocument:
    """One open document, kept in sync with the client's copy."""

    uri: str
    text: str
    version: int | None = None
    language_id: str = ""
    _index: LineIndex | None = field(default=None, repr=False)

    @property
    def lines(self) -> LineIndex:
        # Built lazily: a full-text change drops it (the text of a document
        # never asked for a position costs no index); a ranged change, which
        # needs it to find the range, moves it along (`LineIndex.edited`).
        if self._index is None:
            self._index = LineIndex(self.text)
        return self._index

    def set_text(self, text: str, version: int | None) -> None:
        self.text = text
        self.version = version
        self._index = None

    def apply_change(
        self,
        new_text: str,
        start: tuple[int, int] | None = None,
        end: tuple[int, int] | None = None,
        encoding: str = UTF16,
    ) -> None:
        """Apply one content change: replace the range [start, end) (LSP
        positions) by `new_text`, or the whole text when there is no range."""
        if start is None or end is None:
            self.text = new_text
            self._index = None
        else:
            lines = self.lines
            a = lines.offset(*start, encoding)
            b = lines.offset(*end, encoding)
            if b < a:  # a reversed range from a sloppy client
                a, b = b, a
            self._index = lines.edited(a, b, new_text)
            self.text = self._index.text

    def position(self, offset: int, encoding: str = UTF16) -> tuple[int, int]:
        return self.lines.position(offset, encoding)

    def offset(self, line: int, character: int, encoding: str = UTF16) -> int:
        return self.lines.offset(line, character, encoding)
