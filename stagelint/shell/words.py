"""Shell words: their source text, position and static value after quote removal.

A lint rule mostly wants to know "what string will the command see?".  That is
only knowable when the word has no parameter expansion, command substitution,
glob or brace expansion, so :attr:`Word.value` is ``None`` for such words and
the rule falls back to :attr:`Word.raw` (or :attr:`Word.pattern` for globs).

This module also builds words from tree-sitter nodes.  It keeps, per produced
character, the offset it came from so that a nested script parsed out of a
``sh -c '...'`` string can report offsets in the outer script.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from stagelint.records import Record

if TYPE_CHECKING:
    from tree_sitter import Node

    from stagelint.shell._source import Source

__all__ = ["Literal", "Word", "heredoc_literal", "split_assignment", "word_from_nodes"]


class Word(Record):
    """One shell word (immutable by convention).

    ``raw`` is the text the shell parsed (for a word of a nested ``sh -c``
    script, the text of the nested script).  ``start``/``end`` are offsets in
    the script given to :func:`~stagelint.shell.parse_script`; for nested
    scripts they are mapped back into it, exactly for single-quoted strings and
    best effort otherwise (then ``text[start:end]`` may differ from ``raw``).

    ``value`` is the word after quote removal when it is static, else ``None``.
    Unquoted globs (``*``, ``?``, ``[...]``), brace expansion and a leading
    unquoted ``~`` make a word dynamic.

    ``pattern`` is the word after quote removal with unquoted glob characters
    and a leading ``~`` left active and quoted glob characters escaped with a
    backslash (shell pattern syntax); ``None`` when the word holds an expansion,
    a substitution or a brace expansion.  For a static word it is ``value`` with
    ``* ? [ ] \\`` escaped.
    """

    __slots__ = ("end", "pattern", "raw", "start", "value")

    def __init__(
        self, raw: str, start: int, end: int, value: str | None, pattern: str | None = None
    ) -> None:
        self.raw = raw
        self.start = start
        self.end = end
        self.value = value
        self.pattern = pattern

    @property
    def is_static(self) -> bool:
        """Whether the word's value is known without running anything."""
        return self.value is not None


