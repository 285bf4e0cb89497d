"""The language server, end to end: a real client (tests/lsp_client.py) talks
Content-Length framed JSON-RPC to `python -m stagelint.lsp` over stdio.

Most tests share one server (start-up is most of the cost); the ones that
need other client capabilities, client settings or an injected fault start
their own. A few in-process tests at the end pin the position arithmetic and
the pragma edits on their own.
"""

from __future__ import annotations

import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls", reason="the language server needs pygls (pip install '.[lsp]')")

from stagelint.checker import Settings, lint_source
from stagelint.lsp.convert import kind_wanted
from stagelint.lsp.pragma import ignore_edit
from stagelint.lsp.settings import (
    ClientSettings,
    ConfigResolver,
    document_settings,
    parse_client_settings,
)
from stagelint.lsp.textdoc import UTF8, UTF16, UTF32, LineIndex, TextDocument, code_units
from stagelint.parser import parse
from tests.lsp_client import (
    LspClient,
    LspError,
    apply_action,
    apply_text_edits,
    default_capabilities,
    edits_for,
    utf16_position,
)

APK = 'FROM alpine:3.20\nRUN echo "😀 🐳" && apk add curl=8.9.1-r0\n'
APK_FIXED = 'FROM alpine:3.20\nRUN echo "😀 🐳" && apk add --no-cache curl=8.9.1-r0\n'
NO_CACHE_TITLE = "Add `--no-cache` to `apk add`"

FIXABLE = """\
FROM debian:12
RUN apt-get update && apt-get install -y curl
RUN pip install flask==3.0.3
RUN apk add jq=1.7.1-r0
RUN npm install -g yarn
"""

# SL201's fix is unsafe here: the later RUN installs without `apt-get update`.
UNSAFE = """\
FROM debian:12
RUN apt-get update && apt-get install -y curl
RUN apt-get install -y jq
"""


# The rule families these tests use (see the workdir fixture).
FAMILIES = ("SL0", "SL1", "SL2")


# -- helpers ---------------------------------------------------------------------


def open_doc(
    client: LspClient, uri: str, text: str, language_id: str = "dockerfile", version: int = 1
) -> list[dict[str, Any]]:
    mark = client.open(uri, text, language_id, version)
    return client.diagnostics(uri, version, after=mark)


