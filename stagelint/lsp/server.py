"""The language server: pygls 2.x over stdio.

Every handler runs on the server's event loop, one message at a time, so a
lint always sees the text of the change that triggered it and diagnostics are
published in order. No handler lets an exception out: it is logged to the
client with `window/logMessage` and the server keeps serving, since an editor
restarts a crashed server slowly, if at all.

The open documents are kept here rather than in pygls's workspace: pygls
splits lines with `str.splitlines`, which breaks lines where LSP does not
(form feed, U+2028, ...), and would then apply incremental changes to garbage
documents in the wrong place (see `textdoc`).
"""

from __future__ import annotations

import inspect
import logging
import sys
import traceback
from collections.abc import Callable, Generator
from dataclasses import dataclass
from functools import cache
from typing import Any

from cattrs import Converter
from lsprotocol import types
from lsprotocol.converters import get_converter
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol.language_server import LanguageServerProtocol, lsp_method

from stagelint import __version__
from stagelint.lsp.actions import code_actions, fix_all_edit
from stagelint.lsp.convert import FIX_ALL_KIND, Json, workspace_edit
from stagelint.lsp.idle_gc import IdleCollector
from stagelint.lsp.linting import Linted, lint
from stagelint.lsp.settings import (
    ClientSettings,
    ConfigResolver,
    DocumentSettings,
    document_name,
    document_settings,
    is_containerfile_document,
    parse_client_settings,
)
from stagelint.lsp.stdio import serve_stdio
from stagelint.lsp.textdoc import UTF8, UTF16, UTF32, TextDocument

logger = logging.getLogger("stagelint.lsp")

_HandlerGen = Generator[Any, Any, None]

# What an editor sends while the user types, as sample messages. cattrs
# writes the code that structures a message type the first time it meets the
# type: about 5 ms for a didChange (measured), which would otherwise land on
# the first keystroke. `warm_up` structures these once, while initializing.
_RANGE = {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}
_DOCUMENT = {"uri": "file:///warm-up/Containerfile"}
_HOT_MESSAGES: tuple[dict[str, Any], ...] = (
    {
        "jsonrpc": "2.0",
        "method": types.TEXT_DOCUMENT_DID_CHANGE,
        "params": {
            "textDocument": {**_DOCUMENT, "version": 1},
            "contentChanges": [{"range": _RANGE, "text": ""}, {"text": ""}],
        },
    },
    {
        "jsonrpc": "2.0",
        "id": "warm-up",
        "method": types.TEXT_DOCUMENT_CODE_ACTION,
        "params": {
            "textDocument": _DOCUMENT,
            "range": _RANGE,
            "context": {"diagnostics": [], "only": ["source.fixAll"]},
        },
    },
)


