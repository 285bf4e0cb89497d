"""Rendering diagnostics for people and machines.

`render(results, fmt)` turns lint results into one of `FORMATS`: text for a
terminal (optionally coloured, optionally with the offending source under each
finding), JSON for scripts, SARIF for GitHub code scanning and other viewers,
GitHub Actions workflow commands, a GitLab Code Quality report, JUnit and
Checkstyle XML for CI dashboards. docs/output-formats.md shows each one.

Positions are 1-based lines and columns counted in characters (Unicode code
points); an end column is exclusive (one past the last character), as in SARIF.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from stagelint.rule import Applicability, Diagnostic, Severity

if TYPE_CHECKING:
    from stagelint.checker import Reportable
    from stagelint.rule import Rule

FORMATS = (
    "text",
    "json",
    "sarif",
    "github",
    "gitlab",
    "junit",
    "concise",
    "json-lines",
    "checkstyle",
)

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://stagelint.readthedocs.io/en/latest/"
TAB_WIDTH = 4  # columns a tab advances to in source excerpts
MAX_EXCERPT_LINES = 6  # longer spans show their first and last lines only

_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_GUTTER = "\x1b[1;34m"
_HELP = "\x1b[1;36m"
_SEVERITY_STYLE = {
    Severity.ERROR: "\x1b[1;31m",
    Severity.WARNING: "\x1b[1;33m",
    Severity.INFO: "\x1b[1;36m",
}


# --- positions and source lines ---------------------------------------------


def _position(result: Reportable, d: Diagnostic) -> tuple[int, int, int, int]:
    line, col = result.position(d.start)
    end_line, end_col = result.position(max(d.end, d.start))
    return line, col, end_line, end_col


def _line_text(result: Reportable, line: int) -> str:
    """The text of 1-based `line` without its line break (`\\n` or `\\r\\n`)."""
    source = result.source
    start = result.lines.line_start(line)
    end = source.find("\n", start)
    text = source[start:] if end < 0 else source[start:end]
    return text[:-1] if text.endswith("\r") else text


def _display_span(result: Reportable, d: Diagnostic) -> tuple[int, int, int, int]:
    """Like `_position`, but a span that ends just after a line break ends at
    the end of that line, so it is not shown as reaching into the next one."""
    line, col, end_line, end_col = _position(result, d)
    if end_line > line and end_col == 1:
        end_line -= 1
        end_col = len(_line_text(result, end_line)) + 1
    return line, col, end_line, end_col


def _path(filename: str) -> str:
    """The path to report: forward slashes, relative to the working directory
    when it lies inside it (CI systems resolve paths against the repository)."""
    from pathlib import Path

    if filename == "-":
        return filename
    path = Path(filename)
    if path.is_absolute():
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            return path.as_posix()
    return path.as_posix()


def _uri(filename: str) -> str:
    """A URI reference for SARIF: a relative path, percent-encoded, or a
    file: URI for an absolute path outside the working directory."""
    from pathlib import PurePath
    from urllib.parse import quote

    path = _path(filename)
    if PurePath(path).is_absolute():
        return PurePath(path).as_uri()
    return quote(path, safe="/")


def _fingerprints(result: Reportable) -> list[str]:
    """A stable id per diagnostic: it hashes the file, the rule, the message
    and the text of the first line of the span, but not the line number, so it
    survives lines being inserted above. Identical findings are told apart by
    their occurrence count."""
    import hashlib

    seen: dict[tuple[str, str, str, str], int] = {}
    path = _path(result.filename)
    out: list[str] = []
    for d in result.diagnostics:
        line, _ = result.position(d.start)
        key = (path, d.code, d.message, _line_text(result, line).strip())
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        data = "\0".join((*key, str(occurrence)))
        out.append(hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest())
    return out


def _is_fixable(d: Diagnostic) -> bool:
    """`stagelint fix` applies it without asking for unsafe fixes."""
    return d.fix is not None and d.fix.applicability is Applicability.SAFE


def _rule_url(code: str) -> str | None:
    from stagelint.rules import find_rule

    rule = find_rule(code)
    return rule.url if rule else None


# --- printable text ----------------------------------------------------------


def _visible(ch: str) -> str:
    """A control character as a visible symbol, so that a hostile file cannot
    send escape sequences to the terminal or break one finding over two lines."""
    o = ord(ch)
    if o < 0x20:
        return chr(0x2400 + o)  # the Control Pictures block: \x1b -> U+241B
    if o == 0x7F:
        return "\u2421"
    if 0x80 <= o < 0xA0 or ch in "\u2028\u2029":
        return "\ufffd"
    return ch


def _printable(text: str) -> str:
    return "".join(_visible(ch) for ch in text)


def _paint(text: str, style: str, color: bool) -> str:
    return f"{style}{text}{_RESET}" if color else text


# --- text and concise --------------------------------------------------------


def _headline(result: Reportable, d: Diagnostic, color: bool) -> str:
    line, col = result.position(d.start)
    path = _paint(_printable(result.filename), _BOLD, color)
    code = _paint(d.code, _SEVERITY_STYLE[d.severity], color)
    return f"{path}:{line}:{col}: {code} {_printable(d.message)}"


def _char_width(ch: str) -> int:
    import unicodedata

    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _display_line(text: str) -> tuple[str, list[int]]:
    """`text` as it is shown, and the display column where each character
    starts (one extra entry for the end): tabs expand to the next tab stop,
    wide characters take two columns, control characters become symbols."""
    shown: list[str] = []
    xs = [0]
    x = 0
    for ch in text:
        if ch == "\t":
            cell = " " * (TAB_WIDTH - x % TAB_WIDTH)
            width = len(cell)
        else:
            cell = _visible(ch)
            width = sum(_char_width(c) for c in cell)
        shown.append(cell)
        x += width
        xs.append(x)
    return "".join(shown), xs


def _excerpt(result: Reportable, d: Diagnostic, color: bool) -> list[str]:
    """The source lines of the span, each underlined where the span covers it."""
    line, col, end_line, end_col = _display_span(result, d)
    rows: list[tuple[int, str, str | None]] = []
    for n in range(line, end_line + 1):
        text = _line_text(result, n)
        a = min(col - 1 if n == line else 0, len(text))
        b = min(end_col - 1 if n == end_line else len(text), len(text))
        shown, xs = _display_line(text)
        underline: str | None = None
        if b > a or line == end_line:
            underline = " " * xs[a] + "^" * max(1, xs[max(a, b)] - xs[a])
        rows.append((n, shown, underline))
    elided = len(rows) > MAX_EXCERPT_LINES
    if elided:
        rows = rows[:3] + rows[-2:]
    width = len(str(end_line))
    style = _SEVERITY_STYLE[d.severity]

    def gutter(label: str = "") -> str:
        return _paint(f"{label:>{width}} |", _GUTTER, color)

    out = [gutter()]
    for i, (n, shown, underline) in enumerate(rows):
        if elided and i == 3:
            out.append(_paint(f"{'...':>{width}}", _GUTTER, color))
        out.append(gutter(str(n)) + (f" {shown}" if shown else ""))
        if underline is not None:
            out.append(f"{gutter()} {_paint(underline, style, color)}")
    out.append(gutter())
    if d.fix is not None:
        help_label = _paint("= help:", _HELP, color)
        out.append(f"{' ' * width} {help_label} {_printable(d.fix.title)}")
    return out


def _summary(diagnostics: Sequence[Diagnostic]) -> str:
    count = len(diagnostics)
    safe = sum(1 for d in diagnostics if _is_fixable(d))
    unsafe = sum(1 for d in diagnostics if d.fix and d.fix.applicability is Applicability.UNSAFE)
    parts = []
    if safe:
        parts.append(f"{safe} fixable with `stagelint fix`")
    if unsafe:
        parts.append(f"{unsafe} more with `stagelint fix --unsafe-fixes`")
    extra = f" ({', '.join(parts)})" if parts else ""
    return f"Found {count} {'error' if count == 1 else 'errors'}{extra}."


def render_text(
    results: Sequence[Reportable], *, color: bool = False, show_source: bool = False
) -> str:
    """`path:line:col: CODE message` per finding, then a summary line.

    Every finding counts as an "error" in the summary, whatever its severity.
    """
    lines: list[str] = []
    diagnostics: list[Diagnostic] = []
    for result in results:
        for d in result.diagnostics:
            diagnostics.append(d)
            lines.append(_headline(result, d, color))
            if show_source:
                lines.extend(_excerpt(result, d, color))
                lines.append("")
    if not diagnostics:
        return ""
    lines.append(_summary(diagnostics))
    return "\n".join(lines) + "\n"


def render_concise(results: Sequence[Reportable]) -> str:
    """`path:line:col: CODE message` per finding and nothing else."""
    lines = [_headline(r, d, False) for r in results for d in r.diagnostics]
    return "".join(f"{line}\n" for line in lines)


# --- json --------------------------------------------------------------------


def _dumps(value: object, indent: int | None = None) -> str:
    """JSON with non-ASCII text as is; json is imported only for the formats
    that write it (the text format is the start-up path)."""
    import json

    return json.dumps(value, indent=indent, ensure_ascii=False)


def diagnostic_dict(result: Reportable, d: Diagnostic) -> dict[str, object]:
    """One finding in the documented JSON schema (docs/output-formats.md)."""
    line, col, end_line, end_col = _position(result, d)
    fix = None
    if d.fix is not None:
        fix = {
            "applicability": d.fix.applicability.value,
            "title": d.fix.title,
            "edits": [
                {
                    "content": e.content,
                    "location": dict(
                        zip(("line", "column"), result.position(e.start), strict=True)
                    ),
                    "end_location": dict(
                        zip(("line", "column"), result.position(e.end), strict=True)
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
        "url": _rule_url(d.code),
        "fix": fix,
    }


def render_json(results: Sequence[Reportable]) -> str:
    items = [diagnostic_dict(r, d) for r in results for d in r.diagnostics]
    return _dumps(items, indent=2) + "\n"


def render_json_lines(results: Sequence[Reportable]) -> str:
    """The json format's objects, one per line."""
    return "".join(_dumps(diagnostic_dict(r, d)) + "\n" for r in results for d in r.diagnostics)


