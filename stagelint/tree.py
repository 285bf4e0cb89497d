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

from typing import TYPE_CHECKING

from stagelint.records import Record

if TYPE_CHECKING:
    from stagelint.text import LineIndex, SourceMap


class Problem(Record):
    """A syntax error or warning found while parsing (reported as SL0xx)."""

    __slots__ = ("end", "kind", "message", "start")

    def __init__(
        self,
        kind: str,  # stable identifier, e.g. "unknown-instruction"
        message: str,
        start: int,
        end: int,
    ) -> None:
        self.kind = kind
        self.message = message
        self.start = start
        self.end = end


class ByteOrderMark(Record):
    __slots__ = ("end", "start")

    def __init__(self, start: int, end: int) -> None:
        self.start = start
        self.end = end


class BlankLine(Record):
    __slots__ = ("end", "start")

    def __init__(self, start: int, end: int) -> None:
        self.start = start
        self.end = end


class Comment(Record):
    """A comment line; `text` is what follows `#`, stripped."""

    __slots__ = ("end", "start", "text")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start = start
        self.end = end
        self.text = text


class Directive(Record):
    """A parser directive line at the top of the file (`# escape=\\``)."""

    __slots__ = ("end", "name", "start", "value", "value_end", "value_start")

    def __init__(
        self,
        start: int,
        end: int,
        name: str,  # lower-case: syntax, escape or check
        value: str,
        value_start: int,
        value_end: int,
    ) -> None:
        self.start = start
        self.end = end
        self.name = name
        self.value = value
        self.value_start = value_start
        self.value_end = value_end


class Flag(Record):
    """A `--name=value` flag of an instruction, as BuildKit reads it."""

    __slots__ = ("end", "name", "start", "value", "value_end", "value_start")

    def __init__(
        self,
        name: str,  # without the leading dashes, as written
        value: str | None,  # None when written without `=`
        start: int,  # span of the whole flag word in the source
        end: int,
        value_start: int,  # span of the value (empty at the end when there is none)
        value_end: int,
    ) -> None:
        self.name = name
        self.value = value
        self.start = start
        self.end = end
        self.value_start = value_start
        self.value_end = value_end


class KeyValue(Record):
    """One pair of ENV or LABEL (`key=value`, or the legacy `key value`)."""

    __slots__ = ("end", "key", "separator", "start", "value")

    def __init__(
        self,
        key: str,
        value: str,  # unexpanded, quotes kept, as BuildKit stores it
        separator: str,  # "=" or "" for the legacy form
        start: int,
        end: int,
    ) -> None:
        self.key = key
        self.value = value
        self.separator = separator
        self.start = start
        self.end = end


class Heredoc(Record):
    """A heredoc body attached to RUN, COPY or ADD."""

    __slots__ = (
        "body_end",
        "body_start",
        "chomp",
        "content",
        "expand",
        "fd",
        "marker_end",
        "marker_start",
        "name",
        "terminated",
        "terminator_end",
        "terminator_start",
    )

    def __init__(
        self,
        name: str,  # the delimiter word, unquoted
        chomp: bool,  # `<<-`: leading tabs are stripped
        expand: bool,  # False when the delimiter was quoted
        fd: int,  # file descriptor prefix (`3<<EOF`), 0 when none
        content: str,  # body as BuildKit passes it on (tabs not yet stripped)
        body_start: int,
        body_end: int,
        terminator_start: int,  # equal to body_end when unterminated
        terminator_end: int,
        terminated: bool,
        marker_start: int,  # span of the `<<EOF` word on the instruction line
        marker_end: int,
    ) -> None:
        self.name = name
        self.chomp = chomp
        self.expand = expand
        self.fd = fd
        self.content = content
        self.body_start = body_start
        self.body_end = body_end
        self.terminator_start = terminator_start
        self.terminator_end = terminator_end
        self.terminated = terminated
        self.marker_start = marker_start
        self.marker_end = marker_end


class InnerLine(Record):
    """A comment or empty line inside a continuation, which BuildKit skips."""

    __slots__ = ("end", "is_comment", "start")

    def __init__(self, start: int, end: int, is_comment: bool) -> None:
        self.start = start
        self.end = end
        self.is_comment = is_comment


class Instruction:
    """One instruction with everything it owns.

    `keyword` is upper-case. `args_text` is the argument text after the flags,
    continuation lines joined the way BuildKit joins them; `args_map` maps its
    offsets back into the file. `arguments` holds BuildKit's split of the
    arguments (JSON strings for the exec form, words, key/value triples...).
    """

    __slots__ = (
        "args_end", "args_map", "args_start", "args_text", "arguments", "comments",
        "content_end", "end", "end_line", "flags", "heredocs", "inner_lines", "json",
        "key_values", "keyword", "keyword_end", "keyword_start", "problems", "source",
        "start", "start_line", "trigger",
    )  # fmt: skip

    def __init__(
        self,
        start: int,
        end: int,
        content_end: int,  # end of the instruction's text, before its final line break
        start_line: int,
        end_line: int,
        keyword: str,
        keyword_start: int,
        keyword_end: int,
        flags: tuple[Flag, ...],
        args_text: str,
        args_map: SourceMap,
        args_start: int,
        args_end: int,
        arguments: tuple[str, ...],
        json: bool,
        key_values: tuple[KeyValue, ...] = (),
        heredocs: tuple[Heredoc, ...] = (),
        inner_lines: tuple[InnerLine, ...] = (),
        trigger: Instruction | None = None,  # the instruction inside ONBUILD
        comments: tuple[Comment, ...] = (),  # comment lines directly above it
        problems: list[Problem] | None = None,
        source: str = "",
    ) -> None:
        self.start = start
        self.end = end
        self.content_end = content_end
        self.start_line = start_line
        self.end_line = end_line
        self.keyword = keyword
        self.keyword_start = keyword_start
        self.keyword_end = keyword_end
        self.flags = flags
        self.args_text = args_text
        self.args_map = args_map
        self.args_start = args_start
        self.args_end = args_end
        self.arguments = arguments
        self.json = json
        self.key_values = key_values
        self.heredocs = heredocs
        self.inner_lines = inner_lines
        self.trigger = trigger
        self.comments = comments
        self.problems: list[Problem] = [] if problems is None else problems
        self.source = source

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


class Document:
    """A parsed Containerfile."""

    __slots__ = ("_instructions", "escape", "lines", "nodes", "problems", "source")

    def __init__(
        self,
        source: str,
        nodes: list[TopNode],
        escape: str,
        problems: list[Problem],
        lines: LineIndex,
    ) -> None:
        self.source = source
        self.nodes = nodes
        self.escape = escape
        self.problems = problems
        self.lines = lines
        self._instructions: tuple[Instruction, ...] | None = None

    def to_source(self) -> str:
        return "".join(self.source[n.start : n.end] for n in self.nodes)

    @property
    def instructions(self) -> tuple[Instruction, ...]:
        """The instructions, in file order (worked out once: the model and
        many rules walk them; the tree is not changed after the parse)."""
        if self._instructions is None:
            self._instructions = tuple(n for n in self.nodes if isinstance(n, Instruction))
        return self._instructions

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