class StagelintProtocol(LanguageServerProtocol):
    """pygls's protocol with document synchronisation left to the server:
    open, change and close go straight to its handlers, without updating
    pygls's own copy of the document. Garbage is collected between bursts of
    messages, not during them (see `idle_gc`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.collector = IdleCollector()

    def warm_up(self) -> None:
        """Prepare, before the first keystroke, what its handling would
        otherwise prepare on the way (see `_HOT_MESSAGES`)."""
        for sample in _HOT_MESSAGES:
            self.structure_message(sample)
        response = types.CodeActionResponse(id="warm-up", result=[])
        self._converter.unstructure(response)

    def handle_message(self, message: Any) -> None:
        try:
            super().handle_message(message)
        finally:
            self.collector.handled()

    def notify_json(self, method: str, params: dict[str, Any]) -> None:
        """Send a notification whose params are plain JSON already (the
        diagnostics, see `convert`). pygls's `notify` wraps them in a message
        object that cattrs then takes apart again, dict by dict: 0.3 ms for
        a 300-line file's diagnostics, against 0.1 ms for `json.dumps` of
        the plain message (measured)."""
        self._send_data({"jsonrpc": "2.0", "method": method, "params": params})

    def structure_message(self, data: dict[str, Any]) -> Any:
        # pygls raises on a request whose params do not fit the method (and
        # logs it), but never answers it: the client would wait forever.
        # JSON-RPC asks for an error response; send it, then let pygls log.
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if "id" in data and "method" in data and "jsonrpc" in data:
                cause = exc.__cause__
                detail = f": {str(cause).splitlines()[0]}" if cause else ""
                error = type(exc)(message=f"{exc.message} for {data['method']}{detail}")
                self._send_response(data["id"], error=error.to_response_error())
            raise

    def _dispatch(self, method: str, params: Any) -> _HandlerGen:
        handler = self.fm.features.get(method)
        if handler is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams) -> _HandlerGen:
        yield from self._dispatch(types.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(
        self, params: types.DidChangeTextDocumentParams
    ) -> _HandlerGen:
        yield from self._dispatch(types.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams) -> _HandlerGen:
        yield from self._dispatch(types.TEXT_DOCUMENT_DID_CLOSE, params)


@dataclass
class OpenDocument:
    doc: TextDocument
    lintable: bool  # a Containerfile by language or name
    linted: Linted | None = None


class StagelintServer(LanguageServer):
    """The server's state: open documents, client settings, configuration."""

    def __init__(self) -> None:
        super().__init__(
            "stagelint",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            protocol_cls=StagelintProtocol,
        )
        self.documents: dict[str, OpenDocument] = {}
        self.client_settings = ClientSettings()
        self.resolver = ConfigResolver()
        self.encoding = UTF16
        self.document_changes = False  # the client takes versioned edits
        self.resolve_edits = False  # the client resolves a code action's edit later
        self.pull_configuration = False  # the client answers workspace/configuration
        self.shutdown_requested = False
        self.exit_requested = False

    @property
    def stagelint_protocol(self) -> StagelintProtocol:
        """The protocol, typed as what it is (pygls types it as its base)."""
        protocol = self.protocol
        assert isinstance(protocol, StagelintProtocol)  # protocol_cls above
        return protocol

    @property
    def collector(self) -> IdleCollector:
        """The garbage collection scheduler, kept by the protocol that sees
        every message."""
        return self.stagelint_protocol.collector

    # -- messages to the client ----------------------------------------------

    def log(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
        logger.log(logging.ERROR if kind == types.MessageType.Error else logging.INFO, message)
        try:
            self.window_log_message(types.LogMessageParams(type=kind, message=message))
        except Exception:  # no transport (shut down, or not started): stderr has it
            logger.exception("cannot send window/logMessage")

    def warn(self, message: str) -> None:
        """A warning the user should see (a broken configuration file)."""
        self.log(message, types.MessageType.Warning)
        try:
            self.window_show_message(
                types.ShowMessageParams(type=types.MessageType.Warning, message=message)
            )
        except Exception:
            logger.exception("cannot send window/showMessage")

    def report_server_error(self, error: Exception, source: Any) -> None:
        # pygls's default pops up "Error in server" for errors outside a
        # request; a log line is enough (the handlers already catch their own).
        self.log(f"stagelint server error: {error!r}", types.MessageType.Error)

    def _failed(self, name: str) -> None:
        self.log(f"stagelint: {name} failed:\n{traceback.format_exc()}", types.MessageType.Error)

    def guarded(
        self, name: str, fn: Callable[[Any], Any], default: Any, *, reraise: bool = False
    ) -> Callable[[Any], Any]:
        """`fn` (plain or async), with any exception logged to the client
        and `default` answered instead: one bad document or request must not
        take the server (and the editor's diagnostics for every file) down.
        With `reraise`, the exception is logged and then becomes the request's
        error response (for a request that has no sensible empty answer)."""
        if inspect.iscoroutinefunction(fn):

            async def async_handler(params: Any) -> Any:
                try:
                    return await fn(params)
                except Exception:
                    self._failed(name)
                    if reraise:
                        raise
                    return default

            return async_handler

        def handler(params: Any) -> Any:
            try:
                return fn(params)
            except Exception:
                self._failed(name)
                if reraise:
                    raise
                return default

        return handler

    # -- settings --------------------------------------------------------------

    def apply_client_options(self, options: Any) -> bool:
        """Take the client's settings from `options`; whether they held any."""
        settings, problems = parse_client_settings(options, self.client_settings)
        for problem in problems:
            self.warn(f"stagelint: ignoring an invalid setting: {problem}")
        if settings is None:
            return False
        self.client_settings = settings
        return True

    def settings_for(self, uri: str) -> DocumentSettings:
        found = document_settings(uri, self.client_settings, self.resolver)
        if found.fresh_error:
            self.warn(
                f"stagelint: {found.config_error} (linting {document_name(uri)} "
                "with the default settings until this is fixed)"
            )
        return found

    # -- linting -----------------------------------------------------------------

    def current_lint(self, entry: OpenDocument) -> Linted:
        """The lint of the document's current text and settings, reused when
        nothing changed since the last one."""
        settings = self.settings_for(entry.doc.uri)
        if entry.linted is None or not entry.linted.is_current(entry.doc, settings, self.encoding):
            earlier = entry.linted
            entry.linted = lint(entry.doc, settings, self.encoding, earlier)
            self.collector.retire(earlier)  # freed once the diagnostics are sent
        return entry.linted

    def publish(self, uri: str) -> None:
        entry = self.documents.get(uri)
        if entry is None or not entry.lintable:
            return
        linted = self.current_lint(entry)
        self.send_diagnostics(uri, linted.diagnostics, entry.doc.version)

    def send_diagnostics(self, uri: str, diagnostics: list[Json], version: int | None) -> None:
        params: Json = {"uri": uri, "diagnostics": diagnostics}
        if version is not None:
            params["version"] = version
        self.stagelint_protocol.notify_json(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS, params)

    def publish_all(self) -> None:
        for uri in list(self.documents):
            try:
                self.publish(uri)
            except Exception:
                self.log(
                    f"stagelint: linting {uri} failed:\n{traceback.format_exc()}",
                    types.MessageType.Error,
                )

    async def pull_client_configuration(self) -> None:
        """Ask the client for the `stagelint` section (the pull model)."""
        try:
            answer = await self.workspace_configuration_async(
                types.ConfigurationParams(items=[types.ConfigurationItem(section="stagelint")])
            )
        except Exception as exc:
            self.log(f"stagelint: workspace/configuration failed: {exc!r}")
            return
        if (
            answer
            and isinstance(answer[0], dict)
            and self.apply_client_options({"stagelint": answer[0]})
        ):
            self.publish_all()


@cache
def _converter() -> Converter:
    return get_converter()


def _encoding(value: Any) -> str:
    text = str(getattr(value, "value", value) or UTF16).lower()
    return text if text in (UTF8, UTF16, UTF32) else UTF16


def build_server() -> StagelintServer:
    """A server with every feature registered (not yet started)."""
    server = StagelintServer()

    def feature(method: str, options: Any = None) -> Callable[[Callable[[Any], Any]], None]:
        def register(fn: Callable[[Any], Any]) -> None:
            # An empty list is a fine answer to a failed code action request;
            # a resolve that fails has no such answer, so the client gets an error.
            default: Any = [] if method == types.TEXT_DOCUMENT_CODE_ACTION else None
            reraise = method == types.CODE_ACTION_RESOLVE
            server.feature(method, options)(server.guarded(method, fn, default, reraise=reraise))

        return register

    @feature(types.INITIALIZE)
    def initialize(params: types.InitializeParams) -> None:
        server.encoding = _encoding(server.workspace.position_encoding)
        workspace = params.capabilities.workspace
        if workspace is not None:
            edit = workspace.workspace_edit
            server.document_changes = bool(edit is not None and edit.document_changes)
            server.pull_configuration = bool(workspace.configuration)
        document = params.capabilities.text_document
        action = document.code_action if document is not None else None
        resolve = action.resolve_support if action is not None else None
        server.resolve_edits = resolve is not None and "edit" in resolve.properties
        server.apply_client_options(params.initialization_options)
        # Here, before the answer: `initialized` runs as a task, which could
        # land between the first keystroke and its diagnostics.
        server.stagelint_protocol.warm_up()

    @feature(types.INITIALIZED)
    async def initialized(params: types.InitializedParams) -> None:
        if server.pull_configuration:
            await server.pull_client_configuration()

    @feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        lintable = is_containerfile_document(item.uri, item.language_id or "")
        doc = TextDocument(item.uri, item.text, item.version, item.language_id or "")
        server.documents[item.uri] = OpenDocument(doc, lintable)
        server.publish(item.uri)

    @feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        entry = server.documents.get(uri)
        if entry is None:
            # An incremental change needs the text it applies to; without it
            # there is nothing to lint until the document is opened.
            server.log(f"stagelint: didChange for a document that is not open: {uri}")
            return
        for change in params.content_changes:
            if isinstance(change, types.TextDocumentContentChangePartial):
                r = change.range
                entry.doc.apply_change(
                    change.text,
                    (r.start.line, r.start.character),
                    (r.end.line, r.end.character),
                    server.encoding,
                )
            else:
                entry.doc.apply_change(change.text)
        entry.doc.version = params.text_document.version
        server.publish(uri)

    @feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        entry = server.documents.get(params.text_document.uri)
        if entry is None:
            return
        if params.text is not None:
            entry.doc.set_text(params.text, entry.doc.version)
        # A save is when configuration edits are expected to take effect:
        # relint, which looks the configuration up again.
        server.publish(params.text_document.uri)

    @feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        server.documents.pop(uri, None)
        server.send_diagnostics(uri, [], None)

    @feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND],
            resolve_provider=True,
        ),
    )
    def code_action(params: types.CodeActionParams) -> list[Json]:
        entry = server.documents.get(params.text_document.uri)
        if entry is None or not entry.lintable:
            return []  # unknown, closed, or not a Containerfile
        linted = server.current_lint(entry)
        r = params.range
        lines, encoding = linted.lines, server.encoding
        start = lines.offset(r.start.line, r.start.character, encoding)
        end = lines.offset(r.end.line, r.end.character, encoding)
        only = [str(getattr(k, "value", k)) for k in params.context.only or []] or None
        return code_actions(
            linted,
            entry.doc.version,
            min(start, end),
            max(start, end),
            only,
            document_changes=server.document_changes,
            resolve_fix_all=server.resolve_edits,
        )

    @feature(types.CODE_ACTION_RESOLVE)
    def resolve_code_action(action: types.CodeAction) -> types.CodeAction:
        data = action.data if isinstance(action.data, dict) else {}
        entry = server.documents.get(str(data.get("uri", "")))
        if action.kind != FIX_ALL_KIND or entry is None or not entry.lintable:
            return action  # nothing to add (or the document was closed)
        whole = fix_all_edit(server.current_lint(entry), entry.doc.version, server.document_changes)
        # an empty edit when nothing is left to fix: the action then does nothing
        edit = whole or workspace_edit(
            entry.doc.uri, entry.doc.version, [], server.document_changes
        )
        # The response is typed as a CodeAction object (a dict would not pass).
        resolved: types.CodeAction = _converter().structure(
            {"title": action.title, "kind": FIX_ALL_KIND, "edit": edit}, types.CodeAction
        )
        return resolved

    @feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(params: types.DidChangeConfigurationParams) -> None:
        if server.apply_client_options(params.settings):
            server.publish_all()
        elif server.pull_configuration:
            # `settings: null` is the pull model's "something changed, ask me"
            await server.pull_client_configuration()

    @server.feature(types.SHUTDOWN)
    def on_shutdown(*args: Any) -> None:
        server.shutdown_requested = True

    @server.feature(types.EXIT)
    def on_exit(*args: Any) -> None:
        server.exit_requested = True

    return server


def main() -> None:
    """Serve over stdio until the client says `exit` or closes the pipe."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    # stdout carries the protocol: anything printed by accident must not
    # corrupt it, so it goes to stderr (where editors show a server's log).
    sys.stdout = sys.stderr
    logging.basicConfig(
        level=logging.WARNING,
        stream=sys.stderr,
        format="stagelint server: %(levelname)s %(message)s",
    )
    server = build_server()
    server.collector.start()
    serve_stdio(server, stdin, stdout)
    if server.exit_requested and not server.shutdown_requested:
        sys.exit(1)  # LSP: `exit` without `shutdown` first is an error exit
