"""Suppression comments, ours and the ones users bring from other linters.

* `# stagelint: ignore=SL101,SL2` (codes, prefixes or names) on the comment
  lines directly above an instruction silences those rules for it;
  `# stagelint: ignore-file=SL101` (or bare `ignore-file`) for the whole file.
* hadolint's `# hadolint ignore=DL3009` (next instruction) and
  `# hadolint global ignore=DL3009` (whole file), for rules with that alias.
* BuildKit's `# check=skip=JSONArgsRecommended,...` parser directive (`all`
  skips every rule that has a BuildKit check alias).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from stagelint.records import Record
from stagelint.rule import Context, Diagnostic, Rule
from stagelint.tree import Comment, Document, Instruction

_STAGELINT = re.compile(r"^stagelint:\s*(ignore-file|ignore)\b\s*(?:=\s*(.*))?$", re.I)
_HADOLINT = re.compile(r"^hadolint\s+(global\s+)?ignore\s*=\s*(.*)$", re.I)
_DL_CODE = re.compile(r"^DL\d{4}$|^SC\d{4}$", re.I)


class Key(Record):
    """One code in a suppression, with where it was written."""

    __slots__ = ("end", "origin", "start", "text")

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        origin: str,  # "stagelint", "hadolint" or "buildkit"
    ) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.origin = origin


class Suppressions:
    __slots__ = ("by_instruction", "file_all", "file_keys")

    def __init__(
        self,
        file_keys: list[Key] | None = None,
        file_all: bool = False,
        by_instruction: list[tuple[Instruction, list[Key]]] | None = None,
    ) -> None:
        self.file_keys: list[Key] = [] if file_keys is None else file_keys
        self.file_all = file_all
        self.by_instruction: list[tuple[Instruction, list[Key]]] = (
            [] if by_instruction is None else by_instruction
        )

    def all_keys(self) -> list[Key]:
        return self.file_keys + [k for _, keys in self.by_instruction for k in keys]

    def suppresses(self, d: Diagnostic, rule: Rule) -> bool:
        if self.file_all or any(key_matches(k, rule) for k in self.file_keys):
            return True
        for node, keys in self.by_instruction:
            if node.start <= d.start < node.end and any(key_matches(k, rule) for k in keys):
                return True
        return False


def key_matches(key: Key, rule: Rule) -> bool:
    text = key.text.strip()
    if key.origin == "buildkit":
        if text.lower() == "all":
            return any(not _DL_CODE.match(a) for a in rule.aliases)
        return any(text.lower() == a.lower() for a in rule.aliases)
    if key.origin == "hadolint":
        return any(text.upper() == a.upper() for a in rule.aliases)
    return text.upper() != "ALL" and rule.matches(text)


def _keys(raw: str | None, base: int, origin: str) -> list[Key]:
    if not raw:
        return []
    out: list[Key] = []
    pos = 0
    for part in raw.split(","):
        stripped = part.strip()
        if stripped:
            offset = base + pos + part.index(stripped)
            out.append(Key(stripped, offset, offset + len(stripped), origin))
        pos += len(part) + 1
    return out


def _comment_keys(comment: Comment, source: str) -> tuple[str, bool, list[Key]] | None:
    """(scope, all_rules, keys) for a pragma comment; scope is 'file' or 'next'."""
    text = comment.text
    base = source.find(text, comment.start, comment.end) if text else comment.start
    m = _STAGELINT.match(text)
    if m:
        scope = "file" if m.group(1).lower() == "ignore-file" else "next"
        keys = _keys(m.group(2), base + m.start(2), "stagelint") if m.group(2) else []
        return scope, not keys, keys
    m = _HADOLINT.match(text)
    if m:
        scope = "file" if m.group(1) else "next"
        return scope, False, _keys(m.group(2), base + m.start(2), "hadolint")
    return None


def collect(doc: Document) -> Suppressions:
    out = Suppressions()
    pending: list[Key] = []
    for node in doc.nodes:
        if isinstance(node, Comment):
            found = _comment_keys(node, doc.source)
            if found is None:
                continue
            scope, all_rules, keys = found
            if scope == "file":
                out.file_all = out.file_all or all_rules
                out.file_keys.extend(keys)
            else:
                pending.extend(keys)
        elif isinstance(node, Instruction):
            if pending:
                out.by_instruction.append((node, pending))
            pending = []
    check = doc.directive("check")
    if check is not None:
        m = re.search(r"(?:^|;)\s*skip\s*=\s*([^;]*)", check.value)
        if m:
            out.file_keys.extend(_keys(m.group(1), check.value_start + m.start(1), "buildkit"))
    return out


def suppressions_of(ctx: Context) -> Suppressions:
    """`collect(ctx.doc)`, worked out once per lint (the checker applies it,
    two rules look at it)."""
    return ctx.model.shared("pragmas.suppressions", lambda: collect(ctx.doc))


def unknown_keys(supp: Suppressions, rules: Iterable[Rule]) -> list[Key]:
    """stagelint keys that name no rule (hadolint and BuildKit keys may name
    checks stagelint does not have, which is not an error)."""
    rules = list(rules)
    return [
        k
        for k in supp.all_keys()
        if k.origin == "stagelint" and not any(key_matches(k, r) for r in rules)
    ]
