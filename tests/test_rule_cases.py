"""Runs every rule's case file, tests/rules/<CODE>.toml.

A case file holds `[[pass]]` cases (no finding of this rule), `[[fail]]`
cases (`expect` lists the findings as "line:col" of this rule, in order) and,
for rules with fixes, `[[fix]]` cases. Every rule must have pass and fail
cases.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from stagelint.checker import Settings, lint_source
from stagelint.rules import all_rules

CASES_DIR = Path(__file__).parent / "rules"


def _load() -> list[tuple[str, str, int, dict[str, Any]]]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for kind in ("pass", "fail"):
            for i, case in enumerate(data.get(kind, [])):
                cases.append((path.stem, kind, i, case))
    return cases


CASES = _load()


def _found(code: str, text: str, settings: Settings | None = None) -> list[str]:
    result = lint_source(text, "Containerfile", settings or Settings(select=(code,)))
    out = []
    for d in result.diagnostics:
        assert d.code == code
        line, col = result.doc.position(d.start)
        out.append(f"{line}:{col}")
    return out


@pytest.mark.parametrize(
    ("code", "kind", "index", "case"), CASES, ids=[f"{c}-{k}-{i}" for c, k, i, _ in CASES]
)
def test_case(code: str, kind: str, index: int, case: dict[str, Any]) -> None:
    found = _found(code, case["text"])
    if kind == "pass":
        assert found == [], case.get("name", "")
    else:
        assert found == case["expect"], case.get("name", "")


@pytest.mark.parametrize("rule", all_rules(), ids=[r.code for r in all_rules()])
def test_every_rule_has_pass_and_fail_cases(rule: Any) -> None:
    kinds = {k for c, k, _, _ in CASES if c == rule.code}
    assert kinds == {"pass", "fail"}, f"tests/rules/{rule.code}.toml needs pass and fail cases"
