"""Every rule documents itself, and docs/rules/ matches the docstrings."""

from __future__ import annotations

import pytest

from stagelint.docgen import covering, expected_compat, expected_pages, missing_headings
from stagelint.peers import BUILDKIT, HADOLINT, NOTES
from stagelint.rules import all_rules
from tests.conftest import ROOT

RULES = all_rules()


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_page_has_required_headings(rule: object) -> None:
    assert missing_headings(rule) == []  # type: ignore[arg-type]


def test_docs_rules_are_up_to_date() -> None:
    folder = ROOT / "docs" / "rules"
    on_disk = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.md")}
    assert on_disk == expected_pages(), "run `python -m stagelint.docgen` to regenerate docs/rules"


def test_compat_page_is_up_to_date() -> None:
    on_disk = (ROOT / "docs" / "compat.md").read_text(encoding="utf-8")
    assert on_disk == expected_compat(), "run `python -m stagelint.docgen` to regenerate"


def test_every_peer_check_is_covered_or_explained() -> None:
    for check in HADOLINT + BUILDKIT:
        assert covering(RULES, check) or check.note or NOTES.get(check.key), check.key


def test_every_alias_names_a_known_peer_check() -> None:
    known = {c.key.lower() for c in HADOLINT + BUILDKIT}
    seen: dict[str, str] = {}
    for rule in RULES:
        for alias in rule.aliases:
            assert alias.lower() in known, f"{rule.code}: unknown alias {alias}"
            # one rule per peer check, so `--ignore DL3008` means one thing
            assert seen.setdefault(alias.lower(), rule.code) == rule.code, alias


def test_codes_and_names_are_unique_and_well_formed() -> None:
    import re

    codes = [r.code for r in RULES]
    names = [r.name for r in RULES]
    assert len(set(codes)) == len(codes) and len(set(names)) == len(names)
    for r in RULES:
        assert re.fullmatch(r"SL\d{3}", r.code)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", r.name)


def test_module_names_match_rule_names() -> None:
    import pkgutil

    import stagelint.rules as package

    modules = {m.name for m in pkgutil.iter_modules(package.__path__) if m.name.startswith("sl")}
    assert modules == {f"{r.code.lower()}_{r.name.replace('-', '_')}" for r in RULES}
