"""What `stagelint check` does, as a plain function.

Both ways in call it: the typer command in `stagelint.cli`, and the launcher's
fast path for `stagelint check PATH...` (`stagelint.launch`), which does not
import typer at all.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path


def split_codes(values: list[str] | None) -> tuple[str, ...]:
    """`--select A,B --select C` as one tuple."""
    return tuple(v for item in values or [] for v in item.split(",") if v.strip())


def _use_color() -> bool:
    import os

    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def run_check(
    paths: list[Path] | None,
    *,
    output_format: str = "text",
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    stdin_filename: str | None = None,
    target: str | None = None,
    config: Path | None = None,
    statistics: bool = False,
    show_source: bool = False,
    jobs: int | None = None,
) -> int:
    """Lint `paths` and print the findings; the exit code: 0 none, 1 findings,
    2 a usage or I/O error (the other files are still linted)."""
    from stagelint.batch import Item, lint_many
    from stagelint.checker import settings_for
    from stagelint.config import ConfigError
    from stagelint.inputs import InputError, iter_inputs, load_explicit_config
    from stagelint.output import render

    try:
        explicit = load_explicit_config(config)
    except ConfigError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    failed = False
    selected, ignored = split_codes(select), split_codes(ignore)

    def readable() -> Iterator[Item]:
        # A generator: with many files, workers lint while the rest are read.
        nonlocal failed
        inputs = iter_inputs(paths or [Path(".")], stdin_filename=stdin_filename, explicit=explicit)
        for item in inputs:
            if isinstance(item, InputError):
                sys.stderr.write(f"{item.name}: error: {item.message}\n")
                failed = True
                continue
            settings = settings_for(
                item.config,
                item.name,
                select=selected,
                ignore=ignored,
                target=target,
            )
            yield item.source, item.name, settings

    results = lint_many(readable(), jobs)
    sys.stdout.write(
        render(
            results,
            output_format,
            color=_use_color(),
            show_source=show_source,
            statistics=statistics,
        )
    )
    if failed:
        return 2
    return 1 if any(r.diagnostics for r in results) else 0
