"""The lossless syntax tree of a Containerfile.

Every character of the input belongs to exactly one top-level node, in order:
a byte-order mark, parser directives, comment lines, blank lines and
instructions. An instruction owns its continuation lines (with the comment and
empty lines inside them) and its heredoc bodies, so `Document.to_source()`
returns the input unchanged for every string, valid or not.

Offsets are string indices into the decoded text; `start`/`end` are half-open.
Values such as `Instruction.arguments` are BuildKit's reading of the text;
spans point back to where each piece was written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from stagelint.text import LineIndex, SourceMap


class Problem(NamedTuple):
    """A syntax error or warning found while parsing (reported as SL0xx)."""

    kind: str  # stable identifier, e.g. "unknown-instruction"
    message: str
    start: int
    end: int


class ByteOrderMark(NamedTuple):
    start: int
    end: int


class BlankLine(NamedTuple):
    start: int
    end: int


class Comment(NamedTuple):
    """A comment line; `text` is what follows `#`, stripped."""

    start: int
    end: int
    text: str


class Directive(NamedTuple):
    """A parser directive line at the top of the file (`# escape=\\``)."""

    start: int
    end: int
    name: str  # lower-case: syntax, escape or check
    value: str
    value_start: int
    value_end: int


class Flag(NamedTuple):
    """A `--name=value` flag of an instruction, as BuildKit reads it."""

    name: str  # without the leading dashes, as written
    value: str | None  # None when written without `=`
    start: int  # span of the whole flag word in the source
    end: int
    value_start: int  # span of the value (empty at the end when there is none)
    value_end: int


class KeyValue(NamedTuple):
    """One pair of ENV or LABEL (`key=value`, or the legacy `key value`)."""

    key: str
    value: str  # unexpanded, quotes kept, as BuildKit stores it
    separator: str  # "=" or "" for the legacy form
    start: int
    end: int


class Heredoc(NamedTuple):
    """A heredoc body attached to RUN, COPY or ADD."""

    name: str  # the delimiter word, unquoted
    chomp: bool  # `<<-`: leading tabs are stripped
    expand: bool  # False when the delimiter was quoted
    fd: int  # file descriptor prefix (`3<<EOF`), 0 when none
    content: str  # body as BuildKit passes it on (tabs not yet stripped)
    body_start: int
    body_end: int
    terminator_start: int  # equal to body_end when unterminated
    terminator_end: int
    terminated: bool
    marker_start: int  # span of the `<<EOF` word on the instruction line
    marker_end: int


class InnerLine(NamedTuple):
    """A comment or empty line inside a continuation, which BuildKit skips."""

    start: int
    end: int
    is_comment: bool


@dataclass(slots=True, eq=False, repr=False)
class Instruction:
    """One instruction with everything it owns.

    `keyword` is upper-case. `args_text` is the argument text after the flags,
    continuation lines joined the way BuildKit joins them; `args_map` maps its
    offsets back into the file. `arguments` holds BuildKit's split of the
    arguments (JSON strings for the exec form, words, key/value triples...).
    """

    start: int
    end: int
    content_end: int  # end of the instruction's text, before its final line break
    start_line: int
    end_line: int
    keyword: str
    keyword_start: int
    keyword_end: int
    flags: tuple[Flag, ...]
    args_text: str
    args_map: SourceMap
    args_start: int
    args_end: int
    arguments: tuple[str, ...]
    json: bool
    key_values: tuple[KeyValue, ...] = ()
    heredocs: tuple[Heredoc, ...] = ()
    inner_lines: tuple[InnerLine, ...] = ()
    trigger: Instruction | None = None  # the instruction inside ONBUILD
    comments: tuple[Comment, ...] = ()  # comment lines directly above it
    problems: list[Problem] = field(default_factory=list)
    source: str = ""

    @property
    def text(self) -> str:
        return self.source[self.start : self.end]

    def flag(self, name: str) -> Flag | None:
        """The last flag called `name` (BuildKit keeps the last of repeats)."""
        for f in reversed(self.flags):
            if f.name == name:
                return f
        return None

    def flags_named(self, name: str) -> list[Flag]:
        return [f for f in self.flags if f.name == name]

    def args_span(self, start: int, end: int) -> tuple[int, int]:
        """Source span of [start, end) in `args_text`."""
        return self.args_map.span(start, end)


TopNode = ByteOrderMark | BlankLine | Comment | Directive | Instruction


@dataclass(slots=True, eq=False, repr=False)
class Document:
    """A parsed Containerfile."""

    source: str
    nodes: list[TopNode]
    escape: str
    problems: list[Problem]
    lines: LineIndex

    def to_source(self) -> str:
        return "".join(self.source[n.start : n.end] for n in self.nodes)

    @property
    def instructions(self) -> list[Instruction]:
        return [n for n in self.nodes if isinstance(n, Instruction)]

    @property
    def directives(self) -> list[Directive]:
        return [n for n in self.nodes if isinstance(n, Directive)]

    def directive(self, name: str) -> Directive | None:
        for d in self.directives:
            if d.name == name:
                return d
        return None

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of `offset`."""
        return self.lines.position(offset)
