"""Linting and fixing an open document, with the results kept for reuse.

The server lints synchronously on every change (a debounce would only add
latency), then keeps the result: code actions asked for the same text reuse
it instead of linting again, and fix-all reuses it to skip the fixer when
nothing is fixable.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from stagelint.checker import LintResult, lint_source
from stagelint.fixer import applicable, fix_source
from stagelint.lsp.convert import Json, to_diagnostic
from stagelint.lsp.settings import DocumentSettings, document_name
from stagelint.lsp.textdoc import LineIndex, TextDocument


@dataclass
class Linted:
    """One lint of one text with one configuration."""

    uri: str
    text: str
    settings: DocumentSettings
    result: LintResult
    lines: LineIndex
    encoding: str
    diagnostics: list[Json]  # result.diagnostics in LSP's wire format, same order
    _fixed: str | None = field(default=None, repr=False)

    def is_current(self, doc: TextDocument, settings: DocumentSettings, encoding: str) -> bool:
        return self.text == doc.text and self.settings == settings and self.encoding == encoding

    def fixable(self) -> bool:
        """Would `stagelint fix` (with these settings) apply anything?"""
        unsafe = self.settings.unsafe_fixes
        return any(d.fix is not None and applicable(d.fix, unsafe) for d in self.result.diagnostics)

    def fixed_text(self) -> str:
        """What `stagelint fix -` prints for this text and configuration."""
        if self._fixed is None:
            # Without an applicable fix in this lint, the fixer's first round
            # (the same lint) finds nothing and returns the text: skip it.
            self._fixed = (
                fix_source(
                    self.text,
                    self.result.filename,
                    self.settings.settings,
                    unsafe=self.settings.unsafe_fixes,
                ).source
                if self.fixable()
                else self.text
            )
        return self._fixed


def lint(doc: TextDocument, settings: DocumentSettings, encoding: str) -> Linted:
    result = lint_source(doc.text, document_name(doc.uri), settings.settings)
    lines = doc.lines
    diagnostics = [to_diagnostic(lines, d, encoding) for d in result.diagnostics]
    return Linted(doc.uri, doc.text, settings, result, lines, encoding, diagnostics)
