"""Find and read the build context's ignore file for a Containerfile.

The checker reads it (rules never touch files) so that rules can tell which
`COPY`/`ADD` sources the engine will not send. Which file counts, in order:
`<file>.containerignore` and `<file>.dockerignore` next to the Containerfile
(BuildKit's per-Dockerfile form), then `.containerignore` (buildah, podman)
and `.dockerignore` in the context, which is taken to be the file's directory.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

MAX_BYTES = 1 << 20  # an ignore file larger than this is not read


@lru_cache(maxsize=64)
def _names(directory: Path, mtime_ns: int) -> frozenset[str]:
    """The entries of `directory` as of `mtime_ns` (adding or removing an
    entry changes a directory's mtime, so a long-running server sees new
    ignore files): one listing per directory instead of four `stat`s per
    Containerfile in a batch."""
    try:
        return frozenset(os.listdir(directory))
    except OSError:
        return frozenset()


def ignore_file_for(filename: str) -> Path | None:
    """The ignore file that applies to the Containerfile `filename`, if any."""
    if not filename or filename == "-":
        return None
    path = Path(filename)
    directory = path.parent
    try:
        names = _names(directory, directory.stat().st_mtime_ns)
    except OSError:
        return None
    for name in (
        f"{path.name}.containerignore",
        f"{path.name}.dockerignore",
        ".containerignore",
        ".dockerignore",
    ):
        candidate = directory / name
        try:
            if name in names and candidate.is_file():
                return candidate
        except OSError:
            continue
    return None


def parse_patterns(text: str) -> tuple[str, ...]:
    """The patterns of an ignore file: one per line, `#` comments and blank
    lines skipped, surrounding whitespace removed (as BuildKit reads it)."""
    out = []
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        pattern = line.strip()
        if pattern:
            out.append(pattern)
    return tuple(out)


def context_ignore_patterns(filename: str) -> tuple[str, ...] | None:
    """The ignore patterns for `filename`, or None when no ignore file is found
    or it cannot be read (a missing file is not an error: most contexts have none)."""
    found = ignore_file_for(filename)
    if found is None:
        return None
    try:
        with found.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError:
        return None
    if len(data) > MAX_BYTES:
        return None
    return parse_patterns(data.decode("utf-8", errors="replace"))
