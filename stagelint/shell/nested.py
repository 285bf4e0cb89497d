"""Recognise commands that run a script given as a string.

``sh -c '...'``, ``bash -ec "..."``, ``su -c '...' user``, ``eval '...'`` and
``bash <<EOF`` / ``sh <<< '...'`` hide whole scripts in one word; the script
walker parses those words again so their commands are seen too.
"""

from __future__ import annotations

from stagelint.shell.commands import SimpleCommand
from stagelint.shell.options import parse_options
from stagelint.shell.words import Word

__all__ = ["SHELLS", "nested_script_words"]

SHELLS = frozenset({"sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "yash", "busybox-sh"})
_SHELL_VALUE_OPTIONS = frozenset({"-o", "-O", "--rcfile", "--init-file"})
_SU_VALUE_OPTIONS = frozenset(
    {
        "-c",
        "--command",
        "-s",
        "--shell",
        "-g",
        "--group",
        "-G",
        "--supp-group",
        "-w",
        "--whitelist-environment",
        "-u",
        "--user",
    }
)
_STDIN_OPS = frozenset({"<<", "<<-", "<<<"})


def _stdin_script(command: SimpleCommand) -> tuple[Word, ...] | None:
    for redirect in reversed(command.redirects):
        if redirect.fd not in (None, 0) or redirect.op not in _STDIN_OPS:
            continue
        if redirect.op == "<<<":
            return (redirect.target,)
        return (redirect.heredoc,) if redirect.heredoc is not None else None
    return None


def nested_script_words(command: SimpleCommand) -> tuple[Word, ...] | None:
    """The words whose (space-joined) value is a script ``command`` runs.

    ``command`` should already have wrappers stripped (see
    :meth:`SimpleCommand.effective`).  Returns ``None`` when the command runs
    no inline script (e.g. ``bash script.sh``).
    """
    name = command.name
    args = command.args
    if name in SHELLS:
        parsed = parse_options(args, _SHELL_VALUE_OPTIONS, stop_at_operand=True)
        if parsed.option("-c") is not None:
            return (args[parsed.stop],) if parsed.stop < len(args) else None
        if parsed.stop >= len(args) or parsed.option("-s") is not None:
            return _stdin_script(command)
        return None
    if name in ("su", "runuser"):
        option = parse_options(args, _SU_VALUE_OPTIONS).option("-c", "--command")
        if option is not None and option.value_word is not None:
            return (option.value_word,)
        return None
    if name == "eval" and args:
        return args
    return None
