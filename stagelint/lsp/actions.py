"""Code actions: quick fixes, "Ignore CODE for this instruction", fix-all.

* A finding with a fix gets a `quickfix` action titled with the fix's title;
  safe fixes are preferred (what an editor applies on "auto fix"), unsafe ones
  only when the client set `unsafeFixes`. Display-only fixes are never
  offered: stagelint never applies them, so neither does the editor.
* Every finding inside an instruction gets "Ignore CODE for this instruction".
* `source.fixAll.stagelint` replaces the document with what
  `stagelint fix - --stdin-filename FILE` prints for it. It is offered when
  something is fixable, and asked for by `codeActionsOnSave`.

Editors ask for code actions on every cursor move, so the fix-all edit (a
fixer run: two lints or more) is left to `codeAction/resolve` when the client
can resolve edits, and computed only once per text otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence

from stagelint.lsp.convert import (
    FIX_ALL_KIND,
    QUICKFIX,
    Json,
    kind_wanted,
    to_text_edits,
    workspace_edit,
)
from stagelint.lsp.linting import Linted
from stagelint.lsp.pragma import ignore_edit
from stagelint.rule import Applicability, Diagnostic

FIX_ALL_TITLE = "stagelint: fix all auto-fixable problems"
# Findings whose actions one request returns: a selection of a whole junk
# file can hold thousands, and no menu shows them.
MAX_FINDINGS = 100


def _overlaps(d: Diagnostic, start: int, end: int) -> bool:
    # Inclusive at both ends: a cursor right after a finding still gets its fix.
    return d.start <= end and start <= d.end


def fix_all_edit(linted: Linted, version: int | None, document_changes: bool) -> Json | None:
    """The edit replacing the whole document by its fixed text, or None when
    fixing changes nothing."""
    fixed = linted.fixed_text()
    if fixed == linted.text:
        return None
    line, character = linted.lines.position(len(linted.text), linted.encoding)
    whole = {
        "range": {
            "start": {"line": 0, "character": 0},
            "end": {"line": line, "character": character},
        },
        "newText": fixed,
    }
    return workspace_edit(linted.uri, version, [whole], document_changes)


def code_actions(
    linted: Linted,
    version: int | None,
    start: int,
    end: int,
    only: Sequence[str] | None,
    *,
    document_changes: bool,
    resolve_fix_all: bool,
) -> list[Json]:
    """The actions for the range [start, end] (string offsets) of a document."""
    actions: list[Json] = []
    lines, encoding, uri = linted.lines, linted.encoding, linted.uri
    unsafe = linted.settings.unsafe_fixes

    def edit(edits: list[Json]) -> Json:
        return workspace_edit(uri, version, edits, document_changes)

    if kind_wanted(QUICKFIX, only):
        ignores: list[Json] = []
        offered: set[tuple[str, int]] = set()  # one ignore per code and instruction
        found = 0
        for d, wire in zip(linted.result.diagnostics, linted.diagnostics, strict=True):
            if not _overlaps(d, start, end):
                continue
            found += 1
            if found > MAX_FINDINGS:
                break
            fix = d.fix
            if fix is not None and fix.applicability is not Applicability.DISPLAY_ONLY:
                safe = fix.applicability is Applicability.SAFE
                actions.append(
                    {
                        "title": fix.title if safe else f"{fix.title} (unsafe)",
                        "kind": QUICKFIX,
                        "diagnostics": [wire],
                        "edit": edit(to_text_edits(lines, fix.edits, encoding)),
                        "isPreferred": safe or unsafe,
                    }
                )
            pragma = ignore_edit(linted.result.doc, d.start, d.code)
            if pragma is not None and (d.code, pragma.start) not in offered:
                offered.add((d.code, pragma.start))
                ignores.append(
                    {
                        "title": f"Ignore {d.code} for this instruction",
                        "kind": QUICKFIX,
                        "diagnostics": [wire],
                        "edit": edit(to_text_edits(lines, [pragma], encoding)),
                    }
                )
        actions.extend(ignores)  # after the real fixes: editors list actions in order

    if kind_wanted(FIX_ALL_KIND, only) and linted.fixable():
        action: Json = {"title": FIX_ALL_TITLE, "kind": FIX_ALL_KIND}
        if resolve_fix_all:
            action["data"] = {"uri": uri, "version": version}
            actions.append(action)
        else:
            whole = fix_all_edit(linted, version, document_changes)
            if whole is not None:
                action["edit"] = whole
                actions.append(action)
    return actions
