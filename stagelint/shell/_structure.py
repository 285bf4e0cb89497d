"""Rebuild and-or lists and pipelines from tree-sitter-bash's tree.

Two reasons this is not a plain tree walk:

* ``a && b && c ...`` is a left-nested ``list`` as deep as it is long, so it is
  flattened iteratively (``&&`` and ``||`` have equal precedence and associate
  left, so textual order *is* the structure).
* tree-sitter-bash mis-shapes lines with a here-document.  In
  ``cat <<EOF > f && chmod +x f`` it hangs ``&& chmod +x f`` off the
  redirection; in ``a && cat <<EOF`` it makes ``a && cat`` the body the
  redirection applies to; in ``cat <<EOF | sh`` it hangs ``| sh`` off the
  redirection.  :func:`flatten` undoes all three: it returns the real and-or
  list, plus which command each stray redirection belongs to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from tree_sitter import Node

__all__ = [
    "CHAIN_OPS",
    "COMMANDS",
    "REDIRECTS",
    "Attachment",
    "Bare",
    "Chain",
    "Flattened",
    "Item",
    "Pipe",
    "flatten",
    "pipe_from_node",
]

REDIRECTS = frozenset({"file_redirect", "heredoc_redirect", "herestring_redirect"})
COMMANDS = frozenset({"command", "declaration_command", "unset_command"})
CHAIN_OPS = frozenset({"&&", "||"})
_PIPE_OPS = frozenset({"|", "|&"})
# How many heredoc-with-pipeline tails are followed recursively before giving
# up on restructuring (adversarial input could nest them arbitrarily).
_MAX_TAIL_DEPTH = 64


class Bare:
    """A redirection-only statement (``> file``), cut before ``end_byte``;
    ``scans`` are its redirection parts to search for substitutions."""

    __slots__ = ("end_byte", "node", "scans")

    def __init__(self, node: Node, end_byte: int, scans: list[Node] | None = None) -> None:
        self.node = node
        self.end_byte = end_byte
        self.scans: list[Node] = [] if scans is None else scans


class Pipe:
    """Pipeline stages; ``span`` is the byte span of the pipeline node if any."""

    __slots__ = ("negated", "operators", "span", "stages")

    def __init__(
        self,
        stages: list[Item],
        operators: list[str],
        negated: bool = False,
        span: tuple[int, int] | None = None,
    ) -> None:
        self.stages = stages
        self.operators = operators
        self.negated = negated
        self.span = span


class Chain:
    """An and-or list: ``operators[i]`` sits between elements i and i+1."""

    __slots__ = ("elements", "operators")

    def __init__(self, elements: list[Item], operators: list[str]) -> None:
        self.elements = elements
        self.operators = operators


Item: TypeAlias = "Node | Bare | Pipe | Chain"


class Attachment:
    """Redirections that belong to ``receiver`` (a command node); the
    statement they came from ends at ``end_byte`` (before any tail).
    ``scans`` are the redirection parts (heredoc bodies, targets) to search
    for command substitutions, heredoc tails removed."""

    __slots__ = ("end_byte", "receiver", "redirects", "scans")

    def __init__(
        self, receiver: Node, redirects: list[Node], end_byte: int, scans: list[Node]
    ) -> None:
        self.receiver = receiver
        self.redirects = redirects
        self.end_byte = end_byte
        self.scans = scans


class Flattened:
    """An and-or list plus the side information the walker needs.

    ``scans`` are redirection parts of compound statements (``{ ...; } <<EOF``)
    to search for command substitutions.
    """

    __slots__ = ("attachments", "chain", "scans")

    def __init__(
        self,
        chain: Chain,
        attachments: list[Attachment] | None = None,
        scans: list[Node] | None = None,
    ) -> None:
        self.chain = chain
        self.attachments: list[Attachment] = [] if attachments is None else attachments
        self.scans: list[Node] = [] if scans is None else scans


class _Op:
    __slots__ = ("operator",)

    def __init__(self, operator: str) -> None:
        self.operator = operator


class _PipeTail:
    __slots__ = ("tail",)

    def __init__(self, tail: Node) -> None:
        self.tail = tail


def heredoc_tail(node: Node) -> tuple[str, Node] | None:
    """The ``&&``/``||``/``|`` continuation tree-sitter hung off a heredoc."""
    for child in node.children:
        if child.type != "heredoc_redirect":
            continue
        right = child.child_by_field_name("right")
        operator = child.child_by_field_name("operator")
        if right is not None and operator is not None:
            return operator.type, right
        for grandchild in child.named_children:
            if grandchild.type == "pipeline":
                return "|", grandchild
    return None


def cut_before_tail(node: Node, tail: Node | None) -> int:
    """End byte of a redirected statement, excluding a heredoc tail."""
    if tail is None:
        return node.end_byte
    cut = tail.start_byte
    for child in node.children:
        if child.type == "heredoc_redirect":
            operator = child.child_by_field_name("operator")
            if operator is not None:
                cut = min(cut, operator.start_byte)
    return max(node.start_byte, cut)


def _receiver(body: Node) -> Node | None:
    """The simple command a redirection after ``body`` applies to: the last
    one of a list or pipeline body."""
    current = body
    while True:
        kind = current.type
        if kind in COMMANDS:
            return current
        if kind in ("list", "pipeline", "negated_command"):
            children = [c for c in current.named_children if c.type != "comment"]
            if not children:
                return None
            current = children[-1]
        elif kind == "redirected_statement":
            inner = current.child_by_field_name("body")
            if inner is None:
                return None
            current = inner
        else:
            return None


def pipe_from_node(node: Node) -> Pipe:
    """The stages of a ``pipeline`` node."""
    stages: list[Item] = []
    operators: list[str] = []
    for child in node.children:
        if child.type in _PIPE_OPS:
            operators.append(child.type)
        elif child.is_named and child.type != "comment":
            stages.append(child)
    negated = False
    first = stages[0] if stages else None
    if (
        first is not None
        and not isinstance(first, (Bare, Pipe, Chain))
        and first.type == "negated_command"
        and first.named_child_count
    ):
        # tree-sitter binds `!` to the first stage; bash negates the pipeline.
        negated = True
        stages[0] = first.named_children[-1]
    return Pipe(
        stages, operators[: max(len(stages) - 1, 0)], negated, (node.start_byte, node.end_byte)
    )


def _extend_pipe(pipe: Pipe, item: Item) -> None:
    if isinstance(item, Pipe):
        pipe.stages.extend(item.stages)
        pipe.operators.extend(item.operators)
    elif not isinstance(item, (Bare, Chain)) and item.type == "pipeline":
        inner = pipe_from_node(item)
        pipe.stages.extend(inner.stages)
        pipe.operators.extend(inner.operators)
    else:
        pipe.stages.append(item)
    del pipe.operators[max(len(pipe.stages) - 1, 0) :]


def flatten(node: Node, *, _depth: int = 0) -> Flattened:
    """Flatten the and-or list rooted at ``node`` (a ``list``, a
    ``redirected_statement``, or any single statement)."""
    result = Flattened(Chain([], []))
    elements, operators = result.chain.elements, result.chain.operators
    todo: list[Node | _Op | _PipeTail | Bare] = [node]
    while todo:
        current = todo.pop()
        if isinstance(current, _Op):
            operators.append(current.operator)
        elif isinstance(current, Bare):
            elements.append(current)
        elif isinstance(current, _PipeTail):
            pipe = Pipe([elements.pop()] if elements else [], [])
            following = _pipe_tail(current.tail, pipe, result, _depth)
            elements.append(pipe)
            if following is not None:
                operators.extend(following.operators)
                elements.extend(following.elements)
        elif current.type == "list":
            todo.extend(reversed(current.children))
        elif current.type in CHAIN_OPS:
            operators.append(current.type)
        elif current.type == "comment":
            continue
        elif current.type == "redirected_statement":
            todo.extend(reversed(_unfold_redirected(current, result)))
        else:
            elements.append(current)
    # Malformed input can leave the counts out of step; keep them aligned.
    del operators[max(len(elements) - 1, 0) :]
    return result


def _unfold_redirected(node: Node, result: Flattened) -> list[Node | _Op | _PipeTail | Bare]:
    """What a redirected statement stands for, in order, recording where its
    redirections go."""
    tail = heredoc_tail(node)
    tail_node = tail[1] if tail else None
    body = node.child_by_field_name("body")
    redirects = [child for child in node.children if child.type in REDIRECTS]
    scans = [
        child
        for redirect in redirects
        for child in redirect.children
        if tail_node is None or (child.id != tail_node.id and child.type not in CHAIN_OPS)
    ]
    end_byte = cut_before_tail(node, tail_node)
    unfolded: list[Node | _Op | _PipeTail | Bare] = []
    if body is None:
        unfolded.append(Bare(node, end_byte, scans))
    else:
        receiver = _receiver(body)
        if receiver is not None:
            result.attachments.append(Attachment(receiver, redirects, end_byte, scans))
        else:
            # A compound body (`{ ...; } > log`) keeps its redirections to
            # itself: they are not attributed to the simple commands inside.
            result.scans.extend(scans)
        unfolded.append(body)
    if tail is not None:
        operator, rest = tail
        if operator == "|":
            unfolded.append(_PipeTail(rest))
        else:
            unfolded.extend([_Op(operator), rest])
    return unfolded


def _pipe_tail(tail: Node, pipe: Pipe, result: Flattened, depth: int) -> Chain | None:
    """Add the stages of a heredoc's ``| ...`` tail to ``pipe``; return what
    follows the pipeline in the and-or list, if anything."""
    stages = [child for child in tail.named_children if child.type != "comment"]
    operators = [child.type for child in tail.children if child.type in _PIPE_OPS]
    for operator, stage in zip(operators, stages, strict=False):
        pipe.operators.append(operator)
        if stage.type in ("list", "redirected_statement") and depth < _MAX_TAIL_DEPTH:
            inner = flatten(stage, _depth=depth + 1)
            result.attachments.extend(inner.attachments)
            result.scans.extend(inner.scans)
            if inner.chain.elements:
                _extend_pipe(pipe, inner.chain.elements[0])
                rest = Chain(inner.chain.elements[1:], inner.chain.operators)
                return rest if rest.elements else None
            continue
        _extend_pipe(pipe, stage)
    return None