def change(
    client: LspClient, uri: str, version: int, changes: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    mark = client.mark()
    client.change(uri, version, changes)
    return client.diagnostics(uri, version, after=mark)


def span(text: str, needle: str) -> dict[str, Any]:
    """The LSP range (UTF-16) of `needle` in `text`."""
    start = text.index(needle)
    sl, sc = utf16_position(text, start)
    el, ec = utf16_position(text, start + len(needle))
    return {"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}}


def at(r: dict[str, Any]) -> tuple[tuple[int, int], tuple[int, int]]:
    return (r["start"]["line"], r["start"]["character"]), (r["end"]["line"], r["end"]["character"])


def as_changes(action: dict[str, Any], uri: str) -> list[dict[str, Any]]:
    """A code action's edits as the didChange an editor sends after applying them
    (last edit first, so that earlier positions stay valid)."""
    edits = sorted(
        edits_for(action["edit"], uri),
        key=lambda e: (e["range"]["start"]["line"], e["range"]["start"]["character"]),
        reverse=True,
    )
    return [{"range": e["range"], "text": e["newText"]} for e in edits]


def codes(diagnostics: list[dict[str, Any]]) -> list[str]:
    return [d["code"] for d in diagnostics]


def cli_fix(text: str, path: Path, *extra: str) -> str:
    """What `stagelint fix - --stdin-filename FILE` prints for `text`."""
    done = subprocess.run(
        [sys.executable, "-m", "stagelint", "fix", "-", "--stdin-filename", str(path), *extra],
        input=text.encode("utf-8"),
        capture_output=True,
        cwd=path.parent,
        timeout=60,
    )
    assert done.returncode in (0, 1), done.stderr.decode()
    return done.stdout.decode("utf-8")


def fix_all(client: LspClient, uri: str, text: str, only: str = "source.fixAll") -> str:
    actions = client.code_actions(uri, (0, 0), (0, 0), only=[only])
    assert [a["kind"] for a in actions] == ["source.fixAll.stagelint"]
    return apply_action(text, actions[0], uri)


# -- the shared server -------------------------------------------------------------


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("lsp")
    # These tests are about the server, told through the syntax, persistence
    # and cache rules; the other families (pinning, consecutive RUNs...) would
    # only add findings to every example. Folders with a configuration of
    # their own use every rule.
    (folder / ".stagelint.toml").write_text(f"select = {list(FAMILIES)}\n".replace("'", '"'))
    return folder


@pytest.fixture(scope="module")
def client(workdir: Path) -> Iterator[LspClient]:
    c = LspClient(cwd=workdir)
    c.initialize(root=workdir)
    yield c
    c.kill()


def test_initialize_announces_capabilities(workdir: Path) -> None:
    c = LspClient(cwd=workdir)
    try:
        result = c.initialize()
        caps = result["capabilities"]
        assert result["serverInfo"]["name"] == "stagelint"
        assert caps["positionEncoding"] == "utf-16"
        sync = caps["textDocumentSync"]
        assert sync["openClose"] is True
        assert sync["change"] == 2  # incremental
        assert sync["save"] == {"includeText": False}
        assert set(caps["codeActionProvider"]["codeActionKinds"]) == {
            "quickfix",
            "source.fixAll.stagelint",
        }
        assert c.shutdown() == 0
    finally:
        c.kill()


def test_diagnostics_on_open_use_utf16_columns(client: LspClient, workdir: Path) -> None:
    uri = (workdir / "utf16" / "Containerfile").as_uri()
    (diag,) = open_doc(client, uri, APK)
    assert diag["code"] == "SL204"
    assert diag["source"] == "stagelint"
    assert diag["severity"] == 2
    assert diag["codeDescription"]["href"].endswith("/rules/SL204/")
    assert "apk add" in diag["message"]
    assert diag["range"] == span(APK, "apk add curl=8.9.1-r0")
    # two astral characters before the finding: two more UTF-16 units than code points
    python_column = APK.index("apk add curl=8.9.1-r0") - APK.index("RUN")
    assert diag["range"]["start"]["character"] == python_column + 2


def test_incremental_change_that_fixes_clears_the_diagnostic(
    client: LspClient, workdir: Path
) -> None:
    uri = (workdir / "incremental" / "Containerfile").as_uri()
    assert codes(open_doc(client, uri, APK)) == ["SL204"]
    point = span(APK, "apk add")["end"]  # after the emoji: a UTF-16 position
    insert = {"range": {"start": point, "end": point}, "text": " --no-cache"}
    assert change(client, uri, 2, [insert]) == []
    # and typing it away again brings it back, in the same place
    end = {"line": point["line"], "character": point["character"] + len(" --no-cache")}
    back = change(client, uri, 3, [{"range": {"start": point, "end": end}, "text": ""}])
    assert [d["range"] for d in back] == [span(APK, "apk add curl=8.9.1-r0")]


def test_several_changes_in_one_notification(client: LspClient, workdir: Path) -> None:
    uri = (workdir / "multi" / "Dockerfile").as_uri()
    open_doc(client, uri, "FROM alpine\n")
    changes = [
        {"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}},
         "text": "RUN 🐳 apk add curl=8.9.1-r0\n"},
        {"range": {"start": {"line": 1, "character": 4}, "end": {"line": 1, "character": 7}},
         "text": ""},
    ]  # fmt: skip
    (diag,) = change(client, uri, 2, changes)
    assert diag["range"] == span(
        "FROM alpine\nRUN apk add curl=8.9.1-r0\n", "apk add curl=8.9.1-r0"
    )


def test_quick_fix_applies_exactly(client: LspClient, workdir: Path) -> None:
    uri = (workdir / "quickfix" / "Containerfile").as_uri()
    (diag,) = open_doc(client, uri, APK)
    start, end = at(diag["range"])
    actions = client.code_actions(uri, start, end, diagnostics=[diag])
    fixes = [a for a in actions if a["title"] == NO_CACHE_TITLE]
    assert len(fixes) == 1
    fix = fixes[0]
    assert fix["kind"] == "quickfix"
    assert fix["isPreferred"] is True
    assert fix["diagnostics"] == [diag]
    assert fix["edit"]["documentChanges"][0]["textDocument"] == {"uri": uri, "version": 1}
    assert apply_action(APK, fix, uri) == APK_FIXED
    # a cursor elsewhere on the line is on no finding: only fix-all is offered there
    assert [a["kind"] for a in client.code_actions(uri, (1, 0), (1, 2))] == [
        "source.fixAll.stagelint"
    ]


def test_quick_fixes_in_a_crlf_file(client: LspClient, workdir: Path) -> None:
    """Each quick fix, applied by the client, gives what the fix's own edits
    give in-process; CRLF line breaks stay intact."""
    uri = (workdir / "crlf" / "Containerfile").as_uri()
    text = "FROM debian:12\r\nRUN apt-get update && apt-get install -y curl \\\r\n\r\n  jq\r\n"
    assert sorted(codes(open_doc(client, uri, text))) == ["SL011", "SL201"]
    actions = {a["title"]: a for a in client.code_actions(uri, (0, 0), (5, 0), only=["quickfix"])}
    for finding in lint_source(text, "Containerfile", Settings(select=FAMILIES)).diagnostics:
        assert finding.fix is not None
        expected = text
        for e in sorted(finding.fix.edits, reverse=True):
            expected = expected[: e.start] + e.content + expected[e.end :]
        fixed = apply_action(text, actions[finding.fix.title], uri)
        assert fixed == expected
        assert "\n" not in fixed.replace("\r\n", "")


def test_ignore_action_inserts_pragma_with_indentation(client: LspClient, workdir: Path) -> None:
    uri = (workdir / "ignore" / "Containerfile").as_uri()
    text = 'FROM alpine:3.20\nWORKDIR /app\n    RUN echo "😀" && apk add curl=8.9.1-r0\n'
    (diag,) = open_doc(client, uri, text)
    actions = client.code_actions(uri, *at(diag["range"]))
    (ignore,) = [a for a in actions if a["title"] == "Ignore SL204 for this instruction"]
    assert ignore["kind"] == "quickfix"
    fixed = apply_action(text, ignore, uri)
    assert fixed == (
        "FROM alpine:3.20\nWORKDIR /app\n"
        '    # stagelint: ignore=SL204\n    RUN echo "😀" && apk add curl=8.9.1-r0\n'
    )
    # apply it the way an editor would: the action's edits, as an incremental change
    assert change(client, uri, 2, as_changes(ignore, uri)) == []


def test_ignore_action_extends_an_existing_pragma(client: LspClient, workdir: Path) -> None:
    uri = (workdir / "extend" / "Containerfile").as_uri()
    run = "RUN apk add curl=8.9.1-r0 && pip install flask==3.0.3\n"
    text = "FROM alpine:3.20\n# stagelint: ignore=SL205\n" + run
    assert codes(open_doc(client, uri, text)) == ["SL204"]
    (diag,) = client.diagnostics(uri, 1)
    actions = client.code_actions(uri, *at(diag["range"]))
    (ignore,) = [a for a in actions if a["title"].startswith("Ignore")]
    fixed = apply_action(text, ignore, uri)
    assert fixed == "FROM alpine:3.20\n# stagelint: ignore=SL205,SL204\n" + run
    assert change(client, uri, 2, as_changes(ignore, uri)) == []


def test_fix_all_equals_the_cli(client: LspClient, workdir: Path) -> None:
    folder = workdir / "fixall"
    folder.mkdir()
    # the configuration must reach fix-all too: pip's finding is not fixed
    (folder / "pyproject.toml").write_text(
        '[tool.stagelint]\nselect = ["SL0", "SL1", "SL2"]\nignore = ["SL205"]\n'
    )
    path = folder / "Containerfile"
    uri = path.as_uri()
    found = open_doc(client, uri, FIXABLE)
    assert "SL205" not in codes(found)
    assert codes(found) == ["SL201", "SL204", "SL206"]
    expected = cli_fix(FIXABLE, path)
    assert expected != FIXABLE
    assert "RUN pip install flask==3.0.3\n" in expected
    assert fix_all(client, uri, FIXABLE) == expected
    assert fix_all(client, uri, FIXABLE, only="source.fixAll.stagelint") == expected
    assert fix_all(client, uri, FIXABLE, only="source") == expected
    # quick fixes only when asked for them
    assert all(
        a["kind"] == "quickfix" for a in client.code_actions(uri, (0, 0), (9, 0), only=["quickfix"])
    )
    # nothing to fix: no fix-all action
    clean_uri = (folder / "clean.containerfile").as_uri()
    open_doc(client, clean_uri, "FROM alpine:3.20\nRUN apk add --no-cache jq=1.7.1-r0\n")
    assert client.code_actions(clean_uri, (0, 0), (0, 0), only=["source.fixAll"]) == []


def test_configuration_next_to_the_file_is_honoured(client: LspClient, workdir: Path) -> None:
    folder = workdir / "configured"
    folder.mkdir()
    pyproject = folder / "pyproject.toml"
    pyproject.write_text('[tool.stagelint]\nignore = ["SL204"]\n')
    uri = (folder / "Containerfile").as_uri()
    assert open_doc(client, uri, APK) == []
    # the file changes on disk: the next lint follows it
    pyproject.write_text('[tool.stagelint]\nignore = ["SL205"]\n')
    mark = client.mark()
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert codes(client.diagnostics(uri, 1, after=mark)) == ["SL204"]


def test_configuration_error_is_shown_and_defaults_are_used(
    client: LspClient, workdir: Path
) -> None:
    folder = workdir / "broken"
    folder.mkdir()
    (folder / "pyproject.toml").write_text("[tool.stagelint]\nselect = 3\n")
    uri = (folder / "Containerfile").as_uri()
    mark = client.mark()
    assert codes(open_doc(client, uri, APK)) == ["SL204"]
    shown = client.wait_for("window/showMessage", after=mark)
    assert shown.params["type"] == 2  # a warning
    assert "pyproject.toml" in shown.params["message"]
    assert "select" in shown.params["message"]
    # once: typing on does not repeat it while the file stays the same
    mark = client.mark()
    change(client, uri, 2, [{"text": APK_FIXED}])
    assert not [n for n in client.notifications[mark:] if n.method == "window/showMessage"]


def test_documents_are_chosen_by_language_or_name(client: LspClient, workdir: Path) -> None:
    readme = (workdir / "names" / "README.md").as_uri()
    named = (workdir / "names" / "Dockerfile.dev").as_uri()
    mark = client.open(readme, "RUN apk add curl=8.9.1-r0\n", "markdown")
    assert codes(open_doc(client, named, APK, "plaintext")) == ["SL204"]
    published = [
        n.params["uri"]
        for n in client.notifications[mark:]
        if n.method == "textDocument/publishDiagnostics"
    ]
    assert readme not in published
    assert client.code_actions(readme, (0, 0), (0, 5)) == []
    # an unsaved buffer is linted by its language (with no configuration file)
    assert codes(open_doc(client, "untitled:Untitled-1", APK)) == ["SL204"]


def test_did_close_clears_diagnostics(client: LspClient, workdir: Path) -> None:
    uri = (workdir / "close" / "Containerfile").as_uri()
    assert open_doc(client, uri, APK)
    mark = client.mark()
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri, after=mark) == []
    # requests for the closed document still answer
    assert client.code_actions(uri, (1, 0), (1, 30)) == []


def test_did_save_relints(client: LspClient, workdir: Path) -> None:
    uri = (workdir / "save" / "Containerfile").as_uri()
    open_doc(client, uri, APK)
    mark = client.mark()
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}, "text": APK_FIXED})
    assert client.diagnostics(uri, after=mark) == []


