"""The `stagelint` command line."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from stagelint import __version__
from stagelint.checkrun import split_codes

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
    concise = "concise"
    json = "json"
    sarif = "sarif"
    github = "github"
    gitlab = "gitlab"
    junit = "junit"
    json_lines = "json-lines"
    checkstyle = "checkstyle"


class ListFormat(StrEnum):
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


PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(help="Files or directories ('-' reads standard input). Default: '.'"),
]
SelectOpt = Annotated[
    list[str] | None,
    typer.Option(help="Only these rules: codes, prefixes (SL1), names or aliases (DL3009)."),
]
IgnoreOpt = Annotated[list[str] | None, typer.Option(help="Skip these rules (same forms).")]
StdinNameOpt = Annotated[
    str | None, typer.Option(help="The file name to report (and configure) for stdin.")
]
TargetOpt = Annotated[
    str | None, typer.Option(help="The stage being built (default: the last one).")
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option(help="Use this .stagelint.toml or pyproject.toml instead of searching."),
]


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


@app.command()
def check(
    paths: PathsArg = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--output-format", help="How findings are printed.")
    ] = OutputFormat.text,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    stdin_filename: StdinNameOpt = None,
    target: TargetOpt = None,
    config: ConfigOpt = None,
    statistics: Annotated[
        bool, typer.Option("--statistics", help="Count findings per rule instead.")
    ] = False,
    show_source: Annotated[
        bool, typer.Option("--show-source", help="Show the source under each finding.")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", help="Worker processes for many files (default: all cores)."),
    ] = None,
) -> None:
    """Lint Containerfiles (Containerfile, Dockerfile, *.containerfile, Dockerfile.*...)."""
    from stagelint.checkrun import run_check

    code = run_check(
        paths,
        output_format=output_format.value,
        select=select,
        ignore=ignore,
        stdin_filename=stdin_filename,
        target=target,
        config=config,
        statistics=statistics,
        show_source=show_source,
        jobs=jobs,
    )
    if code:
        raise typer.Exit(code)


@app.command()
def fix(
    paths: PathsArg = None,
    diff: Annotated[
        bool, typer.Option("--diff", help="Print unified diffs of the fixes; write nothing.")
    ] = False,
    unsafe_fixes: Annotated[
        bool,
        typer.Option("--unsafe-fixes", help="Also apply fixes that may change a correct build."),
    ] = False,
    show_fixes: Annotated[
        bool, typer.Option("--show-fixes", help="List the fixes applied to each file.")
    ] = False,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    stdin_filename: StdinNameOpt = None,
    target: TargetOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Fix what can be fixed, in place (atomically); '-' fixes stdin to stdout.

    The copy-rootfs rewrite for SL101 and the cache cleanups are applied by
    default; fixes that could change a correct build need --unsafe-fixes.
    Exit 0 when nothing remains, 1 when findings remain, 2 on errors.
    """
    from stagelint.fixing import run_fix

    code = run_fix(
        paths or [Path(".")],
        diff=diff,
        unsafe=unsafe_fixes,
        show_fixes=show_fixes,
        select=split_codes(select),
        ignore=split_codes(ignore),
        stdin_filename=stdin_filename,
        target=target,
        config=config,
    )
    raise typer.Exit(code)


class VerifyFormat(StrEnum):
    text = "text"
    json = "json"


@app.command()
def verify(
    file: Annotated[Path, typer.Argument(help="The Containerfile to verify.")],
    engine: Annotated[
        str, typer.Option(help="The engine that builds: buildah (default) or podman.")
    ] = "buildah",
    build_arg: Annotated[
        list[str] | None, typer.Option("--build-arg", help="K=V, as for the engine's build.")
    ] = None,
    target: TargetOpt = None,
    context: Annotated[
        Path | None, typer.Option(help="The build context (default: the file's directory).")
    ] = None,
    output_format: Annotated[
        VerifyFormat, typer.Option("--output-format", help="text or json.")
    ] = VerifyFormat.text,
    keep: Annotated[bool, typer.Option("--keep", help="Keep the two images it builds.")] = False,
) -> None:
    """Prove a fix with a real build: build the file and its fixed version, compare the images.

    Never changes the file, never pulls, removes every image and container it made.
    Exit 0 when the fixed file builds, 1 when it does not, 2 when no engine is usable.
    """
    from stagelint.verify import run_verify

    args: dict[str, str] = {}
    for item in build_arg or []:
        key, eq, value = item.partition("=")
        if not eq or not key:
            _fail(f"--build-arg needs K=V, got {item!r}")
        args[key] = value
    raise typer.Exit(
        run_verify(
            file,
            engine=engine,
            build_args=args,
            target=target,
            context=context,
            output_format=output_format.value,
            keep=keep,
        )
    )


class ScriptFormat(StrEnum):
    auto = "auto"
    shell = "shell"
    python = "python"


@app.command()
def migrate(
    script: Annotated[Path, typer.Argument(help="The build script (shell or Python).")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the Containerfile here (default: stdout)."),
    ] = None,
    script_format: Annotated[
        ScriptFormat,
        typer.Option("--format", help="shell, python, or auto (by extension, then shebang)."),
    ] = ScriptFormat.auto,
) -> None:
    """Turn a script that builds with buildah into an equivalent multi-stage Containerfile.

    Lines it cannot translate are kept as comments and reported on stderr.
    Exit 0 when everything was translated, 1 when something was not (the
    Containerfile is still written), 2 when the script cannot be read.
    """
    from stagelint.atomic import WriteError, write_atomic
    from stagelint.migrate import MigrateError
    from stagelint.migrate import migrate as run_migrate

    try:
        text = script.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        _fail(f"{script}: cannot read: {getattr(exc, 'strerror', None) or exc}")
    try:
        result = run_migrate(text, str(script), script_format.value)
    except MigrateError as exc:
        _fail(str(exc))
    for item in result.untranslated:
        where = f"{script}:{item.at.line}" if item.at.line else str(script)
        shown = f": {' '.join(item.at.text.split())}" if item.at.text else ""
        typer.echo(f"{where}: warning: not translated{shown} ({item.reason})", err=True)
    if output is None:
        sys.stdout.write(result.text)
    else:
        try:
            write_atomic(output, result.text, create=True)
        except WriteError as exc:
            _fail(f"{output}: {exc}")
    if result.untranslated:
        raise typer.Exit(1)


@app.command()
def server() -> None:
    """Run the language server over stdio (diagnostics, quick fixes, fix-all on save)."""
    try:
        from stagelint.lsp.server import main as serve
    except ImportError as exc:  # pygls is an optional extra
        _fail(f"the language server needs pygls: pip install 'stagelint[lsp]' ({exc})")
    serve()


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
        ListFormat, typer.Option("--output-format", help="text or json.")
    ] = ListFormat.text,
) -> None:
    """List every rule."""
    import json

    from stagelint.rules import all_rules

    rows = all_rules()
    if output_format == ListFormat.json:
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
                        "opt_in": r.opt_in,
                    }
                    for r in rows
                ],
                indent=2,
            )
        )
        return
    for r in rows:
        aliases = f"  ({', '.join(r.aliases)})" if r.aliases else ""
        opt_in = "  [opt-in]" if r.opt_in else ""
        typer.echo(f"{r.code}  {r.name:<32} {r.summary}{aliases}{opt_in}")


def main() -> None:
    app()
