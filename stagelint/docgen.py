"""Generate docs/rules/ from the rules' docstrings.

Run `python -m stagelint.docgen` after changing a rule; a test fails when the
checked-in pages differ from what this produces, so docs cannot drift.
"""

from __future__ import annotations

import sys
from pathlib import Path

from stagelint.rule import REQUIRED_HEADINGS, Rule


def missing_headings(rule: Rule) -> list[str]:
    missing = [h for h in REQUIRED_HEADINGS if h not in rule.doc]
    if rule.fix.value != "none" and "## Fix safety" not in rule.doc:
        missing.append("## Fix safety")
    if "## Example" in rule.doc and "Use instead:" not in rule.doc:
        missing.append("Use instead:")
    return missing


def render_rule_page(rule: Rule) -> str:
    summary, _, body = rule.doc.strip().partition("\n")
    lines = [
        f"# {rule.code} {rule.name}",
        "",
        f"**{summary.strip()}**",
        "",
        f"- Severity: {rule.severity.value}",
        f"- Fix: {rule.fix.value}" + (f" ({rule.fix_title})" if rule.fix_title else ""),
    ]
    if rule.aliases:
        lines.append(f"- Aliases: {', '.join(rule.aliases)}")
    lines += ["", body.strip(), ""]
    return "\n".join(lines)


def render_index(rules: tuple[Rule, ...]) -> str:
    lines = ["# Rules", "", "| Code | Name | Summary | Severity | Fix | Aliases |",
             "| --- | --- | --- | --- | --- | --- |"]  # fmt: skip
    for r in rules:
        lines.append(
            f"| [{r.code}]({r.code}.md) | {r.name} | {r.summary} | {r.severity.value} "
            f"| {r.fix.value} | {', '.join(r.aliases)} |"
        )
    return "\n".join(lines) + "\n"


def expected_pages() -> dict[str, str]:
    from stagelint.rules import all_rules

    rules = all_rules()
    pages = {f"{r.code}.md": render_rule_page(r) for r in rules}
    pages["index.md"] = render_index(rules)
    return pages


def main(argv: list[str] | None = None) -> int:
    out = Path((argv or sys.argv[1:] or ["docs/rules"])[0])
    out.mkdir(parents=True, exist_ok=True)
    pages = expected_pages()
    for stale in out.glob("*.md"):
        if stale.name not in pages:
            stale.unlink()
    for name, text in pages.items():
        (out / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(pages)} pages to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