GARBAGE = [
    "\x00\x01\x02RUN\x00 apk add curl=8.9.1-r0\x7f\x1b[31m\n" * 50,
    "FROM alpine\rRUN apk add curl=8.9.1-r0\r\x0cRUN \u2028 apk add jq=1.7.1-r0\u2029\x85\n",
    "FROM alpine\nRUN \ud800 lone surrogate \udfff && apk add curl=8.9.1-r0\n",
    "FROM alpine\nRUN <<EOF\necho half-typed\n",
    "FROM alpine\nRUN <<",
    "FROM alpine\nCOPY <<'E",
    "FROM alpine\nRUN --mount=type=bind,from=,target= <<-EOF 3<<X\n\tcat\n",
    "\\\n" * 1000,
    "# escape=`\nFROM alpine\nRUN echo `\n",
    "",
]


def test_garbage_documents_do_not_kill_the_server(client: LspClient, workdir: Path) -> None:
    rng = random.Random(5)
    junk = "".join(chr(rng.randrange(1, 0xD7FF)) for _ in range(1_000_000))  # 1 MB of junk
    tokens = ["RUN ", "FROM ", "\\\n", "<<EOF", "$", "{", "}", '"', "'", "#", "=", "--mount",
              "\r", "\x00", "\u2028", "😀", "\x0c", " ", "x", "\n", "EOF\n"]  # fmt: skip
    dockerish = "".join(rng.choice(tokens) for _ in range(40_000))
    for i, text in enumerate([*GARBAGE, junk, dockerish]):
        uri = (workdir / "garbage" / f"g{i}.dockerfile").as_uri()
        mark = client.open(uri, text)
        found = client.diagnostics(uri, 1, after=mark, timeout=60)
        assert all(d["source"] == "stagelint" for d in found)
        assert isinstance(client.code_actions(uri, (0, 0), (10**6, 0)), list)
    assert codes(open_doc(client, (workdir / "garbage" / "after").as_uri(), APK)) == ["SL204"]


