"""The Python front end: runs a build script symbolically, statement by statement.

The script is read with libcst (imported here only) and interpreted over the
values it can know: literals, f-strings, names bound to known values, lists
built from them, `shlex.split`, `os.path.join`, string methods, and what
buildah prints (tokens, see :mod:`stagelint.migrate.ir`). Commands run through
`subprocess.run/check_call/check_output/call` (argument lists, or strings
with `shell=True`) and `os.system`; functions the script defines (a
`buildah(*args)` helper, `main()`) are inlined with their arguments, `for`
loops over known lists are unrolled, `if __name__ == "__main__":` is taken.
Anything else that would decide which commands run is reported.
"""

from __future__ import annotations

import posixpath
import shlex
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from stagelint.migrate import ir
from stagelint.migrate.recorder import Recorder
from stagelint.migrate.shell_front import read_shell

if TYPE_CHECKING:
    import libcst as cst

_MAX_CALL_DEPTH = 16
_RUNNERS = frozenset({"run", "check_call", "check_output", "call"})
_STR_METHODS = frozenset(
    {"strip", "rstrip", "lstrip", "split", "splitlines", "join", "replace", "format", "lower"}
)
_LIST_METHODS = frozenset({"append", "extend", "insert"})
_HARMLESS_CALLS = frozenset({"print", "sys.exit", "exit"})


# Calls that end the script, and calls that only tell the user something.
_EXITS = frozenset({"sys.exit", "exit", "quit", "os._exit"})
_REPORTERS = frozenset({"print", "sys.stderr.write", "warnings.warn"})
_LOGGERS = ("logging.", "log.", "logger.")


class Unknown(Exception):
    """A value not known before the script runs."""


class _Return(Exception):
    def __init__(self, value: object) -> None:
        self.value = value


@dataclass(frozen=True)
class Builtin:
    """A module or function the interpreter knows by its dotted name."""

    name: str


@dataclass(frozen=True)
class Completed:
    """What `subprocess.run` returned."""

    stdout: str | None
    returncode: int = 0


@dataclass(frozen=True)
class Function:
    node: cst.FunctionDef


_MODULES = ("subprocess", "os", "os.path", "shlex", "sys", "logging")


