"""Runs every rule's case file, tests/rules/<CODE>.toml.

A case file holds `[[pass]]` cases (no finding of this rule), `[[fail]]`
cases (`expect` lists the findings as "line:col" of this rule, in order) and,
for rules with fixes, `[[fix]]` cases (`text` must become `fixed`, with
`unsafe = true` for fixes that need --unsafe-fixes). A case may carry
`config`, a table as written under `[tool.stagelint]` (for rules that read
settings such as `label-schema` or `target-engine`), and `context_ignore`,
the lines of the build context's .dockerignore. Every rule must have pass
and fail cases, and a rule that declares a fix must have fix cases. Each fix
case also checks that fixing again changes nothing, that the result parses
no worse than the input, and that the bytes outside the edits are kept.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from stagelint.checker import Settings, lint_source, settings_for
from stagelint.config import parse_config
from stagelint.fixer import apply_edits, choose, fix_source, syntax_errors
from stagelint.parser import parse
from stagelint.rule import Edit
from stagelint.rules import all_rules

CASES_DIR = Path(__file__).parent / "rules"


def _load() -> list[tuple[str, str, int, dict[str, Any]]]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for kind in ("pass", "fail", "fix"):
            for i, case in enumerate(data.get(kind, [])):
                cases.append((path.stem, kind, i, case))
    return cases


CASES = _load()


def _settings(code: str, case: dict[str, Any]) -> Settings:
    config = parse_config(case.get("config", {}), None)
    settings = settings_for(config, "Containerfile", select=(code,))
    # No engine lookups in unit tests: base image configs stay unknown.
    return settings.replace(resolve_base_config=False, context_ignore=case.get("context_ignore"))


def _found(code: str, case: dict[str, Any]) -> list[str]:
    result = lint_source(case["text"], "Containerfile", _settings(code, case))
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
    if kind == "fix":
        _check_fix(code, case)
        return
    found = _found(code, case)
    if kind == "pass":
        assert found == [], case.get("name", "")
    else:
        assert found == case["expect"], case.get("name", "")


def _outside_edits_kept(before: str, after: str, edits: list[Edit]) -> bool:
    """Every character outside the edits appears in `after`, in order, where
    the edits leave it."""
    pos_before = pos_after = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        kept = before[pos_before : edit.start]
        if after[pos_after : pos_after + len(kept)] != kept:
            return False
        pos_after += len(kept) + len(edit.content)
        pos_before = edit.end
    return after[pos_after:] == before[pos_before:]


def _check_fix(code: str, case: dict[str, Any]) -> None:
    text, unsafe = case["text"], case.get("unsafe", False)
    settings = _settings(code, case)
    outcome = fix_source(text, "Containerfile", settings, unsafe=unsafe)
    assert outcome.source == case["fixed"], case.get("name", "")
    assert outcome.converged and outcome.applied
    again = fix_source(outcome.source, "Containerfile", settings, unsafe=unsafe)
    assert again.source == outcome.source, "fixing twice changed the text"
    assert syntax_errors(parse(outcome.source)) <= syntax_errors(parse(text))
    first = lint_source(text, "Containerfile", settings)
    # an editor hands the fixer the lint it has: the same fixes come out
    reused = fix_source(text, "Containerfile", settings, unsafe=unsafe, linted=first)
    assert (reused.source, reused.applied) == (outcome.source, outcome.applied)
    batch = choose(first.diagnostics, unsafe)
    edits = [e for d in batch for e in d.fix.edits]  # type: ignore[union-attr]
    once = apply_edits(text, edits)
    assert _outside_edits_kept(text, once, edits)
    if not unsafe:  # the same fix must not be applied without --unsafe-fixes
        return
    safe_only = fix_source(text, "Containerfile", settings, unsafe=False)
    assert safe_only.source != case["fixed"], "an unsafe case that the safe fixer also fixes"


@pytest.mark.parametrize("rule", all_rules(), ids=[r.code for r in all_rules()])
def test_every_rule_has_its_cases(rule: Any) -> None:
    kinds = {k for c, k, _, _ in CASES if c == rule.code}
    wanted = {"pass", "fail"} | ({"fix"} if rule.fix.value != "none" else set())
    assert kinds == wanted, f"tests/rules/{rule.code}.toml needs {sorted(wanted)} cases"
