"""Edits inside a RUN's shell script that keep its layout.

Fixes add commands (`&& rm -rf /var/lib/apt/lists/*`) or options
(`--no-cache`) to a script. These helpers compute where, in the file, the
text goes: after a command at the top level of the script, on the same line,
or on a continuation line of its own when the RUN is written one command per
line; in a heredoc script, on the next line of the body.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stagelint.rule import Edit

if TYPE_CHECKING:
    from stagelint.model import RunStep
    from stagelint.shell import SimpleCommand, Word


def _standalone(step: RunStep, command: SimpleCommand) -> bool:
    """A top-level command, not in a condition or a pipeline with others:
    `&& more` after it runs exactly when it succeeded."""
    script = step.script.script
    if script is None or command.depth != 0 or command.in_condition:
        return False
    for pipeline in script.pipelines:
        if len(pipeline.commands) > 1 and any(
            c.start == command.start and c.end == command.end for c in pipeline.commands
        ):
            return False
    return True


def append_command(step: RunStep, command: SimpleCommand, text: str) -> Edit | None:
    """An edit running `text` right after `command` when it succeeds, or None
    where that cannot be written without changing the script's meaning."""
    run = step.script
    if run.script is None or run.kind not in ("shell", "heredoc") or run.script.has_errors:
        return None  # a script the parser cannot read: where the text lands is a guess
    if not _standalone(step, command):
        return None
    source = step.instruction.source
    end = run.span(command.start, command.end)[1]
    if run.kind == "heredoc":
        newline = source.find("\n", end)
        if newline < 0 or source[end:newline].rstrip().endswith("\\"):
            return None
        line_start = source.rfind("\n", 0, end) + 1
        indent = source[line_start : line_start + _indent_len(source, line_start)]
        nl = "\r\n" if source[newline - 1 : newline] == "\r" else "\n"
        return Edit(newline + 1, newline + 1, f"{indent}{text}{nl}")
    last = run.script.text[command.end :].strip() == ""
    line_start = source.rfind("\n", 0, end) + 1
    if last and line_start > step.instruction.start:
        # One command per line: continue the layout with a line of our own.
        indent = source[line_start : line_start + _indent_len(source, line_start)]
        newline_at = source.find("\n", end)
        nl = "\r\n" if newline_at > 0 and source[newline_at - 1] == "\r" else "\n"
        return Edit(end, end, f" {step.escape}{nl}{indent}&& {text}")
    return Edit(end, end, f" && {text}")


def insert_option(step: RunStep, after: Word, option: str) -> Edit | None:
    """An edit adding `option` right after the word `after` (a subcommand)."""
    run = step.script
    if run.script is None or run.kind not in ("shell", "heredoc") or run.script.has_errors:
        return None
    end = run.span(after.start, after.end)[1]
    return Edit(end, end, f" {option}")


def _indent_len(source: str, line_start: int) -> int:
    i = line_start
    while i < len(source) and source[i] in " \t":
        i += 1
    return i - line_start
