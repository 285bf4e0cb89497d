"""What a rule is, what it reports, and how a fix is described.

A rule module under `rules/` defines one `RULE = Rule(...)`: its code, name,
summary, severity, fix availability, aliases (hadolint DL codes, BuildKit
check names) and its docstring, which is its documentation page. Its check
function reads the `Context` (tree, model, settings) and yields diagnostics.
A fix is a list of non-overlapping edits with an applicability.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from stagelint.records import Record

if TYPE_CHECKING:
    from stagelint.model import Model
    from stagelint.tree import Document, Problem


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Applicability(StrEnum):
    SAFE = "safe"  # cannot change what a correct build produces
    UNSAFE = "unsafe"  # may change the build; opt in with --unsafe-fixes
    DISPLAY_ONLY = "display-only"  # shown as a suggestion, never applied


class FixAvailability(StrEnum):
    NONE = "none"
    SOMETIMES = "sometimes"
    ALWAYS = "always"


class Edit(NamedTuple):
    """Replace source[start:end] by `content`."""

    start: int
    end: int
    content: str


class Fix(NamedTuple):
    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE


class Diagnostic(NamedTuple):
    code: str
    name: str
    message: str
    start: int
    end: int
    severity: Severity
    fix: Fix | None = None


class Context(Record):
    """What a rule's check function receives."""

    __slots__ = ("doc", "model", "settings")

    def __init__(self, doc: Document, model: Model, settings: Mapping[str, object] = {}) -> None:
        self.doc = doc
        self.model = model
        self.settings = settings


CheckFn = Callable[["Context", "Rule"], Iterable[Diagnostic]]

# The docs site (mkdocs, docs/) publishes each rule page at rules/<CODE>/.
DOCS_BASE = "https://stagelint.readthedocs.io/en/latest/rules/"
REQUIRED_HEADINGS = ("## What it does", "## Why is this bad?", "## Example")


class Rule(NamedTuple):
    code: str
    name: str
    summary: str
    severity: Severity
    check: CheckFn
    doc: str
    fix: FixAvailability = FixAvailability.NONE
    aliases: tuple[str, ...] = ()
    fix_title: str | None = None
    # Opt-in rules (hadolint's "ignore"-level checks) run only when a select
    # key names them exactly: code, name or alias, not a prefix or ALL.
    opt_in: bool = False

    def diagnostic(
        self, start: int, end: int, message: str | None = None, fix: Fix | None = None
    ) -> Diagnostic:
        return Diagnostic(
            self.code, self.name, message or self.summary, start, end, self.severity, fix
        )

    def matches(self, key: str) -> bool:
        """Does `key` (a code, code prefix, name, alias or ALL) name this rule?"""
        k = key.strip()
        if not k:
            return False
        if k.upper() == "ALL" or self.code.startswith(k.upper()) or k.lower() == self.name:
            return True
        return any(k.lower() == alias.lower() for alias in self.aliases)

    def named_by(self, key: str) -> bool:
        """Does `key` name exactly this rule (its code, name or an alias)?"""
        k = key.strip()
        return (
            k.upper() == self.code
            or k.lower() == self.name
            or any(k.lower() == alias.lower() for alias in self.aliases)
        )

    @property
    def url(self) -> str:
        """Where the rule's page lives in the docs site (docs/rules/<CODE>.md)."""
        return f"{DOCS_BASE}{self.code}/"


def problem_rule(
    doc: str | None,
    *,
    code: str,
    name: str,
    summary: str,
    kinds: tuple[str, ...],
    severity: Severity = Severity.ERROR,
    aliases: tuple[str, ...] = (),
    fixer: Callable[[Document, Problem], Fix | None] | None = None,
    fix_title: str | None = None,
) -> Rule:
    """A rule that reports the parser's problems of the given kinds, with an
    optional fix for each."""

    def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
        for problem in ctx.doc.problems:
            if problem.kind in kinds:
                fix = fixer(ctx.doc, problem) if fixer else None
                yield rule.diagnostic(problem.start, problem.end, problem.message, fix)

    availability = FixAvailability.SOMETIMES if fixer else FixAvailability.NONE
    return Rule(code, name, summary, severity, check, doc or "", availability, aliases, fix_title)
