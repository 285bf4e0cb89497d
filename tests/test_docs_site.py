"""The docs site (mkdocs.yml, docs/) builds with `mkdocs build --strict`: a
broken link, a missing page or a page left out of the nav fails it."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

HAVE_MKDOCS = all(importlib.util.find_spec(m) is not None for m in ("mkdocs", "material"))


def _require_mkdocs() -> None:
    """Skip without mkdocs locally; in CI (`CI` set) these tests must run."""
    if not HAVE_MKDOCS:
        if os.environ.get("CI"):
            pytest.fail("mkdocs or mkdocs-material is not installed (CI is set: must run)")
        pytest.skip("mkdocs and mkdocs-material are not installed (pip install -e '.[docs]')")


@pytest.fixture(autouse=True)
def _mkdocs() -> None:
    _require_mkdocs()


def _yaml_load(text: str) -> Any:
    import yaml  # a dependency of mkdocs

    return yaml.safe_load(text)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _require_mkdocs()
    site_dir = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")  # Material's banner about MkDocs 2
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict",
         "--config-file", str(ROOT / "mkdocs.yml"), "--site-dir", str(site_dir)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, f"mkdocs build --strict failed:\n{done.stdout}\n{done.stderr}"
    return site_dir


def test_site_builds_strict(site: Path) -> None:
    assert (site / "index.html").is_file()
    for page in ("getting-started", "ci", "pre-commit", "comparison"):
        assert (site / page / "index.html").is_file(), page


def test_rule_urls_that_stagelint_prints_exist_in_the_site(site: Path) -> None:
    """`url` in JSON output, SARIF's helpUri: site_url + rules/<CODE>/."""
    from stagelint.output import INFORMATION_URI
    from stagelint.rules import all_rules

    config = _yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_url"] == INFORMATION_URI
    for rule in all_rules():
        assert rule.url.startswith(INFORMATION_URI), rule.url
        page = site / rule.url.removeprefix(INFORMATION_URI) / "index.html"
        assert page.is_file(), f"{rule.code}: {rule.url} is not in the site"


@pytest.mark.parametrize("page", ["ci.md", "pre-commit.md", "getting-started.md"])
def test_yaml_snippets_parse(page: str) -> None:
    text = (DOCS / page).read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)
    assert blocks, page
    for block in blocks:
        assert _yaml_load(block) is not None, block
