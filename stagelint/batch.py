"""Linting many files on every core.

With many files, workers (forked, so they start with everything imported)
lint chunks of them and send back `Report`s: the findings and what output
needs, not the trees. Results keep the order of the inputs.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Sequence
from itertools import chain, islice

from stagelint.checker import Report, Reportable, Settings, lint_source
from stagelint.gcpause import collect_now_and_then, gc_paused

# Below this many files, starting workers costs more than it saves.
PARALLEL_MIN = 16
# Files a worker takes at a time: small, so that both cores finish together
# (the count is not known in advance: files are still being read).
CHUNK = 8

Item = tuple[str, str, Settings]  # source, filename, settings


def _lint_report(item: Item) -> Report:
    source, filename, settings = item
    report = lint_source(source, filename, settings).report()
    collect_now_and_then()
    return report


def _lint_all(items: Sequence[Item]) -> list[Reportable]:
    # Reports, not whole results: a tree and model per file would stay alive
    # for the whole batch (and make every collection walk them).
    with gc_paused():
        return [_lint_report(item) for item in items]


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def lint_many(items: Iterable[Item], jobs: int | None = None) -> list[Reportable]:
    """Lint `items` in order. They may come from a generator still reading
    files: the workers start on the first ones while the rest are read."""
    jobs = default_jobs() if jobs is None else jobs
    pending = iter(items)
    head = list(islice(pending, PARALLEL_MIN))
    if jobs <= 1 or len(head) < PARALLEL_MIN:
        return _lint_all([*head, *pending])
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    import stagelint.shell  # noqa: F401  (the shell parser: every worker needs it)
    from stagelint.rules import all_rules

    all_rules()  # import every rule here, once: forked workers inherit them
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=gc.disable) as pool:
        return list(pool.map(_lint_report, chain(head, pending), chunksize=CHUNK))
