"""stagelint: a linter and rewriter for Containerfiles and Dockerfiles.

`from stagelint import parse` gives the lossless parser; the names load on
first use, so that `stagelint --version` and the CLI's help stay fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Document", "Instruction", "__version__", "parse"]

if TYPE_CHECKING:
    from stagelint.parser import parse
    from stagelint.tree import Document, Instruction


def __getattr__(name: str) -> Any:
    if name == "parse":
        from stagelint.parser import parse

        return parse
    if name in ("Document", "Instruction"):
        from stagelint import tree

        return getattr(tree, name)
    raise AttributeError(f"module 'stagelint' has no attribute {name!r}")