class PythonFront:
    def __init__(self, text: str, recorder: Recorder) -> None:
        import libcst as cst
        from libcst.metadata import MetadataWrapper, PositionProvider

        self.cst = cst
        wrapper = MetadataWrapper(cst.parse_module(text))
        self.module = wrapper.module
        self.positions = wrapper.resolve(PositionProvider)
        self.recorder = recorder
        self.globals: dict[str, Any] = {"__name__": "__main__"}
        self.at = ir.At(0, "")
        self.depth = 0
        # inside a wrapper of commands: reports keep the caller's line
        self._thin_call = False
        # the name being assigned: what a container made here is called
        self.hint = ""

    def run(self) -> None:
        self._body(self.module.body, self.globals)

    # -- statements -----------------------------------------------------------------

    def _where(self, node: cst.CSTNode) -> ir.At:
        line = self.positions[node].start.line
        return ir.At(line, self.module.code_for_node(node).strip().split("\n", 1)[0])

    def _report(self, reason: str) -> None:
        self.recorder.untranslated(self.at, reason)

    def _body(self, statements: Any, scope: dict[str, Any]) -> None:
        cst = self.cst
        for statement in statements:
            outer = self.at
            if not self._thin_call:
                self.at = self._where(statement)
            try:
                if isinstance(statement, cst.SimpleStatementLine):
                    for small in statement.body:
                        self._small(small, scope)
                else:
                    self._compound(statement, scope)
            finally:
                if not self._thin_call:
                    self.at = outer

    def _small(self, node: Any, scope: dict[str, Any]) -> None:
        cst = self.cst
        if isinstance(node, cst.Import):
            for alias in node.names:
                dotted = self.module.code_for_node(alias.name)
                local = alias.asname.name.value if alias.asname else dotted.split(".")[0]
                scope[local] = Builtin(dotted if alias.asname else dotted.split(".")[0])
        elif isinstance(node, cst.ImportFrom):
            base = self.module.code_for_node(node.module) if node.module else ""
            if not isinstance(node.names, cst.ImportStar):
                for alias in node.names:
                    name = self.module.code_for_node(alias.name)
                    local = alias.asname.name.value if alias.asname else name
                    scope[local] = Builtin(f"{base}.{name}")
        elif isinstance(node, cst.Assign | cst.AnnAssign | cst.AugAssign):
            self._assign(node, scope)
        elif isinstance(node, cst.Expr):
            if isinstance(node.value, cst.SimpleString | cst.ConcatenatedString):
                return  # a docstring
            try:
                self._eval(node.value, scope)
            except Unknown:
                self._report("uses a value not known before the script runs")
        elif isinstance(node, cst.Return):
            value = None
            if node.value is not None:
                try:
                    value = self._eval(node.value, scope)
                except Unknown:
                    value = Unknown
            raise _Return(value)
        elif not isinstance(node, cst.Pass | cst.Global | cst.Nonlocal | cst.Assert):
            self._report(f"`{type(node).__name__}` is not followed")

    def _assign(self, node: Any, scope: dict[str, Any]) -> None:
        cst = self.cst
        targets = (
            [t.target for t in node.targets] if isinstance(node, cst.Assign) else [node.target]
        )
        if node.value is None:
            return
        saved = self.hint
        if not self._thin_call:  # in a wrapper, the caller's name is the better one
            self.hint = targets[0].value if isinstance(targets[0], cst.Name) else ""
        try:
            value = self._eval(node.value, scope)
            if isinstance(node, cst.AugAssign):
                if not isinstance(node.operator, cst.AddAssign):
                    raise Unknown
                value = self._eval(node.target, scope) + value
        except Unknown:
            value = Unknown
            if isinstance(node.value, cst.Call):  # it may have done something: say so
                self._report("calls something whose effect is not known")
        finally:
            self.hint = saved
        for target in targets:
            self._bind(target, value, scope)

    def _bind(self, target: Any, value: Any, scope: dict[str, Any]) -> None:
        cst = self.cst
        if isinstance(target, cst.Name):
            scope[target.value] = value
        elif isinstance(target, cst.Tuple | cst.List):
            items: list[Any] = list(value) if isinstance(value, list | tuple) else []
            for index, element in enumerate(target.elements):
                self._bind(element.value, items[index] if index < len(items) else Unknown, scope)
        else:
            self._report("assigns to something other than a name")

    def _stops(self, body: Any) -> bool:
        """Does this block only report and stop the script (`sys.exit(...)`,
        `raise`, `return`), so that an `if` around it is a guard?"""
        cst = self.cst
        last_stops = False
        for statement in body:
            if not isinstance(statement, cst.SimpleStatementLine):
                return False
            for small in statement.body:
                if isinstance(small, cst.Raise | cst.Return):
                    last_stops = True
                    continue
                call = small.value if isinstance(small, cst.Expr) else None
                if not isinstance(call, cst.Call):
                    return False
                name = self.module.code_for_node(call.func)
                if name in _EXITS:
                    last_stops = True
                elif name not in _REPORTERS and not name.startswith(
                    ("logging.", "log.", "logger.")
                ):
                    return False
        return last_stops

    def _compound(self, node: Any, scope: dict[str, Any]) -> None:
        cst = self.cst
        if isinstance(node, cst.FunctionDef):
            scope[node.name.value] = Function(node)
        elif isinstance(node, cst.If):
            if node.orelse is None and self._stops(node.body.body):
                return  # a guard: the Containerfile is the run in which it does not fire
            try:
                taken = bool(self._eval(node.test, scope))
            except Unknown:
                self._report("an if statement whose condition is not known")
                return
            if taken:
                self._body(node.body.body, scope)
            elif isinstance(node.orelse, cst.Else):
                self._body(node.orelse.body.body, scope)
            elif node.orelse is not None:
                self._compound(node.orelse, scope)
        elif isinstance(node, cst.For):
            try:
                items = self._eval(node.iter, scope)
                if not isinstance(items, list | tuple | range):
                    raise Unknown
            except Unknown:
                self._report("a for loop over values not known before the script runs")
                return
            for item in items:
                self._bind(node.target, item, scope)
                self._body(node.body.body, scope)
        elif isinstance(node, cst.Try):
            # the path on which every command succeeds: what the image is built by
            self._body(node.body.body, scope)
            if node.orelse is not None:
                self._body(node.orelse.body.body, scope)
            if node.finalbody is not None:
                self._body(node.finalbody.body.body, scope)
        else:
            self._report(f"a `{type(node).__name__}` statement is not followed")

    # -- expressions ----------------------------------------------------------------

    def _eval(self, node: Any, scope: dict[str, Any]) -> Any:
        cst = self.cst
        if isinstance(node, cst.SimpleString | cst.ConcatenatedString | cst.Integer):
            value = node.evaluated_value
            if isinstance(value, bytes) or value is None:
                raise Unknown
            return value
        if isinstance(node, cst.FormattedString):
            return "".join(self._fstring_part(p, scope) for p in node.parts)
        if isinstance(node, cst.Name):
            return self._name(node.value, scope)
        if isinstance(node, cst.List | cst.Tuple):
            items: list[Any] = []
            for element in node.elements:
                value = self._eval(element.value, scope)
                if isinstance(element, cst.StarredElement):
                    items.extend(value)
                else:
                    items.append(value)
            return items if isinstance(node, cst.List) else tuple(items)
        if isinstance(node, cst.BinaryOperation):
            left, right = self._eval(node.left, scope), self._eval(node.right, scope)
            if isinstance(node.operator, cst.Add):
                return left + right
            if isinstance(node.operator, cst.Modulo) and isinstance(left, str):
                return left % right
            raise Unknown
        if isinstance(node, cst.Comparison) and len(node.comparisons) == 1:
            left = self._eval(node.left, scope)
            target = node.comparisons[0]
            right = self._eval(target.comparator, scope)
            if ir.has_token(str(left)) or ir.has_token(str(right)):
                raise Unknown
            if isinstance(target.operator, cst.Equal):
                return left == right
            if isinstance(target.operator, cst.NotEqual):
                return left != right
            raise Unknown
        if isinstance(node, cst.Attribute):
            return self._attribute(self._eval(node.value, scope), node.attr.value)
        if isinstance(node, cst.Subscript) and len(node.slice) == 1:
            index = node.slice[0].slice
            if isinstance(index, cst.Index):
                container = self._eval(node.value, scope)
                if isinstance(container, list | tuple | str):
                    return container[self._eval(index.value, scope)]
            raise Unknown
        if isinstance(node, cst.Call):
            return self._call(node, scope)
        raise Unknown

    def _fstring_part(self, part: Any, scope: dict[str, Any]) -> str:
        cst = self.cst
        if isinstance(part, cst.FormattedStringText):
            return str(part.value).replace("{{", "{").replace("}}", "}")
        value = self._eval(part.expression, scope)
        if part.format_spec:
            spec = "".join(self._fstring_part(p, scope) for p in part.format_spec)
            return format(value, spec)
        if part.conversion == "r":
            return repr(value)
        return str(value)

    def _name(self, name: str, scope: dict[str, Any]) -> Any:
        for table in (scope, self.globals):
            if name in table:
                value = table[name]
                if value is Unknown:
                    raise Unknown
                return value
        constants: dict[str, Any] = {"True": True, "False": False, "None": None}
        if name in constants:
            return constants[name]
        if name in ("str", "len", "list", "int", "print", "range", "exit"):
            return Builtin(name)
        raise Unknown

    def _attribute(self, value: Any, attr: str) -> Any:
        if isinstance(value, Builtin):
            return Builtin(f"{value.name}.{attr}")
        if isinstance(value, Completed) and attr in ("stdout", "returncode"):
            result = getattr(value, attr)
            if result is None:
                raise Unknown
            return result
        if isinstance(value, str) and attr in _STR_METHODS:
            return getattr(value, attr)
        if isinstance(value, str) and attr == "decode":  # output read without text=True
            return lambda *args, **kwargs: value
        if isinstance(value, list) and attr in _LIST_METHODS:
            return getattr(value, attr)
        raise Unknown

    def _call(self, node: Any, scope: dict[str, Any]) -> Any:
        function = self._eval(node.func, scope)
        args: list[Any] = []
        kwargs: dict[str, Any] = {}
        for arg in node.args:
            value = self._eval(arg.value, scope)
            if arg.keyword is not None:
                kwargs[arg.keyword.value] = value
            elif arg.star == "*":
                args.extend(value)
            elif arg.star:
                raise Unknown
            else:
                args.append(value)
        if isinstance(function, Function):
            return self._inline(function, args, kwargs)
        if isinstance(function, Builtin):
            return self._builtin(function.name, args, kwargs)
        if callable(function):  # a method of a known str or list
            return function(*args, **kwargs)
        raise Unknown

    def _builtin(self, name: str, args: list[Any], kwargs: dict[str, Any]) -> Any:
        simple: dict[str, Any] = {
            "str": str,
            "len": len,
            "list": list,
            "int": int,
            "range": range,
            "shlex.split": shlex.split,
            "shlex.quote": shlex.quote,
            "shlex.join": shlex.join,
            "os.path.join": posixpath.join,
        }
        if name in simple:
            return simple[name](*args)
        if name in ("os.environ.get", "os.getenv"):
            if len(args) == 2:
                return args[1]  # like `${X:-default}`: the value the script falls back on
            raise Unknown
        if name in _HARMLESS_CALLS or name.startswith("logging."):
            return None
        if name == "os.system":
            self._shell(str(args[0]))
            return 0
        module, _, runner = name.rpartition(".")
        if module == "subprocess" and runner in _RUNNERS:
            return self._subprocess(runner, args, kwargs)
        self._report(f"calls {name}(), which is not followed")
        return None

    def _subprocess(self, runner: str, args: list[Any], kwargs: dict[str, Any]) -> Any:
        command = args[0] if args else kwargs.get("args")
        output: str | None = None
        if kwargs.get("shell"):
            if not isinstance(command, str):
                raise Unknown
            words = shlex.split(command) if not set(command) & set(";&|<>$`(){}\n") else None
            if words is None:
                self._shell(command)
            else:
                output = self._argv(words)
        elif isinstance(command, list | tuple) and all(isinstance(w, str) for w in command):
            output = self._argv(list(command))
        else:
            raise Unknown
        if runner == "check_output":
            if output is None:
                raise Unknown
            return output
        if runner == "run":
            return Completed(output)
        return 0

    def _argv(self, argv: list[str]) -> str | None:
        if argv and argv[0].rsplit("/", 1)[-1] == "buildah":
            return self.recorder.buildah(argv[1:], self.at, self.hint)
        if argv:
            self.recorder.host(argv, self.at)
        return None

    def _shell(self, command: str) -> None:
        read_shell(command, self.recorder, self.at)

    def _inline(self, function: Function, args: list[Any], kwargs: dict[str, Any]) -> Any:
        cst = self.cst
        if self.depth >= _MAX_CALL_DEPTH:
            self._report("functions nest too deeply")
            return None
        node = function.node
        local: dict[str, Any] = {}
        params = node.params
        positional = [*params.posonly_params, *params.params]
        for index, param in enumerate(positional):
            if index < len(args):
                local[param.name.value] = args[index]
            elif param.name.value in kwargs:
                local[param.name.value] = kwargs.pop(param.name.value)
            elif param.default is not None:
                local[param.name.value] = self._eval(param.default, self.globals)
            else:
                raise Unknown
        if isinstance(params.star_arg, cst.Param):
            local[params.star_arg.name.value] = list(args[len(positional) :])
        for param in params.kwonly_params:
            if param.name.value in kwargs:
                local[param.name.value] = kwargs.pop(param.name.value)
            elif param.default is not None:
                local[param.name.value] = self._eval(param.default, self.globals)
        if isinstance(params.star_kwarg, cst.Param):
            local[params.star_kwarg.name.value] = dict(kwargs)
        statements = [s for s in node.body.body if not _is_docstring(s, cst)]
        # a wrapper (`def buildah(*args): run(["buildah", *args])`): the caller's
        # line says which command it was
        wrapper = len(statements) == 1 or isinstance(params.star_arg, cst.Param)
        thin, self._thin_call = self._thin_call, self._thin_call or wrapper
        self.depth += 1
        try:
            self._body(node.body.body, local)
        except _Return as result:
            if result.value is Unknown:
                raise Unknown from None
            return result.value
        finally:
            self.depth -= 1
            self._thin_call = thin
        return None


def _is_docstring(statement: Any, cst: Any) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, cst.SimpleString)
    )


def read_python(text: str, recorder: Recorder) -> None:
    """Record the buildah operations of a Python script; raises
    libcst.ParserSyntaxError when it is not Python."""
    PythonFront(text, recorder).run()
