"""`stagelint fix` as a user runs it: in place, --diff, stdin, exit codes,
atomic writes that keep permissions and never touch unchanged files."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from stagelint.atomic import WriteError, write_atomic

FIXABLE = "FROM alpine:3.20\nRUN apk add curl=8.9.1-r0\n"
FIXED = "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n"
UNFIXABLE = "FROM alpine:3.20\nRUNN x\n"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "stagelint", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PATH": "/usr/bin:/bin"},  # no engine lookups from these tests
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_fix_in_place_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "Containerfile"
    path.write_text(FIXABLE)
    path.chmod(0o640)
    result = run("fix", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert path.read_text() == FIXED
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert "Fixed 1 finding in 1 file." in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["Containerfile"]  # no temporary left


def test_unchanged_files_are_not_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "Containerfile"
    path.write_text(UNFIXABLE)
    before = path.stat()
    result = run("fix", str(path))
    assert result.returncode == 1  # a finding remains
    assert f"{path}:2:1: SL001" in result.stdout
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_diff_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "Containerfile"
    path.write_text(FIXABLE)
    result = run("fix", "--diff", str(path))
    assert path.read_text() == FIXABLE
    assert "-RUN apk add curl=8.9.1-r0\n+RUN apk add --no-cache curl=8.9.1-r0\n" in result.stdout


def test_stdin_to_stdout(tmp_path: Path) -> None:
    result = run("fix", "-", "--stdin-filename", "Containerfile", stdin=FIXABLE)
    assert (result.returncode, result.stdout) == (0, FIXED)
    result = run("fix", "-", stdin=UNFIXABLE)
    assert result.stdout == UNFIXABLE and "SL001" in result.stderr and result.returncode == 1


def test_unsafe_fixes_are_opt_in(tmp_path: Path) -> None:
    text = (
        "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n"
        "RUN apt-get install -y git\n"
    )
    assert run("fix", "-", stdin=text).stdout == text
    unsafe = run("fix", "-", "--unsafe-fixes", stdin=text).stdout
    assert "rm -rf /var/lib/apt/lists/*" in unsafe


def test_show_fixes_and_errors_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "Containerfile"
    path.write_text(FIXABLE)
    result = run("fix", "--show-fixes", str(path), str(tmp_path / "missing"))
    assert result.returncode == 2
    assert "fixed SL204 apk-cache-left: Add `--no-cache` to `apk add`" in result.stdout
    assert "missing: error: no such file or directory" in result.stderr
    assert path.read_text() == FIXED  # the good file was still fixed


def test_symlink_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.dockerfile"
    real.write_text(FIXABLE)
    link = tmp_path / "Containerfile"
    link.symlink_to(real)
    run("fix", str(link))
    assert link.is_symlink() and real.read_text() == FIXED


def test_read_only_file_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "Containerfile"
    path.write_text(FIXABLE)
    path.chmod(0o444)
    result = run("fix", str(path))
    assert result.returncode == 2 and "read-only" in result.stderr
    assert path.read_text() == FIXABLE


def test_write_refuses_when_the_file_changed_meanwhile(tmp_path: Path) -> None:
    path = tmp_path / "Containerfile"
    path.write_text("changed by someone else\n")
    with pytest.raises(WriteError, match="changed while"):
        write_atomic(path, FIXED, expected=FIXABLE.encode())
    assert path.read_text() == "changed by someone else\n"
    assert [p.name for p in tmp_path.iterdir()] == ["Containerfile"]


def test_a_killed_fix_leaves_the_original(tmp_path: Path) -> None:
    """Kill a process between writing the temporary file and the rename."""
    path = tmp_path / "Containerfile"
    path.write_text(FIXABLE)
    script = (
        "import os, signal, stagelint.atomic as a\n"
        "real = os.replace\n"
        "def die(*args): os.kill(os.getpid(), signal.SIGKILL)\n"
        "a.os.replace = die\n"
        f"a.write_atomic(__import__('pathlib').Path({str(path)!r}), {FIXED!r})\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], check=False)
    assert proc.returncode == -9
    assert path.read_text() == FIXABLE
