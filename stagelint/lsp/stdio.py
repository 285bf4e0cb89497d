"""Serving over stdio with the event loop waiting on the pipe itself.

pygls's stdio server reads every header line and every message body in a
worker thread (`run_in_executor`): three hand-overs between threads per
message, each a wake-up of the thread pool and then of the event loop, all
between a keystroke and its diagnostics (issue #7; not measured on its own:
benchmarks/lsp.py's noise is larger than what one hand-over costs). An
editor starts the server with pipes, so the loop can wait on stdin directly
(`connect_read_pipe`: epoll on the descriptor, no thread). When stdin is not
something epoll can wait on (a regular file), pygls's threaded reader is used.
"""

from __future__ import annotations

import asyncio
import logging
from threading import Event
from typing import BinaryIO

from pygls.io_ import StdinAsyncReader, StdoutWriter, run_async
from pygls.server import JsonRPCServer

logger = logging.getLogger("stagelint.lsp")


class PipeReader:
    """pygls's reader interface over an asyncio stream of the stdin pipe."""

    def __init__(self, stream: asyncio.StreamReader) -> None:
        self.stream = stream

    async def readline(self) -> bytes:
        return await self.stream.readline()  # b"" at the end of input

    async def readexactly(self, n: int) -> bytes:
        try:
            return await self.stream.readexactly(n)
        except asyncio.IncompleteReadError:
            # The client went away in the middle of a message: end of input,
            # which ends the loop (the partial JSON would only log an error).
            return b""


async def open_pipe_reader(stdin: BinaryIO) -> PipeReader | None:
    """A reader the event loop serves without threads, or None when stdin
    is not a pipe, socket or terminal."""
    loop = asyncio.get_running_loop()
    stream = asyncio.StreamReader()
    try:
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stream), stdin)
    except (ValueError, OSError):  # "Pipe transport is for pipes/sockets only."
        return None
    return PipeReader(stream)


def serve_stdio(server: JsonRPCServer, stdin: BinaryIO, stdout: BinaryIO) -> None:
    """Serve `server` over stdin/stdout until the client exits or goes away
    (what pygls's `start_io` does, with the reader above)."""
    stop = Event()
    server._stop_event = stop  # pygls's shutdown() sets it to end the loop
    server.protocol.set_writer(StdoutWriter(stdout))

    async def serve() -> None:
        reader = await open_pipe_reader(stdin) or StdinAsyncReader(stdin, server.thread_pool)
        await run_async(
            stop_event=stop,
            reader=reader,
            protocol=server.protocol,
            logger=logger,
            error_handler=server.report_server_error,
        )

    try:
        asyncio.run(serve())
    except BrokenPipeError:
        logger.error("the connection to the client is lost; shutting down")
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.shutdown()  # type: ignore[no-untyped-call]  # pygls leaves it untyped
