"""Generate docs/rules/ from the rules' docstrings, and docs/compat.md from the
rules' aliases, stagelint/peers.py and the rule cases marked as differing
from hadolint (tests/rules/*.toml, `hadolint = "why"`).

Run `python -m stagelint.docgen` after changing a rule; a test fails when the
checked-in pages differ from what this produces, so docs cannot drift.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from stagelint.peers import BUILDKIT, HADOLINT, NOTES, RETIRED, PeerCheck
from stagelint.rule import REQUIRED_HEADINGS, Rule

CASES_DIR = Path(__file__).resolve().parent.parent / "tests" / "rules"


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
    if rule.opt_in:
        lines.append("- Opt-in: runs only when `select`/`extend-select` names it")
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


def covering(rules: tuple[Rule, ...], check: PeerCheck) -> list[Rule]:
    """The rules that carry `check` as an alias."""
    return [r for r in rules if any(a.lower() == check.key.lower() for a in r.aliases)]


def _peer_table(rules: tuple[Rule, ...], checks: tuple[PeerCheck, ...]) -> list[str]:
    lines = [
        "| Check | What it reports | stagelint | Fix | Notes |",
        "| --- | --- | --- | --- | --- |",
    ]
    for check in checks:
        found = covering(rules, check)
        ours = "<br>".join(f"[{r.code}](rules/{r.code}.md) {r.name}" for r in found) or "-"
        fixes = "<br>".join(r.fix.value for r in found) or "-"
        note = check.note or NOTES.get(check.key, "")
        lines.append(f"| {check.key} | {check.summary} | {ours} | {fixes} | {note} |")
    return lines


def _differing_cases(rules: tuple[Rule, ...], cases_dir: Path) -> list[str]:
    """The rule cases where stagelint deliberately differs from hadolint."""
    lines: list[str] = []
    for rule in rules:
        path = cases_dir / f"{rule.code}.toml"
        if not path.exists():
            continue
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        marked = [(k, c) for k in ("fail", "pass") for c in data.get(k, []) if "hadolint" in c]
        if not marked:
            continue
        codes = ", ".join(a for a in rule.aliases if a.upper().startswith("DL"))
        lines += ["", f"### [{rule.code}](rules/{rule.code}.md) {rule.name} ({codes})"]
        for kind, case in marked:
            who = "stagelint reports it" if kind == "fail" else "stagelint does not report it"
            text = case["text"].rstrip("\n")
            lines += ["", f"{who}: {case['hadolint']}", "", "```dockerfile", text, "```"]
    return lines


def render_compat(rules: tuple[Rule, ...], cases_dir: Path = CASES_DIR) -> str:
    covered = [c for c in HADOLINT if covering(rules, c)]
    bk_covered = [c for c in BUILDKIT if covering(rules, c)]
    lines = [
        "# Compatibility with hadolint and BuildKit",
        "",
        "Every hadolint rule and every BuildKit build check, with the stagelint rule that",
        "covers it. A stagelint rule carries the DL codes and check names it covers as",
        'aliases, so `--select DL3008`, `ignore = ["DL3008"]`, `# hadolint ignore=DL3008`',
        "and `# check=skip=JSONArgsRecommended` keep working after a switch.",
        "This page is generated (`python -m stagelint.docgen`) from the rules themselves.",
        "",
        f"hadolint: {len(covered)} of {len(HADOLINT)} DL rules have a stagelint rule "
        f"({100 * len(covered) // len(HADOLINT)}%). BuildKit: {len(bk_covered)} of "
        f"{len(BUILDKIT)} build checks.",
        "",
        "## hadolint",
        "",
        *_peer_table(rules, HADOLINT),
        "",
        f"Retired in hadolint 2.15 and not reimplemented: {', '.join(RETIRED)}. hadolint's",
        "DL1000 (parse error) corresponds to the SL0xx syntax rules. ShellCheck findings",
        "(SCxxxx), which hadolint runs on every RUN, come from the optional ShellCheck",
        "pass (`shellcheck = true`, see [Configuration](configuration.md)).",
        "",
        "## BuildKit build checks",
        "",
        *_peer_table(rules, BUILDKIT),
        "",
        "## Where stagelint deliberately differs from hadolint",
        "",
        "Each case below is a rule test case that the test suite also runs through the",
        "real hadolint (tests/test_hadolint_parity.py), which checks that the two do",
        "differ there; on every other case of these rules they agree line for line.",
        *_differing_cases(rules, cases_dir),
    ]
    return "\n".join(lines).rstrip("\n") + "\n"


def expected_compat() -> str:
    from stagelint.rules import all_rules

    return render_compat(all_rules())


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
    (out.parent / "compat.md").write_text(expected_compat(), encoding="utf-8")
    print(f"wrote {len(pages)} pages to {out} and {out.parent / 'compat.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
