"""`stagelint migrate`: a script-driven buildah build as a multi-stage Containerfile.

:func:`migrate` reads a shell or Python script, records the buildah
operations it performs (:mod:`.shell_front`, :mod:`.python_front`, through
:mod:`.recorder` into the operations of :mod:`.ir`), and writes the stages
that build the same image (:mod:`.stages`). What it cannot translate is kept
as a comment and returned, so the caller can warn. See docs/migrate.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

from stagelint.imageconfig import ImageConfig, inspect_image
from stagelint.migrate.ir import At, Untranslated
from stagelint.migrate.recorder import Recorder

__all__ = ["MigrateError", "Migration", "detect_format", "migrate"]


class MigrateError(Exception):
    """The script cannot be read at all; the message is for the user."""


@dataclass(frozen=True)
class Migration:
    """The Containerfile, and each thing it could not translate."""

    text: str
    untranslated: tuple[Untranslated, ...]


def detect_format(text: str, name: str) -> str:
    """ "python" or "shell", from the file name's extension, else its shebang."""
    suffix = PurePath(name).suffix.lower()
    if suffix in (".py", ".pyw"):
        return "python"
    if suffix in (".sh", ".bash", ".ksh"):
        return "shell"
    first = text.split("\n", 1)[0]
    return "python" if first.startswith("#!") and "python" in first else "shell"


def migrate(
    text: str,
    name: str,
    script_format: str = "auto",
    resolve: Callable[[str], ImageConfig | None] = inspect_image,
) -> Migration:
    """Translate the script `text` (shown as `name` in comments and messages).

    `resolve` reads a base image's config (by default from a local engine,
    offline) so that a rootfs copied into `FROM scratch` keeps it.
    """
    from stagelint.migrate.stages import plan
    from stagelint.parser import parse

    kind = detect_format(text, name) if script_format == "auto" else script_format
    recorder = Recorder()
    if kind == "python":
        import libcst

        from stagelint.migrate.python_front import read_python

        try:
            read_python(text, recorder)
        except libcst.ParserSyntaxError as exc:
            raise MigrateError(f"{name}:{exc.raw_line}: not valid Python: {exc.message}") from None
    else:
        from stagelint.migrate.shell_front import read_shell

        read_shell(text, recorder)
    result = plan(recorder.ops, PurePath(name).name, resolve)
    warnings = list(result.warnings)
    # The output must parse: a problem here is a bug of the migration, shown, not hidden.
    for problem in parse(result.text).problems:
        warnings.append(
            Untranslated(At(0, ""), f"the output has a syntax problem: {problem.message}")
        )
    return Migration(result.text, tuple(warnings))
