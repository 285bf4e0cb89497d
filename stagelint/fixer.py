"""Applying fixes: non-overlapping edits, repeated to a fixed point.

Each round lints the text, takes the applicable fixes (safe ones, plus unsafe
ones when asked), applies those whose edits do not overlap, copying every
other character verbatim, and lints again. A round whose result has more
syntax errors than its input is undone and its fixes are tried one by one;
a fix that still breaks the syntax is dropped and reported, never written.
The loop stops when no fix applies. When a text comes back that was already
seen (two fixes undoing each other), or the text is still changing after
`MAX_ROUNDS`, the fixes are discarded: the input is returned unchanged.
"""

from __future__ import annotations

from stagelint.checker import LintResult, Settings, lint_document, lint_source
from stagelint.parser import parse
from stagelint.rule import Applicability, Diagnostic, Edit, Fix
from stagelint.tree import Document

MAX_ROUNDS = 50
# Problems that mean "the engine would refuse the file".
_WARNING_KINDS = frozenset({"empty-continuation"})


def syntax_errors(doc: Document) -> int:
    return sum(1 for p in doc.problems if p.kind not in _WARNING_KINDS)


def applicable(fix: Fix, unsafe: bool) -> bool:
    if fix.applicability is Applicability.SAFE:
        return True
    return unsafe and fix.applicability is Applicability.UNSAFE


def _span(fix: Fix) -> tuple[int, int]:
    return min(e.start for e in fix.edits), max(e.end for e in fix.edits)


def _compatible(fix: Fix, taken: list[Edit]) -> bool:
    for e in fix.edits:
        for t in taken:
            if e.start < t.end and t.start < e.end:
                return False  # overlapping ranges
            if e.start == e.end == t.start == t.end:
                return False  # two insertions at one point: order would be a guess
            if e.start == e.end and t.start < e.start < t.end:
                return False
            if t.start == t.end and e.start < t.start < e.end:
                return False
    return True


def apply_edits(source: str, edits: list[Edit]) -> str:
    """Apply non-overlapping edits; everything between them is copied as is."""
    out: list[str] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        out.append(source[pos : edit.start])
        out.append(edit.content)
        pos = edit.end
    out.append(source[pos:])
    return "".join(out)


def _edits(batch: list[Diagnostic]) -> list[Edit]:
    return [e for d in batch if d.fix is not None for e in d.fix.edits]


def choose(diagnostics: list[Diagnostic], unsafe: bool) -> list[Diagnostic]:
    """Fixes that can be applied together, earliest first."""
    chosen: list[Diagnostic] = []
    taken: list[Edit] = []
    candidates = [d for d in diagnostics if d.fix is not None and applicable(d.fix, unsafe)]
    for d in sorted(candidates, key=lambda d: _span(d.fix) if d.fix else (0, 0)):
        assert d.fix is not None
        if _compatible(d.fix, taken):
            chosen.append(d)
            taken.extend(d.fix.edits)
    return chosen


class FixOutcome:
    __slots__ = ("applied", "converged", "dropped", "original", "result", "rounds", "source")

    def __init__(
        self,
        original: str,
        source: str,  # the fixed text (the original when nothing applied)
        result: LintResult,  # what remains, linted on the fixed text
        applied: list[Diagnostic] | None = None,
        dropped: list[tuple[Diagnostic, str]] | None = None,
        rounds: int = 0,
        converged: bool = True,
    ) -> None:
        self.original = original
        self.source = source
        self.result = result
        self.applied: list[Diagnostic] = [] if applied is None else applied
        self.dropped: list[tuple[Diagnostic, str]] = [] if dropped is None else dropped
        self.rounds = rounds
        self.converged = converged

    @property
    def changed(self) -> bool:
        return self.source != self.original


def fix_source(
    source: str,
    filename: str,
    settings: Settings | None = None,
    *,
    unsafe: bool = False,
    linted: LintResult | None = None,
) -> FixOutcome:
    """Fix `source` to a fixed point. `linted`, when given, must be the lint
    of `source` with these settings (an editor has it already): the first
    round then starts from it instead of linting again."""
    settings = settings or Settings()
    text = source
    seen = {text}
    applied: list[Diagnostic] = []
    dropped: list[tuple[Diagnostic, str]] = []
    rejected: set[tuple[str, str, tuple[Edit, ...]]] = set()
    first = result = linted if linted is not None else lint_source(text, filename, settings)
    for rounds in range(1, MAX_ROUNDS + 1):
        fixable = [
            d
            for d in result.diagnostics
            if d.fix is not None and (d.code, d.fix.title, d.fix.edits) not in rejected
        ]
        batch = choose(fixable, unsafe)
        if not batch:
            return FixOutcome(source, text, result, applied, dropped, rounds - 1, True)
        before = syntax_errors(result.doc)
        new_text = apply_edits(text, _edits(batch))
        new_doc = parse(new_text, result.doc)
        if syntax_errors(new_doc) > before:
            # find the fixes that break the syntax, one at a time
            good: list[Diagnostic] = []
            for d in batch:
                assert d.fix is not None
                trial = apply_edits(text, _edits([*good, d]))
                if syntax_errors(parse(trial, result.doc)) > before:
                    rejected.add((d.code, d.fix.title, d.fix.edits))
                    dropped.append((d, "the fix would introduce a syntax error"))
                else:
                    good.append(d)
            if not good:
                continue
            batch = good
            new_text = apply_edits(text, _edits(batch))
            new_doc = parse(new_text, result.doc)
        if new_text in seen:
            break  # two fixes undo each other
        seen.add(new_text)
        applied.extend(batch)
        text = new_text
        result = lint_document(new_doc, filename, settings, result)
    # Fixes undoing each other, or still changing after MAX_ROUNDS (a fix that
    # keeps re-applying): the text is no better than the input, so nothing is
    # applied at all.
    return FixOutcome(source, source, first, [], dropped, rounds, False)
