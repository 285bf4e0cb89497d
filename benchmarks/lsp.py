"""Language server latency: time from a keystroke to its diagnostics, and fix-all.

Run: `python benchmarks/lsp.py` (needs `pip install 'stagelint[lsp]'`).

Starts the real server (`python -m stagelint.lsp`) over stdio, opens a
generated 300-line Containerfile (multi-stage, RUN chains, heredocs, a few
fixable findings), then:

1. sends 50 incremental changes (one character typed into a RUN command, a
   different RUN each time, never a text seen before) and times each from
   the moment the didChange is written to the moment publishDiagnostics for
   that version is read: p50 / p95 / max;
2. asks for `source.fixAll` after each of 10 further changes (so no cached
   answer can be reused) and times request to response;
3. for comparison, times `lint_source` and `fix_source` on the same text in
   this process: the part of the latency that is the linter, not the server;
4. replays the typing of step 1 in this process, as the server lints
   (`parse(text, earlier)` then the rules), once back to back and once with
   a 50 ms pause before each keystroke, as a person types: the pause alone
   makes each lint slower (caches gone cold), which is what the server sees.

Prints the numbers; asserts nothing (the machine's load decides them). The
speed of the machine itself changes from one minute to the next on a shared
VM: a fixed pure-Python loop is timed before and after the server's run, so
that a slow reading can be told from a slow machine.
"""

from __future__ import annotations

import platform
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import containerfile

from stagelint.checker import Settings, lint_document, lint_source
from stagelint.fixer import fix_source
from stagelint.parser import parse
from tests.lsp_client import LspClient

LINES = 300
CHANGES = 50
FIX_ALL_RUNS = 10

# Findings with fixes, so that fix-all has work to do (SL201, SL205, SL204).
FIXABLE = [
    "RUN apt-get update && apt-get install -y curl",
    "RUN pip install flask",
    "RUN apk add jq",
]


def generate(lines: int = LINES, seed: int = 11) -> str:
    """A deterministic Containerfile of exactly `lines` lines."""
    rng = random.Random(seed)
    out: list[str] = []
    for part in range(lines):
        # stage names must stay unique across the concatenated files
        text = re.sub(r"\bstage(\d+)\b", rf"p{part}s\1", containerfile(rng))
        chunk = text.splitlines()
        if len(out) + len(chunk) + len(FIXABLE) > lines:
            break
        out += chunk
    out += FIXABLE
    filler = 0
    while len(out) < lines:
        out.append(f"LABEL org.example.filler{filler}=value{filler}")
        filler += 1
    return "\n".join(out) + "\n"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def cpu_loop_ms() -> float:
    """Milliseconds for a fixed pure-Python loop, best of 3: the machine's
    speed at this moment (about 45 ms on the workplace's VM when it is fast,
    up to 75 ms when other tenants slow it)."""
    times = []
    for _ in range(3):
        begin = time.perf_counter()
        total = 0
        for i in range(600_000):
            total += i * i % 7
        times.append(time.perf_counter() - begin)
    return min(times) * 1000


