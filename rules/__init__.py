"""The rule modules, installed as `stagelint.rules`: one rule per module.

Each module `slNNN_<name>.py` defines `RULE`, a `stagelint.rule.Rule` whose
docstring is the rule's documentation page.
"""

from __future__ import annotations

import importlib
import os
from functools import cache

from stagelint.rule import Rule


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule, ordered by code."""
    found: list[Rule] = []
    # A directory listing, not pkgutil: importing pkgutil costs more start-up
    # than listing the directory.
    for entry in os.listdir(__path__[0]):
        if entry.startswith("sl") and entry.endswith(".py"):
            module = importlib.import_module(f"{__name__}.{entry[:-3]}")
            found.append(module.RULE)
    return tuple(sorted(found, key=lambda r: r.code))


@cache
def _index() -> dict[str, Rule]:
    """Every code, name and alias, lower-cased, to its rule (output looks a
    rule up for each finding)."""
    index: dict[str, Rule] = {}
    for rule in all_rules():
        for key in (rule.code, rule.name, *rule.aliases):
            index.setdefault(key.lower(), rule)
    return index


def find_rule(key: str) -> Rule | None:
    """A rule by exact code (SL101), name or alias (DL3009)."""
    return _index().get(key.strip().lower())
