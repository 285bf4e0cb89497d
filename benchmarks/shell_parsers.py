"""Compare the two candidate shell parsers for RUN scripts: tree-sitter-bash
(chosen) and bashlex. Prints import time, failures and parse time on a set of
real-world shell constructs. Run: `pip install bashlex; python benchmarks/shell_parsers.py`.
"""

from __future__ import annotations

import subprocess
import sys
import time

SCRIPTS = [
    "apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*",
    "set -eux; for f in a b; do echo $f; done",
    "if [ -f x ]; then echo y; fi",
    "echo $(( 1 + 2 ))",
    "case $x in a) echo a;; esac",
    "cat <<EOF > /f\nhi\nEOF",
    "[[ -n $x ]] && echo y",
    "arr=(a b c); echo ${arr[@]}",
    "echo ${x//a/b}",
    "function f { echo; }; f",
    "{ echo a; echo b; } > /f",
    "echo 'it''s'",
    "x=$(cat <<'E'\nbody\nE\n)",
    "echo hi >&2 2>/dev/null",
    "select x in a b; do break; done",
]


def import_ms(module: str) -> float:
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", f"import {module}"], check=True)
        best = min(best, time.perf_counter() - start)
    base = min(_timed([sys.executable, "-c", "pass"]) for _ in range(5))
    return (best - base) * 1000


def _timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True)
    return time.perf_counter() - start


def main() -> None:
    import tree_sitter
    import tree_sitter_bash

    parser = tree_sitter.Parser(tree_sitter.Language(tree_sitter_bash.language()))
    start = time.perf_counter()
    errors = sum(parser.parse(s.encode()).root_node.has_error for s in SCRIPTS)
    ts_time = time.perf_counter() - start
    print(
        f"tree-sitter-bash: import {import_ms('tree_sitter_bash'):.1f} ms, "
        f"{errors}/{len(SCRIPTS)} scripts with errors, {ts_time * 1000:.2f} ms to parse all"
    )
    try:
        import bashlex
    except ImportError:
        print("bashlex: not installed (pip install bashlex)")
        return
    failures = 0
    start = time.perf_counter()
    for script in SCRIPTS:
        try:
            bashlex.parse(script)
        except Exception:  # bashlex raises several error types
            failures += 1
    bl_time = time.perf_counter() - start
    print(
        f"bashlex:          import {import_ms('bashlex'):.1f} ms, "
        f"{failures}/{len(SCRIPTS)} scripts rejected, {bl_time * 1000:.2f} ms to parse all"
    )


if __name__ == "__main__":
    main()
