"""The pre-commit hooks (.pre-commit-hooks.yaml), run by the real pre-commit.

pre-commit installs the hook repository into a virtualenv of its own (a pip
install from PyPI), so these tests need the network and take a while: about
15 s for each fresh environment (twice that on a busy machine). `try-repo`
builds a new environment on every call, so it runs twice only; `pre-commit
run` reuses the one in PRE_COMMIT_HOME, a fresh directory per test session.

The hook repository is a snapshot of this working tree committed to a
temporary git repository: `try-repo` on the working tree itself would ignore
untracked files (a new `.pre-commit-hooks.yaml` included), and pre-commit
needs a commit to install from.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
DOC = ROOT / "docs" / "pre-commit.md"
TIMEOUT = 600  # an install that hangs must not eat CI's whole budget

FIXABLE = "FROM alpine:3.20\nRUN apk add curl=8.9.1-r0\n"  # SL204: fix adds --no-cache
CLEAN = "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n"
# identify does not tag `*.containerfile` as a dockerfile: the hooks must still run on it
PIP = "FROM python:3.12-slim\nRUN pip install requests==2.32.3\n"  # SL205: fix adds --no-cache-dir
# Not Containerfiles: stagelint would report them if the hooks passed them on
NOT_CONTAINERFILES = {
    "README.md": "RUN apk add curl\n",
    "Dockerfile.dockerignore": "node_modules\n*.log\n",
}

HAVE_PRE_COMMIT = importlib.util.find_spec("pre_commit") is not None


@pytest.fixture(autouse=True)
def _require_pre_commit() -> None:
    """Skip without pre-commit locally; in CI (`CI` set) these tests must run."""
    if not HAVE_PRE_COMMIT:
        if os.environ.get("CI"):
            pytest.fail("pre-commit is not installed (CI is set: these tests must run)")
        pytest.skip("pre-commit is not installed (pip install pre-commit)")


def _yaml_load(text: str) -> Any:
    import yaml  # a dependency of pre-commit

    return yaml.safe_load(text)


def _yaml_dump(data: object) -> str:
    import yaml

    return str(yaml.safe_dump(data, sort_keys=False))


GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "stagelint tests",
    "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "stagelint tests",
    "GIT_COMMITTER_EMAIL": "tests@example.invalid",
}


def _git(cwd: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")} | GIT_IDENTITY
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def _working_tree_files(root: Path) -> list[str]:
    """Tracked and untracked files, without what .gitignore ignores."""
    try:
        out = _git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    except (OSError, subprocess.CalledProcessError):  # not a git checkout
        skip = {".git", "build", "dist", "site", ".venv", "__pycache__"}
        return [
            str(p.relative_to(root))
            for p in root.rglob("*")
            if p.is_file()
            and not skip.intersection(p.relative_to(root).parts)
            and not any(part.endswith((".egg-info", "_cache")) for part in p.parts)
        ]
    return [name for name in out.split("\0") if name and (root / name).is_file()]


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A git repository holding this working tree as one commit: (path, commit)."""
    snapshot = tmp_path_factory.mktemp("hook-repo")
    for name in _working_tree_files(ROOT):
        target = snapshot / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    _git(snapshot, "init", "-q")
    _git(snapshot, "add", "-A")
    _git(snapshot, "commit", "-q", "--no-verify", "-m", "snapshot of the working tree")
    return snapshot, _git(snapshot, "rev-parse", "HEAD").strip()


