"""Shared questions the SL4xx instruction rules ask of single instructions.

What a word expands to (or that it cannot be known), where each argument of
a white-space separated instruction was written, how to rewrite a keyword in
the case the author used, whether a SHELL applies, and which WORKDIR a stage
starts from. Nothing here re-parses the file: it reads the tree and model.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from stagelint.expand import ExpansionError, expand_word
from stagelint.model import Model, Stage
from stagelint.records import Record
from stagelint.rule import Edit
from stagelint.tree import Instruction

# BuildKit's reWhitespace, which splits EXPOSE, COPY, ADD and VOLUME arguments.
_ARG_WORD = re.compile(r"[^\t\v\f\r ]+")
_WINDOWS_ABS = re.compile(r"^([A-Za-z]:)?[\\/]")


class ArgWord(Record):
    """One white-space separated argument with its span in the file."""

    __slots__ = ("end", "start", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end


def stage_instructions(model: Model, *keywords: str) -> Iterable[tuple[Stage, Instruction]]:
    """Every instruction of every stage (not ONBUILD triggers, which run in a
    child build, and not FROM itself), or those with one of `keywords`; in
    file order."""
    if not keywords:
        return ((stage, node) for stage in model.stages for node in stage.instructions)
    if len(keywords) == 1:
        return model.in_stages(keywords[0])
    found = [pair for keyword in keywords for pair in model.in_stages(keyword)]
    return sorted(found, key=lambda pair: pair[1].start)


def known_value(model: Model, node: Instruction, word: str) -> str | None:
    """`word` expanded with the variables visible to `node`, or None when its
    value depends on something the file does not say (an ARG without a default,
    a variable of the base image) or BuildKit would refuse to expand it."""
    if "$" not in word:
        try:
            return expand_word(word, {}, escape=model.doc.escape).value
        except ExpansionError:
            return None
    try:
        result = expand_word(word, model.scope(node).variables(), escape=model.doc.escape)
    except ExpansionError:
        return None
    return None if result.unset else result.value


def argument_words(node: Instruction) -> list[ArgWord]:
    """The white-space separated arguments of a shell-form instruction."""
    out: list[ArgWord] = []
    for m in _ARG_WORD.finditer(node.args_text):
        start, end = node.args_span(m.start(), m.end())
        out.append(ArgWord(m.group(), start, end))
    return out


def is_absolute(path: str) -> bool:
    """Absolute for Linux (`/x`) or Windows (`C:\\x`, `\\x`) images."""
    return bool(_WINDOWS_ABS.match(path))


def keyword_as_written(node: Instruction) -> str:
    return node.source[node.keyword_start : node.keyword_end]


def keyword_edit(node: Instruction, keyword: str) -> Edit:
    """Replace the keyword by `keyword`, lower-case if the author wrote it so."""
    written = keyword_as_written(node)
    new = keyword.lower() if written.islower() else keyword.upper()
    return Edit(node.keyword_start, node.keyword_end, new)


def single_line(node: Instruction, start: int, end: int) -> bool:
    """Is [start, end) on one line? Edits across continuation lines would
    drop the comment lines inside them."""
    return "\n" not in node.source[start:end]


def shell_declared(stage: Stage, node: Instruction) -> bool:
    """Does a SHELL instruction of the file (earlier in the stage, or in a
    base stage) apply at `node`?"""
    if any(n.keyword == "SHELL" and n.start < node.start for n in stage.instructions):
        return True
    return any(n.keyword == "SHELL" for a in stage.ancestors() for n in a.instructions)


def workdir_known(stage: Stage, node: Instruction) -> bool:
    """Does the file determine the working directory at `node`: a WORKDIR
    before it in the stage or in a base stage, or a scratch base (`/`)?"""
    if any(n.keyword == "WORKDIR" and n.start < node.start for n in stage.instructions):
        return True
    for ancestor in stage.ancestors():
        if any(n.keyword == "WORKDIR" for n in ancestor.instructions):
            return True
    return stage.root.base_kind == "scratch"


def sources_and_dest(node: Instruction) -> tuple[list[str], str] | None:
    """The sources and the destination of COPY or ADD, as written."""
    args = node.arguments
    if len(args) < 2:
        return None
    return list(args[:-1]), args[-1]


class PortSpec(Record):
    """An EXPOSE argument split the way the builder splits it:
    `[ip:][host_port:]container_port[/proto]`."""

    __slots__ = ("container_port", "host_port", "ip", "proto")

    def __init__(
        self,
        ip: str,
        host_port: str,
        container_port: str,
        proto: str,  # as written ("" when none)
    ) -> None:
        self.ip = ip
        self.host_port = host_port
        self.container_port = container_port
        self.proto = proto


def parse_port(spec: str) -> PortSpec:
    parts = spec.split(":")
    if len(parts) == 1:
        ip, host, container = "", "", parts[0]
    elif len(parts) == 2:
        ip, host, container = "", parts[0], parts[1]
    else:
        # The last two parts are the ports; everything before is the address
        # (an IPv6 address in brackets contains colons itself).
        ip, host, container = ":".join(parts[:-2]), parts[-2], parts[-1]
    port, _, proto = container.partition("/")
    return PortSpec(ip, host, port, proto)


def expose_ports(model: Model) -> Iterator[tuple[Instruction, ArgWord, str]]:
    """Each EXPOSE argument with its expanded value (unknown values skipped)."""
    for _, node in stage_instructions(model, "EXPOSE"):
        for word in argument_words(node):
            value = known_value(model, node, word.text)
            if value:
                yield node, word, value
