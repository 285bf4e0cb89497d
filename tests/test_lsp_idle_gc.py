"""The language server's collector: off while messages come, run when idle."""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import Iterator

import pytest

from stagelint.lsp import idle_gc
from stagelint.lsp.idle_gc import IdleCollector


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def cycle() -> weakref.ref[Node]:
    """A reference cycle that only the cyclic collector can free."""
    a, b = Node(), Node()
    a.other, b.other = b, a
    return weakref.ref(a)


@pytest.fixture
def collector_off() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    if enabled:
        gc.enable()


def test_garbage_is_collected_once_the_messages_stop(collector_off: None) -> None:
    collector = IdleCollector()
    collector.start()
    assert not gc.isenabled()

    async def session() -> tuple[bool, bool]:
        ref = cycle()
        for _ in range(5):  # a burst of messages: nothing collected during it
            collector.handled()
            await asyncio.sleep(idle_gc.IDLE_SECONDS / 10)
        during = ref() is not None
        await asyncio.sleep(idle_gc.IDLE_SECONDS * 2)
        return during, ref() is None

    during, after = asyncio.run(session())
    assert during, "collected during the burst"
    assert after, "not collected after the burst"


def test_a_client_that_never_pauses_still_gets_collections(
    collector_off: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(idle_gc, "BUSY_EVERY", 10)
    collector = IdleCollector()
    collector.start()
    ref = cycle()
    for _ in range(9):
        collector.handled()  # outside an event loop: only the message count acts
    assert ref() is not None
    collector.handled()
    assert ref() is None


def test_retired_values_are_freed_once_the_message_is_handled(collector_off: None) -> None:
    collector = IdleCollector()
    collector.start()
    value = Node()
    ref = weakref.ref(value)
    collector.retire(value)
    del value
    assert ref() is not None, "freed while the message was still being handled"
    collector.handled()
    assert ref() is None