def test_random_edits_keep_server_and_client_in_sync(client: LspClient, workdir: Path) -> None:
    """Incremental edits at random UTF-16 positions (inside surrogate pairs,
    past line ends, around CR and LS characters): the server's copy must stay
    equal to the client's, so both lint to the same findings."""
    rng = random.Random(7)
    text = "FROM alpine\nRUN 😀 apk add curl=8.9.1-r0\r\nRUN echo \u2028 x\rRUN pip install y\n"
    uri = (workdir / "sync" / "edited.dockerfile").as_uri()
    open_doc(client, uri, text)
    pieces = ["a", "😀", "\n", "\r\n", "\r", " apk add z ", "\nRUN pip install q\n", "\u2028"]
    checked = 0
    for version in range(2, 62):
        line = rng.randrange(text.count("\n") + 2)
        start = (line, rng.randrange(25))
        if rng.random() < 0.7:  # typing
            end, new_text = start, rng.choice(pieces)
        else:  # deleting a little, sometimes across a line break
            end = (line + rng.randrange(2), rng.randrange(25))
            end, new_text = max(start, end), ""
        edit = {
            "range": {
                "start": {"line": start[0], "character": start[1]},
                "end": {"line": end[0], "character": end[1]},
            },
            "newText": new_text,
        }
        text = apply_text_edits(text, [edit])
        mark = client.mark()
        client.change(uri, version, [{"range": edit["range"], "text": new_text}])
        if version % 15 == 0 or version == 61:
            mine = client.diagnostics(uri, version, after=mark)
            fresh = open_doc(client, (workdir / "sync" / f"v{version}.dockerfile").as_uri(), text)
            assert mine == fresh
            checked += len(mine)
    assert checked > 5  # the documents kept findings to compare


