"""The `stagelint` program's entry point: a fast path, then typer.

`stagelint check PATH...` with nothing but paths and at most an
`--output-format` (how pre-commit, editors' tasks and CI call it) runs
without importing typer: typer and the command-line machinery cost more
start-up than linting a typical file (docs/performance.md). Any other option,
any other command, `--help`, a `--`, an unknown format or no command at all
go to the typer application in `stagelint.cli`, which defines the whole
interface; the fast path accepts nothing typer would read differently.
"""

from __future__ import annotations

import sys


def plain_check(argv: list[str]) -> tuple[list[str], str] | None:
    """The paths and output format of a `check` invocation that has nothing
    but paths (`-` is standard input) and at most one `--output-format`;
    None when typer must read the command line."""
    if not argv or argv[0] != "check":
        return None
    from stagelint.output import FORMATS

    paths: list[str] = []
    output_format: str | None = None
    args = iter(argv[1:])
    for arg in args:
        if arg == "-" or not arg.startswith("-"):
            paths.append(arg)
            continue
        name, eq, value = arg.partition("=")
        if name != "--output-format" or output_format is not None:
            return None
        output_format = value if eq else next(args, None)
        if output_format not in FORMATS:
            return None  # typer says what is wrong
    return paths, output_format or "text"


def main() -> None:
    plain = plain_check(sys.argv[1:])
    if plain is None:
        from stagelint.cli import main as typer_main

        typer_main()
        return
    from pathlib import Path

    from stagelint.checkrun import run_check

    paths, output_format = plain
    sys.exit(run_check([Path(p) for p in paths] or None, output_format=output_format))