# --- sarif -------------------------------------------------------------------


def _what_it_does(doc: str) -> str:
    """The paragraph under `## What it does`, joined into one line."""
    lines: list[str] = []
    inside = False
    for raw in doc.splitlines():
        if raw.startswith("## "):
            if inside:
                break
            inside = raw.strip() == "## What it does"
            continue
        if inside:
            lines.append(raw.strip())
    return " ".join(" ".join(lines).split())


def _sarif_rule(rule: Rule) -> dict[str, Any]:
    doc = rule.doc.strip() or rule.summary
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": _what_it_does(rule.doc) or rule.summary},
        "help": {"text": doc, "markdown": doc},
        "helpUri": rule.url,
        "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
        "properties": {"aliases": list(rule.aliases), "fix": rule.fix.value},
    }


def _sarif_region(result: Reportable, start: int, end: int) -> dict[str, int]:
    line, col = result.position(start)
    end_line, end_col = result.position(max(start, end))
    return {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col}


def sarif_log(results: Sequence[Reportable]) -> dict[str, Any]:
    """The SARIF 2.1.0 log as a dict: one run, every rule, one result per finding."""
    from stagelint import __version__
    from stagelint.rules import all_rules

    rules = all_rules()
    rule_index = {r.code: i for i, r in enumerate(rules)}
    sarif_results: list[dict[str, Any]] = []
    for result in results:
        uri = _uri(result.filename)
        for d, fingerprint in zip(result.diagnostics, _fingerprints(result), strict=True):
            item: dict[str, Any] = {"ruleId": d.code}
            if d.code in rule_index:
                item["ruleIndex"] = rule_index[d.code]
            item["level"] = _SARIF_LEVEL[d.severity]
            item["message"] = {"text": d.message}
            item["locations"] = [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": _sarif_region(result, d.start, d.end),
                    }
                }
            ]
            item["partialFingerprints"] = {"stagelint/v1": fingerprint}
            if d.fix is not None and d.fix.edits:
                item["fixes"] = [
                    {
                        "description": {"text": d.fix.title},
                        "artifactChanges": [
                            {
                                "artifactLocation": {"uri": uri},
                                "replacements": [
                                    {
                                        "deletedRegion": _sarif_region(result, e.start, e.end),
                                        "insertedContent": {"text": e.content},
                                    }
                                    for e in d.fix.edits
                                ],
                            }
                        ],
                        "properties": {"applicability": d.fix.applicability.value},
                    }
                ]
            sarif_results.append(item)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "stagelint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_sarif_rule(r) for r in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": sarif_results,
            }
        ],
    }


