"""The command line as a user runs it: a real process, real files, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

CLEAN = "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n"
BAD = "FROM alpine:3.20\nRUNN x\n"


def run(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "stagelint", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        check=False,
    )
    out = subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode()
    )
    assert "Traceback" not in out.stderr, out.stderr
    return out


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)
    return path


def test_clean_file_exits_0(tmp_path: Path) -> None:
    result = run("check", str(write(tmp_path / "Containerfile", CLEAN)))
    assert (result.returncode, result.stdout) == (0, "")


def test_findings_exit_1_with_path_line_col(tmp_path: Path) -> None:
    path = write(tmp_path / "Containerfile", BAD)
    result = run("check", str(path))
    assert result.returncode == 1
    assert f"{path}:2:1: SL001 unknown instruction: RUNN" in result.stdout


def test_bad_inputs_exit_2_and_the_rest_is_still_checked(tmp_path: Path) -> None:
    good = write(tmp_path / "a" / "Dockerfile", BAD)
    binary = write(tmp_path / "b.dockerfile", b"FROM a\n\x00\x01")
    latin = write(tmp_path / "c.dockerfile", b"FROM a\nLABEL x=\xe9\n")
    result = run("check", str(tmp_path / "missing"), str(binary), str(latin), str(good))
    assert result.returncode == 2
    assert f"{tmp_path / 'missing'}: error: no such file or directory" in result.stderr
    assert f"{binary}: error: binary file" in result.stderr
    assert f"{latin}: error: not valid UTF-8 (byte 0xe9 at line 2, column 9)" in result.stderr
    assert f"{good}:2:1: SL001" in result.stdout


def test_directories_are_searched_by_name(tmp_path: Path) -> None:
    for name in ["Containerfile", "Dockerfile", "api.dockerfile", "x.containerfile",
                 "Dockerfile.dev", "Containerfile.prod", "dockerfile"]:  # fmt: skip
        write(tmp_path / "p" / name, BAD)
    write(tmp_path / "p" / "README.md", BAD)
    write(tmp_path / "p" / "Dockerfile.dockerignore", BAD)
    write(tmp_path / "p" / "Dockerfile.j2", BAD)
    write(tmp_path / "p" / ".git" / "Dockerfile", BAD)
    write(tmp_path / "p" / "node_modules" / "x" / "Dockerfile", BAD)
    result = run("check", "--output-format", "json", str(tmp_path / "p"))
    names = sorted(Path(d["filename"]).name for d in json.loads(result.stdout))
    assert names == sorted(["Containerfile", "Dockerfile", "api.dockerfile", "x.containerfile",
                            "Dockerfile.dev", "Containerfile.prod", "dockerfile"])  # fmt: skip


def test_stdin_with_filename(tmp_path: Path) -> None:
    result = run("check", "-", "--stdin-filename", "build/Containerfile", stdin=BAD.encode())
    assert result.returncode == 1
    assert result.stdout.startswith("build/Containerfile:2:1: SL001")
    result = run("check", "-", stdin=b"\xff\xfe")
    assert result.returncode == 2 and "-: error: not valid UTF-8" in result.stderr


def test_json_output_schema(tmp_path: Path) -> None:
    path = write(tmp_path / "Containerfile", BAD)
    (item,) = json.loads(run("check", "--output-format", "json", str(path)).stdout)
    assert set(item) == {"code", "name", "message", "severity", "filename", "line", "column",
                         "end_line", "end_column", "url", "fix"}  # fmt: skip
    assert (item["code"], item["line"], item["column"], item["end_column"]) == ("SL001", 2, 1, 5)


def test_select_and_ignore(tmp_path: Path) -> None:
    path = write(tmp_path / "Containerfile", BAD + "RUN apk add curl=8.9.1-r0\n")
    assert "SL204" not in run("check", "--select", "SL0", str(path)).stdout
    out = run("check", "--ignore", "unknown-instruction", "--ignore", "DL3019", str(path))
    assert out.returncode == 0 and out.stdout == ""


def test_config_file_is_used_and_errors_name_the_key(tmp_path: Path) -> None:
    path = write(tmp_path / "proj" / "Containerfile", BAD)
    write(tmp_path / "proj" / "pyproject.toml", "[tool.stagelint]\nignore = ['SL001']\n")
    assert run("check", str(path)).returncode == 0
    write(tmp_path / "proj" / ".stagelint.toml", "ignore = 'SL001'\nbogus = 1\n")
    result = run("check", str(path))
    assert result.returncode == 2
    assert ".stagelint.toml: bogus: unknown key" in result.stderr


def test_version_rules_and_rule_pages() -> None:
    assert run("--version").stdout.startswith("stagelint ")
    rules = json.loads(run("rules", "--output-format", "json").stdout)
    codes = {r["code"] for r in rules}
    assert {"SL001", "SL101", "SL201"} <= codes
    assert set(rules[0]) == {"code", "name", "summary", "severity", "fix", "aliases", "opt_in"}
    page = run("rule", "SL101").stdout
    assert "## What it does" in page and "## Why is this bad?" in page
    assert run("rule", "DL3009").stdout.startswith("# SL201 apt-lists-left")
    missing = run("rule", "SL999")
    assert missing.returncode == 2 and "unknown rule" in missing.stderr


@pytest.mark.parametrize("fmt", ["text", "concise", "json", "sarif", "github", "gitlab", "junit",
                                 "json-lines", "checkstyle"])  # fmt: skip
def test_every_output_format_runs(tmp_path: Path, fmt: str) -> None:
    path = write(tmp_path / "Containerfile", BAD)
    result = run("check", "--output-format", fmt, str(path))
    assert result.returncode == 1 and result.stdout


def test_example_in_the_repository_is_flagged() -> None:
    root = Path(__file__).resolve().parent.parent
    result = run("check", str(root / "examples" / "Containerfile"))
    assert result.returncode == 1
    assert "SL101" in result.stdout
