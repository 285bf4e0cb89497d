"""Comparing the original and the fixed image, and explaining each fix by evidence.

Files are compared path by path (absolute paths inside the image): a path is
*changed* when its type, permission bits, owner, size, content hash or symlink
target differ; timestamps are ignored, so two builds of the same content
compare equal. Config is compared on the keys a Containerfile sets; `Env` is
compared as variables, so an order that differs only because `FROM scratch`
put buildah's default PATH first is not a difference.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from stagelint.verify.engine import FileEntry, ImageInfo

CONFIG_KEYS = (
    "Env",
    "User",
    "WorkingDir",
    "Entrypoint",
    "Cmd",
    "Labels",
    "ExposedPorts",
    "Volumes",
    "StopSignal",
)
# At most this many paths are named in one explanation.
EXAMPLES = 8


@dataclass(frozen=True)
class FileChange:
    path: str
    type: str
    size: int
    size_before: int | None = None  # only for changed paths
    type_before: str | None = None


@dataclass(frozen=True)
class FilesDiff:
    added: list[FileChange] = field(default_factory=list)
    removed: list[FileChange] = field(default_factory=list)
    changed: list[FileChange] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def diff_files(before: Mapping[str, FileEntry], after: Mapping[str, FileEntry]) -> FilesDiff:
    """Added, removed and changed paths, each list sorted by path."""
    added = [
        FileChange(p, after[p].type, after[p].size) for p in sorted(after.keys() - before.keys())
    ]
    removed = [
        FileChange(p, before[p].type, before[p].size) for p in sorted(before.keys() - after.keys())
    ]
    changed = [
        FileChange(p, after[p].type, after[p].size, before[p].size, before[p].type)
        for p in sorted(before.keys() & after.keys())
        if before[p] != after[p]
    ]
    return FilesDiff(added, removed, changed)


def _normal(key: str, value: Any) -> Any:
    """A config value in the form it is compared in (None for unset or empty)."""
    if value in (None, "", [], {}):
        return None
    if key == "Env" and isinstance(value, list):
        return dict(str(item).partition("=")[::2] for item in value)
    return value


def diff_config(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """{key: {before, after}} for the CONFIG_KEYS whose values differ."""
    result: dict[str, dict[str, Any]] = {}
    for key in CONFIG_KEYS:
        old, new = before.get(key), after.get(key)
        if _normal(key, old) != _normal(key, new):
            result[key] = {
                "before": old if old not in ("", [], {}) else None,
                "after": new if new not in ("", [], {}) else None,
            }
    return result


def human_size(size: int) -> str:
    """Bytes the way the engines print them (decimal units)."""
    value = float(size)
    for unit in ("B", "kB", "MB", "GB"):
        if abs(value) < 1000 or unit == "GB":
            if unit == "B":
                return f"{int(value)} B"
            digits = 2 if abs(value) < 10 else 1 if abs(value) < 100 else 0
            return f"{value:.{digits}f} {unit}"
        value /= 1000
    raise AssertionError("unreachable")


def signed_size(size: int) -> str:
    return ("+" if size >= 0 else "-") + human_size(abs(size))


# -- cache evidence -------------------------------------------------------------------------


def cache_dirs() -> tuple[str, ...]:
    """Every known package-manager cache directory, `~` as /root."""
    from stagelint.shell import CACHE_DIRS

    found: list[str] = []
    for directories in CACHE_DIRS.values():
        for directory in directories:
            path = "/root" + directory[1:] if directory.startswith("~") else directory
            if path not in found:
                found.append(path)
    return tuple(found)


def _under(path: str, directory: str) -> bool:
    return path.startswith(directory.rstrip("/") + "/")


@dataclass(frozen=True)
class CacheSummary:
    """Regular files under one cache directory, before and after."""

    directory: str
    files_before: int
    bytes_before: int
    files_after: int
    bytes_after: int


def cache_summaries(before: ImageInfo, after: ImageInfo) -> list[CacheSummary]:
    """For each cache directory that holds files in either image: counts and bytes."""
    result: list[CacheSummary] = []
    for directory in cache_dirs():
        old = [f for p, f in before.files.items() if f.type == "file" and _under(p, directory)]
        new = [f for p, f in after.files.items() if f.type == "file" and _under(p, directory)]
        if old or new:
            result.append(
                CacheSummary(
                    directory,
                    len(old),
                    sum(f.size for f in old),
                    len(new),
                    sum(f.size for f in new),
                )
            )
    return result


# -- explanations ---------------------------------------------------------------------------


def _examples(paths: Sequence[str]) -> str:
    shown = ", ".join(paths[:EXAMPLES])
    more = len(paths) - EXAMPLES
    return f"{shown} (and {more} more)" if more > 0 else shown


def _files_text(changes: Sequence[FileChange]) -> str:
    files = [c for c in changes if c.type != "dir"]
    if not files:
        return ""
    total = sum(c.size for c in files)
    noun = "file" if len(files) == 1 else "files"
    return f"{len(files)} {noun}, {human_size(total)}: {_examples([c.path for c in files])}"


def _explain_persistence(files: FilesDiff, config: Mapping[str, Any]) -> list[str]:
    lines: list[str] = []
    added = _files_text(files.added)
    if added:
        lines.append(f"files now in the final image: {added}")
    else:
        lines.append("no new files in the final image (the fix changed nothing visible here)")
    removed = _files_text(files.removed)
    if removed:
        lines.append(f"files gone from the final image (deletions now apply): {removed}")
    if config:
        lines.append(f"config differs: {', '.join(config)} (see config above)")
    else:
        lines.append("config unchanged")
    return lines


def _explain_cache(summaries: Sequence[CacheSummary]) -> list[str]:
    lines: list[str] = []
    for s in summaries:
        gone_files = s.files_before - s.files_after
        gone_bytes = s.bytes_before - s.bytes_after
        if gone_files > 0 or gone_bytes > 0:
            lines.append(
                f"cache files gone: {gone_files} files, {human_size(gone_bytes)} "
                f"under {s.directory}"
            )
    for s in summaries:
        if s.files_after:
            lines.append(
                f"cache files still in the final image: {s.files_after} files, "
                f"{human_size(s.bytes_after)} under {s.directory}"
            )
    if not lines:
        lines.append("no cache files in the final image, before or after")
    return lines


def explain(
    code: str,
    files: FilesDiff,
    config: Mapping[str, Any],
    summaries: Sequence[CacheSummary],
    size_delta: int,
) -> list[str]:
    """What the images show about one applied fix, as sentences."""
    if code.startswith("SL1"):
        return _explain_persistence(files, config)
    if code.startswith("SL2"):
        return [*_explain_cache(summaries), f"image size {signed_size(size_delta)}"]
    if not files and not config:
        return ["the images have the same files and config"]
    parts = []
    if files:
        parts.append(
            f"{len(files.added)} added, {len(files.removed)} removed, "
            f"{len(files.changed)} changed paths"
        )
    if config:
        parts.append(f"config differs: {', '.join(config)}")
    return ["; ".join(parts) + " (no rule-specific check for this fix)"]