def render_sarif(results: Sequence[Reportable]) -> str:
    return _dumps(sarif_log(results), indent=2) + "\n"


# --- github ------------------------------------------------------------------


def github_escape_data(text: str) -> str:
    """Escape a workflow command's message, as @actions/core does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_escape_property(text: str) -> str:
    """Escape a workflow command's property value, as @actions/core does."""
    return github_escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(results: Sequence[Reportable]) -> str:
    """One `::error file=...::message` workflow command per finding: GitHub
    Actions shows each as an annotation on the file and in the run summary."""
    lines: list[str] = []
    for result in results:
        path = _path(result.filename)
        for d in result.diagnostics:
            line, col, end_line, end_col = _display_span(result, d)
            props = [("file", path), ("line", str(line))]
            if end_line == line:  # GitHub rejects columns on a multi-line annotation
                props += [("col", str(col)), ("endLine", str(end_line))]
                props += [("endColumn", str(end_col))]
            else:
                props.append(("endLine", str(end_line)))
            props.append(("title", f"{d.code} {d.name}"))
            joined = ",".join(f"{k}={github_escape_property(v)}" for k, v in props)
            message = github_escape_data(d.message)
            lines.append(f"::{_GITHUB_LEVEL[d.severity]} {joined}::{message}")
    return "".join(f"{line}\n" for line in lines)


