"""Which build-context paths a `.dockerignore`/`.containerignore` excludes.

The semantics are those documented for Docker's ignore file and implemented
by moby's patternmatcher (an independent reimplementation from the
documentation; no code copied):

* Each pattern is cleaned like Go's `filepath.Clean` (`./a//b/` is `a/b`,
  `a/../b` is `b`) and a leading `/` is dropped: the context root is both the
  working and the root directory. A leading `!` makes an exception.
* Globs follow Go's `filepath.Match`: `*` is any run of characters but `/`,
  `?` one character but `/`, `[...]` a character class (`[^...]` negated),
  `\\` escapes the next character. On top of that `**` matches any number of
  directories, including none (`**/*.go`), and a trailing `**` matches
  everything below.
* A path is excluded when a pattern matches it or one of its parent
  directories; patterns are read in order and the last one that matches
  decides, so `!README.md` after `*.md` keeps README.md.

`IgnoreMatcher.excluded(path)` answers for one concrete path. COPY sources
may be globs themselves (`COPY *.md /docs/`), and a source may be a directory
whose children an exception re-includes; `IgnoreMatcher.source_excluded`
answers "is everything this source can name excluded?" and says yes only
when that is certain (see its docstring).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable

from stagelint.records import Record

_META = frozenset("*?[\\")


class BadPattern(ValueError):
    """A pattern Docker refuses (unterminated class, trailing escape)."""


class Pattern(Record):
    __slots__ = ("exception", "regex", "segments", "text")

    def __init__(
        self,
        text: str,  # cleaned, without the `!`
        exception: bool,
        regex: re.Pattern[str],
        segments: tuple[str, ...],
    ) -> None:
        self.text = text
        self.exception = exception
        self.regex = regex
        self.segments = segments


def clean(path: str) -> str:
    """Go's `filepath.Clean` for slash paths, then the leading `/` dropped."""
    if not path:
        return "."
    rooted = path.startswith("/")
    # posixpath keeps a leading `//`; Go does not.
    cleaned = posixpath.normpath("/" + path.lstrip("/") if rooted else path)
    if cleaned.startswith("/") and len(cleaned) > 1:
        cleaned = cleaned[1:]
    return cleaned


def _translate(pattern: str) -> str:
    """The regular expression for one cleaned pattern (anchored)."""
    out = ["^"]
    i = 0
    n = len(pattern)
    in_class = False
    while i < n:
        ch = pattern[i]
        i += 1
        if in_class:
            if ch == "\\":
                if i >= n:
                    raise BadPattern(f"trailing escape in {pattern!r}")
                out.append(re.escape(pattern[i]))
                i += 1
            elif ch == "]":
                out.append("]")
                in_class = False
            elif ch in "^-":
                out.append(ch)
            else:
                out.append(re.escape(ch))
            continue
        if ch == "*":
            if i < n and pattern[i] == "*":
                i += 1
                if i < n and pattern[i] == "/":
                    i += 1
                # `**` at the end matches anything; elsewhere any number of
                # whole directories (the `/` after it was eaten above).
                out.append(".*" if i >= n else "(?:.*/)?")
            else:
                out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "\\":
            if i >= n:
                raise BadPattern(f"trailing escape in {pattern!r}")
            out.append(re.escape(pattern[i]))
            i += 1
        elif ch == "[":
            out.append("[")
            in_class = True
            if i < n and pattern[i] == "^":
                out.append("^")
                i += 1
        else:
            out.append(re.escape(ch))
    if in_class:
        raise BadPattern(f"unterminated character class in {pattern!r}")
    out.append("$")
    return "".join(out)


def compile_pattern(line: str) -> Pattern:
    """One ignore-file line (already stripped, not a comment) as a Pattern."""
    exception = line.startswith("!")
    text = clean(line[1:] if exception else line)
    try:
        regex = re.compile(_translate(text))
    except re.error as exc:  # e.g. a class range that runs backwards
        raise BadPattern(f"invalid pattern {text!r}: {exc}") from None
    return Pattern(text, exception, regex, tuple(text.split("/")))


def _has_meta(segment: str) -> bool:
    return any(ch in _META for ch in segment)


def _unescape(segment: str) -> str:
    return re.sub(r"\\(.)", r"\1", segment)


