"""Finding Containerfiles and reading them safely.

Reading never raises: a missing path, a directory, a binary file or invalid
UTF-8 becomes a `FileError` with a one-line message, and the caller goes on
with the other files.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from stagelint.records import Record

# Names people give Containerfiles (matched case-insensitively).
PATTERNS = ("containerfile", "dockerfile", "*.containerfile", "*.dockerfile",
            "containerfile.*", "dockerfile.*")  # fmt: skip
SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__",
                       ".tox", ".mypy_cache", ".ruff_cache", ".pytest_cache"})  # fmt: skip
MAX_BYTES = 64 * 1024 * 1024


class FileError(Exception):
    """A file that cannot be linted; the message is one line for the user."""


# `Dockerfile.*` also matches files that are not Containerfiles at all: ignore
# files, templates, documentation and scripts named after one.
NOT_CONTAINERFILE_SUFFIXES = (
    ".dockerignore", ".containerignore", ".md", ".rst", ".txt", ".py", ".sh", ".j2",
    ".jinja", ".jinja2", ".tpl", ".tmpl", ".yml", ".yaml", ".json", ".orig", ".rej", ".bak",
)  # fmt: skip


def is_containerfile(name: str) -> bool:
    """Does a file found in a directory look like a Containerfile by its name?"""
    lowered = name.lower()
    if lowered.endswith(NOT_CONTAINERFILE_SUFFIXES):
        return False
    return any(fnmatch.fnmatchcase(lowered, p) for p in PATTERNS)


class Found(Record):
    __slots__ = ("error", "path")

    def __init__(
        self,
        path: Path,
        error: str | None = None,  # set when the path itself is unusable
    ) -> None:
        self.path = path
        self.error = error


def discover(paths: list[Path]) -> Iterator[Found]:
    """Files named on the command line, and Containerfiles found in directories.

    Files named explicitly are linted whatever their name. Directory walks do
    not follow symbolic links, so a link loop cannot trap them.
    """
    seen: set[Path] = set()
    for path in paths:
        if not path.exists() and not path.is_symlink():
            yield Found(path, "no such file or directory")
            continue
        if path.is_dir():
            for root, dirs, files in os.walk(path, onerror=None):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
                for name in sorted(files):
                    if is_containerfile(name):
                        found = Path(root) / name
                        if found not in seen:
                            seen.add(found)
                            yield Found(found)
        elif path not in seen:
            seen.add(path)
            yield Found(path)


def decode(data: bytes) -> str:
    """Decode file contents, refusing binary data and invalid UTF-8."""
    if b"\x00" in data:
        raise FileError("binary file (it contains NUL bytes), not a Containerfile")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise FileError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at line {line}, column {column})"
        ) from None


def read_text(path: Path) -> str:
    """The text of a Containerfile, or FileError with a clear reason."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise FileError("is a directory")
        if not stat.S_ISREG(info.st_mode):
            # a FIFO or device would block or never end
            raise FileError("not a regular file")
        size = info.st_size
        if size > MAX_BYTES:
            raise FileError(f"file is too large ({size} bytes; the limit is {MAX_BYTES})")
        data = path.read_bytes()
    except FileError:
        raise
    except OSError as exc:
        raise FileError(exc.strerror or str(exc)) from None
    return decode(data)