def test_bad_requests_do_not_kill_the_server(client: LspClient, workdir: Path) -> None:
    uri = (workdir / "bad" / "Containerfile").as_uri()
    open_doc(client, uri, APK)
    # a range far beyond the document answers (with the last line's actions, or none)
    far = client.code_actions(uri, (10**6, 10**6), (10**7, 0))
    assert isinstance(far, list)
    # unknown documents
    assert client.code_actions("file:///nowhere/Containerfile", (0, 0), (1, 0)) == []
    assert client.code_actions("untitled:Untitled-9", (0, 0), (1, 0)) == []
    client.change("file:///nowhere/Containerfile", 2, [{"text": "FROM x\n"}])
    # malformed parameters and unknown methods get error responses
    with pytest.raises(LspError):
        client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": 3})
    with pytest.raises(LspError):
        client.request("stagelint/noSuchMethod", {})
    client.notify("textDocument/didOpen", {"textDocument": "not an object"})
    # and the server still answers
    (diag,) = client.diagnostics(uri, 1)
    assert client.code_actions(uri, *at(diag["range"]))[0]["title"] == NO_CACHE_TITLE


# -- servers of their own ---------------------------------------------------------


def test_client_settings_and_unsafe_fixes(workdir: Path) -> None:
    folder = workdir / "settings"
    folder.mkdir()
    path = folder / "Containerfile"
    uri = path.as_uri()
    c = LspClient(cwd=folder)
    try:
        c.initialize(options={"stagelint": {"ignore": ["SL204"], "unsafeFixes": True}})
        assert open_doc(c, uri, APK) == []
        # the unsafe SL201 fix: preferred, and applied by fix-all, as --unsafe-fixes does
        other = (folder / "unsafe.dockerfile").as_uri()
        (diag,) = open_doc(c, other, UNSAFE)
        (fix,) = [a for a in c.code_actions(other, *at(diag["range"])) if "unsafe" in a["title"]]
        assert fix["isPreferred"] is True
        unsafe_path = folder / "unsafe.dockerfile"
        expected = cli_fix(UNSAFE, unsafe_path, "--unsafe-fixes")
        assert expected != UNSAFE
        assert fix_all(c, other, UNSAFE) == expected

        # settings pushed by the client: the next diagnostics follow them
        mark = c.mark()
        c.notify(
            "workspace/didChangeConfiguration",
            {"settings": {"stagelint": {"ignore": [], "unsafeFixes": False}}},
        )
        assert codes(c.diagnostics(uri, 1, after=mark)) == ["SL204"]
        (fix,) = [a for a in c.code_actions(other, *at(diag["range"])) if "unsafe" in a["title"]]
        assert fix["isPreferred"] is False
        # the safe fix-all leaves the unsafe fix alone, as plain `stagelint fix` does
        assert c.code_actions(other, (0, 0), (0, 0), only=["source.fixAll"]) == []
        assert cli_fix(UNSAFE, unsafe_path) == UNSAFE

        # a bad value is reported, not fatal
        mark = c.mark()
        c.notify("workspace/didChangeConfiguration", {"settings": {"stagelint": {"select": 7}}})
        shown = c.wait_for("window/showMessage", after=mark)
        assert "stagelint.select" in shown.params["message"]
        assert c.shutdown() == 0
    finally:
        c.kill()


