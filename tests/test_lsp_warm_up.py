"""The server prepares the typing messages' structuring at start-up."""

from __future__ import annotations

from lsprotocol import types

from stagelint.lsp.server import _HOT_MESSAGES, build_server


def test_the_warm_up_samples_are_the_messages_an_editor_sends_while_typing() -> None:
    protocol = build_server().protocol
    structured = [protocol.structure_message(sample) for sample in _HOT_MESSAGES]
    assert [type(m) for m in structured] == [
        types.DidChangeTextDocumentNotification,
        types.CodeActionRequest,
    ]
    change = structured[0].params.content_changes
    assert isinstance(change[0], types.TextDocumentContentChangePartial)
    assert isinstance(change[1], types.TextDocumentContentChangeWholeDocument)


def test_warm_up_runs_without_a_client() -> None:
    build_server().stagelint_protocol.warm_up()