def summary(values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return (
        f"p50 {statistics.median(ms):6.1f} ms   p95 {percentile(ms, 0.95):6.1f} ms   "
        f"max {max(ms):6.1f} ms   (n={len(ms)})"
    )


def main() -> None:
    text = generate()
    assert text.count("\n") == LINES
    lines = text.split("\n")
    # typing targets: the first line of RUN instructions with a chain
    targets = [i for i, line in enumerate(lines) if line.startswith("RUN echo step")]
    if not targets:
        targets = [i for i, line in enumerate(lines) if line.startswith("RUN ")]
    print(f"machine: {platform.platform()}, Python {platform.python_version()}")
    print(f"document: {LINES} lines, {len(text)} characters, {len(targets)} RUN lines typed into")

    before = cpu_loop_ms()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "Containerfile"
        path.write_text(text)
        uri = path.as_uri()
        client = LspClient(cwd=Path(tmp))
        try:
            started = time.perf_counter()
            client.initialize()
            mark = client.open(uri, text)
            first = client.diagnostics(uri, 1, after=mark)
            print(
                f"start-up + first diagnostics: {(time.perf_counter() - started) * 1000:.0f} ms "
                f"({len(first)} findings)"
            )

            version = 1
            current = text
            latencies: list[float] = []
            latencies_fix: list[float] = []
            for i in range(CHANGES + FIX_ALL_RUNS):
                current, change = keystroke(current, i, targets)
                version += 1
                mark = client.mark()
                sent = client.change(uri, version, [change])
                note = client.wait_for(
                    "textDocument/publishDiagnostics",
                    lambda p, v=version: p["uri"] == uri and p.get("version") == v,
                    after=mark,
                )
                if i < CHANGES:
                    latencies.append(note.received - sent)
                    continue
                # fix-all, on a version no earlier request has seen
                begin = time.perf_counter()
                actions = client.code_actions(uri, (0, 0), (0, 0), only=["source.fixAll"])
                fix_all = time.perf_counter() - begin
                latencies_fix.append(fix_all)
                assert actions, "fix-all found nothing to fix"
            print(f"didChange -> publishDiagnostics: {summary(latencies)}")
            print(f"source.fixAll request:           {summary(latencies_fix)}")
            exit_code = client.shutdown()
            print(f"shutdown/exit: exit code {exit_code}")
        finally:
            client.kill()
    print(
        f"machine speed (fixed loop, lower is faster): {before:.0f} ms before, "
        f"{cpu_loop_ms():.0f} ms after the server's run"
    )

    settings = Settings(resolve_base_config=False)
    lint_times: list[float] = []
    fix_times: list[float] = []
    lint_source(text, "Containerfile", settings)  # warm up (rules, tree-sitter)
    for _ in range(10):
        begin = time.perf_counter()
        lint_source(text, "Containerfile", settings)
        lint_times.append(time.perf_counter() - begin)
        begin = time.perf_counter()
        fix_source(text, "Containerfile", settings)
        fix_times.append(time.perf_counter() - begin)
    print(f"in-process lint_source (same text): {summary(lint_times)}")
    print(f"in-process fix_source (same text):  {summary(fix_times)}")
    for pause in (0.0, 0.05):
        times = replay_typing(text, targets, settings, pause)
        print(f"in-process keystroke lint, {pause * 1000:2.0f} ms pause: {summary(times)}")


def keystroke(text: str, i: int, targets: list[int]) -> tuple[str, dict[str, Any]]:
    """Keystroke `i`: a letter typed at the end of a RUN's command (before a
    continuation's ` \\`), a different RUN each time, the next letter of the
    alphabet on each pass over the RUNs. Every keystroke makes a text the
    server has not seen, as typing does: undoing to an earlier text would let
    the shell parse of the RUN come from its cache. The new text, and the
    change as LSP sends it."""
    line = targets[i % len(targets)]
    letter = "abcdefghijklmnopqrstuvwxyz"[(i // len(targets)) % 26]
    lines = text.split("\n")
    edited = lines[line]
    column = len(edited.rstrip(" \\"))
    lines[line] = edited[:column] + letter + edited[column:]
    change = {
        "range": {
            "start": {"line": line, "character": column},
            "end": {"line": line, "character": column},
        },
        "text": letter,
    }
    return "\n".join(lines), change


def replay_typing(text: str, targets: list[int], settings: Settings, pause: float) -> list[float]:
    """The server's work for each keystroke of step 1: incremental parse, then
    every rule, with the previous lint's analyses of unchanged RUNs; `pause`
    seconds of idleness before each."""
    result = lint_document(parse(text), "Containerfile", settings)
    times: list[float] = []
    for i in range(CHANGES):
        text, _ = keystroke(text, i, targets)
        time.sleep(pause)
        begin = time.perf_counter()
        doc = parse(text, result.doc)
        result = lint_document(doc, "Containerfile", settings, result)
        times.append(time.perf_counter() - begin)
    return times


if __name__ == "__main__":
    main()
