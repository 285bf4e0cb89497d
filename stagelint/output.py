"""Rendering diagnostics for people and machines."""

from __future__ import annotations

import json
from collections.abc import Sequence

from stagelint.checker import LintResult
from stagelint.rule import Diagnostic

FORMATS = ("text", "json")


def _position(result: LintResult, d: Diagnostic) -> tuple[int, int, int, int]:
    line, col = result.doc.position(d.start)
    end_line, end_col = result.doc.position(d.end)
    return line, col, end_line, end_col


def diagnostic_dict(result: LintResult, d: Diagnostic) -> dict[str, object]:
    """One finding in the documented JSON schema (docs/output-formats.md)."""
    from stagelint.rules import find_rule

    line, col, end_line, end_col = _position(result, d)
    rule = find_rule(d.code)
    fix = None
    if d.fix is not None:
        fix = {
            "applicability": d.fix.applicability.value,
            "title": d.fix.title,
            "edits": [
                {
                    "content": e.content,
                    "location": dict(
                        zip(("line", "column"), result.doc.position(e.start), strict=True)
                    ),
                    "end_location": dict(
                        zip(("line", "column"), result.doc.position(e.end), strict=True)
                    ),
                }
                for e in d.fix.edits
            ],
        }
    return {
        "code": d.code,
        "name": d.name,
        "message": d.message,
        "severity": d.severity.value,
        "filename": result.filename,
        "line": line,
        "column": col,
        "end_line": end_line,
        "end_column": end_col,
        "url": rule.url if rule else None,
        "fix": fix,
    }


def render_text(results: Sequence[LintResult]) -> str:
    lines: list[str] = []
    for result in results:
        for d in result.diagnostics:
            line, col = result.doc.position(d.start)
            lines.append(f"{result.filename}:{line}:{col}: {d.code} {d.message}")
    return "\n".join(lines) + ("\n" if lines else "")


def render_json(results: Sequence[LintResult]) -> str:
    items = [diagnostic_dict(r, d) for r in results for d in r.diagnostics]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


def render(results: Sequence[LintResult], fmt: str) -> str:
    if fmt == "json":
        return render_json(results)
    return render_text(results)
