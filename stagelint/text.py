"""Text helpers shared by the parser and the model.

BuildKit is written in Go, and some of its decisions hinge on Go's notion of
white space (`unicode.IsSpace`), which differs from Python's `str.isspace`.
Positions are offsets into the decoded text (Python string indices); lines and
columns are 1-based, as every linter reports them.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple

# Go's unicode.IsSpace: '\t', '\n', '\v', '\f', '\r', ' ', U+0085, U+00A0 and
# the Unicode space separators (category Zs) plus U+2028/U+2029.
_GO_SPACE = frozenset(
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
# BuildKit's reWhitespace: `[\t\v\f\r ]+`, used to split a keyword from its arguments.
ASCII_BLANKS = frozenset("\t\v\f\r ")


def is_go_space(ch: str) -> bool:
    return ch in _GO_SPACE


def go_trim_left(s: str) -> str:
    i = 0
    n = len(s)
    while i < n and s[i] in _GO_SPACE:
        i += 1
    return s[i:]


def go_trim_space(s: str) -> str:
    start = 0
    end = len(s)
    while start < end and s[start] in _GO_SPACE:
        start += 1
    while end > start and s[end - 1] in _GO_SPACE:
        end -= 1
    return s[start:end]


def leading_space_len(s: str) -> int:
    i = 0
    n = len(s)
    while i < n and s[i] in _GO_SPACE:
        i += 1
    return i


class LineIndex:
    """Maps offsets to 1-based (line, column) pairs and back."""

    __slots__ = ("_length", "_starts")

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        i = find("\n")
        while i >= 0:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._starts = starts
        self._length = len(text)

    def edited(self, start: int, end: int, text: str, new_end: int) -> LineIndex:
        """The index of `text`, this index's text with [start, end) replaced
        by text[start:new_end]: the line starts around the edit are moved,
        only the replacement is searched for line breaks."""
        starts = self._starts
        delta = new_end - end
        # A line starts after each "\n": the starts up to `start` are before
        # the edit, those past `end` after it.
        head = bisect_right(starts, start)
        tail = bisect_right(starts, end)
        new_starts = starts[:head]
        find = text.find
        i = find("\n", start, new_end)
        while i >= 0:
            new_starts.append(i + 1)
            i = find("\n", i + 1, new_end)
        new_starts += [s + delta for s in starts[tail:]]
        index = LineIndex.__new__(LineIndex)
        index._starts = new_starts
        index._length = len(text)
        return index

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and 1-based column of `offset`."""
        offset = max(0, min(offset, self._length))
        line = bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based `line`."""
        return self._starts[max(0, min(line - 1, len(self._starts) - 1))]

    def offset(self, line: int, column: int) -> int:
        return min(self.line_start(line) + column - 1, self._length)


class Segment(NamedTuple):
    logical: int
    source: int
    length: int


class SourceMap:
    """Maps offsets in a logical line (continuation lines joined, comments and
    line breaks dropped, as BuildKit joins them) back to offsets in the file.

    A map can be a view of another one shifted by `base` characters (the
    arguments of an instruction are a suffix of its logical line), or moved
    by `moved` source characters (the same instruction further down the file),
    sharing the segments instead of copying them.
    """

    __slots__ = ("_base", "_end", "_logical_starts", "_moved", "_segments", "length")

    def __init__(self, segments: list[Segment], end: int, base: int = 0) -> None:
        """`end` is the source offset just past the text, used for positions
        at or past the end (and for every position of an empty text)."""
        self._segments = segments
        self._logical_starts = [s.logical for s in segments]
        self._base = base
        self._moved = 0
        total = segments[-1].logical + segments[-1].length if segments else 0
        self.length = max(total - base, 0)
        self._end = segments[-1].source + segments[-1].length if segments else end

    def to_source(self, index: int) -> int:
        """Source offset of logical `index`; the end of the text maps just past
        the last character."""
        if index >= self.length:
            return self._end
        index += self._base
        segs = self._segments
        if len(segs) == 1:
            seg = segs[0]
        else:
            seg = segs[max(bisect_right(self._logical_starts, index) - 1, 0)]
        return seg.source + (index - seg.logical) + self._moved

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source span of logical [start, end): the end maps to just after the
        last character it covers, so a span never swallows a line break."""
        if end <= start:
            s = self.to_source(start)
            return s, s
        return self.to_source(start), self.to_source(end - 1) + 1

    def segments(self) -> list[Segment]:
        """The contiguous pieces of the text, in this map's own offsets."""
        out: list[Segment] = []
        for seg in self._segments:
            start = max(seg.logical, self._base)
            end = min(seg.logical + seg.length, self._base + self.length)
            if end > start:
                source = seg.source + start - seg.logical + self._moved
                out.append(Segment(start - self._base, source, end - start))
        return out

    def shifted(self, delta: int) -> SourceMap:
        """The map of the logical text with its first `delta` characters removed."""
        view = SourceMap.__new__(SourceMap)
        view._segments = self._segments
        view._logical_starts = self._logical_starts
        view._base = self._base + delta
        view._moved = self._moved
        view.length = max(self.length - delta, 0)
        view._end = self._end
        return view

    def moved(self, delta: int) -> SourceMap:
        """The same map for the same text starting `delta` characters later
        in the file."""
        view = self.shifted(0)
        view._moved += delta
        view._end += delta
        return view