def _segment_regex(segment: str) -> re.Pattern[str]:
    return re.compile(_translate(segment))


def _segment_covers(pattern: str, source: str) -> bool:
    """Does the pattern segment match every name the source segment can match?"""
    if pattern == source or pattern == "*":
        return True
    if not _has_meta(source):
        return bool(_segment_regex(pattern).match(_unescape(source)))
    if "**" in pattern:
        return False
    # `*.md` covers any source segment that ends with the literal `.md`, and
    # `build*` any that starts with the literal `build`.
    if pattern.startswith("*") and not _has_meta(pattern[1:]):
        tail = pattern[1:]
        return (
            source.endswith(tail)
            and not _has_meta(source[-len(tail) :])
            and (len(source) == len(tail) or source[-len(tail) - 1] != "\\")
        )
    if pattern.endswith("*") and not _has_meta(pattern[:-1]):
        return source.startswith(pattern[:-1])
    return False


def _segments_overlap(pattern: str, source: str) -> bool:
    """Could the pattern segment and the source segment match a common name?
    Exact when either side is literal; otherwise assumed (the safe answer)."""
    if not _has_meta(source):
        return bool(_segment_regex(pattern).match(_unescape(source)))
    if not _has_meta(pattern):
        return bool(_segment_regex(source).match(_unescape(pattern)))
    return True


def _covers(pattern: tuple[str, ...], source: tuple[str, ...]) -> bool:
    """Does the pattern match every path the source names, or a parent of it?"""
    if not pattern:
        return True  # the pattern matched a parent directory: children go too
    if pattern[0] == "**":
        if len(pattern) == 1:
            return bool(source)  # a trailing `**` needs something below
        return _covers(pattern[1:], source) or (bool(source) and _covers(pattern, source[1:]))
    if not source:
        return False
    return _segment_covers(pattern[0], source[0]) and _covers(pattern[1:], source[1:])


def _may_reach(pattern: tuple[str, ...], source: tuple[str, ...]) -> bool:
    """Could the pattern match something the source names, or something below it?"""
    if not pattern or not source:
        return True
    if "**" in pattern[0]:
        return True
    return _segments_overlap(pattern[0], source[0]) and _may_reach(pattern[1:], source[1:])


def _may_reach_below(pattern: tuple[str, ...], path: tuple[str, ...]) -> bool:
    """Could the pattern match something strictly below the literal `path`?"""
    if any("**" in segment for segment in pattern[: len(path) + 1]):
        return True
    return len(pattern) > len(path) and _may_reach(pattern[: len(path)], path)


class IgnoreMatcher:
    """The patterns of one ignore file."""

    def __init__(self, lines: Iterable[str]) -> None:
        """Raises BadPattern for a pattern Docker would refuse."""
        self.patterns = [compile_pattern(line) for line in lines if line.strip()]

    def excluded(self, path: str) -> bool:
        """Is `path` (relative to the context root, `/`-separated) left out?"""
        path = clean(path)
        parts = path.split("/")
        parents = ["/".join(parts[:i]) for i in range(1, len(parts))] if path != "." else []
        matched = False
        for pattern in self.patterns:
            # An exception can only re-include what is excluded so far, and an
            # exclusion only matters for what is still included.
            if pattern.exception != matched:
                continue
            if pattern.regex.match(path) or any(pattern.regex.match(p) for p in parents):
                matched = not pattern.exception
        return matched

    def source_excluded(self, source: str) -> bool:
        """Is everything the COPY/ADD source `source` can name excluded?

        A literal source is looked up exactly; as it may be a directory, it
        counts only when no exception can re-include anything below it. A
        glob source counts when one exclusion pattern matches every path the
        glob can match (or a parent of it) and no exception can reach any of
        them. Anything less certain is not reported.
        """
        path = clean(source)
        segments: tuple[str, ...] = () if path == "." else tuple(path.split("/"))
        exceptions = [p.segments for p in self.patterns if p.exception]
        if not any(_has_meta(s) for s in segments):
            # The path itself and its parents are decided exactly; what is
            # left is an exception that may re-include something below it.
            return self.excluded(_unescape(path)) and not any(
                _may_reach_below(e, segments) for e in exceptions
            )
        if any(_may_reach(e, segments) for e in exceptions):
            return False
        return any(_covers(p.segments, segments) for p in self.patterns if not p.exception)
