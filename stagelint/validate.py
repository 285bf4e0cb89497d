"""The checks BuildKit makes on each instruction's arguments after parsing.

These turn into SL0xx findings: the engine would refuse the file, so they
are errors, with BuildKit's reasons in plainer words.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from stagelint.tree import Problem

if TYPE_CHECKING:
    from stagelint.tree import Document, Instruction

STAGE_NAME = re.compile(r"^[a-z][a-z0-9\-_.]*$")
_AT_LEAST_ONE = frozenset({"RUN", "ENV", "LABEL", "ARG", "EXPOSE", "VOLUME", "ONBUILD"})
_EXACTLY_ONE = frozenset({"WORKDIR", "USER", "MAINTAINER", "STOPSIGNAL"})
_NOT_TRIGGERS = frozenset({"ONBUILD", "FROM", "MAINTAINER"})


def _problem(node: Instruction, kind: str, message: str) -> Problem:
    end = node.args_end if node.args_end > node.keyword_start else node.keyword_end
    return Problem(kind, message, node.keyword_start, end)


def validate_instruction(node: Instruction, nested: bool) -> list[Problem]:
    """Argument errors BuildKit reports for one instruction."""
    kw = node.keyword
    args = node.arguments
    out: list[Problem] = []
    if nested and kw in _NOT_TRIGGERS:
        out.append(_problem(node, "invalid-arguments", f"{kw} isn't allowed as an ONBUILD trigger"))
    if kw in _AT_LEAST_ONE and not args and not node.key_values:
        out.append(_problem(node, "invalid-arguments", f"{kw} requires at least one argument"))
    elif kw in _EXACTLY_ONE and not args:
        out.append(_problem(node, "invalid-arguments", f"{kw} requires exactly one argument"))
    elif kw in ("COPY", "ADD") and len(args) < 2:
        out.append(
            _problem(
                node,
                "invalid-arguments",
                f"{kw} requires at least two arguments: source and destination",
            )
        )
    elif kw == "FROM":
        if len(args) not in (1, 3) or (len(args) == 3 and args[1].upper() != "AS"):
            out.append(
                _problem(
                    node,
                    "invalid-arguments",
                    "FROM takes an image and optionally `AS name`: FROM image [AS name]",
                )
            )
        elif len(args) == 3 and not STAGE_NAME.match(args[2].lower()):
            out.append(
                _problem(
                    node,
                    "invalid-arguments",
                    f"invalid stage name {args[2]!r}: it must start with a letter and contain "
                    "only letters, digits, '-', '_' and '.'",
                )
            )
    elif kw == "SHELL" and (not node.json or not args):
        out.append(
            _problem(
                node, "invalid-arguments", 'SHELL requires a JSON array: SHELL ["/bin/sh", "-c"]'
            )
        )
    elif kw == "HEALTHCHECK":
        out.extend(_healthcheck(node))
    if kw == "VOLUME" and node.json and any(a == "" for a in args):
        out.append(_problem(node, "invalid-arguments", "VOLUME cannot be an empty string"))
    return out


def _healthcheck(node: Instruction) -> list[Problem]:
    args = node.arguments
    if not args:
        return [
            _problem(node, "invalid-arguments", "HEALTHCHECK requires NONE or CMD and a command")
        ]
    kind = args[0].upper()
    if kind == "NONE":
        if len(args) > 1:
            return [_problem(node, "invalid-arguments", "HEALTHCHECK NONE takes no arguments")]
        return []
    if kind != "CMD":
        return [
            _problem(node, "invalid-arguments", f"unknown HEALTHCHECK type {args[0]!r} (try CMD)")
        ]
    if len(args) < 2 or (not node.json and args[1].strip() == ""):
        return [_problem(node, "invalid-arguments", "missing command after HEALTHCHECK CMD")]
    return []


def validate_document(doc: Document) -> list[Problem]:
    """File-level errors: no instructions, or instructions before any FROM."""
    instructions = doc.instructions
    if not instructions:
        end = len(doc.source)
        return [Problem("no-instructions", "the file has no instructions", end, end)]
    for node in instructions:
        if node.keyword == "FROM":
            break
        if node.keyword != "ARG" and node.keyword:
            return [
                Problem(
                    "no-stage",
                    f"{node.keyword} comes before the first FROM: only ARG may come before FROM",
                    node.keyword_start,
                    node.keyword_end,
                )
            ]
    return []
