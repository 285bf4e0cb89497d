"""Word splitting as BuildKit's parser does it, with the offsets of each word.

Three splitters, each a re-expression of a BuildKit parser routine:
`split_flags` (the leading `--flag` words of an instruction),
`split_words` (ENV, LABEL, ARG arguments: quotes and escapes are kept in the
word), and `split_shell_words` (the raw shell-like split used to find heredoc
markers). Offsets are indices into the string given.
"""

from __future__ import annotations

from stagelint.records import Record
from stagelint.text import is_go_space


class Word(Record):
    __slots__ = ("end", "start", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end


def split_flags(line: str) -> tuple[list[Word], int]:
    """Split the leading `--flag[=value]` words off `line`.

    Returns the flag words (quotes removed, backslash escapes applied) and the
    offset where the remaining arguments start. A bare `--` ends the flags and
    is dropped.
    """
    words: list[Word] = []
    n = len(line)
    pos = 0
    while True:
        while pos < n and is_go_space(line[pos]):
            pos += 1
        if pos >= n:
            return words, n
        if not (line[pos] == "-" and pos + 1 < n and line[pos + 1] == "-"):
            return words, pos
        start = pos
        buf: list[str] = []
        quote = ""
        blank_ok = False
        while pos < n:
            ch = line[pos]
            if quote:
                if ch == quote:
                    quote = ""
                elif ch == "\\" and pos + 1 < n:
                    pos += 1
                    buf.append(line[pos])
                elif ch != "\\":
                    buf.append(ch)
                pos += 1
                continue
            if is_go_space(ch):
                break
            if ch in "'\"":
                quote = ch
                blank_ok = True
            elif ch == "\\":
                if pos + 1 < n:
                    pos += 1
                    buf.append(line[pos])
            else:
                buf.append(ch)
            pos += 1
        word = "".join(buf)
        if word == "--":
            if pos >= n:
                return words, n
            return words, pos
        if blank_ok or word:
            words.append(Word(word, start, pos))


def split_words(rest: str, escape: str) -> list[Word]:
    """BuildKit's parseWords: split on white space outside quotes, keeping the
    quotes and escape characters inside each word."""
    words: list[Word] = []
    n = len(rest)
    pos = 0
    in_word = False
    quote = ""
    blank_ok = False
    buf: list[str] = []
    start = 0
    while pos < n:
        ch = rest[pos]
        if not in_word:
            if is_go_space(ch):
                pos += 1
                continue
            in_word = True
            start = pos
        if quote:
            if ch == quote:
                quote = ""
            if ch == escape and quote != "'":
                if pos + 1 == n:
                    quote = ""
                    pos += 1
                    continue
                buf.append(ch)
                pos += 1
                ch = rest[pos]
            buf.append(ch)
            pos += 1
            continue
        if is_go_space(ch):
            in_word = False
            if blank_ok or buf:
                words.append(Word("".join(buf), start, pos))
            buf = []
            blank_ok = False
            pos += 1
            continue
        if ch in "'\"":
            quote = ch
            blank_ok = True
        if ch == escape:
            if pos + 1 == n:
                pos += 1
                continue
            buf.append(ch)
            pos += 1
            ch = rest[pos]
        buf.append(ch)
        pos += 1
    if in_word and (blank_ok or buf):
        words.append(Word("".join(buf), start, n))
    return words


def split_shell_words(line: str) -> list[Word]:
    """Split `line` into shell words, keeping quotes and backslashes as written
    (BuildKit's lexer with raw quotes and raw escapes, used to find heredocs)."""
    words: list[Word] = []
    n = len(line)
    pos = 0
    while pos < n:
        ch = line[pos]
        if is_go_space(ch):
            pos += 1
            continue
        start = pos
        while pos < n:
            ch = line[pos]
            if is_go_space(ch):
                break
            if ch == "\\":
                pos += 2
                continue
            if ch == "'":
                close = line.find("'", pos + 1)
                pos = n if close < 0 else close + 1
                continue
            if ch == '"':
                pos += 1
                while pos < n and line[pos] != '"':
                    pos += 2 if line[pos] == "\\" else 1
                pos += 1
                continue
            pos += 1
        pos = min(pos, n)
        words.append(Word(line[start:pos], start, pos))
    return words


def unquote(word: str) -> str:
    """Remove shell quotes and backslash escapes from a static word."""
    out: list[str] = []
    n = len(word)
    i = 0
    while i < n:
        ch = word[i]
        if ch == "'":
            close = word.find("'", i + 1)
            if close < 0:
                out.append(word[i + 1 :])
                break
            out.append(word[i + 1 : close])
            i = close + 1
        elif ch == '"':
            i += 1
            while i < n and word[i] != '"':
                if word[i] == "\\" and i + 1 < n and word[i + 1] in '"\\$`':
                    i += 1
                out.append(word[i])
                i += 1
            i += 1
        elif ch == "\\" and i + 1 < n:
            out.append(word[i + 1])
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)
