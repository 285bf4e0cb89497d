"""Cyclic garbage collection for the language server, done while it is idle.

With the collector on, a lint of a 300-line file pays for a young-generation
collection each time `gc_paused` turns it back on (after the parse and after
the rules: about 0.6 ms each, measured), and more while the diagnostics are
converted and sent: all of it between a keystroke and its diagnostics. A lint
makes no reference cycles (tests/test_batch.py checks it), so the server
turns automatic collection off and collects when the editor has sent nothing
for `IDLE_SECONDS`: the young generations each time, everything every
`FULL_EVERY`-th time. A client that never pauses still gets a young
collection every `BUSY_EVERY` messages, so cycles made by the protocol layer
(futures, exceptions) cannot pile up.

Freeing the previous lint of a document (its tree and model: tens of
thousands of objects, released one by one by reference counting) can wait
until the diagnostics of the new one are sent: the server hands it to
`retire`, and it is dropped once the message being handled is done. Not
later: keeping every lint of a burst of keystrokes until the editor paused
made each new lint allocate fresh memory instead of reusing what the last
one freed, memory that is not in the CPU's caches (p50 from a change to its
diagnostics 10.4-12.0 ms that way, 7.0-7.7 ms freeing after each message,
measured with benchmarks/lsp.py).
"""

from __future__ import annotations

import asyncio
import gc
from typing import Any

IDLE_SECONDS = 0.5
FULL_EVERY = 10
BUSY_EVERY = 200


class IdleCollector:
    """Counts handled messages and schedules a collection after each burst."""

    def __init__(self) -> None:
        self._timer: asyncio.TimerHandle | None = None
        self._since_collect = 0
        self._collections = 0
        self._retired: list[Any] = []

    def start(self) -> None:
        gc.disable()

    def handled(self) -> None:
        """Call after each message (its answer sent): frees what was
        retired while handling it and re-arms the idle timer."""
        self._retired.clear()
        self._since_collect += 1
        if self._since_collect >= BUSY_EVERY:
            self.collect()
        if self._timer is not None:
            self._timer.cancel()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # not serving (a test driving handlers directly)
            return
        self._timer = loop.call_later(IDLE_SECONDS, self.collect)

    def retire(self, value: Any) -> None:
        """Keep `value` (the last reference to it) until the message being
        handled is done."""
        if value is not None:
            self._retired.append(value)

    def collect(self) -> None:
        self._retired.clear()
        self._timer = None
        self._since_collect = 0
        self._collections += 1
        gc.collect(2 if self._collections % FULL_EVERY == 0 else 1)
