"""`stagelint fix`: fix files in place, print diffs, or fix stdin to stdout."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

from stagelint.atomic import WriteError, write_atomic
from stagelint.checker import settings_for
from stagelint.config import ConfigError
from stagelint.fixer import FixOutcome, fix_source
from stagelint.inputs import InputError, iter_inputs, load_explicit_config
from stagelint.output import render


def _diff(name: str, outcome: FixOutcome) -> str:
    lines = difflib.unified_diff(
        outcome.original.splitlines(keepends=True),
        outcome.source.splitlines(keepends=True),
        fromfile=f"a/{name}",
        tofile=f"b/{name}",
    )
    out = "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )
    return out


def run_fix(
    paths: list[Path],
    *,
    diff: bool,
    unsafe: bool,
    show_fixes: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    stdin_filename: str | None,
    target: str | None,
    config: Path | None,
) -> int:
    err = sys.stderr
    try:
        explicit = load_explicit_config(config)
    except ConfigError as exc:
        print(f"error: {exc}", file=err)
        return 2
    failed = False
    remaining = []  # every result, for the exit code
    to_print = []  # results of files (stdin's go to stderr at once)
    fixed_files = 0
    fixed_count = 0
    for item in iter_inputs(paths, stdin_filename=stdin_filename, explicit=explicit):
        if isinstance(item, InputError):
            print(f"{item.name}: error: {item.message}", file=err)
            failed = True
            continue
        settings = settings_for(item.config, item.name, select=select, ignore=ignore, target=target)
        outcome = fix_source(item.source, item.name, settings, unsafe=unsafe)
        for d, reason in outcome.dropped:
            print(f"{item.name}: warning: {d.code} fix not applied: {reason}", file=err)
        if not outcome.converged:
            rounds = outcome.rounds
            print(
                f"{item.name}: warning: fixes did not settle after {rounds} rounds; "
                "the file is left as it was",
                file=err,
            )
        if item.path is None:  # stdin: the fixed text goes to stdout, findings to stderr
            sys.stdout.write(_diff(item.name, outcome) if diff else outcome.source)
            err.write(render([outcome.result], "concise"))
            remaining.append(outcome.result)
            continue
        if outcome.changed:
            fixed_files += 1
            fixed_count += len(outcome.applied)
            if diff:
                sys.stdout.write(_diff(item.name, outcome))
            else:
                try:
                    write_atomic(item.path, outcome.source, expected=item.source.encode("utf-8"))
                except WriteError as exc:
                    print(f"{item.name}: error: {exc}", file=err)
                    failed = True
                    continue
        if show_fixes:
            for d in outcome.applied:
                assert d.fix is not None
                print(f"{item.name}: fixed {d.code} {d.name}: {d.fix.title}")
        remaining.append(outcome.result)
        to_print.append(outcome.result)
    if not diff:
        sys.stdout.write(render(to_print, "concise"))
    if fixed_files and not diff:
        findings = "finding" if fixed_count == 1 else "findings"
        files = "file" if fixed_files == 1 else "files"
        print(f"Fixed {fixed_count} {findings} in {fixed_files} {files}.", file=err)
    if failed:
        return 2
    return 1 if any(r.diagnostics for r in remaining) else 0
