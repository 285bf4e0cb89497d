"""Parse a shell script into the simple commands and pipelines it runs.

The walk over the tree-sitter tree is iterative (an explicit stack), so a
script nesting thousands of subshells or substitutions cannot exhaust Python's
recursion limit.  Scripts nested in ``sh -c`` strings (and ``eval``,
``su -c``, ``bash <<EOF``) are parsed again and walked on the same stack, at
most :data:`MAX_NESTING` levels deep.  The reshaping of and-or lists and
here-document lines is in :mod:`stagelint.shell._structure`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stagelint.records import Record
from stagelint.shell._redirects import build_redirects
from stagelint.shell._source import Source, parse_tree
from stagelint.shell._structure import (
    COMMANDS,
    Attachment,
    Bare,
    Chain,
    Item,
    Pipe,
    flatten,
    pipe_from_node,
)
from stagelint.shell.commands import Pipeline, Redirect, SimpleCommand
from stagelint.shell.nested import nested_script_words
from stagelint.shell.plain import plain_script_commands
from stagelint.shell.words import Literal, Word, word_from_nodes

if TYPE_CHECKING:
    from tree_sitter import Node

__all__ = ["MAX_NESTING", "Script", "parse_script"]

MAX_NESTING = 8
"""How many levels of nested ``sh -c`` scripts are parsed."""

# Parents under which a variable assignment is a statement of its own (and
# not, say, the initialiser of a C-style for loop).
_STATEMENT_PARENTS = frozenset(
    {
        "program",
        "list",
        "compound_statement",
        "subshell",
        "do_group",
        "if_statement",
        "elif_clause",
        "else_clause",
        "case_item",
        "pipeline",
        "negated_command",
        "redirected_statement",
        "command_substitution",
        "process_substitution",
        "while_statement",
    }
)


class Script(Record, ignore=("memo",)):
    """A parsed script (immutable by convention; ``memo`` is a cache).

    ``commands`` lists every simple command in source order, including those
    in compound commands, functions, substitutions and nested ``sh -c``
    scripts (see :class:`SimpleCommand` for ``depth``/``in_condition``).
    ``pipelines`` lists every pipeline of two or more stages, in walk order.
    ``has_errors`` is true when tree-sitter reported a syntax error in the
    script or in a nested script it parsed; the commands it could recover are
    still listed.
    """

    __slots__ = ("commands", "has_errors", "memo", "pipelines", "text")

    def __init__(
        self,
        text: str,
        commands: tuple[SimpleCommand, ...],
        has_errors: bool,
        pipelines: tuple[Pipeline, ...] = (),
        memo: dict[object, object] | None = None,
    ) -> None:
        self.text = text
        self.commands = commands
        self.has_errors = has_errors
        self.pipelines = pipelines
        # Analyses of this script (package-manager calls, cleanups, path effects),
        # kept with it: a parsed script is shared by every lint of the same text.
        self.memo: dict[object, object] = {} if memo is None else memo

    def commands_named(self, *names: str) -> list[SimpleCommand]:
        """Commands whose name, after stripping wrappers, is one of ``names``.

        The commands are returned as :meth:`SimpleCommand.effective` views, so
        ``sudo apt-get install x`` comes back with ``argv[0]`` = ``apt-get``.
        """
        wanted = frozenset(names)
        found: list[SimpleCommand] = []
        for command in self.commands:
            effective = command.effective()
            if effective.name in wanted:
                found.append(effective)
        return found


def parse_script(text: str) -> Script:
    """Parse ``text`` as a POSIX/bash script.  Never raises on a ``str``."""
    commands = plain_script_commands(text)  # most scripts: no parser needed
    if commands is not None:
        return Script(text, commands, False)
    return _Walker(text).run()


class _Ctx:
    """What a node inherits from where it sits (immutable by convention)."""

    __slots__ = ("depth", "in_condition", "level", "member", "src")

    def __init__(
        self,
        src: Source,
        depth: int,
        in_condition: bool,
        # (pipeline index, stage index) of every pipeline stage this is part of.
        member: tuple[tuple[int, int], ...],
        level: int,  # nested-script level, bounded by MAX_NESTING
    ) -> None:
        self.src = src
        self.depth = depth
        self.in_condition = in_condition
        self.member = member
        self.level = level

    def replace(
        self,
        *,
        depth: int | None = None,
        in_condition: bool | None = None,
        member: tuple[tuple[int, int], ...] | None = None,
    ) -> _Ctx:
        """A copy with the given fields changed."""
        return _Ctx(
            self.src,
            self.depth if depth is None else depth,
            self.in_condition if in_condition is None else in_condition,
            self.member if member is None else member,
            self.level,
        )


_PipeRest = tuple[tuple[str, ...], int, int, int, bool, bool]


def _glued(src: Source, end_byte: int, next_start: int) -> bool:
    """Whether two adjacent argument nodes form one shell word."""
    if next_start == end_byte:
        return True
    gap = src.text[src.char(end_byte) : src.char(next_start)]
    # tree-sitter splits `ec\<newline>ho` in two; the shell sees one word.
    return gap.replace("\\\n", "") == ""


def _trimmed_span(src: Source, start_byte: int, end_byte: int) -> tuple[int, int]:
    start, end = src.char(start_byte), src.char(end_byte)
    while end > start and src.text[end - 1] in " \t\n":
        end -= 1
    return src.top_span(start, end)


class _Walker:
    """One parse: walks the trees and accumulates commands and pipelines."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.commands: list[SimpleCommand] = []
        # Each pipeline's commands, stage by stage, as they are found, and the
        # rest of its Pipeline (operators, start, end, depth, in_condition, negated).
        self.pipes: list[tuple[list[list[SimpleCommand]], _PipeRest]] = []
        self.has_errors = False
        self.stack: list[tuple[Item, _Ctx]] = []
        # Redirections tree-sitter placed away from their command, keyed by
        # (source, node id) because ids are only unique within one tree.
        self.attached: dict[tuple[int, int], Attachment] = {}

    def run(self) -> Script:
        self._push_tree(Source(self.text), depth=0, in_condition=False, member=(), level=0)
        while self.stack:
            item, ctx = self.stack.pop()
            self._visit(item, ctx)
        pipelines = tuple(
            Pipeline(tuple(tuple(stage) for stage in stages), *rest) for stages, rest in self.pipes
        )
        # The walk is pre-order, which is source order except where a heredoc
        # body (written after the rest of its line) holds a substitution.
        commands = sorted(self.commands, key=lambda command: command.start)
        return Script(self.text, tuple(commands), self.has_errors, pipelines)

    def _push_tree(
        self,
        src: Source,
        *,
        depth: int,
        in_condition: bool,
        member: tuple[tuple[int, int], ...],
        level: int,
    ) -> None:
        root = parse_tree(src.data).root_node
        self.has_errors = self.has_errors or root.has_error
        self.stack.append((root, _Ctx(src, depth, in_condition, member, level)))

    def _push_all(self, nodes: list[Node], ctx: _Ctx) -> None:
        # A leaf (a word, an operator, a comment) holds no command to find,
        # unless it is a command itself: skipping leaves halves the walk.
        self.stack.extend(
            (node, ctx) for node in reversed(nodes) if node.child_count or node.type in COMMANDS
        )

    # -- dispatch ---------------------------------------------------------

    def _visit(self, item: Item, ctx: _Ctx) -> None:
        if isinstance(item, Chain):
            self._visit_chain(item, ctx)
        elif isinstance(item, Pipe):
            self._visit_pipe(item, ctx)
        elif isinstance(item, Bare):
            self._emit_bare(item, ctx)
        else:
            self._visit_node(item, ctx)

    def _visit_node(self, node: Node, ctx: _Ctx) -> None:
        kind = node.type
        if kind == "comment":
            return
        if kind in COMMANDS:
            self._emit_command(node, ctx)
        elif kind in ("list", "redirected_statement"):
            flattened = flatten(node)
            for attachment in flattened.attachments:
                self.attached[(id(ctx.src), attachment.receiver.id)] = attachment
            # Substitutions in heredoc bodies and redirect targets run too.
            self._push_all(flattened.scans, ctx)
            self._visit_chain(flattened.chain, ctx)
        elif kind == "pipeline":
            self._visit_pipe(pipe_from_node(node), ctx)
        elif kind in ("variable_assignment", "variable_assignments"):
            parent = node.parent
            if parent is not None and parent.type in _STATEMENT_PARENTS:
                self._emit_assignments(node, ctx)
            self._push_all(node.children, ctx)
        elif kind == "negated_command":
            self._push_all(node.children, ctx.replace(in_condition=True))
        elif kind in ("if_statement", "elif_clause", "while_statement"):
            self._visit_conditional(node, ctx)
        elif kind in ("subshell", "function_definition"):
            self._push_all(node.children, ctx.replace(depth=ctx.depth + 1))
        elif kind in ("command_substitution", "process_substitution"):
            # A substitution's failure is not its pipeline's failure.
            inner = ctx.replace(depth=ctx.depth + 1, member=())
            self._push_all(node.children, inner)
        else:
            self._push_all(node.children, ctx)

    def _visit_conditional(self, node: Node, ctx: _Ctx) -> None:
        # Everything before `then` (if/elif) or the `do` group (while/until)
        # is the condition.
        condition = ctx.replace(in_condition=True)
        in_condition = True
        entries: list[tuple[Item, _Ctx]] = []
        for child in node.children:
            if child.type in ("then", "do_group"):
                in_condition = False
            entries.append((child, condition if in_condition else ctx))
        self.stack.extend(reversed(entries))

    def _visit_chain(self, chain: Chain, ctx: _Ctx) -> None:
        entries: list[tuple[Item, _Ctx]] = []
        tolerated = ctx.in_condition
        # Walking backwards: an element is tolerated if any later operator is ||.
        for index in range(len(chain.elements) - 1, -1, -1):
            if index < len(chain.operators) and chain.operators[index] == "||":
                tolerated = True
            element_ctx = ctx.replace(in_condition=tolerated)
            entries.append((chain.elements[index], element_ctx))
        self.stack.extend(entries)

    def _visit_pipe(self, pipe: Pipe, ctx: _Ctx) -> None:
        in_condition = ctx.in_condition or pipe.negated
        if len(pipe.stages) < 2:
            for stage in reversed(pipe.stages):
                self.stack.append((stage, ctx.replace(in_condition=in_condition)))
            return
        if pipe.span is not None:
            start, end = ctx.src.top_span(ctx.src.char(pipe.span[0]), ctx.src.char(pipe.span[1]))
        else:
            start, end = ctx.src.top_span(*self._item_span(pipe, ctx.src))
        index = len(self.pipes)
        rest = (tuple(pipe.operators), start, end, ctx.depth, in_condition, pipe.negated)
        self.pipes.append(([[] for _ in pipe.stages], rest))
        for stage_index in range(len(pipe.stages) - 1, -1, -1):
            member = (*ctx.member, (index, stage_index))
            stage_ctx = ctx.replace(in_condition=in_condition, member=member)
            self.stack.append((pipe.stages[stage_index], stage_ctx))

    def _item_span(self, item: Item, src: Source) -> tuple[int, int]:
        """Character span of a pipeline stage (synthetic items span their parts)."""
        if isinstance(item, Pipe):
            return self._item_span(item.stages[0], src)[0], self._item_span(item.stages[-1], src)[1]
        if isinstance(item, Chain):
            first, last = item.elements[0], item.elements[-1]
            return self._item_span(first, src)[0], self._item_span(last, src)[1]
        if isinstance(item, Bare):
            return src.char(item.node.start_byte), src.char(item.end_byte)
        end_byte = item.end_byte
        attached = self.attached.get((id(src), item.id))
        if attached is not None:
            end_byte = max(end_byte, attached.end_byte)
        return src.char(item.start_byte), src.char(end_byte)

    # -- emitting commands ------------------------------------------------

    def _add(self, command: SimpleCommand, ctx: _Ctx) -> None:
        self.commands.append(command)
        for pipe_index, stage_index in ctx.member:
            self.pipes[pipe_index][0][stage_index].append(command)

    def _emit_assignments(self, node: Node, ctx: _Ctx) -> None:
        nodes = [node] if node.type == "variable_assignment" else node.named_children
        literals: dict[int, Literal] = {}
        assignments = tuple(
            found for found in (_assignment(n, ctx.src, literals) for n in nodes) if found
        )
        start, end = _trimmed_span(ctx.src, node.start_byte, node.end_byte)
        self._add(SimpleCommand((), assignments, (), start, end, ctx.depth, ctx.in_condition), ctx)

    def _emit_bare(self, bare: Bare, ctx: _Ctx) -> None:
        redirect_nodes = [child for child in bare.node.children if child.type.endswith("_redirect")]
        spill: list[Word] = []
        redirects = build_redirects(redirect_nodes, ctx.src, {}, spill)
        start, end = _trimmed_span(ctx.src, bare.node.start_byte, bare.end_byte)
        command = SimpleCommand(
            tuple(spill), (), redirects, start, end, ctx.depth, ctx.in_condition
        )
        self._add(command, ctx)
        self._push_all(bare.scans, ctx)

    def _emit_command(self, node: Node, ctx: _Ctx) -> None:
        src = ctx.src
        literals: dict[int, Literal] = {}
        assignments: list[tuple[str, Word]] = []
        redirect_nodes: list[Node] = []
        groups: list[list[Node]] = []
        previous: Node | None = None  # the node the next one may be glued to
        children = node.children  # each access makes new Node objects: once
        for child in children:
            kind = child.type
            if kind == "variable_assignment" and not groups:
                found = _assignment(child, src, literals)
                if found is not None:
                    assignments.append(found)
            elif kind.endswith("_redirect"):
                redirect_nodes.append(child)
                previous = None
            elif kind != "comment":
                parts = child.children if kind == "command_name" and child.child_count else [child]
                for part in parts:
                    if previous is not None and _glued(src, previous.end_byte, part.start_byte):
                        groups[-1].append(part)
                    else:
                        groups.append([part])
                    previous = part
        end_byte = node.end_byte
        attached = self.attached.pop((id(src), node.id), None) if self.attached else None
        if attached is not None:
            redirect_nodes.extend(attached.redirects)
            end_byte = max(end_byte, attached.end_byte)
        words: list[Word] = []
        for group in groups:
            word, literal = word_from_nodes(group, src)
            literals[id(word)] = literal
            words.append(word)
        redirects: tuple[Redirect, ...] = ()
        if redirect_nodes:
            before = len(words)
            redirects = build_redirects(redirect_nodes, src, literals, words)
            if len(words) > before:  # words taken for redirect targets: back in place
                words.sort(key=lambda word: word.start)
        start, end = _trimmed_span(src, node.start_byte, end_byte)
        command = SimpleCommand(
            tuple(words), tuple(assignments), redirects, start, end, ctx.depth, ctx.in_condition
        )
        self._add(command, ctx)
        # Stack order: the nested script (if any) is walked after the
        # substitutions inside the command's words.
        self._push_nested(command, literals, ctx)
        if attached is not None:
            self._push_all(attached.scans, ctx)
        self._push_all(children, ctx)

    def _push_nested(self, command: SimpleCommand, literals: dict[int, Literal], ctx: _Ctx) -> None:
        if ctx.level >= MAX_NESTING:
            return
        words = nested_script_words(command.effective())
        if not words:
            return
        combined = Literal()
        for word in words:
            piece = literals.get(id(word))
            if piece is None or piece.dynamic:
                return
            if combined.chars:
                # eval joins its arguments with spaces; map the space to the
                # character before it.
                combined.chars.append(" ")
                combined.offsets.append(combined.offsets[-1])
                combined.quoted.append(True)
            combined.chars.extend(piece.chars)
            combined.offsets.extend(piece.offsets)
            combined.quoted.extend(piece.quoted)
        if not combined.chars:
            return
        self._push_tree(
            _nested_source(combined, ctx.src),
            depth=ctx.depth + 1,
            in_condition=ctx.in_condition,
            member=ctx.member,
            level=ctx.level + 1,
        )


def _assignment(node: Node, src: Source, literals: dict[int, Literal]) -> tuple[str, Word] | None:
    """``NAME=value`` from a variable_assignment node."""
    if node.type != "variable_assignment":
        return None
    name_node = node.child_by_field_name("name")
    if name_node is None:
        return None
    name = src.text[src.char(name_node.start_byte) : src.char(name_node.end_byte)]
    value_node = node.child_by_field_name("value")
    if value_node is None:
        position, _ = src.top_span(src.char(node.end_byte), src.char(node.end_byte))
        return name, Word("", position, position, "", "")
    word, literal = word_from_nodes([value_node], src)
    literals[id(word)] = literal
    return name, word


def _nested_source(literal: Literal, parent: Source) -> Source:
    """A Source for the script made of ``literal``'s characters."""
    offsets = literal.offsets
    first = offsets[0]
    text = literal.text
    contiguous = all(offset == first + i for i, offset in enumerate(offsets))
    if contiguous and parent.top_map is None:
        return Source(text, top_base=parent.top(first))
    top_map = [parent.top(offset) for offset in offsets]
    top_map.append(top_map[-1] + 1)  # so that an end offset maps too
    return Source(text, top_map=top_map)
