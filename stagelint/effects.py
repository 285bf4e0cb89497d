"""Where a RUN writes and what it deletes, as far as its shell shows it.

Stage-persistence rules ask "does this RUN write under /target?" and "does it
delete under /rootfs?". The answers come from the shell analysis: package
managers with an install root, redirections, and the destination operands of
commands that create or change files. Only static absolute paths count:
a linter that guesses at `$DIR` or relative paths would cry wolf.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Sequence

    from stagelint.shell import PackageManagerCall, Script, SimpleCommand, Word

# Commands whose last operand is the destination they write to.
_LAST_OPERAND = frozenset({"cp", "mv", "install", "ln", "rsync", "scp"})
# Commands that write every operand.
_ALL_OPERANDS = frozenset({"mkdir", "touch", "tee", "chmod", "chown", "truncate", "mkfifo"})
# Options that name the file or directory written to.
_OUTPUT_OPTIONS = {
    "tar": ("-C", "--directory"),
    "curl": ("-o", "--output"),
    "wget": ("-O", "--output-document", "-P", "--directory-prefix"),
    "unzip": ("-d",),
    "go": ("-o",),
    "gcc": ("-o",),
    "g++": ("-o",),
    "cc": ("-o",),
    "clang": ("-o",),
    "javac": ("-d",),
    "git": ("-C",),
}
_DELETERS = frozenset({"rm", "rmdir", "unlink"})
# Installers outside the package-manager tables whose option names a root.
_ROOT_OPTIONS = {
    "rpm": ("--root",),
    "dpkg": ("--root", "--instdir"),
    "pacman": ("--root", "-r", "--sysroot"),
}
_WRITE_REDIRECTS = frozenset({">", ">>", ">|", "&>", "&>>"})


class PathEffect(NamedTuple):
    kind: str  # "write", "install" (a package manager's install root) or "delete"
    path: str  # normalised absolute path
    start: int  # span in the Containerfile (in the script for script_effects)
    end: int
    command: str | None  # the command's name
    manager: str | None = None  # for kind="install": the package manager
    subcommand: str | None = None


def is_under(path: str, root: str) -> bool:
    """Is `path` the directory `root` or inside it?"""
    root = root.rstrip("/") or "/"
    return root == "/" or path == root or path.startswith(root + "/")


def _absolute(value: str | None) -> str | None:
    if not value or not value.startswith("/"):
        return None
    return posixpath.normpath(value).replace("//", "/")


def script_effects(script: Script, calls: Sequence[PackageManagerCall]) -> list[PathEffect]:
    """The path effects of one RUN's script, with spans in the script
    (RunStep.effects maps them into the Containerfile)."""
    out: list[PathEffect] = []

    def add(kind: str, word: Word, command: SimpleCommand, **extra: str | None) -> None:
        path = _absolute(word.value)
        if path is not None:
            out.append(PathEffect(kind, path, word.start, word.end, command.name, **extra))

    for call in calls:
        root = _absolute(call.install_root)
        if root is not None and root != "/":
            start, end = call.command.start, call.command.end
            out.append(
                PathEffect(
                    "install", root, start, end, call.command.name, call.manager, call.subcommand
                )
            )
    for raw in script.commands:
        command = raw.effective()
        for redirect in command.redirects:
            if redirect.op in _WRITE_REDIRECTS:
                add("write", redirect.target, command)
        name = command.name
        operands = [w for w in command.args if not (w.value or "").startswith("-")]
        if name in _LAST_OPERAND and len(operands) >= 2:
            add("write", operands[-1], command)
        elif name in _ALL_OPERANDS:
            for word in operands[1:] if name in ("chmod", "chown") else operands:
                add("write", word, command)
        elif name in _DELETERS:
            for word in operands:
                add("delete", word, command)
        elif name == "chroot" and operands:
            add("write", operands[0], command)
        if name in _OUTPUT_OPTIONS:
            for word in _option_values(command, _OUTPUT_OPTIONS[name]):
                add("write", word, command)
        for key, value in command.assignments:
            if key == "DESTDIR":
                add("write", value, command)
        for word in command.args:
            # `make install DESTDIR=/r`: make takes variables as arguments too
            text = word.value or ""
            if text.startswith("DESTDIR=") and _absolute(text[8:]):
                out.append(
                    PathEffect("write", _absolute(text[8:]) or "", word.start, word.end, name)
                )
        if name in _ROOT_OPTIONS:
            for root_word in _root_option_values(command, _ROOT_OPTIONS[name]):
                path = _absolute(root_word.value)
                if path and path != "/":
                    start, end = command.start, command.end
                    out.append(PathEffect("install", path, start, end, name, name, "install"))
    return out


def _root_option_values(command: SimpleCommand, names: tuple[str, ...]) -> list[Word]:
    """Values of `--root DIR` and `--root=DIR` style options."""
    from stagelint.shell import Word as ShellWord

    found = _option_values(command, names)
    for word in command.args:
        text = word.value or ""
        for name in names:
            if name.startswith("--") and text.startswith(name + "="):
                value = text[len(name) + 1 :]
                found.append(ShellWord(word.raw, word.start, word.end, value))
    return found


def _option_values(command: SimpleCommand, names: tuple[str, ...]) -> list[Word]:
    """The words following any of the option `names` (`tar -C /dir`)."""
    args = command.args
    return [args[i + 1] for i, w in enumerate(args[:-1]) if w.value in names]
