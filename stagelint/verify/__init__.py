"""`stagelint verify`: prove a fix by building the original and the fixed file.

The fixed text is computed in memory (the user's file is never written), both
texts are built with the local engine (`buildah bud --pull=never`, nothing is
ever pulled), the two final images are compared (files, size per layer,
config), and each applied fix is explained by what the images show. Every image
and container verify makes is removed afterwards, also when a build fails or the
run is interrupted. See docs/verify.md.
"""

from __future__ import annotations

import contextlib
import secrets
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from stagelint.checker import Settings
from stagelint.fixer import fix_source
from stagelint.verify.compare import cache_summaries, diff_config, diff_files, explain
from stagelint.verify.engine import (
    BuildOutcome,
    Engine,
    EngineError,
    EngineUnavailable,
    ImageInfo,
)
from stagelint.verify.report import Report

__all__ = [
    "EXIT_FIXED_FAILS",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_UNUSABLE",
    "run_verify",
]

EXIT_OK = 0
EXIT_FIXED_FAILS = 1
EXIT_UNUSABLE = 2
EXIT_INTERRUPTED = 130  # the shell convention for SIGINT
OUTPUT_FORMATS = ("text", "json")
ERROR_LINES = 30


def _error(message: str) -> None:
    print(f"stagelint verify: {message}", file=sys.stderr)


@contextlib.contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """Turn SIGTERM into KeyboardInterrupt so that `finally` blocks still clean up."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class _Session:
    """One verify run's images and containers, and their removal."""

    def __init__(self, engine: Engine, keep: bool) -> None:
        self.engine = engine
        self.keep = keep
        self.run_id = f"stagelint-verify-{secrets.token_hex(4)}"
        self.images_at_start = engine.images()
        self.containers_at_start = engine.containers()
        self.tags: list[str] = []
        self.warnings: list[str] = []
        self.interrupted = False

    def tag(self, name: str) -> str:
        tag = f"localhost/{self.run_id}-{name}"
        self.tags.append(tag)
        return tag

    def build(
        self,
        name: str,
        containerfile: Path,
        *,
        context: Path,
        build_args: dict[str, str],
        target: str | None,
    ) -> tuple[BuildOutcome, ImageInfo | None]:
        """Build, then read the image at once: a later build may delete it (buildah < 1.33)."""
        tag = self.tag(name)
        names_before = self._names()
        outcome = self.engine.build(
            containerfile, tag, context=context, build_args=build_args, target=target
        )
        info = None
        if outcome.ok:
            info = self.engine.read(tag, f"{self.run_id}-{name}-walk")
        lost = sorted(
            n
            for n in names_before - self._names()
            if not n.startswith("localhost/stagelint-verify-")
        )
        if lost:
            self.warnings.append(
                f"the {name} build deleted {', '.join(lost)} from local storage (a bug of "
                "buildah before 1.33 with stages that have no instructions: "
                "containers/buildah#5081); build or pull it again"
            )
        return outcome, info

    def _names(self) -> set[str]:
        return {name for names in self.engine.images().values() for name in names}

    def cleanup(self) -> None:
        """Remove our tags (or images) and containers; never anything that was there before."""
        engine = self.engine
        for container_id, name in engine.containers().items():
            if name.startswith(f"{self.run_id}-"):
                engine.remove_container(container_id)
        if self.interrupted:
            # an interrupted build may not have removed its working containers
            for container_id, name in engine.containers().items():
                if container_id not in self.containers_at_start and "working-container" in name:
                    engine.remove_container(container_id)
        images = engine.images()
        for image_id, names in images.items():
            # intermediate images of our --layers builds: new, and without a name
            if image_id not in self.images_at_start and not names:
                engine.run("rmi", image_id, check=False)
        if self.keep:
            return
        images = engine.images()
        for tag in self.tags:
            owner = next((i for i, names in images.items() if f"{tag}:latest" in names), None)
            if owner is None:
                continue
            others = [n for n in images[owner] if n != f"{tag}:latest"]
            if owner in self.images_at_start and not others and engine.kind == "buildah":
                # buildah cannot untag: removing our only name would delete an image
                # that was there before us
                self.warnings.append(f"left the name {tag} on the pre-existing image {owner[:12]}")
                continue
            if engine.kind == "podman":
                engine.run("untag", owner, tag, check=False)
                if owner not in self.images_at_start and not others:
                    engine.run("rmi", owner, check=False)
            else:
                engine.remove_image(tag)


