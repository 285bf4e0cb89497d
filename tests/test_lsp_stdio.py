"""The server's stdio transport: a pipe (what editors use), read by the event
loop itself, and a regular file, which the loop cannot wait on and which goes
through pygls's threaded reader instead."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls", reason="the language server needs pygls (pip install '.[lsp]')")

SERVER = [sys.executable, "-m", "stagelint.lsp"]


def frame(message: dict[str, Any]) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def session(*, truncated: bool = False) -> bytes:
    messages = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "id": 2, "method": "shutdown"},
    ]
    data = b"".join(frame(m) for m in messages)
    if truncated:  # the client dies in the middle of a message
        return data + frame({"jsonrpc": "2.0", "method": "exit"})[:-5]
    return data + frame({"jsonrpc": "2.0", "method": "exit"})


def responses(stdout: bytes) -> dict[int, Any]:
    found = {}
    for chunk in stdout.split(b"Content-Length: ")[1:]:
        body = chunk.split(b"\r\n\r\n", 1)[1]
        message = json.loads(body)
        if "id" in message:
            found[message["id"]] = message
    return found


def test_requests_over_a_pipe_are_answered() -> None:
    proc = subprocess.run(SERVER, input=session(), capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr.decode()
    answers = responses(proc.stdout)
    assert "capabilities" in answers[1]["result"]
    assert answers[2]["result"] is None


def test_requests_from_a_regular_file_are_answered(tmp_path: Path) -> None:
    script = tmp_path / "session.bin"
    script.write_bytes(session())
    with script.open("rb") as stdin:
        proc = subprocess.run(SERVER, stdin=stdin, capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr.decode()
    answers = responses(proc.stdout)
    assert "capabilities" in answers[1]["result"]
    assert answers[2]["result"] is None


def test_a_message_cut_short_ends_the_server_quietly() -> None:
    proc = subprocess.run(SERVER, input=session(truncated=True), capture_output=True, timeout=60)
    assert b"Traceback" not in proc.stderr, proc.stderr.decode()
    assert responses(proc.stdout)[2]["result"] is None