_GLOB_SPECIALS = frozenset("*?[]\\")
# Characters that can make a word's text differ from its value or pattern.
_SPECIAL = frozenset("*?[]\\{~")
_ANSI_SIMPLE = {
    "a": "\a",
    "b": "\b",
    "e": "\x1b",
    "E": "\x1b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
    "\\": "\\",
    "'": "'",
    '"': '"',
    "?": "?",
}
_HEX = frozenset("0123456789abcdefABCDEF")
_OCT = frozenset("01234567")
# Node types whose text is plain unquoted shell text.
_UNQUOTED_LEAVES = frozenset(
    {"word", "number", "variable_name", "extglob_pattern", "file_descriptor", "test_operator"}
)
# Node types whose value is assembled from their children (plus the gaps).
_CONCATENATIONS = frozenset({"concatenation", "variable_assignment"})
_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class Literal:
    """The characters of a word after quote removal, with provenance.

    ``offsets[i]`` is the character offset (in the word's :class:`Source`) the
    i-th character came from, and ``quoted[i]`` whether it was quoted (quoted
    characters never glob).  ``dynamic`` is set as soon as an expansion or
    substitution is seen: the characters are then incomplete.
    """

    __slots__ = ("chars", "dynamic", "offsets", "quoted")

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.quoted: list[bool] = []
        self.dynamic = False

    @property
    def text(self) -> str:
        """The characters joined."""
        return "".join(self.chars)

    def _extend(self, text: str, start: int, quoted: bool) -> None:
        """Add `text` character for character, from offset `start` on."""
        self.chars.extend(text)
        self.offsets.extend(range(start, start + len(text)))
        self.quoted.extend([quoted] * len(text))

    def _add(self, char: str, offset: int, quoted: bool) -> None:
        self.chars.append(char)
        self.offsets.append(offset)
        self.quoted.append(quoted)

    def add_unquoted(self, text: str, start: int) -> None:
        """Add unquoted shell text: a backslash quotes the next character and
        backslash-newline is a line continuation that vanishes."""
        if "\\" not in text:  # most text: every character as is
            self._extend(text, start, False)
            return
        index, length = 0, len(text)
        while index < length:
            char = text[index]
            if char == "\\" and index + 1 < length:
                if text[index + 1] != "\n":
                    self._add(text[index + 1], start + index + 1, True)
                index += 2
                continue
            self._add(char, start + index, False)
            index += 1

    def add_single(self, text: str, start: int) -> None:
        """Add the inside of a single-quoted string, verbatim."""
        self._extend(text, start, True)

    def add_double(self, text: str, start: int) -> None:
        """Add literal text inside double quotes, where a backslash only
        escapes ``$ ` " \\`` and newline."""
        if "\\" not in text:
            self._extend(text, start, True)
            return
        index, length = 0, len(text)
        while index < length:
            char = text[index]
            if char == "\\" and index + 1 < length and text[index + 1] in '$`"\\\n':
                if text[index + 1] != "\n":
                    self._add(text[index + 1], start + index + 1, True)
                index += 2
                continue
            self._add(char, start + index, True)
            index += 1

    def add_ansi_c(self, text: str, start: int) -> None:
        """Add the inside of ``$'...'``, decoding its backslash escapes."""
        index, length = 0, len(text)
        while index < length:
            char = text[index]
            if char != "\\" or index + 1 >= length:
                self._add(char, start + index, True)
                index += 1
                continue
            code = text[index + 1]
            consumed, decoded = 2, ""
            if code in _ANSI_SIMPLE:
                decoded = _ANSI_SIMPLE[code]
            elif code in _OCT:
                digits = _take(text, index + 1, _OCT, 3)
                consumed, decoded = 1 + len(digits), chr(int(digits, 8) & 0xFF)
            elif code in "xuU":
                digits = _take(text, index + 2, _HEX, {"x": 2, "u": 4, "U": 8}[code])
                if digits:
                    consumed, decoded = 2 + len(digits), _safe_chr(int(digits, 16))
                else:
                    decoded = "\\" + code
            elif code == "c" and index + 2 < length:
                consumed, decoded = 3, chr(ord(text[index + 2]) & 0x1F)
            else:
                decoded = "\\" + code
            for piece in decoded:
                self._add(piece, start + index, True)
            index += consumed

    def add_node(self, node: Node, src: Source) -> None:
        """Add the characters a tree-sitter word node stands for."""
        kind = node.type
        start, end = src.char(node.start_byte), src.char(node.end_byte)
        text = src.text[start:end]
        if kind in _UNQUOTED_LEAVES or (not node.is_named and kind != "ERROR"):
            self.add_unquoted(text, start)
        elif kind == "raw_string":
            inner_end = len(text) - 1 if len(text) >= 2 and text.endswith("'") else len(text)
            self.add_single(text[1:inner_end], start + 1)
        elif kind == "ansi_c_string":
            inner_end = len(text) - 1 if len(text) >= 3 and text.endswith("'") else len(text)
            self.add_ansi_c(text[2:inner_end], start + 2)
        elif kind == "string":
            self._add_string(node, src, start, end, text)
        elif kind in _CONCATENATIONS:
            self.add_nodes(node.children, src, start, end)
        else:
            # Expansions, substitutions, arrays, errors...: not knowable.
            self.dynamic = True

    def _add_string(self, node: Node, src: Source, start: int, end: int, text: str) -> None:
        inner_end = end - 1 if len(text) >= 2 and text.endswith('"') else end
        position = start + 1
        for child in node.children:
            if not child.is_named:
                continue  # the quotes themselves
            child_start, child_end = src.char(child.start_byte), src.char(child.end_byte)
            if child_start > position:
                # tree-sitter leaves some literal text (e.g. newlines) uncovered.
                self.add_double(src.text[position:child_start], position)
            if child.type == "string_content":
                self.add_double(src.text[child_start:child_end], child_start)
            else:
                self.dynamic = True
            position = max(position, child_end)
        if inner_end > position:
            self.add_double(src.text[position:inner_end], position)

    def add_nodes(self, nodes: Sequence[Node], src: Source, start: int, end: int) -> None:
        """Add adjacent nodes forming one word; text between them (line
        continuations, or pieces tree-sitter did not wrap) is unquoted text."""
        position = start
        count = len(nodes)
        for index, node in enumerate(nodes):
            node_start, node_end = src.char(node.start_byte), src.char(node.end_byte)
            if node_start > position:
                self.add_unquoted(src.text[position:node_start], position)
            position = max(position, node_end)
            if (
                node.type == "$"
                and index + 1 < count
                and nodes[index + 1].type == "string"
                and nodes[index + 1].start_byte == node.end_byte
            ):
                # $"..." (locale translation) is the double-quoted string itself.
                continue
            self.add_node(node, src)
        if end > position:
            self.add_unquoted(src.text[position:end], position)

    def to_word(self, raw: str, start: int, end: int) -> Word:
        """Freeze into a :class:`Word` spanning ``[start, end)`` of the outer script."""
        if self.dynamic:
            return Word(raw, start, end, None, None)
        text = self.text
        if not _SPECIAL.intersection(text):  # no glob, brace or tilde: the word is its text
            return Word(raw, start, end, text, text)
        unquoted = [not quoted for quoted in self.quoted]
        if _has_brace_expansion(text, unquoted):
            return Word(raw, start, end, None, None)
        globbing = _has_glob(text, unquoted) or (bool(text) and text[0] == "~" and unquoted[0])
        pattern = "".join(
            "\\" + char if quoted and char in _GLOB_SPECIALS else char
            for char, quoted in zip(self.chars, self.quoted, strict=True)
        )
        return Word(raw, start, end, None if globbing else text, pattern)


