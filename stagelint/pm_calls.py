"""Package-manager calls as the SL5xx rules see them.

The shell layer reads apt-get, dnf, zypper, apk, pip, npm and gem command
lines (`RunStep.package_calls`). `go install`/`go get` is not a package
manager there (it has no cache or install root the SL2xx rules care about),
so it is read here into the same `PackageManagerCall` shape. The module also
holds what several SL5xx rules share: where a word is in the file, and an
option insertion that refuses words whose file text is not the word (a
nested `sh -c "..."` maps offsets only best effort).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from stagelint.rule import Edit
from stagelint.shell import PackageManagerCall, Script, SimpleCommand, Word

if TYPE_CHECKING:
    from stagelint.model import Model, RunStep

# `go build` flags that take a value (`-ldflags "-s -w"`, `-o out`).
_GO_VALUE_FLAGS = frozenset(
    [
        "C",
        "ldflags",
        "gcflags",
        "asmflags",
        "gccgoflags",
        "tags",
        "o",
        "p",
        "mod",
        "modfile",
        "pkgdir",
        "toolexec",
        "overlay",
        "buildmode",
        "compiler",
        "installsuffix",
        "pgo",
        "covermode",
        "coverpkg",
        "exec",
    ]
)
_GO_SUBCOMMANDS = frozenset({"install", "get"})


def go_calls(script: Script) -> list[PackageManagerCall]:
    """`go install`/`go get` commands of a RUN's script, packages after the flags."""
    calls = []
    for command in script.commands:
        effective = command.effective()
        if effective.name != "go" or len(effective.argv) < 2:
            continue
        sub = effective.argv[1]
        if sub.value not in _GO_SUBCOMMANDS:
            continue
        flags, packages = _go_args(effective.argv[2:])
        calls.append(
            PackageManagerCall(
                manager="go",
                family="go",
                subcommand=sub.value,
                packages=packages,
                options=flags,
                install_root=None,
                assume_yes=True,
                no_cache=False,
                command=effective,
                args=packages,
                subcommand_words=(sub,),
            )
        )
    return calls


def _go_args(words: tuple[Word, ...]) -> tuple[tuple[Word, ...], tuple[Word, ...]]:
    """Flags and operands; like Go's flag package, flags end at the first operand."""
    flags: list[Word] = []
    index = 0
    while index < len(words):
        word = words[index]
        text = word.value if word.value is not None else word.raw
        if text == "--":
            index += 1
            break
        if not text.startswith("-") or text == "-":
            break
        flags.append(words[index])
        index += 1
        if "=" not in text and text.lstrip("-") in _GO_VALUE_FLAGS and index < len(words):
            flags.append(words[index])
            index += 1
    return tuple(flags), words[index:]


def step_calls(step: RunStep) -> list[PackageManagerCall]:
    """Every package-manager call of the RUN, go's included, in source order
    (worked out once per script text: every package rule asks)."""
    calls = step.package_calls

    def compute(script: Script) -> list[PackageManagerCall]:
        return sorted([*calls, *go_calls(script)], key=lambda c: c.command.start)

    return step.memo("calls+go", compute)


def calls_of(
    model: Model, managers: frozenset[str], subcommands: frozenset[str]
) -> Iterator[tuple[RunStep, PackageManagerCall]]:
    """The calls of `managers` running one of `subcommands`, in every RUN."""
    for step, call in model.shared("pm_calls.all", lambda: _all_calls(model)):
        if call.manager in managers and call.subcommand in subcommands:
            yield step, call


def _all_calls(model: Model) -> list[tuple[RunStep, PackageManagerCall]]:
    """Every call of every RUN, in source order (made once per lint: twenty
    rules ask for the calls of one manager or another)."""
    return [(step, call) for step in model.runs for call in step_calls(step)]


def word_span(step: RunStep, word: Word) -> tuple[int, int]:
    """Where `word` is in the file."""
    return step.script.span(word.start, word.end)


def command_span(step: RunStep, command: SimpleCommand) -> tuple[int, int]:
    """Where `command` is in the file."""
    return step.script.span(command.start, command.end)


def exact(step: RunStep, word: Word) -> bool:
    """Is the file text at the word's span the word as the shell read it?

    Words of a double-quoted nested script map back best effort; an edit
    next to one of those could land in the wrong place.
    """
    start, end = word_span(step, word)
    return step.instruction.source[start:end] == word.raw


def add_option(step: RunStep, after: Word, option: str) -> Edit | None:
    """`shell_edits.insert_option`, only where the word's position is exact."""
    from stagelint.shell_edits import insert_option

    return insert_option(step, after, option) if exact(step, after) else None


def redirect_hint(command: SimpleCommand, word: Word) -> str:
    """A note when `word` is glued to a `>`/`<` redirection (`flask>=1`): the
    shell took the version for a file name."""
    for redirect in command.redirects:
        glued = redirect.target.start - len(redirect.op) == word.end
        if glued and redirect.fd is None and redirect.op in ("<", ">", ">>"):
            return (
                f" (`{word.raw}{redirect.op}{redirect.target.raw}` is a redirection to a "
                f"file: quote the requirement)"
            )
    return ""


def shown(word: Word) -> str:
    """How a message names a word: its value, as written when dynamic."""
    return word.value if word.value is not None else word.raw


def names(words: list[Word], limit: int = 4) -> str:
    """`a`, `b` and 2 more."""
    listed = ", ".join(f"`{shown(w)}`" for w in words[:limit])
    more = len(words) - limit
    return f"{listed} and {more} more" if more > 0 else listed
