"""How BuildKit splits the arguments of each instruction.

A re-expression of the per-keyword parse functions of BuildKit's Dockerfile
parser: the exec (JSON) form, white-space separated lists, ENV/LABEL
key-value pairs, ARG names, HEALTHCHECK and plain strings. Results are values
(what the build sees), not spans; errors are returned as messages.
"""

from __future__ import annotations

import re

from stagelint.records import Record
from stagelint.text import go_trim_left, is_go_space
from stagelint.words import Word, split_words

_WHITESPACE = re.compile(r"[\t\v\f\r ]+")
# The common exec form, `["a", "b"]` without escapes, read without the json
# module (importing it is a tenth of a cold `stagelint check`). JSON white
# space is these four characters; raw control characters are invalid JSON.
_JSON_SPACE = "[ \t\n\r]*"
_PLAIN_STRING = '"[^"\\\\\x00-\x1f]*"'
_PLAIN_ARRAY = re.compile(
    rf"\[{_JSON_SPACE}(?:{_PLAIN_STRING}{_JSON_SPACE}"
    rf"(?:,{_JSON_SPACE}{_PLAIN_STRING}{_JSON_SPACE})*)?\]{_JSON_SPACE}\Z"
)
_PLAIN_STRING_BODY = re.compile('"([^"\\\\\x00-\x1f]*)"')


class NotStringArray(ValueError):
    """The exec form is valid JSON but not a list of strings."""


def _reject_constant(name: str) -> object:
    # Go's encoding/json rejects NaN and Infinity; Python accepts them.
    raise ValueError(name)


def parse_json_array(rest: str) -> list[str] | None:
    """The exec form: a JSON array of strings, or None when `rest` is not JSON.

    Raises NotStringArray for valid JSON that is not an array of strings,
    which BuildKit reports as an error instead of falling back to shell form.
    """
    rest = go_trim_left(rest)
    if not rest.startswith("["):
        return None
    if _PLAIN_ARRAY.match(rest):
        return _PLAIN_STRING_BODY.findall(rest)
    import json  # escapes, numbers, objects, errors: the real decoder

    try:
        value = json.loads(rest, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        return None
    if not isinstance(value, list):
        return None
    if not all(isinstance(v, str) for v in value):
        raise NotStringArray("not a JSON array of strings")
    return value


class ParsedArgs(Record):
    __slots__ = ("error", "json", "pairs", "values")
    __hash__ = None  # type: ignore[assignment]  # mutable: unhashable, as the dataclass was

    def __init__(
        self,
        values: tuple[str, ...] = (),
        json: bool = False,
        pairs: tuple[tuple[str, str, str, int, int], ...] = (),  # key, value, sep, start, end
        error: str | None = None,
    ) -> None:
        self.values = values
        self.json = json
        self.pairs = pairs
        self.error = error


def _maybe_json(rest: str) -> ParsedArgs:
    if rest == "":
        return ParsedArgs()
    try:
        array = parse_json_array(rest)
    except NotStringArray:
        return ParsedArgs(values=(rest,), error="not-string-array")
    if array is not None:
        return ParsedArgs(values=tuple(array), json=True)
    return ParsedArgs(values=(rest,))


def _whitespace_list(rest: str) -> ParsedArgs:
    if rest == "":
        return ParsedArgs()
    return ParsedArgs(values=tuple(v for v in _WHITESPACE.split(rest) if v != ""))


def _maybe_json_to_list(rest: str) -> ParsedArgs:
    try:
        array = parse_json_array(rest)
    except NotStringArray:
        return ParsedArgs(values=(rest,), error="not-string-array")
    if array is not None:
        return ParsedArgs(values=tuple(array), json=True)
    return _whitespace_list(rest)


def _string(rest: str) -> ParsedArgs:
    return ParsedArgs(values=(rest,)) if rest else ParsedArgs()


def _name_val(rest: str, keyword: str, escape: str) -> ParsedArgs:
    words = split_words(rest, escape)
    if not words:
        if rest == "":
            return ParsedArgs()
        return ParsedArgs(error=f"{keyword} must have two arguments")
    if "=" not in words[0].text:
        # Legacy form `KEY name value`: the value is the rest of the line.
        parts = _WHITESPACE.split(rest, maxsplit=1)
        if len(parts) < 2:
            return ParsedArgs(error=f"{keyword} must have two arguments")
        key, value = parts
        return ParsedArgs(values=(key, value, ""), pairs=((key, value, "", 0, len(rest)),))
    values: list[str] = []
    pairs: list[tuple[str, str, str, int, int]] = []
    for word in words:
        if "=" not in word.text:
            return ParsedArgs(
                error=f"Syntax error - can't find = in {word.text!r}. "
                "Must be of the form: name=value"
            )
        key, value = word.text.split("=", 1)
        values += [key, value, "="]
        pairs.append((key, value, "=", word.start, word.end))
    return ParsedArgs(values=tuple(values), pairs=tuple(pairs))


def _names(rest: str, escape: str) -> ParsedArgs:
    words: list[Word] = split_words(rest, escape)
    return ParsedArgs(
        values=tuple(w.text for w in words),
        pairs=tuple((w.text, "", "", w.start, w.end) for w in words),
    )


def _healthcheck(rest: str) -> ParsedArgs:
    sep = 0
    n = len(rest)
    while sep < n and not is_go_space(rest[sep]):
        sep += 1
    nxt = sep
    while nxt < n and is_go_space(rest[nxt]):
        nxt += 1
    if sep == 0:
        return ParsedArgs()
    inner = _maybe_json(rest[nxt:])
    return ParsedArgs(values=(rest[:sep], *inner.values), json=inner.json, error=inner.error)


def parse_arguments(keyword: str, rest: str, escape: str) -> ParsedArgs:
    """Split `rest`, the arguments of `keyword` (upper-case), as BuildKit does.

    ONBUILD is handled by the parser itself (its argument is an instruction).
    BuildKit ignores the arguments of an unknown keyword (one empty value);
    its text stays available as `Instruction.args_text`.
    """
    if keyword in ("RUN", "CMD", "ENTRYPOINT", "SHELL"):
        return _maybe_json(rest)
    if keyword in ("ADD", "COPY", "VOLUME"):
        return _maybe_json_to_list(rest)
    if keyword in ("FROM", "EXPOSE"):
        return _whitespace_list(rest)
    if keyword in ("ENV", "LABEL"):
        return _name_val(rest, keyword, escape)
    if keyword == "ARG":
        return _names(rest, escape)
    if keyword == "HEALTHCHECK":
        return _healthcheck(rest)
    if keyword in ("MAINTAINER", "STOPSIGNAL", "USER", "WORKDIR"):
        return _string(rest)
    return ParsedArgs(values=("",))