def _settings(engine: Engine, build_args: dict[str, str], target: str | None) -> Settings:
    return Settings(
        target=target, build_args=dict(build_args), image_inspect=engine.inspect_command
    )


def _compare(report: Report, before: ImageInfo, after: ImageInfo) -> None:
    report.files = diff_files(before.files, after.files)
    report.config = diff_config(before.config, after.config)
    report.layers_before = before.layers
    report.layers_after = after.layers
    summaries = cache_summaries(before, after)
    seen: set[str] = set()
    for code, _title in report.fixes:
        if code in seen:
            continue
        seen.add(code)
        for text in explain(code, report.files, report.config, summaries, after.size - before.size):
            report.explanations.append((code, text))


def run_verify(
    file: Path,
    *,
    engine: str,
    build_args: dict[str, str],
    target: str | None,
    context: Path | None,
    output_format: str,
    keep: bool = False,
) -> int:
    """Fix `file` in memory, build both versions, compare, print the report.

    Returns 0 when the fixed file builds (also when the original does not, or when
    there is nothing to fix), 1 when the fixed file does not build, 2 when the file
    cannot be read, the engine is not usable, or an argument is wrong.
    """
    if output_format not in OUTPUT_FORMATS:
        _error(f"unknown output format {output_format!r} (use one of: {', '.join(OUTPUT_FORMATS)})")
        return EXIT_UNUSABLE
    try:
        source = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        _error(f"cannot read {file}: {error}")
        return EXIT_UNUSABLE
    context_dir = (
        context if context is not None else (file.parent if str(file.parent) else Path("."))
    )
    if not context_dir.is_dir():
        _error(f"the build context {context_dir} is not a directory")
        return EXIT_UNUSABLE
    try:
        tool = Engine.find(engine)
    except EngineUnavailable as error:
        _error(str(error))
        return EXIT_UNUSABLE

    outcome = fix_source(source, file.name, _settings(tool, build_args, target))
    report = Report(file=str(file), engine=f"{tool.kind} {tool.version}".strip())
    report.fixes = [(d.code, d.fix.title if d.fix else d.message) for d in outcome.applied]
    if outcome.source == source:
        if output_format == "json":
            report.original.ok = report.fixed.ok = False
            sys.stdout.write(report.render_json())
        else:
            print(f"{file}: nothing to fix, nothing to verify")
        return EXIT_OK

    workdir = Path(tempfile.mkdtemp(prefix="stagelint-verify-"))
    session: _Session | None = None
    try:
        with _sigterm_interrupts():
            try:
                session = _Session(tool, keep)
                for name, text in (("original", source), ("fixed", outcome.source)):
                    (workdir / name).mkdir()
                    (workdir / name / "Containerfile").write_text(text, encoding="utf-8")
                built_original, before = session.build(
                    "original",
                    workdir / "original" / "Containerfile",
                    context=context_dir,
                    build_args=build_args,
                    target=target,
                )
                built_fixed, after = session.build(
                    "fixed",
                    workdir / "fixed" / "Containerfile",
                    context=context_dir,
                    build_args=build_args,
                    target=target,
                )
            except KeyboardInterrupt:
                if session is not None:
                    session.interrupted = True
                raise
            finally:
                if session is not None:
                    session.cleanup()
    except EngineError as error:
        _error(str(error))
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        _error("interrupted; removed what this run had made")
        return EXIT_INTERRUPTED
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    assert session is not None
    for status, built, name in (
        (report.original, built_original, "original"),
        (report.fixed, built_fixed, "fixed"),
    ):
        status.ok = built.ok
        status.seconds = built.seconds
        status.error = None if built.ok else built.error_tail(ERROR_LINES)
        if keep and built.ok:
            status.image = f"localhost/{session.run_id}-{name}"
    report.warnings = session.warnings
    if before is not None and after is not None:
        _compare(report, before, after)
    elif after is not None:
        report.explanations = [
            (code, "the original file does not build: nothing to compare")
            for code in dict.fromkeys(code for code, _ in report.fixes)
        ]

    sys.stdout.write(report.render_json() if output_format == "json" else report.render_text())
    if not built_fixed.ok:
        _error(f"the fixed version of {file} does not build (exit {built_fixed.returncode})")
        return EXIT_FIXED_FAILS
    return EXIT_OK