def test_pull_configuration_changes_and_resolve(workdir: Path) -> None:
    """A client that answers workspace/configuration, resolves fix-all lazily
    and takes plain `changes` edits."""
    folder = workdir / "pull"
    folder.mkdir()
    uri = (folder / "Containerfile").as_uri()
    c = LspClient(cwd=folder)
    c.handlers["workspace/configuration"] = lambda params: [{"ignore": ["SL204"]}]
    capabilities = default_capabilities(document_changes=False, configuration=True)
    capabilities["textDocument"]["codeAction"]["resolveSupport"] = {"properties": ["edit"]}
    capabilities["general"] = {"positionEncodings": ["utf-8", "utf-16"]}
    text = APK + 'RUN echo "é😀" && pip install flask==3.0.3\n'
    try:
        assert (
            c.initialize(capabilities=capabilities)["capabilities"]["positionEncoding"] == "utf-8"
        )
        mark = c.open(uri, text)
        note = c.wait_for(
            "textDocument/publishDiagnostics",
            lambda p: p["uri"] == uri and codes(p["diagnostics"]) == ["SL205"],
            after=mark,
        )
        # UTF-8 was negotiated: columns count bytes
        settings = Settings(select=FAMILIES, ignore=("SL204",))
        (finding,) = lint_source(text, "Containerfile", settings).diagnostics
        line_start = text.rindex("\n", 0, finding.start) + 1
        assert note.params["diagnostics"][0]["range"] == {
            "start": {"line": 2, "character": len(text[line_start : finding.start].encode())},
            "end": {"line": 2, "character": len(text[line_start : finding.end].encode())},
        }
        (action,) = c.code_actions(uri, (0, 0), (0, 0), only=["source.fixAll"])
        assert "edit" not in action
        resolved = c.request("codeAction/resolve", action)
        assert set(resolved["edit"]) == {"changes"}
        # the client's settings act as the command line's options
        expected = cli_fix(text, folder / "Containerfile", "--ignore", "SL204")
        assert "apk add curl=8.9.1-r0" in expected and "--no-cache-dir" in expected
        assert apply_action(text, resolved, uri) == expected
        assert c.shutdown() == 0
    finally:
        c.kill()


INJECT = """
import stagelint.lsp.linting as linting

real = linting.lint_document

def lint_document(doc, filename, settings, earlier=None):
    if "BOOM" in doc.source:
        raise RuntimeError("injected failure")
    return real(doc, filename, settings, earlier)

linting.lint_document = lint_document
from stagelint.lsp.server import main
main()
"""


