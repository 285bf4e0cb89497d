"""Lint one text: parse, build the model, run the selected rules once."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from stagelint.model import Model
from stagelint.parser import parse
from stagelint.rule import Context, Diagnostic, Rule
from stagelint.tree import Document


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ()  # codes, prefixes, names or aliases; empty: all
    ignore: tuple[str, ...] = ()
    target: str | None = None
    build_args: dict[str, str] = field(default_factory=dict)


def _matches(rule: Rule, keys: Iterable[str]) -> bool:
    for key in keys:
        k = key.strip()
        if not k:
            continue
        if k.upper() == "ALL" or rule.code.startswith(k.upper()) or k.lower() == rule.name:
            return True
        if any(k.lower() == alias.lower() for alias in rule.aliases):
            return True
    return False


def selected_rules(settings: Settings, rules: Sequence[Rule]) -> list[Rule]:
    chosen = [r for r in rules if not settings.select or _matches(r, settings.select)]
    return [r for r in chosen if not _matches(r, settings.ignore)]


@dataclass
class LintResult:
    filename: str
    source: str
    doc: Document
    model: Model
    diagnostics: list[Diagnostic]


def lint_source(source: str, filename: str, settings: Settings | None = None) -> LintResult:
    from stagelint.rules import all_rules

    settings = settings or Settings()
    doc = parse(source)
    model = Model(doc, build_args=settings.build_args, target=settings.target)
    ctx = Context(doc, model)
    diagnostics: list[Diagnostic] = []
    for rule in selected_rules(settings, all_rules()):
        diagnostics.extend(rule.run(ctx))
    diagnostics.sort(key=lambda d: (d.start, d.code))
    return LintResult(filename, source, doc, model, diagnostics)