def _take(text: str, start: int, allowed: frozenset[str], limit: int) -> str:
    end = start
    while end < len(text) and end - start < limit and text[end] in allowed:
        end += 1
    return text[start:end]


def _safe_chr(code: int) -> str:
    return chr(code) if code <= 0x10FFFF else "\ufffd"


def _has_glob(text: str, unquoted: list[bool]) -> bool:
    bracket = False
    for char, active in zip(text, unquoted, strict=True):
        if not active:
            continue
        if char in "*?":
            return True
        if char == "[":
            bracket = True
        elif char == "]" and bracket:
            return True
    return False


def _has_brace_expansion(text: str, unquoted: list[bool]) -> bool:
    # Only {a,b} and {1..3} expand; "{}" (find -exec) and "{x}" are literal.
    opened = -1
    for index, char in enumerate(text):
        if not unquoted[index]:
            continue
        if char == "{":
            opened = index
        elif char == "}" and opened >= 0:
            body = "".join(
                c if unquoted[opened + 1 + i] else "\0"
                for i, c in enumerate(text[opened + 1 : index])
            )
            if "," in body or ".." in body:
                return True
            opened = -1
    return False


def word_from_nodes(nodes: Sequence[Node], src: Source) -> tuple[Word, Literal]:
    """Build one word from one or more adjacent tree-sitter nodes."""
    start, end = src.char(nodes[0].start_byte), src.char(nodes[-1].end_byte)
    literal = Literal()
    if len(nodes) == 1 and nodes[0].type in _UNQUOTED_LEAVES:
        # Most words are one plain token: what add_nodes does with it, without
        # its dispatch over node kinds.
        literal.add_unquoted(src.text[start:end], start)
    else:
        literal.add_nodes(nodes, src, start, end)
    top_start, top_end = src.top_span(start, end)
    return literal.to_word(src.text[start:end], top_start, top_end), literal


def heredoc_literal(body: Node, src: Source, *, quoted: bool, strip_tabs: bool) -> Literal:
    """The text a here-document feeds to its command.

    With a quoted delimiter the body is verbatim; otherwise expansions make it
    dynamic and backslash only escapes ``$ ` \\`` and newline.  ``<<-`` strips
    leading tabs from every line.
    """
    literal = Literal()
    if not quoted and any(
        child.is_named and child.type != "heredoc_content" for child in body.children
    ):
        literal.dynamic = True
        return literal
    start, end = src.char(body.start_byte), src.char(body.end_byte)
    text = src.text[start:end]
    index, length, line_start = 0, len(text), True
    while index < length:
        char = text[index]
        if strip_tabs and line_start and char == "\t":
            index += 1
            continue
        line_start = char == "\n"
        if not quoted and char == "\\" and index + 1 < length and text[index + 1] in "$`\\\n":
            if text[index + 1] != "\n":
                literal._add(text[index + 1], start + index + 1, True)
            index += 2
            continue
        literal._add(char, start + index, True)
        index += 1
    return literal


def split_assignment(word: Word) -> tuple[str, Word] | None:
    """Split a ``NAME=value`` word (as ``env`` and ``export`` take them).

    The value word's offsets assume the name is written plainly in ``raw``.
    """
    match = _NAME_RE.match(word.raw)
    if match is None or word.raw[match.end() : match.end() + 1] != "=":
        return None
    name = match.group()
    cut = len(name) + 1
    prefix = name + "="
    value = word.value[cut:] if word.value is not None and word.value.startswith(prefix) else None
    pattern = (
        word.pattern[cut:] if word.pattern is not None and word.pattern.startswith(prefix) else None
    )
    start = min(word.start + cut, word.end)
    return name, Word(word.raw[cut:], start, word.end, value, pattern)