@pytest.fixture(scope="session")
def pre_commit_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env |= GIT_IDENTITY
    env["PRE_COMMIT_HOME"] = str(tmp_path_factory.mktemp("pre-commit-home"))
    # `repo: local` hooks run the stagelint installed next to this interpreter
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A repository to check: one fixable, one clean, one *.containerfile, two others."""
    files = {
        "Containerfile": FIXABLE,
        "clean/Containerfile": CLEAN,
        "foo.containerfile": PIP,
        **NOT_CONTAINERFILES,
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    return tmp_path


def _pre_commit(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args, "--color", "never"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def _output(done: subprocess.CompletedProcess[str]) -> str:
    return f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"


def _assert_only_containerfiles(output: str) -> None:
    for name in NOT_CONTAINERFILES:
        assert f"{name}:" not in output, output


def _write_config(project: Path, config: dict[str, Any]) -> None:
    (project / ".pre-commit-config.yaml").write_text(_yaml_dump(config), encoding="utf-8")
    _git(project, "add", ".pre-commit-config.yaml")


def _doc_snippet(marker: str) -> dict[str, Any]:
    """The YAML block after `<!-- test: MARKER -->` in docs/pre-commit.md."""
    text = DOC.read_text(encoding="utf-8")
    match = re.search(rf"<!-- test: {marker} -->\n```yaml\n(.*?)```", text, re.DOTALL)
    assert match, f"docs/pre-commit.md has no YAML block marked {marker}"
    config: dict[str, Any] = _yaml_load(match.group(1))
    return config


# --- the manifest -----------------------------------------------------------


def _hooks() -> dict[str, dict[str, Any]]:
    return {hook["id"]: hook for hook in _yaml_load(MANIFEST.read_text(encoding="utf-8"))}


def test_manifest_is_valid_and_has_both_hooks() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", str(MANIFEST)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, _output(done)
    hooks = _hooks()
    assert set(hooks) == {"stagelint", "stagelint-fix"}
    assert hooks["stagelint"]["entry"] == "stagelint check"
    assert hooks["stagelint-fix"]["entry"] == "stagelint fix"
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook.get("require_serial", False) is False  # stagelint writes atomically


NAMES = [
    "Containerfile", "Dockerfile", "containerfile", "DOCKERFILE", "Containerfile.dev",
    "Dockerfile.prod", "dockerfile.ci", "foo.containerfile", "foo.dockerfile",
    "app.Dockerfile", "app.Containerfile", "x.Dockerfile.y", "Dockerfile.prod.arm64",
    "build/Containerfile", "a/b/foo.containerfile",
    "README.md", "Dockerfile.dockerignore", "app.Dockerfile.dockerignore", ".dockerignore",
    "docker-compose.yml", "Dockerfiles/README.md", "containerfiles.txt", "mydockerfile",
    "Containerfile/notes.txt", "src/dockerfile.py", "Dockerfile.md", "docs/Containerfile.RST",
    "Containerfile.j2", "Dockerfile.jinja2", "Dockerfile.tmpl", "Dockerfile.tpl",
]  # fmt: skip
NOT_CONTAINERFILE_EXTENSIONS = {
    "dockerignore", "md", "rst", "py", "j2", "jinja", "jinja2", "tpl", "tmpl",
}  # fmt: skip


def test_files_pattern_covers_identify_and_stagelint_names() -> None:
    """Every name identify tags `dockerfile`, and every name stagelint looks for,
    is selected, but for ignore files and other languages' extensions (matched
    as pre-commit matches them: `re.search` on the path)."""
    from identify.identify import tags_from_filename

    from stagelint.files import is_containerfile

    hooks = list(_hooks().values())
    selectors = {(h["files"], h["exclude"], tuple(h["types"])) for h in hooks}
    assert len(selectors) == 1, "both hooks must select the same files"
    files, exclude, types = selectors.pop()
    assert types == ("text",)
    files_re, exclude_re = re.compile(files), re.compile(exclude)

    def selected(path: str) -> bool:
        return bool(files_re.search(path)) and not exclude_re.search(path)

    for path in NAMES:
        name = path.rsplit("/", 1)[-1]
        other_kind = name.lower().rsplit(".", 1)[-1] in NOT_CONTAINERFILE_EXTENSIONS
        wanted = not other_kind and (
            "dockerfile" in tags_from_filename(path) or is_containerfile(name)
        )
        assert selected(path) == wanted, path


# --- the real pre-commit ----------------------------------------------------


def test_try_repo_check_hook_reports_findings(
    hook_repo: tuple[Path, str], pre_commit_env: dict[str, str], project: Path
) -> None:
    repo, _ = hook_repo
    done = _pre_commit(project, pre_commit_env, "try-repo", str(repo), "stagelint", "--all-files")
    out = _output(done)
    assert done.returncode == 1, out
    assert "stagelint....." in out and "Failed" in out, out
    assert "Containerfile:2:5: SL204" in out, out
    assert "foo.containerfile:2:5: SL205" in out, out
    assert "clean/Containerfile:" not in out, out
    _assert_only_containerfiles(out)
    assert (project / "Containerfile").read_text(encoding="utf-8") == FIXABLE  # check only


def test_try_repo_fix_hook_fixes_then_a_second_run_passes(
    hook_repo: tuple[Path, str], pre_commit_env: dict[str, str], project: Path
) -> None:
    repo, commit = hook_repo
    hook = {"id": "stagelint-fix"}
    first = _pre_commit(project, pre_commit_env, "try-repo", str(repo), hook["id"], "--all-files")
    out = _output(first)
    assert first.returncode == 1, out
    assert "files were modified by this hook" in out, out
    _assert_only_containerfiles(out)
    assert (project / "Containerfile").read_text(encoding="utf-8") == (
        "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n"
    )
    assert "--no-cache-dir" in (project / "foo.containerfile").read_text(encoding="utf-8")
    assert (project / "clean/Containerfile").read_text(encoding="utf-8") == CLEAN
    for name, text in NOT_CONTAINERFILES.items():
        assert (project / name).read_text(encoding="utf-8") == text

    # A second run passes. The configuration try-repo generates, run by `pre-commit
    # run`: the environment it installs in PRE_COMMIT_HOME serves the other tests too.
    _write_config(project, {"repos": [{"repo": str(repo), "rev": commit, "hooks": [hook]}]})
    second = _pre_commit(project, pre_commit_env, "run", "--all-files")
    assert second.returncode == 0, _output(second)
    assert "stagelint fix....." in second.stdout and "Passed" in second.stdout, _output(second)


def test_documented_config_fixes_then_passes(
    hook_repo: tuple[Path, str], pre_commit_env: dict[str, str], project: Path
) -> None:
    """docs/pre-commit.md's configuration, pointed at the snapshot."""
    repo, commit = hook_repo
    config = _doc_snippet("remote-config")
    repos = config["repos"]
    assert isinstance(repos, list) and len(repos) == 1
    assert repos[0]["repo"].endswith(".invalid/stagelint"), "keep the placeholder URL"
    repos[0] |= {"repo": str(repo), "rev": commit}
    _write_config(project, config)

    first = _pre_commit(project, pre_commit_env, "run", "--all-files")
    assert first.returncode == 1, _output(first)
    assert "files were modified by this hook" in first.stdout, _output(first)
    assert "--no-cache curl" in (project / "Containerfile").read_text(encoding="utf-8")

    again = _pre_commit(project, pre_commit_env, "run", "--all-files")
    assert again.returncode == 0, _output(again)

    # the check hook, from the environment already installed, passes as well
    repos[0]["hooks"] = [{"id": "stagelint-fix"}, {"id": "stagelint"}]
    _write_config(project, config)
    both = _pre_commit(project, pre_commit_env, "run", "--all-files")
    assert both.returncode == 0, _output(both)
    assert both.stdout.count("Passed") == 2, _output(both)


def test_documented_local_hook(pre_commit_env: dict[str, str], project: Path) -> None:
    """The `repo: local` alternative runs the installed stagelint, selecting the
    same files as the hook repository."""
    config = _doc_snippet("local-config")
    (hook,) = config["repos"][0]["hooks"]
    manifest_hook = _hooks()["stagelint"]
    for key in ("files", "exclude", "types"):
        assert hook[key] == manifest_hook[key], key
    _write_config(project, config)

    done = _pre_commit(project, pre_commit_env, "run", "--all-files")
    out = _output(done)
    assert done.returncode == 1, out
    assert "Containerfile:2:5: SL204" in out and "foo.containerfile:2:5: SL205" in out, out
    _assert_only_containerfiles(out)
