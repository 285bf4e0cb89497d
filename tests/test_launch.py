"""The launcher's fast path: `stagelint check PATH...` without typer.

It must behave exactly as the typer command does (same output, errors and
exit code) for every command line it accepts, and hand everything else to
typer.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from stagelint.cli import OutputFormat
from stagelint.launch import plain_check
from stagelint.output import FORMATS

BAD = "FROM alpine:3.20\nRUNN x\nRUN apt-get install curl\n"
CLEAN = "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n"
# typer only: the application in stagelint.cli, never the fast path
TYPER = "import sys; sys.argv[0] = 'stagelint'; from stagelint.cli import main; main()"


@pytest.mark.parametrize(
    ("argv", "plain"),
    [
        (["check"], ([], "text")),
        (["check", "Containerfile", "a/Dockerfile"], (["Containerfile", "a/Dockerfile"], "text")),
        (["check", "-"], (["-"], "text")),
        (["check", "--output-format", "json", "x"], (["x"], "json")),
        (["check", "x", "--output-format=sarif"], (["x"], "sarif")),
        (["check", "--output-format", "yaml", "x"], None),
        (["check", "--output-format"], None),
        (["check", "--output-format=json", "--output-format=text"], None),
        (["check", "x", "--select=SL1"], None),
        (["check", "--", "x"], None),
        (["check", "-j", "2"], None),
        (["check", "--help"], None),
        (["fix", "x"], None),
        (["--version"], None),
        ([], None),
    ],
)
def test_only_plain_check_command_lines_take_the_fast_path(
    argv: list[str], plain: tuple[list[str], str] | None
) -> None:
    assert plain_check(argv) == plain


def test_fast_path_knows_the_formats_typer_knows() -> None:
    assert sorted(FORMATS) == sorted(f.value for f in OutputFormat)


def _run(prefix: list[str], args: list[str], cwd: Path, stdin: str = "") -> tuple[int, str, str]:
    proc = subprocess.run(
        [sys.executable, *prefix, *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )
    return proc.returncode, proc.stdout, proc.stderr


@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        (["check", "bad/Containerfile"], ""),
        (["check", "clean/Containerfile"], ""),
        (["check", "bad", "clean"], ""),
        (["check"], ""),
        (["check", "missing/Containerfile", "bad/Containerfile"], ""),
        (["check", "binary/Containerfile"], ""),
        (["check", "-"], BAD),
        (["check", "--output-format", "json", "bad", "clean"], ""),
        (["check", "bad/Containerfile", "--output-format=sarif"], ""),
        (["check", "--output-format=github", "missing/Containerfile", "bad"], ""),
    ],
)
def test_fast_path_answers_as_typer_does(tmp_path: Path, args: list[str], stdin: str) -> None:
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "Containerfile").write_text(BAD)
    (tmp_path / "clean").mkdir()
    (tmp_path / "clean" / "Containerfile").write_text(CLEAN)
    (tmp_path / "binary").mkdir()
    (tmp_path / "binary" / "Containerfile").write_bytes(b"FROM x\n\x00\xff\xfe")
    fast = _run(["-m", "stagelint"], args, tmp_path, stdin)
    typer = _run(["-c", TYPER], args, tmp_path, stdin)
    assert fast == typer
    assert fast[0] in (0, 1, 2) and "Traceback" not in fast[2]


def test_fast_path_does_not_import_typer(tmp_path: Path) -> None:
    (tmp_path / "Containerfile").write_text(BAD)
    probe = (
        "import sys\n"
        "sys.argv = ['stagelint', 'check', 'Containerfile']\n"
        "from stagelint.launch import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    sys.stderr.write(f'exit={exc.code} typer={\"typer\" in sys.modules}')\n"
    )
    _, out, err = _run(["-c", probe], [], tmp_path)
    assert "SL001" in out
    assert err.endswith("exit=1 typer=False")


def test_options_still_reach_typer(tmp_path: Path) -> None:
    (tmp_path / "Containerfile").write_text(BAD)
    code, out, err = _run(["-m", "stagelint"], ["check", "--select", "SL001", "."], tmp_path)
    assert code == 1 and "SL001" in out and "SL501" not in out
    code, out, err = _run(["-m", "stagelint"], ["check", "--bogus"], tmp_path)
    assert code == 2 and "No such option" in err


# What `stagelint check FILE` must not import: typer (the fast path),
# dataclasses and inspect (stagelint/records.py), and modules only some runs
# need (JSON output, a config file, an engine or ShellCheck, a suggestion, the
# grammar package's resource loader).
NOT_ON_THE_CHECK_PATH = {
    "typer",
    "dataclasses",
    "inspect",
    "json",
    "subprocess",
    "shutil",
    "tomllib",
    "difflib",
    "pkgutil",
    "tree_sitter_bash",
    "stagelint.lsp",
    "libcst",
}


def _modules_after(code: str, cwd: Path) -> set[str]:
    probe = f"import sys\n{code}\nsys.stderr.write(repr(sorted(sys.modules)))\n"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=cwd, check=False
    )
    return set(eval(done.stderr.splitlines()[-1]))  # a repr of a list of names


@pytest.mark.parametrize(
    ("text", "shell_parser"),
    [
        (BAD + "RUN curl -fsSL https://example.invalid/x | sh\n", True),
        # Plain commands are read without the shell parser (stagelint/shell/plain.py).
        (BAD, False),
    ],
)
def test_check_path_imports_only_what_it_needs(
    tmp_path: Path, text: str, shell_parser: bool
) -> None:
    (tmp_path / "Containerfile").write_text(text)
    baseline = _modules_after("", tmp_path)  # what this interpreter loads anyway
    run = (
        "sys.argv = ['stagelint', 'check', 'Containerfile']\n"
        "from stagelint.launch import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass"
    )
    loaded = _modules_after(run, tmp_path) - baseline
    assert "stagelint.rules.sl501_apt_version_unpinned" in loaded  # it did lint
    assert "stagelint.shell.script" in loaded  # and read the RUN scripts
    assert ("tree_sitter" in loaded) is shell_parser
    assert not loaded & NOT_ON_THE_CHECK_PATH
