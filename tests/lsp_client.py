"""A small, real LSP client for tests and benchmarks: it starts the server as
a subprocess and speaks Content-Length framed JSON-RPC over its stdio.

A reader thread collects responses and notifications (each stamped with the
time it arrived) and answers the server's own requests. Edits coming back
from the server are applied with an independent UTF-16 implementation
(`apply_text_edits`), so a test checks the server's position arithmetic
against something other than itself.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SERVER = [sys.executable, "-m", "stagelint.lsp"]
ROOT = Path(__file__).resolve().parent.parent


class LspError(Exception):
    """An error response from the server."""

    def __init__(self, error: dict[str, Any]) -> None:
        super().__init__(f"{error.get('code')}: {error.get('message')}")
        self.error = error


class Notification:
    __slots__ = ("method", "params", "received")

    def __init__(self, method: str, params: Any, received: float) -> None:
        self.method = method
        self.params = params
        self.received = received  # time.perf_counter() when it arrived


class LspClient:
    """One server process and the conversation with it."""

    def __init__(
        self,
        argv: list[str] | None = None,
        *,
        cwd: Path | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        environment = dict(os.environ)
        environment["PYTHONPATH"] = os.pathsep.join(
            [str(ROOT), *filter(None, [environment.get("PYTHONPATH")])]
        )
        environment.update(env or {})
        self.proc = subprocess.Popen(
            argv or SERVER,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env=environment,
        )
        self._write_lock = threading.Lock()
        self._cond = threading.Condition()
        self._responses: dict[int, dict[str, Any]] = {}
        self.notifications: list[Notification] = []
        self.server_requests: list[dict[str, Any]] = []
        self.stderr: list[str] = []
        self.handlers: dict[str, Callable[[Any], Any]] = {}
        self._next_id = 0
        self.closed = False
        threading.Thread(target=self._read_loop, daemon=True).start()
        threading.Thread(target=self._drain_stderr, daemon=True).start()

    # -- transport ---------------------------------------------------------------

    def _read_message(self) -> dict[str, Any] | None:
        stream = self.proc.stdout
        assert stream is not None
        length = None
        while True:
            line = stream.readline()
            if not line:
                return None
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value.strip())
        if length is None:
            raise RuntimeError("a message without Content-Length")
        body = stream.read(length)
        message: dict[str, Any] = json.loads(body.decode("utf-8"))
        return message

    def _read_loop(self) -> None:
        try:
            while True:
                message = self._read_message()
                if message is None:
                    break
                received = time.perf_counter()
                if "method" in message and "id" in message:
                    self._answer(message)
                    continue
                with self._cond:
                    if "id" in message:
                        self._responses[message["id"]] = message
                    else:
                        self.notifications.append(
                            Notification(message["method"], message.get("params"), received)
                        )
                    self._cond.notify_all()
        finally:
            with self._cond:
                self.closed = True
                self._cond.notify_all()

    def _answer(self, request: dict[str, Any]) -> None:
        """Answer a request from the server (configuration, registration...)."""
        with self._cond:
            self.server_requests.append(request)
            self._cond.notify_all()
        handler = self.handlers.get(request["method"])
        result = handler(request.get("params")) if handler else None
        self.send({"jsonrpc": "2.0", "id": request["id"], "result": result})

    def _drain_stderr(self) -> None:
        stream = self.proc.stderr
        assert stream is not None
        for line in stream:
            self.stderr.append(line.decode("utf-8", "replace"))

    def send(self, message: dict[str, Any]) -> float:
        """Send a message; returns the time just before it was written."""
        body = json.dumps(message).encode("utf-8")
        with self._write_lock:
            stdin = self.proc.stdin
            assert stdin is not None
            sent = time.perf_counter()
            stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            stdin.flush()
        return sent

    # -- requests and notifications ----------------------------------------------

    def request_async(self, method: str, params: Any = None) -> int:
        self._next_id += 1
        self.send({"jsonrpc": "2.0", "id": self._next_id, "method": method, "params": params})
        return self._next_id

    def response(self, request_id: int, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        with self._cond:
            while request_id not in self._responses:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self.closed:
                    raise TimeoutError(f"no response to request {request_id}; {self.log()}")
                self._cond.wait(remaining)
            return self._responses.pop(request_id)

    def request(self, method: str, params: Any = None, timeout: float = 30) -> Any:
        answer = self.response(self.request_async(method, params), timeout)
        if "error" in answer:
            raise LspError(answer["error"])
        return answer.get("result")

    def notify(self, method: str, params: Any = None) -> float:
        return self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def mark(self) -> int:
        """A point in the notification stream to wait from."""
        with self._cond:
            return len(self.notifications)

    def wait_for(
        self,
        method: str,
        predicate: Callable[[Any], bool] = lambda params: True,
        *,
        after: int = 0,
        timeout: float = 30,
    ) -> Notification:
        deadline = time.monotonic() + timeout
        with self._cond:
            seen = after
            while True:
                while seen < len(self.notifications):
                    note = self.notifications[seen]
                    seen += 1
                    if note.method == method and predicate(note.params):
                        return note
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self.closed:
                    raise TimeoutError(f"no {method} notification; {self.log()}")
                self._cond.wait(remaining)

    def log(self) -> str:
        return f"server stderr: {''.join(self.stderr)[-4000:]!r}"

    # -- LSP conveniences ----------------------------------------------------------

    def initialize(
        self,
        options: Any = None,
        capabilities: dict[str, Any] | None = None,
        root: Path | None = None,
    ) -> dict[str, Any]:
        caps = capabilities if capabilities is not None else default_capabilities()
        result: dict[str, Any] = self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri() if root else None,
                "capabilities": caps,
                "initializationOptions": options,
            },
        )
        self.notify("initialized", {})
        return result

    def open(self, uri: str, text: str, language_id: str = "dockerfile", version: int = 1) -> int:
        mark = self.mark()
        self.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": uri,
                    "languageId": language_id,
                    "version": version,
                    "text": text,
                }
            },
        )
        return mark

    def change(self, uri: str, version: int, changes: list[dict[str, Any]]) -> float:
        return self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": changes},
        )

    def diagnostics(
        self, uri: str, version: int | None = None, *, after: int = 0, timeout: float = 30
    ) -> list[dict[str, Any]]:
        """The next diagnostics published for `uri` (for `version`, if given)."""
        note = self.wait_for(
            "textDocument/publishDiagnostics",
            lambda p: p["uri"] == uri and (version is None or p.get("version") == version),
            after=after,
            timeout=timeout,
        )
        found: list[dict[str, Any]] = note.params["diagnostics"]
        return found

    def code_actions(
        self,
        uri: str,
        start: tuple[int, int],
        end: tuple[int, int],
        only: list[str] | None = None,
        diagnostics: list[dict[str, Any]] | None = None,
    ) -> list[dict[str, Any]]:
        context: dict[str, Any] = {"diagnostics": diagnostics or []}
        if only is not None:
            context["only"] = only
        result = self.request(
            "textDocument/codeAction",
            {
                "textDocument": {"uri": uri},
                "range": {
                    "start": {"line": start[0], "character": start[1]},
                    "end": {"line": end[0], "character": end[1]},
                },
                "context": context,
            },
        )
        return list(result or [])

    def shutdown(self, timeout: float = 10) -> int:
        """`shutdown`, then `exit`; the server's exit code."""
        if self.proc.poll() is None:
            self.request("shutdown", None, timeout=timeout)
            self.notify("exit")
        return self.wait(timeout)

    def wait(self, timeout: float = 10) -> int:
        try:
            return self.proc.wait(timeout)
        finally:
            self.kill()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()