def test_exception_in_handler_is_logged_and_server_keeps_serving(workdir: Path) -> None:
    c = LspClient([sys.executable, "-c", INJECT], cwd=workdir)
    try:
        c.initialize()
        boom = (workdir / "boom" / "Containerfile").as_uri()
        mark = c.open(boom, "FROM alpine\n# BOOM\n")
        logged = c.wait_for("window/logMessage", lambda p: p["type"] == 1, after=mark)
        assert "RuntimeError: injected failure" in logged.params["message"]
        assert "Traceback" in logged.params["message"]
        assert c.code_actions(boom, (0, 0), (1, 0)) == []  # a failed request answers empty
        assert codes(open_doc(c, (workdir / "boom" / "ok.dockerfile").as_uri(), APK)) == ["SL204"]
        assert c.shutdown() == 0
    finally:
        c.kill()


def test_exit_without_shutdown_and_closed_stdin(workdir: Path) -> None:
    c = LspClient(cwd=workdir)
    try:
        c.initialize()
        c.notify("exit")
        assert c.wait() == 1  # LSP: exit before shutdown is an error exit
    finally:
        c.kill()
    c = LspClient(cwd=workdir)
    try:
        c.initialize()
        assert c.proc.stdin is not None
        c.proc.stdin.close()  # the editor went away
        assert c.wait() == 0
    finally:
        c.kill()


def test_stagelint_server_command(workdir: Path) -> None:
    from stagelint.cli import app

    if not any(
        command.name == "server" or getattr(command.callback, "__name__", "") == "server"
        for command in app.registered_commands
    ):
        pytest.skip("the CLI has no `stagelint server` command yet")
    c = LspClient([sys.executable, "-m", "stagelint", "server"], cwd=workdir)
    try:
        assert c.initialize()["serverInfo"]["name"] == "stagelint"
        uri = (workdir / "cli" / "Containerfile").as_uri()
        assert codes(open_doc(c, uri, APK)) == ["SL204"]
        assert c.shutdown() == 0
    finally:
        c.kill()


def test_linter_start_up_does_not_import_pygls() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import sys, stagelint.cli, stagelint.checker, stagelint.lsp; "
         "print(sorted(m for m in sys.modules if m.startswith(('pygls', 'lsprotocol'))))"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert done.stdout.strip() == "[]"


# -- in-process: positions, pragmas, settings --------------------------------------


def test_positions_in_every_encoding() -> None:
    text = "a😀b\r\nx\ré\u2028y\n"
    lines = LineIndex(text)
    assert lines.line_count == 4  # \r\n, \r and \n break lines; U+2028 does not
    b = text.index("b")
    assert lines.position(b, UTF16) == (0, 3)
    assert lines.position(b, UTF8) == (0, 5)
    assert lines.position(b, UTF32) == (0, 2)
    y = text.index("y")
    assert lines.position(y, UTF16) == (2, 2)
    assert lines.position(y, UTF8) == (2, 5)
    for encoding in (UTF8, UTF16, UTF32):
        for offset in range(len(text) + 1):
            if text[offset - 1 : offset + 1] == "\r\n":
                continue  # inside a line break: no position of its own
            assert lines.offset(*lines.position(offset, encoding), encoding) == offset
    assert lines.offset(0, 2, UTF16) == 1  # inside the surrogate pair: its start
    assert lines.offset(0, 99, UTF16) == text.index("\r")  # past the end of a line
    assert lines.offset(99, 0, UTF16) == len(text)
    assert code_units("😀é", UTF16) == 3 and code_units("😀é", UTF8) == 6


def test_text_document_changes() -> None:
    doc = TextDocument("file:///x/Containerfile", "FROM a\nRUN 😀 b\n", 1)
    doc.apply_change("c", (1, 7), (1, 8))  # the emoji is two UTF-16 units
    assert doc.text == "FROM a\nRUN 😀 c\n"
    doc.apply_change("Z", (1, 4), (0, 0))  # a reversed range
    assert doc.text == "Z😀 c\n"
    doc.apply_change("new")
    assert doc.text == "new"


