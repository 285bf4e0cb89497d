"""Long-running fuzzing with atheris: parse, check and fix never raise, the
parse round-trips, and fixing converges without adding syntax errors.

    pip install atheris
    python fuzz/fuzz_stagelint.py fuzz/corpus -max_total_time=600

The seed corpus (fuzz/corpus/) is made from the rule case files and BuildKit's
parser test files by `python fuzz/fuzz_stagelint.py --seed fuzz/corpus`.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def check_one(text: str) -> None:
    from stagelint.checker import Settings, lint_source
    from stagelint.fixer import fix_source, syntax_errors
    from stagelint.parser import parse

    doc = parse(text)
    if doc.to_source() != text:
        raise AssertionError("round-trip failed")
    settings = Settings(resolve_base_config=False)
    lint_source(text, "Containerfile", settings)
    outcome = fix_source(text, "Containerfile", settings, unsafe=True)
    if syntax_errors(parse(outcome.source)) > syntax_errors(doc):
        raise AssertionError("a fix added a syntax error")
    if not outcome.converged:
        raise AssertionError("the fixes did not converge")


def seed(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for case_file in sorted((ROOT / "tests" / "rules").glob("*.toml")):
        data = tomllib.loads(case_file.read_text())
        for kind in ("pass", "fail", "fix"):
            for i, case in enumerate(data.get(kind, [])):
                (folder / f"{case_file.stem}-{kind}-{i}").write_text(case["text"])
                count += 1
    conformance = ROOT.parent / "shared" / "conformance" / "buildkit-parser" / "testfiles"
    for dockerfile in sorted(conformance.glob("*/Dockerfile")):
        (folder / f"buildkit-{dockerfile.parent.name}").write_bytes(dockerfile.read_bytes())
        count += 1
    print(f"wrote {count} seeds to {folder}")


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--seed":
        seed(Path(sys.argv[2]))
        return
    import atheris

    with atheris.instrument_imports():
        import stagelint.checker
        import stagelint.fixer  # noqa: F401

    def one_input(data: bytes) -> None:
        text = data.decode("utf-8", errors="replace")
        check_one(text)

    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