# --- gitlab ------------------------------------------------------------------


def gitlab_report(results: Sequence[Reportable]) -> list[dict[str, Any]]:
    """The GitLab Code Quality report (a subset of the Code Climate format)."""
    issues: list[dict[str, Any]] = []
    for result in results:
        path = _path(result.filename)
        for d, fingerprint in zip(result.diagnostics, _fingerprints(result), strict=True):
            line, _, end_line, _ = _display_span(result, d)
            issues.append(
                {
                    "description": f"{d.code} {d.message}",
                    "check_name": d.code,
                    "fingerprint": fingerprint,
                    "severity": _GITLAB_SEVERITY[d.severity],
                    "location": {"path": path, "lines": {"begin": line, "end": end_line}},
                }
            )
    return issues


def render_gitlab(results: Sequence[Reportable]) -> str:
    return _dumps(gitlab_report(results), indent=2) + "\n"


# --- junit and checkstyle ----------------------------------------------------


def _xml_text(text: str) -> str:
    """Replace the characters XML 1.0 cannot carry at all, even escaped."""
    out = []
    for ch in text:
        o = ord(ch)
        if (o < 0x20 and ch not in "\t\n\r") or 0xD800 <= o <= 0xDFFF or o in (0xFFFE, 0xFFFF):
            out.append(chr(0x2400 + o) if o < 0x20 else "\ufffd")
        else:
            out.append(ch)
    return "".join(out)


