"""The `stagelint` program's entry point: a fast path, then typer.

`stagelint check PATH...` with nothing but paths (how pre-commit and most
scripts call it) runs without importing typer: typer and the command-line
machinery cost more start-up than linting a typical file (docs/performance.md).
Any option, any other command, `--help`, a `--` or no command at all go to
the typer application in `stagelint.cli`, which defines the whole interface;
the fast path accepts nothing typer would read differently.
"""

from __future__ import annotations

import sys


def plain_check_paths(argv: list[str]) -> list[str] | None:
    """The paths of a `check` invocation that has nothing but paths (`-` is
    standard input); None when typer must read the command line."""
    if not argv or argv[0] != "check":
        return None
    paths = argv[1:]
    if any(arg.startswith("-") and arg != "-" for arg in paths):
        return None
    return paths


def main() -> None:
    paths = plain_check_paths(sys.argv[1:])
    if paths is None:
        from stagelint.cli import main as typer_main

        typer_main()
        return
    from pathlib import Path

    from stagelint.checkrun import run_check

    sys.exit(run_check([Path(p) for p in paths] or None))
