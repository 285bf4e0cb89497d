"""Linting and fixing an open document, with the results kept for reuse.

The server lints synchronously on every change (a debounce would only add
latency), then keeps the result: code actions asked for the same text reuse
it instead of linting again, and fix-all hands it to the fixer as its first
round.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from stagelint.checker import LintResult, lint_document
from stagelint.fixer import applicable, fix_source
from stagelint.lsp.convert import Json, to_diagnostic
from stagelint.lsp.settings import DocumentSettings, document_name
from stagelint.lsp.textdoc import LineIndex, TextDocument
from stagelint.parser import parse


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
            # The fixer's first round is this lint (with nothing applicable
            # in it, the fixer returns the text without linting at all).
            self._fixed = fix_source(
                self.text,
                self.result.filename,
                self.settings.settings,
                unsafe=self.settings.unsafe_fixes,
                linted=self.result,
            ).source
        return self._fixed


def lint(
    doc: TextDocument, settings: DocumentSettings, encoding: str, earlier: Linted | None = None
) -> Linted:
    """Lint the document. `earlier`, the lint before the last change, lends
    its tree (the parser copies the nodes of the lines the change left alone)
    and its analyses of the RUNs the change left alone."""
    before = earlier.result if earlier is not None else None
    tree = parse(doc.text, before.doc if before is not None else None)
    result = lint_document(tree, document_name(doc.uri), settings.settings, before)
    lines = doc.lines
    diagnostics = [to_diagnostic(lines, d, encoding) for d in result.diagnostics]
    return Linted(doc.uri, doc.text, settings, result, lines, encoding, diagnostics)
