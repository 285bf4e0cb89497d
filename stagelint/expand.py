"""Dockerfile variable expansion, behaving like BuildKit's ``shell.Lex``.

BuildKit expands ``$name`` and ``${name...}`` in the arguments of ``ARG``,
``ENV``, ``FROM``, ``COPY``, ``ADD``, ``WORKDIR``, ``USER``, ``LABEL``,
``EXPOSE``, ``VOLUME`` and ``STOPSIGNAL`` itself, before any shell sees them.
A linter that wants to know what a build will really do (which image a
``FROM`` names, which variables an instruction reads, whether a word is even
valid) has to reproduce that expansion exactly, quirks included.  This module
is an independent reimplementation of the behaviour of
``frontend/dockerfile/shell/lex.go`` in moby/buildkit; no code was copied.

Public API
----------
``expand_word(word, env)`` mirrors ``Lex.ProcessWord``: it returns the
expanded text together with the names it looked up (``used``) and the names it
looked up that ``env`` lacks (``unset``), for an ``UndefinedVar``-style check.
``expand_words(text, env)`` mirrors ``Lex.ProcessWords``: the same expansion,
split into words.

Supported forms (and when BuildKit gained them)
-----------------------------------------------
* ``$name``, ``${name}``; ``${v:-w}``, ``${v:+w}``: since the legacy builder.
* ``${v:?msg}``: already accepted by Docker 20.10 (2021).
* ``${v-w}``, ``${v+w}``, ``${v?msg}`` (colon-less POSIX forms): Dockerfile
  frontend 1.6.0 (moby/buildkit#3611, per the dockerfile/1.6.0 release notes).
* ``${v#pat}``, ``${v##pat}``, ``${v%pat}``, ``${v%%pat}``, ``${v/pat/r}``,
  ``${v//pat/r}``: Dockerfile frontend 1.7.0 (BuildKit v0.13, 2024), per
  Docker's 1.7.0 announcement; the reference page still calls them
  "pre-release", so older frontends reject them.

BuildKit behaviours reproduced here that differ from a POSIX shell
------------------------------------------------------------------
* Names are Unicode letters, digits and ``_``.  ``$`` followed by digits takes
  the whole digit run as the name (``$12x`` reads ``12``); ``$`` followed by
  one of ``@ * # ? - $ !`` reads that one character as the name.  These names
  are looked up in ``env`` like any other, so ``$$`` and ``$1`` normally
  expand to the empty string.  ``$`` followed by anything else is literal.
* ``${#v}`` (length) is not supported: BuildKit parses ``#`` as the name and
  rejects ``v`` as a modifier.  ``:=``, substrings and case modifiers are
  rejected too, but ``${v:#pat}`` and ``${v:%pat}`` act like ``#``/``%``.
* Glob patterns know only ``*``, ``?`` and the escapes ``\\*``, ``\\?``,
  ``\\\\``, ``\\}`` and ``\\/``; any other backslash escape is an error and
  ``[...]`` is literal text.  BuildKit translates patterns to Go regular
  expressions, so ``*`` and ``?`` never match a newline.  Quoting inside a
  pattern does not make ``*`` literal, and variables expanded into a pattern
  keep their wildcards.
* ``${v//pat/r}`` goes through Go's ``Regexp.ReplaceAllString``, so ``$0`` or
  ``${0}`` in the replacement (reachable through quotes or variable values)
  stands for the match, ``$$`` for ``$``, and any other ``$name`` for nothing;
  ``${v/pat/r}`` inserts ``r`` verbatim.
* Word splitting (``expand_words``) splits the result of an unquoted
  expansion on whitespace, like the shell; a quoted empty string produces no
  word at all.
* A byte-order mark at the very start of the input is dropped (Go's
  ``text/scanner`` does that).

Resource limits
---------------
Go grows its stack and uses a linear-time regexp engine; Python has neither.
To keep every call bounded, nesting of ``${...}`` deeper than
``MAX_NESTING`` levels and pattern matching whose work (value length times
pattern size) exceeds ``MATCH_BUDGET`` raise ``ExpansionError`` instead of
recursing or backtracking without bound.  Everything else runs in time linear
in the size of the input plus the size of the output.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from stagelint.records import Record

__all__ = [
    "MATCH_BUDGET",
    "MAX_NESTING",
    "Expansion",
    "ExpansionError",
    "expand_word",
    "expand_words",
]

MAX_NESTING = 64
"""Deepest ``${...}`` nesting accepted; deeper input raises ExpansionError."""

MATCH_BUDGET = 4_000_000
"""Pattern-matching work allowed per call, in (value length x pattern items)."""

# Go's unicode.IsSpace: Latin-1 spaces plus the White_Space property.  Python's
# str.isspace() also accepts U+001C..U+001F, which BuildKit does not split on.
_GO_SPACE = frozenset(
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
# Go's unicode.IsLetter uses a Latin-1 table that only counts Lu/Ll, so the two
# Latin-1 "Lo" characters are not letters there, although Python says they are.
_NOT_GO_LETTERS = frozenset("\xaa\xba")
# POSIX special parameters that BuildKit accepts as one-character names.
_SPECIAL_PARAMS = frozenset("@*#?-$!0")
_ESCAPES = ("\\", "`")
_EOF = ""  # what _Expander.next() returns at the end of input


class ExpansionError(ValueError):
    """A word that BuildKit would refuse to expand.

    ``reason`` is BuildKit's own message (e.g. ``syntax error: bad
    substitution`` or ``VAR: is not allowed to be unset``); ``word`` is the
    input being expanded when the error came from a public function.
    """

    def __init__(self, reason: str, word: str | None = None) -> None:
        self.reason = reason
        self.word = word
        if word is None:
            message = reason
        else:
            # Same shape as BuildKit's wrapper, so messages read alike.
            import json  # only for the message of a word BuildKit refuses

            message = f"failed to process {json.dumps(word, ensure_ascii=False)}: {reason}"
        super().__init__(message)


class _LimitError(ExpansionError):
    """A resource limit of this implementation, not a BuildKit syntax error."""


_NONE: frozenset[str] = frozenset()


class Expansion(Record):
    """The result of expanding one word.

    ``used`` holds every variable name the expansion looked up, set or not.
    ``unset`` holds those names that ``env`` lacks, except names that were only
    tested by ``${v-w}``, ``${v:-w}``, ``${v+w}`` or ``${v:+w}``: those forms
    exist precisely to cope with an unset variable, so they are no evidence of
    a mistake.  (BuildKit's own ``Unmatched`` set does list them.)
    """

    __slots__ = ("unset", "used", "value")

    def __init__(self, value: str, used: frozenset[str], unset: frozenset[str]) -> None:
        self.value = value
        self.used = used
        self.unset = unset


def is_plain(word: str, escape: str = "\\") -> bool:
    """Does `word` expand to itself: no `$`, no quotes, no escape character
    (and no byte order mark, which the lexer drops)?"""
    return escape in _ESCAPES and not (
        "$" in word or "'" in word or '"' in word or escape in word or "\ufeff" in word
    )


def expand_word(word: str, env: Mapping[str, str], *, escape: str = "\\") -> Expansion:
    """Expand variables and remove quotes in ``word``, like ``Lex.ProcessWord``.

    ``escape`` is the Dockerfile escape character: ``\\`` or, after a
    ``# escape=`` directive, a backtick.  Raises ExpansionError for input that
    BuildKit rejects (unterminated quotes or ``${``, bad substitutions,
    ``${v?msg}`` with ``v`` unset, invalid patterns) and nothing else.
    """
    if is_plain(word, escape):
        return Expansion(word, _NONE, _NONE)  # nothing to expand or remove: the common case
    expander = _run(word, env, escape)
    return Expansion(
        value=expander.value,
        used=frozenset(expander.used),
        unset=frozenset(expander.strict_unset),
    )


def expand_words(text: str, env: Mapping[str, str], *, escape: str = "\\") -> list[str]:
    """Expand ``text`` and split it into words, like ``Lex.ProcessWords``.

    Words are separated by unquoted whitespace, including whitespace that an
    unquoted expansion produced (``$v`` with ``v="a b"`` gives two words,
    ``"$v"`` gives one).  Quotes are removed; an empty quoted string does not
    make a word of its own.  Raises ExpansionError like expand_word.
    """
    return _run(text, env, escape, collect_words=True).words


def _run(word: str, env: Mapping[str, str], escape: str, collect_words: bool = False) -> _Expander:
    if escape not in _ESCAPES:
        raise ExpansionError(f"invalid escape character {escape!r}: must be '\\' or '`'", word)
    expander = _Expander(word, env, escape, collect_words)
    try:
        expander.run()
    except ExpansionError as err:
        raise type(err)(err.reason, word) from None
    return expander


def _is_name_char(ch: str) -> bool:
    """Whether Go's ``unicode.IsLetter || unicode.IsDigit || ch == '_'`` holds."""
    return ch == "_" or ch.isdecimal() or (ch.isalpha() and ch not in _NOT_GO_LETTERS)


class _Words:
    """Accumulates words the way BuildKit's ``wordsStruct`` does."""

    __slots__ = ("current", "words")

    def __init__(self) -> None:
        self.words: list[str] = []
        self.current: list[str] = []

    def add_char(self, ch: str) -> None:
        # Unquoted whitespace ends a non-empty word; BuildKit also tracks an
        # "in word" flag, but it never changes the outcome, so it is omitted.
        if ch in _GO_SPACE:
            self._flush()
        else:
            self.current.append(ch)

    def add_string(self, text: str) -> None:
        for ch in text:
            self.add_char(ch)

    def add_raw(self, text: str) -> None:
        # Quoted or escaped text joins the current word as is.  An empty
        # string adds nothing, which is why "" alone never makes a word.
        if text:
            self.current.append(text)

    def _flush(self) -> None:
        if self.current:
            self.words.append("".join(self.current))
            self.current = []

    def finish(self) -> list[str]:
        self._flush()
        return self.words


class _Expander:
    """One expansion run: a cursor over the word plus what it has looked up."""

    def __init__(self, text: str, env: Mapping[str, str], escape: str, collect_words: bool) -> None:
        self.text = text
        self.length = len(text)
        # Go's text/scanner silently drops a byte-order mark at the very start.
        self.pos = 1 if text.startswith("\ufeff") else 0
        self.env = env
        self.escape = escape
        # BuildKit's rawEscapes: inside patterns and replacements the escape
        # character is kept, so that the glob translator can see it.
        self.raw = False
        self.depth = 0
        self.budget = MATCH_BUDGET
        self.used: set[str] = set()
        self.strict_unset: set[str] = set()
        self.collect_words = collect_words
        self.value = ""
        self.words: list[str] = []

    def run(self) -> None:
        words = _Words() if self.collect_words else None
        self.value = self._until(_EOF, raw=False, words=words)
        if words is not None:
            self.words = words.finish()

    # -- scanning helpers -------------------------------------------------

    def _peek(self) -> str:
        return self.text[self.pos] if self.pos < self.length else _EOF

    def _next(self) -> str:
        if self.pos >= self.length:
            return _EOF
        ch = self.text[self.pos]
        self.pos += 1
        return ch

    def _at_eof(self) -> bool:
        return self.pos >= self.length

    def _lookup(self, name: str, *, strict: bool) -> tuple[str, bool]:
        self.used.add(name)
        if name in self.env:
            return self.env[name], True
        if strict:
            self.strict_unset.add(name)
        return "", False

    def _enter(self) -> None:
        # Each nesting level costs a few Python frames; refuse long before the
        # interpreter's recursion limit so callers only ever see ExpansionError.
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise _LimitError(f"variable expansions nested deeper than {MAX_NESTING} levels")

    def _nested(self, stop: str, *, raw: bool, missing: str) -> str:
        """Expand a nested word up to ``stop``, as processDollar does.

        Like BuildKit, a failure that ran into the end of the input is
        reported as the missing delimiter rather than the inner message.
        """
        self._enter()
        try:
            return self._until(stop, raw=raw, words=None)
        except _LimitError:
            raise
        except ExpansionError:
            if self._at_eof():
                raise ExpansionError(missing) from None
            raise
        finally:
            self.depth -= 1

    # -- the lexer proper (processStopOn and friends) ----------------------

    def _until(self, stop: str, *, raw: bool, words: _Words | None) -> str:
        """Expand until ``stop`` (consumed) or, if ``stop`` is empty, the end."""
        saved_raw = self.raw
        self.raw = raw
        try:
            out: list[str] = []
            text = self.text
            while self.pos < self.length:
                ch = text[self.pos]
                if stop and ch == stop:
                    self.pos += 1
                    return "".join(out)
                if ch == "$":
                    value = self._dollar()
                    out.append(value)
                    if words is not None:
                        # Unquoted expansion results are subject to splitting.
                        words.add_string(value)
                    continue
                if ch in ("'", '"'):
                    value = self._single_quote() if ch == "'" else self._double_quote()
                    out.append(value)
                    if words is not None:
                        words.add_raw(value)
                    continue
                self.pos += 1
                if ch == self.escape:
                    if self.raw:
                        out.append(ch)
                        if words is not None:
                            words.add_raw(ch)
                    if self.pos >= self.length:
                        break  # a trailing escape character is dropped
                    ch = text[self.pos]
                    self.pos += 1
                    if words is not None:
                        words.add_raw(ch)
                elif words is not None:
                    words.add_char(ch)
                out.append(ch)
            if stop:
                raise ExpansionError(
                    f"unexpected end of statement while looking for matching {stop}"
                )
            return "".join(out)
        finally:
            self.raw = saved_raw

    def _single_quote(self) -> str:
        # Everything up to the next quote is literal; nothing can escape it.
        start = self.pos + 1
        end = self.text.find("'", start)
        if end < 0:
            self.pos = self.length
            raise ExpansionError(
                "unexpected end of statement while looking for matching single-quote"
            )
        self.pos = end + 1
        return self.text[start:end]

    def _double_quote(self) -> str:
        self.pos += 1
        out: list[str] = []
        text = self.text
        escape = self.escape
        while True:
            if self.pos >= self.length:
                raise ExpansionError(
                    "unexpected end of statement while looking for matching double-quote"
                )
            ch = text[self.pos]
            if ch == '"':
                self.pos += 1
                return "".join(out)
            if ch == "$":
                out.append(self._dollar())
                continue
            self.pos += 1
            if ch == escape:
                if self.raw:
                    out.append(ch)
                # Only ", $ and the escape character itself can be escaped;
                # before anything else the escape character stays literal
                # (and, in raw mode, BuildKit emits it twice).
                if self.pos < self.length and text[self.pos] in ('"', "$", escape):
                    ch = text[self.pos]
                    self.pos += 1
            out.append(ch)

    def _name(self) -> str:
        text = self.text
        start = self.pos
        if start >= self.length:
            return ""
        first = text[start]
        end = start
        if first.isdecimal():
            # Positional parameters: the whole run of digits is the name.
            while end < self.length and text[end].isdecimal():
                end += 1
        elif first in _SPECIAL_PARAMS:
            end = start + 1
        else:
            while end < self.length and _is_name_char(text[end]):
                end += 1
        self.pos = end
        return text[start:end]

    def _dollar(self) -> str:
        self.pos += 1  # the '$'
        if self._peek() != "{":
            name = self._name()
            if not name:
                return "$"
            return self._lookup(name, strict=True)[0]

        self.pos += 1  # the '{'
        ch = self._peek()
        if ch == _EOF:
            raise ExpansionError("syntax error: missing '}'")
        if ch in ("{", "}", ":"):
            raise ExpansionError("syntax error: bad substitution")
        name = self._name()
        op = self._next()
        if op == "}":
            return self._lookup(name, strict=True)[0]
        if op == _EOF:
            raise ExpansionError("syntax error: missing '}'")
        if op == "/":
            return self._replace(name)

        modifier = op
        null_is_unset = op == ":"
        if null_is_unset:
            op = self._next()
            modifier += op
        elif op not in ("-", "+", "?", "#", "%"):
            raise ExpansionError(f"unsupported modifier ({modifier}) in substitution")

        # BuildKit expands the word before it looks at the variable, whatever
        # the modifier, so nested lookups happen (and can fail) regardless.
        word = self._nested("}", raw=op in ("#", "%"), missing="syntax error: missing '}'")
        # A default or alternative value means "unset is fine here".
        value, is_set = self._lookup(name, strict=op not in ("-", "+"))
        empty = not is_set or (null_is_unset and value == "")

        if op == "-":
            return word if empty else value
        if op == "+":
            return "" if empty else word
        if op == "?":
            if not is_set:
                raise ExpansionError(f"{name}: {word or 'is not allowed to be unset'}")
            if empty:
                raise ExpansionError(f"{name}: {word or 'is not allowed to be empty'}")
            return value
        if op in ("#", "%"):
            # A doubled operator asks for the longest match.  BuildKit checks
            # the already-expanded word, so a variable can supply it too.
            greedy = word.startswith(op)
            if greedy:
                word = word[1:]
            if op == "#":
                return self._trim_prefix(word, value, greedy)
            return self._trim_suffix(word, value, greedy)
        raise ExpansionError(f"unsupported modifier ({modifier}) in substitution")

    # -- pattern operations ------------------------------------------------

    def _replace(self, name: str) -> str:
        replace_all = self._peek() == "/"
        if replace_all:
            self.pos += 1
        pattern = self._nested("/", raw=True, missing="syntax error: missing '/' in ${}")
        replacement = self._nested("}", raw=True, missing="syntax error: missing '}'")
        value = self._lookup(name, strict=True)[0]

        glob = _compile_glob(pattern)
        ends = self._match_table(glob, value, greedy=True)
        if not replace_all:
            start = _first_start(ends, 0)
            if start < 0:
                return value
            # A single replacement is spliced in verbatim (no $-templates).
            return value[:start] + replacement + value[ends[start] :]
        return _replace_all(value, ends, replacement)

    def _trim_prefix(self, pattern: str, value: str, greedy: bool) -> str:
        end = self._match_table(_compile_glob(pattern), value, greedy)[0]
        return value[end:] if end >= 0 else value

    def _trim_suffix(self, pattern: str, value: str, greedy: bool) -> str:
        # As in BuildKit: reverse the value and the pattern, then trim a
        # prefix.  That turns "shortest suffix" into a leftmost search.
        return self._trim_prefix(_reverse_pattern(pattern), value[::-1], greedy)[::-1]

    def _match_table(self, glob: list[_Segment | None], value: str, greedy: bool) -> list[int]:
        cost = (len(value) + 1) * (len(glob) + 1)
        self.budget -= cost
        if self.budget < 0:
            raise _LimitError(
                f"pattern matching needs more than {MATCH_BUDGET} steps; pattern or value too large"
            )
        return _match_table(glob, value, greedy)


class _Segment(Record):
    """A run of fixed-width glob items (literals and ``?``) between stars."""

    __slots__ = ("lookahead", "width")

    def __init__(self, lookahead: re.Pattern[str], width: int) -> None:
        self.lookahead = lookahead
        self.width = width


def _compile_glob(pattern: str) -> list[_Segment | None]:
    """Translate a glob into segments separated by stars (``None``).

    Mirrors BuildKit's convertShellPatternToRegex: ``*`` is any run and ``?``
    any single character, neither crossing a newline (Go's ``.``); a
    backslash before ``}`` or ``/`` is dropped; a backslash before ``*``,
    ``?`` or ``\\`` makes it literal; any other backslash is an error.
    Consecutive stars are merged: they select the same match end.
    """
    items: list[_Segment | None] = []
    parts: list[str] = []

    def flush() -> None:
        if parts:
            # Quantifier-free, so this regex cannot backtrack.
            regex = re.compile("(?=" + "".join(parts) + ")")
            items.append(_Segment(regex, len(parts)))
            parts.clear()

    i = 0
    length = len(pattern)
    while i < length:
        ch = pattern[i]
        i += 1
        if ch == "*":
            flush()
            if not items or items[-1] is not None:
                items.append(None)
            continue
        if ch == "?":
            parts.append("[^\n]")
            continue
        if ch == "\\":
            following = pattern[i] if i < length else _EOF
            if following in ("}", "/"):
                continue
            if following not in ("*", "?", "\\"):
                shown = "at end of pattern" if following == _EOF else f"'\\{following}'"
                raise ExpansionError(
                    f"invalid pattern ({pattern}) in substitution: invalid escape {shown}"
                )
            i += 1
            ch = following
        parts.append(re.escape(ch))
    flush()
    return items


def _match_table(glob: list[_Segment | None], value: str, greedy: bool) -> list[int]:
    """For every start offset, where Go's leftmost-first match would end.

    Entry ``q`` is the end of the match that a backtracking matcher (and so
    Go's regexp, which promises the same answer) picks when the match starts
    at ``q``, or -1 when none starts there.  Built right to left one item at a
    time: a star picks the farthest (greedy) or nearest (lazy) continuation
    point that still completes, within the current line.  O(len(value) x
    len(glob)) with no backtracking.
    """
    n = len(value)
    after: list[int] = list(range(n + 1))  # the empty rest matches everywhere
    for item in reversed(glob):
        here = [-1] * (n + 1)
        if item is None:
            best = -1  # chosen continuation point for a star starting here
            for q in range(n, -1, -1):
                if q == n or value[q] == "\n":
                    best = q if after[q] >= 0 else -1
                elif after[q] >= 0 and (best < 0 or not greedy):
                    best = q
                if best >= 0:
                    here[q] = after[best]
        else:
            for found in item.lookahead.finditer(value):
                q = found.start()
                here[q] = after[q + item.width]
        after = here
    return after


def _first_start(ends: list[int], start: int) -> int:
    for q in range(start, len(ends)):
        if ends[q] >= 0:
            return q
    return -1


def _replace_all(value: str, ends: list[int], template: str) -> str:
    """Go's ``Regexp.ReplaceAllString`` over precomputed matches."""
    n = len(value)
    # next_start[q]: the leftmost match start at or after q.
    next_start = [-1] * (n + 2)
    for q in range(n, -1, -1):
        next_start[q] = q if ends[q] >= 0 else next_start[q + 1]

    out: list[str] = []
    last_end = 0
    search = 0
    while search <= n:
        start = next_start[search]
        if start < 0:
            break
        end = ends[start]
        out.append(value[last_end:start])
        # Go skips an empty match right after the previous match, so that a
        # pattern matching both "" and text does not replace twice.
        if end > last_end or start == 0:
            out.append(_expand_template(template, value[start:end]))
        last_end = end
        # Always advance by at least one character (Go's two branches for a
        # rune width of 1 or, at the very end, 0 come to the same thing here).
        search = search + 1 if search + 1 > end else end
    out.append(value[last_end:])
    return "".join(out)


def _expand_template(template: str, match: str) -> str:
    """Go's ``Regexp.Expand`` for a regexp whose only group is the match."""
    if "$" not in template:
        return template
    out: list[str] = []
    i = 0
    length = len(template)
    while True:
        dollar = template.find("$", i)
        if dollar < 0:
            out.append(template[i:])
            return "".join(out)
        out.append(template[i:dollar])
        i = dollar + 1
        if i < length and template[i] == "$":
            out.append("$")
            i += 1
            continue
        k = i
        brace = k < length and template[k] == "{"
        if brace:
            k += 1
        name_start = k
        while k < length and _is_name_char(template[k]):
            k += 1
        name = template[name_start:k]
        if not name or (brace and (k >= length or template[k] != "}")):
            out.append("$")  # malformed reference: Go keeps the '$' as text
            continue
        if brace:
            k += 1
        i = k
        # Group 0 is the whole match; "00" or any other name is no group.
        if name == "0":
            out.append(match)


def _reverse_pattern(pattern: str) -> str:
    """Reverse a glob, keeping each backslash pair in order (``a\\*c`` -> ``c\\*a``)."""
    tokens: list[str] = []
    i = 0
    last = len(pattern) - 1
    while i <= last:
        if pattern[i] == "\\" and i != last:
            tokens.append(pattern[i : i + 2])
            i += 2
        else:
            tokens.append(pattern[i])
            i += 1
    tokens.reverse()
    return "".join(tokens)
