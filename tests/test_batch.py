"""Many files on several cores give exactly what one process gives."""

from __future__ import annotations

import random
import sys
from pathlib import Path

from stagelint.batch import PARALLEL_MIN, lint_many
from stagelint.checker import Settings
from stagelint.output import render

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from corpus import containerfile

REALWORLD = Path(__file__).resolve().parent / "fixtures" / "realworld"


def test_parallel_equals_serial() -> None:
    settings = Settings(resolve_base_config=False)
    items = [
        (containerfile(random.Random(i)), f"f{i}.dockerfile", settings)
        for i in range(PARALLEL_MIN + 4)
    ]
    items.append(("FROM a\nRUNN x\nRUN apk add curl\n", "bad.dockerfile", settings))
    serial = lint_many(items, jobs=1)
    parallel = lint_many(items, jobs=2)
    for fmt in ("json", "sarif", "text"):
        assert render(parallel, fmt) == render(serial, fmt)
    assert [r.filename for r in parallel] == [name for _, name, _ in items]
    assert any(r.diagnostics for r in parallel)


def test_a_lint_leaves_no_reference_cycles() -> None:
    """Batches run with the cyclic collector off (stagelint/gcpause.py): what a
    lint makes must be freed by reference counting alone."""
    import gc

    from stagelint.checker import lint_source

    texts = [p.read_text() for p in sorted(REALWORLD.iterdir())]
    for text in texts:  # first use creates caches and lazily made classes
        lint_source(text, "Containerfile")
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        for text in texts:
            lint_source(text + "\n# changed\n", "Containerfile").report()
        gc.collect()
        left = [type(o).__name__ for o in gc.garbage]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert left == []


def test_many_files_with_bad_ones_on_several_cores(tmp_path: Path) -> None:
    """Files are read while workers lint: bad inputs among many files are
    reported and skipped exactly as on one core."""
    import subprocess

    for i in range(PARALLEL_MIN + 8):
        (tmp_path / f"app{i:02d}.containerfile").write_text(containerfile(random.Random(i)))
    (tmp_path / "app05.containerfile").write_bytes(b"FROM x\n\x00\xff")
    missing = str(tmp_path / "missing.containerfile")

    def run(jobs: str) -> tuple[int, str, str]:
        done = subprocess.run(
            [sys.executable, "-m", "stagelint", "check", "-j", jobs, str(tmp_path), missing],
            capture_output=True,
            text=True,
            check=False,
        )
        return done.returncode, done.stdout, done.stderr

    parallel, serial = run("2"), run("1")
    assert parallel == serial
    assert parallel[0] == 2
    assert "app05.containerfile: error:" in parallel[2] and "missing.containerfile" in parallel[2]
    assert "app23.containerfile:" in parallel[1]
