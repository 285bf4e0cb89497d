"""Build :class:`Redirect` values from tree-sitter redirection nodes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stagelint.shell._structure import CHAIN_OPS
from stagelint.shell.commands import Redirect, descriptor
from stagelint.shell.words import Literal, Word, heredoc_literal, word_from_nodes

if TYPE_CHECKING:
    from tree_sitter import Node

    from stagelint.shell._source import Source

__all__ = ["build_redirects"]


def build_redirects(
    nodes: list[Node],
    src: Source,
    literals: dict[int, Literal],
    spill: list[Word],
) -> tuple[Redirect, ...]:
    """Redirects for ``nodes`` in order.

    The literal of every word made is recorded in ``literals`` (by ``id``) so a
    here-document can be parsed as a nested script.  Words tree-sitter wrongly
    took as extra redirect destinations (``> f b``) are appended to ``spill``:
    they are command arguments.
    """
    result: list[Redirect] = []
    todo = list(reversed(nodes))
    while todo:
        node = todo.pop()
        redirect, nested = _redirect(node, src, literals, spill)
        result.append(redirect)
        todo.extend(reversed(nested))
    return tuple(result)


def _word(node: Node, src: Source, literals: dict[int, Literal]) -> Word:
    word, literal = word_from_nodes([node], src)
    literals[id(word)] = literal
    return word


def _redirect(
    node: Node, src: Source, literals: dict[int, Literal], spill: list[Word]
) -> tuple[Redirect, list[Node]]:
    fd: int | None = None
    op = ""
    targets: list[Node] = []
    nested: list[Node] = []
    body: Node | None = None
    for index, child in enumerate(node.children):
        kind = child.type
        if kind == "file_descriptor":
            text = src.text[src.char(child.start_byte) : src.char(child.end_byte)]
            fd = descriptor(text)
        elif not child.is_named:
            if not op and kind not in CHAIN_OPS:
                op = kind
        elif kind == "heredoc_body":
            body = child
        elif kind == "file_redirect" and node.type == "heredoc_redirect":
            # `cat <<EOF > f`: tree-sitter nests `> f` inside the heredoc.
            nested.append(child)
        elif (
            kind == "heredoc_start"
            or node.field_name_for_child(index) == "destination"
            or (node.type == "herestring_redirect" and kind != "ERROR")
        ):
            targets.append(child)
    if targets:
        target = _word(targets[0], src, literals)
    else:
        position, _ = src.top_span(src.char(node.end_byte), src.char(node.end_byte))
        target = Word("", position, position, "", "")
    spill.extend(_word(extra, src, literals) for extra in targets[1:])
    heredoc: Word | None = None
    if node.type == "heredoc_redirect":
        target = _delimiter(target)
        if body is not None:
            heredoc = _heredoc_word(body, src, target, op, literals)
    return Redirect(op, fd, target, heredoc), nested


def _delimiter(word: Word) -> Word:
    """A here-document delimiter's value is its text with quotes removed."""
    value = word.raw.replace("'", "").replace('"', "").replace("\\", "")
    return Word(word.raw, word.start, word.end, value, value)


def _heredoc_word(
    body: Node, src: Source, delimiter: Word, op: str, literals: dict[int, Literal]
) -> Word:
    quoted = any(char in delimiter.raw for char in "'\"\\")
    literal = heredoc_literal(body, src, quoted=quoted, strip_tabs=op == "<<-")
    start, end = src.char(body.start_byte), src.char(body.end_byte)
    top_start, top_end = src.top_span(start, end)
    word = literal.to_word(src.text[start:end], top_start, top_end)
    literals[id(word)] = literal
    return word
