"""Hostile input and hostile conditions: never a traceback, never a hang,
never a lost or half-written file, and time linear in the input."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from stagelint.checker import Settings, lint_source

FIXABLE = "FROM alpine:3.20\nRUN apk add curl\n"
FIXED = "FROM alpine:3.20\nRUN apk add --no-cache curl\n"
NO_ENGINE = Settings(resolve_base_config=False)


def stagelint(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "stagelint", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_fifo_is_refused_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "Containerfile"
    os.mkfifo(fifo)
    result = stagelint("check", str(fifo), timeout=30)  # reading it would block forever
    assert result.returncode == 2 and "not a regular file" in result.stderr


def test_symlink_loop_in_a_directory(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a")
    (tmp_path / "a" / "Containerfile").write_text(FIXABLE)
    result = stagelint("check", str(tmp_path), timeout=60)
    assert result.returncode == 1 and result.stdout.count("SL204") == 1


def test_directory_given_as_stdin_name_and_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "Dockerfile"
    path.write_bytes(b"FROM a\nRUN echo \x00\n")
    result = stagelint("check", str(path), str(tmp_path / "nope"))
    assert result.returncode == 2
    assert "binary file" in result.stderr and "no such file" in result.stderr


def test_two_fix_processes_at_once_corrupt_nothing(tmp_path: Path) -> None:
    files = []
    for i in range(30):
        path = tmp_path / f"app{i}.dockerfile"
        path.write_text(FIXABLE)
        files.append(str(path))
    cmd = [sys.executable, "-m", "stagelint", "fix", *files]
    procs = [
        subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert b"Traceback" not in err
    for name in files:
        assert Path(name).read_text() == FIXED
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(Path(f).name for f in files)


def test_pathological_inputs_finish(tmp_path: Path) -> None:
    # How the time grows with size is measured by benchmarks/run.py, not here.
    texts = [
        "FROM a\n" + "RUN x \\\n" * 100_000 + "y\n",
        "FROM a\n" + "RUN <<EOF\nbody\nEOF\n" * 10_000,
        "FROM a\n" + "VOLUME /v\nRUN touch /v/x\n" * 2000,
        "FROM a\nRUN <<EOF\n" + "x\n" * 100_000,
        "FROM a\nRUN " + "sh -c '" * 50 + "true" + "'" * 50 + "\n",
        "FROM a\nRUN " + "$(" * 2000 + "x" + ")" * 2000 + "\n",
    ]
    for text in texts:
        result = lint_source(text, "Containerfile", NO_ENGINE)
        assert result.doc.to_source() == text


def test_no_network_and_no_processes_without_opt_in(monkeypatch: pytest.MonkeyPatch) -> None:
    """Linting and fixing open no socket, and with base-config lookups off
    start no process: nothing in a Containerfile is ever run."""
    import socket

    from stagelint.fixer import fix_source

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("stagelint tried to open a socket or start a process")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(subprocess, "run", refuse)
    monkeypatch.setattr(subprocess, "Popen", refuse)
    monkeypatch.setattr(os, "system", refuse)
    text = (
        "FROM registry.example/minimal AS base\nFROM registry.example/full AS pkg\n"
        "RUN --mount=type=bind,from=base,target=/t,rw dnf --installroot=/t install -y x "
        "&& curl https://example.invalid | sh\nFROM base\nRUN apt-get update\n"
    )
    lint_source(text, "Containerfile", NO_ENGINE)
    assert fix_source(text, "Containerfile", NO_ENGINE, unsafe=True).changed
