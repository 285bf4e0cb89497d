"""The shell front end: runs a build script symbolically, command by command.

The script is parsed with the project's tree-sitter-bash parser
(:func:`stagelint.shell._source.parse_tree`) and walked in order, keeping the
variables whose values are known: literals, other known variables, and what
`$(buildah from ...)`/`$(buildah mount ...)` print (tokens, see
:mod:`stagelint.migrate.ir`). `for` loops over literal words are unrolled,
functions are inlined with their arguments, `a && b` runs both, and `a || true`
(or `|| exit`) runs `a`. Conditions, `while`, `case` and pipelines cannot be
followed without running the script: they are reported, as is any command
whose words are not known.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from stagelint.migrate import ir
from stagelint.migrate.recorder import Recorder

if TYPE_CHECKING:
    from tree_sitter import Node

_MAX_CALL_DEPTH = 16


def _is_test(node: Node, text: Callable[[Node], str]) -> bool:
    """`[ ... ]`, `[[ ... ]]` or `test ...`: a check that changes nothing."""
    if node.type == "test_command":
        return True
    name = node.child_by_field_name("name") if node.type == "command" else None
    return name is not None and text(name) in ("test", "[")


# `x || true`, `x || exit 1`: the right side only matters when x fails.
_FAILURE_ONLY = frozenset({"true", ":", "exit", "return"})
# Prefixes that run the command after them unchanged.
_TRANSPARENT = frozenset({"sudo", "exec", "command"})
# Commands that only print: unknown words in them do not matter.
_QUIET = frozenset({"echo", "printf", ":", "true"})
_UNQUOTED_ESCAPES = {"\\\n": ""}
_QUOTED_ESCAPES = {"\\\n": "", '\\"': '"', "\\\\": "\\", "\\$": "$", "\\`": "`"}
_BLOCKS = frozenset({"program", "compound_statement", "subshell", "do_group"})
_CONTROL = {
    "if_statement": "an if statement",
    "while_statement": "a while loop",
    "case_statement": "a case statement",
    "pipeline": "a pipeline",
    "c_style_for_statement": "a C-style for loop",
    "negated_command": "a negated command",
    "test_command": "a test",
}


class Unknown(Exception):
    """A word whose value is not known before the script runs."""


def _unescape(text: str, table: dict[str, str]) -> str:
    out: list[str] = []
    index = 0
    while index < len(text):
        pair = text[index : index + 2]
        if pair in table:
            out.append(table[pair])
            index += 2
        elif text[index] == "\\" and table is _UNQUOTED_ESCAPES and index + 1 < len(text):
            out.append(text[index + 1])  # unquoted, a backslash quotes any character
            index += 2
        else:
            out.append(text[index])
            index += 1
    return "".join(out)


class ShellFront:
    """Walks one script; what it finds goes to `recorder`."""

    def __init__(self, text: str, recorder: Recorder, at: ir.At | None = None) -> None:
        self.data = text.encode("utf-8")
        # a script inside another (a Python `os.system` string): report there
        self.outer = at
        self.recorder = recorder
        self.variables: dict[str, str] = {}
        self.functions: dict[str, Node] = {}
        self.positional: list[str] = []
        self.depth = 0
        self.current: Node | None = None
        # what the last buildah command printed, and what a substitution names
        self.output: str | None = None
        self.hint = ""

    def run(self) -> None:
        from stagelint.shell._source import parse_tree

        self._block(parse_tree(self.data).root_node.children)

    # -- helpers --------------------------------------------------------------------

    def _text(self, node: Node) -> str:
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")

    def _at(self, node: Node) -> ir.At:
        if self.outer is not None:
            return self.outer
        return ir.At(node.start_point[0] + 1, self._text(node).split("\n", 1)[0])

    def _report(self, node: Node, reason: str) -> None:
        self.recorder.untranslated(self._at(node), reason)

    # -- statements -----------------------------------------------------------------

    def _block(self, nodes: Iterable[Node]) -> None:
        for node in nodes:
            if node.is_named:
                self._statement(node)

    def _statement(self, node: Node) -> None:
        kind = node.type
        if kind not in _BLOCKS:
            self.current = node  # what a command substitution in it is reported as
        if kind == "comment":
            return
        if kind in _BLOCKS:
            self._block(node.children)
        elif kind == "command":
            self._command(node, [])
        elif kind == "redirected_statement":
            self._redirected(node)
        elif kind == "variable_assignment":
            self._assign(node)
        elif kind == "declaration_command":
            for child in node.named_children:
                if child.type == "variable_assignment":
                    self._assign(child)
        elif kind == "list":
            self._list(node)
        elif kind == "for_statement":
            self._for(node)
        elif kind == "function_definition":
            body = node.child_by_field_name("body")
            name = node.child_by_field_name("name")
            if body is not None and name is not None:
                self.functions[self._text(name)] = body
        elif kind == "if_statement" and self._is_guard(node):
            return  # `if ! command -v buildah; then echo ... >&2; exit 1; fi`
        else:
            what = _CONTROL.get(kind, f"`{kind}`")
            self._report(node, f"{what} cannot be followed without running the script")

    def _is_guard(self, node: Node) -> bool:
        """An `if` with no `else` whose body only prints and stops the script:
        the Containerfile is the run in which it does not fire."""
        children = node.children
        if any(c.type in ("elif_clause", "else_clause") for c in children):
            return False
        then = next((i for i, c in enumerate(children) if c.type == "then"), None)
        if then is None:
            return False
        body = [c for c in children[then + 1 :] if c.is_named and c.type != "comment"]
        names = []
        for statement in body:
            command = (
                statement.named_children[0]
                if statement.type == "redirected_statement"
                else statement
            )
            name = command.child_by_field_name("name") if command.type == "command" else None
            if name is None:
                return False
            names.append(self._text(name))
        return (
            bool(names) and names[-1] in ("exit", "return") and all(n in _QUIET for n in names[:-1])
        )

    def _assign(self, node: Node) -> None:
        name_node = node.child_by_field_name("name")
        value_node = node.child_by_field_name("value")
        if name_node is None:
            return
        name = self._text(name_node)
        try:
            value = "" if value_node is None else self._word(value_node, name)
        except Unknown:
            self.variables.pop(name, None)
            if value_node is not None and "$(" in self._text(value_node):
                self._report(node, "runs a command whose output is not known")
            return
        self.variables[name] = value

    def _list(self, node: Node) -> None:
        parts = node.children
        if len(parts) == 3 and parts[1].type == "||":
            right = parts[2]
            name = right.child_by_field_name("name") if right.type == "command" else None
            if name is not None and self._text(name) in _FAILURE_ONLY:
                if self._text(name) in ("exit", "return") and _is_test(parts[0], self._text):
                    return  # a guard: the Containerfile is the run in which it holds
                self._statement(parts[0])
                return
        if any(p.type == "||" for p in parts):
            self._report(node, "`||` runs a command only on failure; not followed")
            return
        self._block(p for p in parts if p.type != "&&")

    def _for(self, node: Node) -> None:
        variable = node.child_by_field_name("variable")
        body = node.child_by_field_name("body")
        values = [c for c in node.children_by_field_name("value")]
        if variable is None or body is None:
            self._report(node, "a for loop without a body")
            return
        if not any(c.type == "in" for c in node.children):
            self._report(node, "a for loop over the positional parameters")
            return
        try:
            items = [field for v in values for field in self._fields(v)]
        except Unknown:
            self._report(node, "a for loop over values not known before the script runs")
            return
        for item in items:
            self.variables[self._text(variable)] = item
            self._statement(body)

    def _redirected(self, node: Node) -> None:
        body = node.child_by_field_name("body")
        redirects: list[Node] = []
        stack = [c for c in node.children if c is not body]
        while stack:
            child = stack.pop(0)
            if child.type in ("file_redirect", "heredoc_redirect"):
                redirects.append(child)
                stack.extend(c for c in child.children if c.type == "file_redirect")
        if body is None or body.type != "command":
            self._report(node, "a redirected compound command is not translated")
            return
        self._command(node, redirects, body)

    # -- commands -------------------------------------------------------------------

    def _command(self, node: Node, redirects: list[Node], command: Node | None = None) -> None:
        command = command or node
        words = [
            c
            for c in command.children
            if c.is_named and c.type not in ("variable_assignment", "file_redirect", "comment")
        ]
        try:
            argv = self._argv(words)
            target: tuple[str, str] | None = None
            stdin: str | None = None
            for redirect in redirects:
                if redirect.type == "heredoc_redirect":
                    stdin = self._heredoc(redirect)
                    continue
                op = redirect.child_by_field_name("operator") or redirect.children[0]
                dest = redirect.child_by_field_name("destination") or redirect.children[-1]
                if self._text(op) in (">", ">>"):
                    target = (self._text(op), self._word(dest))
                elif self._text(op) not in (">&", "2>", "&>") and "dev/null" not in self._text(
                    dest
                ):
                    raise Unknown
        except Unknown:
            first = self._text(words[0]) if words else ""
            if first in _QUIET and not redirects:
                return  # `echo "$progress"`: prints, changes nothing
            self._report(node, "uses a value not known before the script runs")
            return
        while argv[:1] and argv[0] in _TRANSPARENT:
            argv = argv[1:]  # `sudo buildah ...` runs buildah
        if not argv:
            return
        name = argv[0].rsplit("/", 1)[-1]
        if argv[0] in self.functions:
            self._call(node, argv)
        elif name == "buildah":
            self.output = self.recorder.buildah(argv[1:], self._at(node), self.hint)
        else:
            self.recorder.host(argv, self._at(node), target, stdin)

    def _argv(self, words: list[Node]) -> list[str]:
        """The command's words; raises Unknown for a word whose value the script
        only knows when it runs, except the image name of `buildah commit`,
        which a Containerfile does not need (the image is the last stage)."""
        argv: list[str] = []
        for index, word in enumerate(words):
            try:
                argv.extend(self._fields(word))
            except Unknown:
                commit = [w for w in argv if not w.startswith("-")][:2] == ["buildah", "commit"]
                if not (commit and index == len(words) - 1 and len(argv) >= 3):
                    raise
                argv.append(ir.UNKNOWN_NAME)
        return argv

    def _call(self, node: Node, argv: list[str]) -> None:
        if self.depth >= _MAX_CALL_DEPTH:
            self._report(node, "functions nest too deeply")
            return
        saved = self.positional
        self.positional, self.depth = argv[1:], self.depth + 1
        try:
            self._statement(self.functions[argv[0]])
        finally:
            self.positional, self.depth = saved, self.depth - 1

    def _heredoc(self, redirect: Node) -> str:
        start = next((c for c in redirect.children if c.type == "heredoc_start"), None)
        body = next((c for c in redirect.children if c.type == "heredoc_body"), None)
        if body is None:
            return ""
        quoted = start is not None and self._text(start)[:1] in ("'", '"', "\\")
        if quoted:
            return self._text(body)
        return self._joined(body, _QUOTED_ESCAPES, skip={"heredoc_end"})

    # -- words ----------------------------------------------------------------------

    def _fields(self, node: Node) -> list[str]:
        """The words `node` expands to (unquoted `$x` splits on blanks)."""
        if node.type == "command_name" and node.named_children:
            node = node.named_children[0]
        if node.type in ("simple_expansion", "expansion"):
            if self._special(node) in ("@", "*"):
                return list(self.positional)
            return self._word(node).split()
        if node.type == "string" and self._special_only(node) == "@":
            return list(self.positional)
        if node.type == "string" and self._special_only(node) == "*":
            return [" ".join(self.positional)]
        return [self._word(node)]

    def _special(self, node: Node) -> str | None:
        names = [c for c in node.named_children]
        if len(names) == 1 and names[0].type == "special_variable_name":
            return self._text(names[0])
        return None

    def _special_only(self, node: Node) -> str | None:
        parts = [c for c in node.named_children]
        if len(parts) == 1 and parts[0].type == "simple_expansion":
            return self._special(parts[0])
        return None

    def _word(self, node: Node, hint: str = "") -> str:
        """The value of one word, after quote removal; raises Unknown."""
        kind = node.type
        if kind in ("word", "number"):
            return _unescape(self._text(node), _UNQUOTED_ESCAPES)
        if kind == "raw_string":
            return self._text(node)[1:-1]
        if kind == "string":
            return self._joined(node, _QUOTED_ESCAPES, skip={'"'})
        if kind == "concatenation":
            return "".join(self._word(c, hint) for c in node.children)
        if kind in ("simple_expansion", "expansion"):
            return self._expand(node)
        if kind == "command_substitution":
            return self._substitute(node, hint)
        raise Unknown

    def _joined(self, node: Node, escapes: dict[str, str], skip: set[str]) -> str:
        """The parts of a double-quoted string or here-document, with the text
        between them (tree-sitter leaves some of it outside any child)."""
        out: list[str] = []
        position = node.start_byte + (1 if node.type == "string" else 0)
        end = node.end_byte - (1 if node.type == "string" else 0)
        for child in node.children:
            if child.type in skip:
                continue
            gap = self.data[position : child.start_byte].decode("utf-8", "replace")
            out.append(_unescape(gap, escapes))
            if child.type in ("string_content", "heredoc_content"):
                out.append(_unescape(self._text(child), escapes))
            else:
                out.append(self._word(child))
            position = child.end_byte
        out.append(_unescape(self.data[position:end].decode("utf-8", "replace"), escapes))
        return "".join(out)

    def _expand(self, node: Node) -> str:
        parts = [c for c in node.children if c.type not in ("$", "${", "}")]
        if not parts or parts[0].type not in ("variable_name", "special_variable_name"):
            raise Unknown
        name = self._text(parts[0])
        value = self._lookup(name)
        if len(parts) == 1:
            if value is None:
                raise Unknown
            return value
        operator = self._text(parts[1])
        if operator in (":-", "-"):
            use_default = value is None or (operator == ":-" and value == "")
            if not use_default:
                return value or ""
            return "".join(self._word(p) for p in parts[2:])
        raise Unknown

    def _lookup(self, name: str) -> str | None:
        if name.isdigit():
            index = int(name) - 1
            return self.positional[index] if 0 <= index < len(self.positional) else ""
        if name == "#":
            return str(len(self.positional))
        return self.variables.get(name)

    def _substitute(self, node: Node, hint: str) -> str:
        inner = [c for c in node.named_children if c.type != "comment"]
        if len(inner) != 1 or inner[0].type != "command":
            raise Unknown
        words = [c for c in inner[0].children if c.is_named and c.type != "variable_assignment"]
        argv = [field for w in words for field in self._fields(w)]
        if argv and argv[0] in self.functions:
            # a wrapper (`b() { buildah "$@"; }`) prints what its last buildah printed
            self.output, saved = None, self.hint
            self.hint = hint
            try:
                self._call(node, argv)
            finally:
                self.hint = saved
            output = self.output
        elif argv and argv[0].rsplit("/", 1)[-1] == "buildah":
            output = self.recorder.buildah(argv[1:], self._at(self.current or node), hint)
        else:
            raise Unknown
        if output is None:
            raise Unknown
        return output


def read_shell(text: str, recorder: Recorder, at: ir.At | None = None) -> None:
    """Record the buildah operations of a shell script (or of a shell command
    line found at `at` in a script in another language)."""
    script, variables = ir.as_variables(text)
    front = ShellFront(script, recorder, at)
    front.variables.update(variables)
    front.run()