def default_capabilities(
    document_changes: bool = True, configuration: bool = False
) -> dict[str, Any]:
    return {
        "workspace": {
            "workspaceEdit": {"documentChanges": document_changes},
            "configuration": configuration,
            "didChangeConfiguration": {"dynamicRegistration": False},
        },
        "textDocument": {
            "synchronization": {"didSave": True},
            "publishDiagnostics": {"versionSupport": True},
            "codeAction": {
                "codeActionLiteralSupport": {
                    "codeActionKind": {"valueSet": ["quickfix", "source", "source.fixAll"]}
                },
                "isPreferredSupport": True,
            },
        },
    }


# -- applying the server's edits, independently of the server's own code ----------

_BREAK = re.compile(r"\r\n|\r|\n")


def utf16_offset(text: str, line: int, character: int) -> int:
    """The string offset of an LSP position, in UTF-16 code units."""
    starts = [0] + [m.end() for m in _BREAK.finditer(text)]
    if line >= len(starts):
        return len(text)
    start = starts[line]
    m = _BREAK.search(text, start)
    end = m.start() if m else len(text)
    units = text[start:end].encode("utf-16-le", "surrogatepass")[: 2 * character]
    # a position inside a surrogate pair means the character's start
    return start + len(units.decode("utf-16-le", "ignore"))


def utf16_position(text: str, offset: int) -> tuple[int, int]:
    """The LSP position (UTF-16) of a string offset (not inside a line break)."""
    before = text[:offset]
    line = len(_BREAK.findall(before))
    line_start = max((m.end() for m in _BREAK.finditer(before)), default=0)
    return line, len(text[line_start:offset].encode("utf-16-le", "surrogatepass")) // 2


def apply_text_edits(text: str, edits: list[dict[str, Any]]) -> str:
    spans = []
    for edit in edits:
        r = edit["range"]
        start = utf16_offset(text, r["start"]["line"], r["start"]["character"])
        end = utf16_offset(text, r["end"]["line"], r["end"]["character"])
        spans.append((start, end, edit["newText"]))
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def edits_for(workspace_edit: dict[str, Any], uri: str) -> list[dict[str, Any]]:
    """The text edits of a WorkspaceEdit for one document (either form)."""
    if "documentChanges" in workspace_edit and workspace_edit["documentChanges"] is not None:
        return [
            e
            for change in workspace_edit["documentChanges"]
            if change["textDocument"]["uri"] == uri
            for e in change["edits"]
        ]
    edits: list[dict[str, Any]] = workspace_edit.get("changes", {}).get(uri, [])
    return edits


def apply_action(text: str, action: dict[str, Any], uri: str) -> str:
    return apply_text_edits(text, edits_for(action["edit"], uri))
