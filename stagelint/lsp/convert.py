"""stagelint's diagnostics and edits in LSP's wire format.

These are built as plain JSON-ready dicts, not lsprotocol objects: an
lsprotocol `Diagnostic` costs over 100 µs to construct and unstructure
(attrs validators, then cattrs), which is a third of the latency budget for
a typical file and seconds for a junk document with 20,000 findings; a dict
costs a few µs and goes to `json.dumps` as it is.

Offsets become positions through the document's `LineIndex` in the
negotiated encoding; nothing here assumes that a code point is one unit.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from stagelint.lsp.textdoc import LineIndex
from stagelint.rule import Diagnostic, Edit, Severity

SOURCE = "stagelint"
QUICKFIX = "quickfix"
FIX_ALL_KIND = "source.fixAll.stagelint"

Json = dict[str, Any]

# LSP's DiagnosticSeverity: 1 error, 2 warning, 3 information, 4 hint
_SEVERITY = {Severity.ERROR: 1, Severity.WARNING: 2, Severity.INFO: 3}


@cache
def rule_urls() -> dict[str, str]:
    """Code -> documentation page, for `codeDescription.href`."""
    from stagelint.rules import all_rules

    return {rule.code: rule.url for rule in all_rules()}


def to_range(lines: LineIndex, start: int, end: int, encoding: str) -> Json:
    sl, sc = lines.position(start, encoding)
    el, ec = lines.position(max(start, end), encoding)
    return {"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}}


def to_diagnostic(lines: LineIndex, d: Diagnostic, encoding: str) -> Json:
    out: Json = {
        "range": to_range(lines, d.start, d.end, encoding),
        "severity": _SEVERITY.get(d.severity, 2),
        "code": d.code,
        "source": SOURCE,
        "message": d.message,
    }
    url = rule_urls().get(d.code)
    if url:
        out["codeDescription"] = {"href": url}
    return out


def to_text_edits(lines: LineIndex, edits: Sequence[Edit], encoding: str) -> list[Json]:
    return [
        {"range": to_range(lines, e.start, e.end, encoding), "newText": e.content}
        for e in sorted(edits, key=lambda e: (e.start, e.end))
    ]


def workspace_edit(
    uri: str, version: int | None, edits: list[Json], document_changes: bool
) -> Json:
    """Versioned `documentChanges` when the client supports them (a stale
    edit is then refused instead of mangling newer text), `changes` if not."""
    if document_changes:
        return {
            "documentChanges": [{"textDocument": {"uri": uri, "version": version}, "edits": edits}]
        }
    return {"changes": {uri: edits}}


def kind_wanted(kind: str, only: Sequence[str] | None) -> bool:
    """LSP kinds are hierarchical: `source.fixAll` asks for
    `source.fixAll.stagelint`, `source` for both of them."""
    if not only:
        return True
    return any(kind == want or kind.startswith(f"{want}.") for want in only)
