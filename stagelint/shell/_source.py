"""The text being analysed, and the one tree-sitter parser shared by all analyses.

tree-sitter works on UTF-8 bytes, while the public API speaks in ``str``
offsets into the script the caller handed to :func:`parse_script`.  A
:class:`Source` translates both ways: byte offsets from the tree into character
offsets of its own text, and (for a script nested inside a ``sh -c`` string)
character offsets of its own text into offsets of the outermost script.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tree_sitter import Parser, Tree

from stagelint.lazyre import lazy_pattern

__all__ = ["Source", "parse_tree"]

_PARSER: Parser | None = None

# tree-sitter-bash 0.25 reads out of bounds (and may segfault) on characters
# outside the Basic Multilingual Plane; lone surrogates are not UTF-8 at all.
# Such characters are handed to the parser as U+FFFD, which it treats the same
# way (an ordinary word character); offsets stay valid because the
# replacement is one character for one character, and all text shown to
# callers is sliced from the original string.
_UNSAFE_CHARS = lazy_pattern("[\U00010000-\U0010ffff\ud800-\udfff]")


def bash_language() -> object:
    """tree-sitter-bash's language pointer, from its compiled `_binding`
    module loaded directly. The package's `__init__` imports
    importlib.resources (for highlight queries stagelint never reads), which
    in a fresh environment costs more start-up than the grammar itself
    (tempfile, shutil, the compression modules). Falls back to the package
    when its layout is not the expected one."""
    import importlib.machinery
    import os

    spec = importlib.machinery.PathFinder.find_spec("tree_sitter_bash")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            path = os.path.join(folder, "_binding" + suffix)
            if os.path.isfile(path):
                loader = importlib.machinery.ExtensionFileLoader("tree_sitter_bash._binding", path)
                binding = loader.create_module(
                    importlib.machinery.ModuleSpec("tree_sitter_bash._binding", loader, origin=path)
                )
                loader.exec_module(binding)
                language: object = binding.language()
                return language
    import tree_sitter_bash

    fallback: object = tree_sitter_bash.language()
    return fallback


def parse_tree(data: bytes) -> Tree:
    """Parse bash source bytes, building the parser on first use only."""
    global _PARSER
    if _PARSER is None:
        # Imported here so that importing the package costs nothing until a
        # script is actually parsed.
        from tree_sitter import Language, Parser

        _PARSER = Parser(Language(bash_language()))
    return _PARSER.parse(data)


class Source:
    """One script text, with the offset maps needed to report positions.

    ``top_base``/``top_map`` map a character offset of ``text`` to an offset
    of the outermost script: ``top_map[i]`` when a map is present (a nested
    script whose characters came from scattered places, e.g. a double-quoted
    string with escapes), else ``top_base + i`` (the outermost script itself,
    or a nested one copied verbatim from a single-quoted string).
    """

    __slots__ = ("_b2c", "data", "text", "top_base", "top_map")

    def __init__(
        self,
        text: str,
        *,
        top_base: int = 0,
        top_map: list[int] | None = None,
    ) -> None:
        self.text = text
        parsed = text if text.isascii() else _UNSAFE_CHARS().sub("\ufffd", text)
        self.data = parsed.encode("utf-8")
        self.top_base = top_base
        self.top_map = top_map
        self._b2c: list[int] | None = None
        if len(self.data) != len(parsed):
            # Non-ASCII: record, for every byte offset, the character it is in.
            b2c: list[int] = []
            for index, char in enumerate(parsed):
                b2c.extend([index] * len(char.encode("utf-8")))
            b2c.append(len(text))
            self._b2c = b2c

    def char(self, byte_offset: int) -> int:
        """Character offset in ``text`` of a tree-sitter byte offset."""
        if self._b2c is None:
            return byte_offset
        return self._b2c[min(byte_offset, len(self._b2c) - 1)]

    def top(self, char_offset: int) -> int:
        """Offset in the outermost script of a character offset of ``text``."""
        if self.top_map is None:
            return self.top_base + char_offset
        return self.top_map[min(char_offset, len(self.top_map) - 1)]

    def top_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the half-open character span ``[start, end)`` to the outermost script."""
        if self.top_map is None:
            return self.top_base + start, self.top_base + end
        if end <= start:
            position = self.top(start)
            return position, position
        return self.top(start), self.top(end - 1) + 1
