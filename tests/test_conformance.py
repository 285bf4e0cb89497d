"""Our parser against BuildKit's own parser test files."""

from __future__ import annotations

from pathlib import Path

import pytest

from stagelint import parse
from tests.buildkit_dump import dump
from tests.conftest import CONFORMANCE, require_shared

LATER_ERRORS = {
    "flags": {"unknown-flag"},
    "escapes": {"empty-continuation"},
    "health": {"invalid-arguments"},
    "json": {"no-stage"},
    "continueIndent": {"empty-continuation"},
    "brimstone-consuldock": {"empty-continuation"},
    "brimstone-docker-consul": {"empty-continuation"},
}


def _cases(folder: str) -> list[str]:
    base = CONFORMANCE / folder
    return sorted(p.name for p in base.iterdir()) if base.exists() else ["(missing)"]


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


@pytest.mark.parametrize("case", _cases("testfiles"))
def test_matches_buildkit_expected_result(case: str) -> None:
    folder = require_shared(CONFORMANCE / "testfiles" / case)
    source = _read(folder / "Dockerfile")
    doc = parse(source)
    assert doc.to_source() == source
    assert dump(doc) == _read(folder / "result")
    # The parser accepts these files; some would fail BuildKit's later
    # instruction checks, and those we report at once.
    kinds = {p.kind for p in doc.problems}
    expected = LATER_ERRORS.get(case, set())
    if case.startswith("jeztah-invalid-json"):
        expected = {"no-stage"}  # a lone CMD: no FROM at all
    assert kinds == expected, doc.problems


@pytest.mark.parametrize("case", _cases("testfiles-negative"))
def test_negative_cases_give_findings(case: str) -> None:
    folder = require_shared(CONFORMANCE / "testfiles-negative" / case)
    source = _read(folder / "Dockerfile")
    doc = parse(source)
    assert doc.to_source() == source
    assert doc.problems, f"{case}: BuildKit rejects this file, we found nothing"


def test_line_numbers() -> None:
    path = require_shared(CONFORMANCE / "testfile-line" / "Dockerfile")
    source = _read(path)
    doc = parse(source)
    import dockerfile

    expected = [(c.cmd.upper(), c.start_line, c.end_line) for c in dockerfile.parse_string(source)]
    assert [(i.keyword, i.start_line, i.end_line) for i in doc.instructions] == expected
