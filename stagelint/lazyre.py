"""Regular expressions compiled on first use.

Compiling a pattern costs a fraction of a millisecond; the ~60 patterns a
lint could use cost about 15 ms of a cold `stagelint check`, although most
of them serve inputs a typical file does not have (ADD sources, label
schemas, package-manager configuration, engine versions). `lazy_pattern`
keeps such a pattern as a function that compiles it once, when first called.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache


def lazy_pattern(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A function returning `re.compile(pattern, flags)`, compiled on first call."""

    @cache
    def compiled() -> re.Pattern[str]:
        return re.compile(pattern, flags)

    return compiled
