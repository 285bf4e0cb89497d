"""`stagelint migrate` on the command line: output, warnings, exit codes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from typer.testing import CliRunner

from stagelint.cli import app

SCRIPT = "c=$(buildah from scratch)\nbuildah copy $c app /app\nbuildah commit $c out\n"


def test_stdout_and_exit_0(tmp_path: Path) -> None:
    (tmp_path / "build.sh").write_text(SCRIPT)
    result = CliRunner().invoke(app, ["migrate", str(tmp_path / "build.sh")])
    assert result.exit_code == 0, result.output
    assert "FROM scratch AS c\nCOPY app /app\n" in result.stdout


def test_output_file_and_warnings_exit_1(tmp_path: Path) -> None:
    script = tmp_path / "build"
    script.write_text("#!/bin/sh\n" + SCRIPT + "podman push out\n")
    out = tmp_path / "Containerfile"
    result = CliRunner().invoke(app, ["migrate", str(script), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{script}:5: warning: not translated: podman push out" in result.stderr
    assert "# stagelint migrate: build:5: podman push out" in out.read_text()
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask


def test_unreadable_input_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["migrate", str(tmp_path / "missing.sh")])
    assert result.exit_code == 2
    assert "missing.sh: cannot read" in result.stderr
    (tmp_path / "bad.py").write_text("def (:\n")
    result = CliRunner().invoke(app, ["migrate", str(tmp_path / "bad.py")])
    assert result.exit_code == 2
    assert "not valid Python" in result.stderr


def test_format_option_overrides_detection(tmp_path: Path) -> None:
    script = tmp_path / "build.txt"
    script.write_text('import subprocess\nsubprocess.run(["buildah", "from", "scratch"])\n')
    result = CliRunner().invoke(app, ["migrate", "--format", "python", str(script)])
    assert "FROM scratch AS scratch" in result.stdout