def _xml_document(root: Any) -> str:
    import xml.etree.ElementTree as ET

    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def render_junit(results: Sequence[Reportable]) -> str:
    """A testsuite per file; a failing testcase per finding, or one passing
    testcase for a file without findings."""
    import xml.etree.ElementTree as ET

    total = sum(max(1, len(r.diagnostics)) for r in results)
    failures = sum(len(r.diagnostics) for r in results)
    root = ET.Element(
        "testsuites",
        {"name": "stagelint", "tests": str(total), "failures": str(failures), "errors": "0"},
    )
    for result in results:
        path = _xml_text(_path(result.filename))
        count = len(result.diagnostics)
        suite = ET.SubElement(
            root,
            "testsuite",
            {
                "name": path,
                "tests": str(max(1, count)),
                "failures": str(count),
                "errors": "0",
                "skipped": "0",
            },
        )
        if not count:
            ET.SubElement(suite, "testcase", {"name": "no findings", "classname": path})
        for d in result.diagnostics:
            line, col = result.position(d.start)
            case = ET.SubElement(
                suite,
                "testcase",
                {
                    "name": f"{d.code} {d.name} at {line}:{col}",
                    "classname": path,
                    "file": path,
                    "line": str(line),
                },
            )
            failure = ET.SubElement(
                case, "failure", {"message": _xml_text(d.message), "type": d.code}
            )
            url = _rule_url(d.code)
            detail = f"{path}:{line}:{col}: {d.code} {_xml_text(d.message)}"
            failure.text = f"{detail}\n{url}" if url else detail
    return _xml_document(root)


def render_checkstyle(results: Sequence[Reportable]) -> str:
    """Checkstyle XML, read by Jenkins (warnings-ng), reviewdog and others."""
    import xml.etree.ElementTree as ET

    root = ET.Element("checkstyle", {"version": "4.3"})
    for result in results:
        file = ET.SubElement(root, "file", {"name": _xml_text(_path(result.filename))})
        for d in result.diagnostics:
            line, col = result.position(d.start)
            ET.SubElement(
                file,
                "error",
                {
                    "line": str(line),
                    "column": str(col),
                    "severity": d.severity.value,
                    "message": _xml_text(d.message),
                    "source": f"stagelint.{d.code}",
                },
            )
    return _xml_document(root)


# --- statistics --------------------------------------------------------------


def statistics_rows(results: Sequence[Reportable]) -> list[dict[str, Any]]:
    """Findings counted per rule, most frequent first (ties by code).
    `fixable`: `stagelint fix` can fix at least one of them."""
    rows: dict[str, dict[str, Any]] = {}
    for result in results:
        for d in result.diagnostics:
            row = rows.setdefault(
                d.code, {"code": d.code, "name": d.name, "count": 0, "fixable": False}
            )
            row["count"] += 1
            row["fixable"] = row["fixable"] or _is_fixable(d)
    return sorted(rows.values(), key=lambda r: (-r["count"], r["code"]))


def render_statistics(results: Sequence[Reportable], fmt: str = "text") -> str:
    """A table `count  CODE  name  [*]`; a JSON list for the json formats."""
    rows = statistics_rows(results)
    if fmt == "json":
        return _dumps(rows, indent=2) + "\n"
    if fmt == "json-lines":
        return "".join(_dumps(row) + "\n" for row in rows)
    if not rows:
        return ""
    count_w = max(len(str(r["count"])) for r in rows)
    code_w = max(len(r["code"]) for r in rows)
    name_w = max(len(r["name"]) for r in rows)
    lines = []
    for r in rows:
        line = f"{r['count']:>{count_w}}  {r['code']:<{code_w}}  {r['name']:<{name_w}}"
        lines.append(f"{line}  [*]" if r["fixable"] else line.rstrip())
    return "\n".join(lines) + "\n"


# --- dispatch ----------------------------------------------------------------

_RENDERERS: dict[str, Callable[[Sequence[Reportable]], str]] = {
    "json": render_json,
    "json-lines": render_json_lines,
    "sarif": render_sarif,
    "github": render_github,
    "gitlab": render_gitlab,
    "junit": render_junit,
    "concise": render_concise,
    "checkstyle": render_checkstyle,
}


def render(
    results: Sequence[Reportable],
    fmt: str,
    *,
    color: bool = False,
    show_source: bool = False,
    statistics: bool = False,
) -> str:
    """`results` in output format `fmt` (one of `FORMATS`).

    `color` and `show_source` apply to the text format only. With `statistics`
    the output is the per-rule count table instead (a JSON list for json).
    Raises ValueError for an unknown format.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r} (expected one of {', '.join(FORMATS)})")
    if statistics:
        return render_statistics(results, fmt)
    if fmt == "text":
        return render_text(results, color=color, show_source=show_source)
    return _RENDERERS[fmt](results)
