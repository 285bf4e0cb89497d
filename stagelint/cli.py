"""The `stagelint` command line."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from stagelint import __version__

app = typer.Typer(
    name="stagelint",
    help=(
        "Lint and fix Containerfiles and Dockerfiles; finds the multi-stage mistakes "
        "other linters miss.\n\nExit codes: 0 no findings, 1 findings, 2 usage or I/O error."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"stagelint {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Lint and fix Containerfiles and Dockerfiles."""


def _split(values: list[str] | None) -> tuple[str, ...]:
    return tuple(v for item in values or [] for v in item.split(",") if v.strip())


@app.command()
def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or directories to lint ('-' reads standard input). Default: '.'"
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--output-format", help="How findings are printed.")
    ] = OutputFormat.text,
    select: Annotated[
        list[str] | None,
        typer.Option(help="Only these rules: codes, prefixes (SL1), names or aliases."),
    ] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Skip these rules.")] = None,
    stdin_filename: Annotated[
        str | None, typer.Option(help="The name to report for standard input.")
    ] = None,
    target: Annotated[
        str | None, typer.Option(help="The stage being built (default: the last one).")
    ] = None,
) -> None:
    """Lint Containerfiles (Containerfile, Dockerfile, *.containerfile, Dockerfile.*...)."""
    from stagelint.checker import Settings, lint_source
    from stagelint.files import FileError, decode, discover, read_text
    from stagelint.output import render

    settings = Settings(select=_split(select), ignore=_split(ignore), target=target)
    results = []
    failed = False
    targets = paths or [Path(".")]
    for found in discover([p for p in targets if str(p) != "-"]) if targets else []:
        if found.error:
            typer.echo(f"{found.path}: error: {found.error}", err=True)
            failed = True
            continue
        try:
            source = read_text(found.path)
        except FileError as exc:
            typer.echo(f"{found.path}: error: {exc}", err=True)
            failed = True
            continue
        results.append(lint_source(source, str(found.path), settings))
    if any(str(p) == "-" for p in targets):
        name = stdin_filename or "-"
        try:
            source = decode(sys.stdin.buffer.read())
        except FileError as exc:
            typer.echo(f"{name}: error: {exc}", err=True)
            failed = True
        else:
            results.append(lint_source(source, name, settings))
    sys.stdout.write(render(results, output_format.value))
    if failed:
        raise typer.Exit(2)
    if any(r.diagnostics for r in results):
        raise typer.Exit(1)


@app.command()
def rule(code: Annotated[str, typer.Argument(help="A rule code, name or alias.")]) -> None:
    """Explain one rule: print its documentation page."""
    from stagelint.rules import find_rule

    found = find_rule(code)
    if found is None:
        typer.echo(f"error: unknown rule {code!r} (see `stagelint rules`)", err=True)
        raise typer.Exit(2)
    typer.echo(f"# {found.code} {found.name}\n")
    typer.echo(found.doc.strip())


@app.command(name="rules")
def list_rules(
    output_format: Annotated[
        OutputFormat, typer.Option("--output-format", help="text or json.")
    ] = OutputFormat.text,
) -> None:
    """List every rule."""
    import json

    from stagelint.rules import all_rules

    rows = all_rules()
    if output_format is OutputFormat.json:
        typer.echo(
            json.dumps(
                [
                    {
                        "code": r.code,
                        "name": r.name,
                        "summary": r.summary,
                        "severity": r.severity.value,
                        "fix": r.fix.value,
                        "aliases": list(r.aliases),
                    }
                    for r in rows
                ],
                indent=2,
            )
        )
        return
    for r in rows:
        aliases = f"  ({', '.join(r.aliases)})" if r.aliases else ""
        typer.echo(f"{r.code}  {r.name:<32} {r.summary}{aliases}")


def main() -> None:
    app()
