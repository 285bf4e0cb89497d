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