def test_the_line_index_follows_ranged_changes() -> None:
    """Chains of random edits (line breaks of every kind among them, \r and
    \n typed next to each other) keep an index equal to a fresh one."""
    rng = random.Random(7)
    pieces = ["a", "b", "😀", "\r", "\n", "\r\n", "", "xy\nz", "\r\r\n"]
    for _ in range(60):
        doc = TextDocument("file:///x/Containerfile", "".join(rng.choices(pieces, k=12)), 1)
        for _ in range(40):
            lines = doc.lines
            start = (rng.randrange(lines.line_count + 1), rng.randrange(6))
            end = (start[0] + rng.choice([0, 0, 1, 2]), rng.randrange(6))
            doc.apply_change("".join(rng.choices(pieces, k=rng.randrange(3))), start, end, UTF16)
            fresh = LineIndex(doc.text)
            moved = doc.lines
            assert (moved.text, moved.length, moved.starts, moved.content_ends) == (
                fresh.text,
                fresh.length,
                fresh.starts,
                fresh.content_ends,
            ), repr(doc.text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM a\nRUN x\n", "FROM a\n# stagelint: ignore=SL204\nRUN x\n"),
        ("FROM a\r\n\tRUN x\r\n", "FROM a\r\n\t# stagelint: ignore=SL204\r\n\tRUN x\r\n"),
        ("FROM a\n# stagelint: ignore=SL2\nRUN x", "FROM a\n# stagelint: ignore=SL2,SL204\nRUN x"),
        ("FROM a\n# stagelint: ignore=\nRUN x", "FROM a\n# stagelint: ignore=SL204\nRUN x"),
        ("FROM a\n#stagelint:ignore=A, \nRUN x", "FROM a\n#stagelint:ignore=A,SL204 \nRUN x"),
        ("FROM a\n# stagelint: ignore\nRUN x", "FROM a\n# stagelint: ignore=SL204\nRUN x"),
        (
            "FROM a\n# stagelint: ignore-file=SL1\nRUN x",
            "FROM a\n# stagelint: ignore-file=SL1\n# stagelint: ignore=SL204\nRUN x",
        ),
    ],
)
def test_ignore_edit(text: str, expected: str) -> None:
    doc = parse(text)
    edit = ignore_edit(doc, text.rindex("x"), "SL204")
    assert edit is not None
    assert text[: edit.start] + edit.content + text[edit.end :] == expected


def test_ignore_edit_outside_an_instruction() -> None:
    text = "# syntax=x\nFROM a\n"
    assert ignore_edit(parse(text), 2, "SL006") is None


def test_client_settings_parsing() -> None:
    settings, problems = parse_client_settings({"stagelint": {"select": "SL1,SL2", "x": 1}})
    assert settings == ClientSettings(select=("SL1", "SL2")) and problems == []
    settings, problems = parse_client_settings({"ignore": ["SL204"], "unsafeFixes": "yes"})
    assert settings == ClientSettings(ignore=("SL204",))
    assert problems == ["stagelint.unsafeFixes: expected true or false, got 'yes'"]
    # a new section replaces the old settings; a bad value keeps the old one
    current = ClientSettings(select=("SL1",), ignore=("SL2",), unsafe_fixes=True)
    settings, problems = parse_client_settings({"stagelint": {"select": 7}}, current)
    assert settings == ClientSettings(select=("SL1",)) and len(problems) == 1
    assert parse_client_settings(None) == (None, [])
    assert parse_client_settings({"other": {}}) == (None, [])


def test_the_server_never_asks_an_engine(tmp_path: Path) -> None:
    (tmp_path / ".stagelint.toml").write_text("resolve-base-config = true\nignore = ['SL2']\n")
    uri = (tmp_path / "Containerfile").as_uri()
    found = document_settings(uri, ClientSettings(ignore=("SL1",)), ConfigResolver())
    assert found.settings.resolve_base_config is False
    assert found.settings.ignore[:2] == ("SL2", "SL1")  # the file's, then the client's
    assert found.config_error is None


def test_kinds() -> None:
    assert kind_wanted("source.fixAll.stagelint", ["source.fixAll"])
    assert kind_wanted("source.fixAll.stagelint", ["source"])
    assert not kind_wanted("source.fixAll.stagelint", ["source.fix"])
    assert not kind_wanted("quickfix", ["source"])
    assert kind_wanted("quickfix", None)
