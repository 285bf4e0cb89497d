"""The rule modules, installed as `stagelint.rules`: one rule per module.

Each module `slNNN_<name>.py` defines `RULE`, a `stagelint.rule.Rule` whose
docstring is the rule's documentation page.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from stagelint.rule import Rule


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule, ordered by code."""
    found: list[Rule] = []
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("sl"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.append(module.RULE)
    return tuple(sorted(found, key=lambda r: r.code))


def find_rule(key: str) -> Rule | None:
    """A rule by exact code (SL101), name or alias (DL3009)."""
    return next((rule for rule in all_rules() if rule.named_by(key)), None)
