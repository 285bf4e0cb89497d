"""A getopt-like reading of command arguments, driven by tables of option names.

Command wrappers (``sudo -u x``), shells (``sh -ec``) and package managers
(``dnf --installroot /r install x``) all need the same thing: tell options
from operands, which requires knowing which options consume the next word.
Callers pass that set; everything else is a flag.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from stagelint.records import Record
from stagelint.shell.words import Word

__all__ = ["Option", "ParsedArgs", "parse_options"]

# An option spelled with a static prefix even if the rest is dynamic: --root=$R.
_OPTION_PREFIX_RE = re.compile(r"--?[A-Za-z0-9][A-Za-z0-9_.:-]*")


class Option(Record):
    """One option occurrence (immutable by convention).

    ``name`` is the option without its value (``--installroot``, ``-y``); a
    combined short cluster ``-qqy`` yields ``-q``, ``-q``, ``-y`` that share
    ``word``.  ``value`` is the static value of the option's argument
    (``--x=v``, ``-xv``, ``-x v``); ``value_raw`` the argument as written;
    ``value_word`` the separate word holding it, if any.
    """

    __slots__ = ("name", "value", "value_raw", "value_word", "word")

    def __init__(
        self,
        name: str,
        word: Word,
        value: str | None = None,
        value_raw: str | None = None,
        value_word: Word | None = None,
    ) -> None:
        self.name = name
        self.word = word
        self.value = value
        self.value_raw = value_raw
        self.value_word = value_word

    @property
    def has_value(self) -> bool:
        """Whether the option was given an argument."""
        return self.value_raw is not None


class ParsedArgs(Record):
    """Options and operands of an argument list (immutable by convention).

    ``stop`` is the index (into the words given) of the first word not
    consumed when parsing stopped at the first operand, else ``len(words)``.
    """

    __slots__ = ("operands", "options", "stop")

    def __init__(self, options: tuple[Option, ...], operands: tuple[Word, ...], stop: int) -> None:
        self.options = options
        self.operands = operands
        self.stop = stop

    def option(self, *names: str) -> Option | None:
        """The last occurrence of any of ``names`` (later options win)."""
        found: Option | None = None
        for option in self.options:
            if option.name in names:
                found = option
        return found

    def count(self, *names: str) -> int:
        """How many times any of ``names`` occurs."""
        return sum(1 for option in self.options if option.name in names)


def _spelling(word: Word) -> str | None:
    """The option text of a word, or None if it is an operand."""
    if word.value is not None:
        return word.value if word.value.startswith("-") and word.value != "-" else None
    if word.raw.startswith("-"):
        match = _OPTION_PREFIX_RE.match(word.raw)
        return match.group() if match else word.raw
    return None


def parse_options(
    words: Sequence[Word],
    takes_value: Collection[str],
    *,
    stop_at_operand: bool = False,
) -> ParsedArgs:
    """Split ``words`` into options and operands.

    ``takes_value`` lists option names (``-o``, ``--option``) that consume an
    argument, inline (``--option=v``, ``-ov``) or as the next word.  ``--``
    ends options.  With ``stop_at_operand`` parsing ends at the first operand
    (POSIX style, for wrappers whose command follows), else options and
    operands may be interleaved (GNU style).
    """
    options: list[Option] = []
    operands: list[Word] = []
    index, count = 0, len(words)
    while index < count:
        word = words[index]
        text = _spelling(word)
        if text == "--":
            index += 1
            if not stop_at_operand:
                operands.extend(words[index:])
                index = count
            break
        if text is None:
            if stop_at_operand:
                break
            operands.append(word)
            index += 1
            continue
        index += 1
        dynamic_tail = word.value is None
        if text.startswith("--") or (len(text) > 2 and text[2] == "="):
            # --name, --name=value, and apt's -q=2 / -o=Key=Value.
            name, equals, inline = text.partition("=")
            if not equals and dynamic_tail and "=" in word.raw:
                name, equals = text, "="
                inline = word.raw.partition("=")[2]
            if equals:
                if dynamic_tail:
                    options.append(Option(name, word, None, word.raw.partition("=")[2]))
                else:
                    options.append(Option(name, word, inline, inline))
            elif name in takes_value and index < count:
                value_word = words[index]
                index += 1
                options.append(Option(name, word, value_word.value, value_word.raw, value_word))
            else:
                options.append(Option(name, word))
            continue
        # A cluster of short options: -qqy, -ec, -t.deps, -ovalue.
        letters = text[1:]
        for position, letter in enumerate(letters):
            name = "-" + letter
            if name not in takes_value:
                options.append(Option(name, word))
                continue
            rest = letters[position + 1 :]
            if not rest and dynamic_tail and len(word.raw) > len(text):
                # -t$NAME: the dynamic remainder is the value.
                options.append(Option(name, word, None, word.raw[len(text) :]))
            elif rest:
                options.append(Option(name, word, None if dynamic_tail else rest, rest))
            elif index < count:
                value_word = words[index]
                index += 1
                options.append(Option(name, word, value_word.value, value_word.raw, value_word))
            else:
                options.append(Option(name, word))
            break
    return ParsedArgs(tuple(options), tuple(operands), index)
