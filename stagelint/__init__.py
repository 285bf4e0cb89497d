"""stagelint: a linter and rewriter for Containerfiles and Dockerfiles."""

from __future__ import annotations

from stagelint.parser import parse
from stagelint.tree import Document, Instruction

__version__ = "0.1.0"
__all__ = ["Document", "Instruction", "__version__", "parse"]
