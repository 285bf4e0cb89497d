"""Scripts of plain words, read without the shell parser.

Most RUN scripts are commands of plain words joined by ``&&``, ``;`` or
newlines, with at most a simple redirection (``apt-get update && apt-get
install -y curl && rm -rf /var/lib/apt/lists/*``, ``echo x > /etc/y``). For
those the tree-sitter parse and the walk over its tree, most of a batch
lint's time in the shell, find nothing a scan of the words cannot: there are
no quotes, expansions, pipelines, conditions, compound commands or nested
scripts. :func:`plain_script_commands` reads such a script directly and
returns ``None`` for anything else, which then takes the full parse. Both
must give the same commands for every script the scan accepts:
tests/test_shell_plain.py compares them on every RUN of the test corpus and
on generated scripts.
"""

from __future__ import annotations

import re

from stagelint.shell.commands import Redirect, SimpleCommand, descriptor
from stagelint.shell.nested import nested_script_words
from stagelint.shell.words import Word

__all__ = ["plain_script_commands"]

# One token at a time: a word (not a descriptor: `2>`) of characters that
# never quote, expand, brace-expand or comment (`*` and `?` glob, which the
# word records) with the blanks after it, a redirection operator (with its
# descriptor), blanks, a line continuation, an operator joining commands, or
# anything else (which sends the script to the parser).
_TOKEN = re.compile(
    r"(?P<word>(?![1-9]\d*>)[A-Za-z0-9_./:@%+,=*?-]+)[ \t]*"
    r"|(?P<redirect>(?:[1-9]\d*)?(?:>>|>&(?!-)|>(?![|(&]))|<(?![<>&(]))"
    r"|(?P<blank>[ \t]+)|(?P<cont>\\\n)|(?P<op>&&|;|\n)|(?P<other>.)",
    re.DOTALL,
)
_NAME = re.compile(r"[A-Za-z0-9_./:+,-]+")
# First words that make the command something else: syntax, or a declaration
# (`export A=b` is not a plain command to the parser). Elsewhere they are
# plain arguments (`zypper -n in gcc`).
_NOT_COMMANDS = frozenset(
    {
        "if", "then", "else", "elif", "fi", "case", "esac", "for", "select", "while",
        "until", "do", "done", "in", "function", "time", "coproc",
        "declare", "typeset", "export", "readonly", "local", "unset", "unsetenv",
    }
)  # fmt: skip


class _Command:
    """The command being read."""

    __slots__ = ("end", "redirects", "words")

    def __init__(self) -> None:
        self.words: list[Word] = []
        self.redirects: list[Redirect] = []
        self.end = -1  # of its last word or redirection target


def plain_script_commands(text: str) -> tuple[SimpleCommand, ...] | None:
    """The commands of `text` when it is plain commands joined by `&&`, `;`
    or newlines, in source order; ``None`` when it is anything else (or
    holds no command at all)."""
    if "==" in text or "+:" in text:
        # tree-sitter-bash misreads both, even in plain words: `x ==` at the
        # end is an error to it and `x == && y` one command; a command name
        # such as `a+:b` loses its first characters.
        return None
    commands: list[SimpleCommand] = []
    current = _Command()
    dangling = False  # the last command ended with `&&`: another must follow
    glued = False  # only continuations since the last word: a word next joins it
    redirect: tuple[str, int | None] | None = None  # operator still waiting for its target
    last = len(text.rstrip(" \t\n"))  # a continuation ending past it ends the script
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "word":
            if glued:
                return None  # `ec\<newline>ho`: one word, written in two pieces
            raw = match.group(kind)
            if raw == "-":
                return None  # tree-sitter-bash misreads a lone `-` (drops it, or fails)
            start = match.start()
            end = start + len(raw)
            glob = "*" in raw or "?" in raw
            word = Word(raw, start, end, None if glob else raw, raw)
            if redirect is None:
                current.words.append(word)
            else:
                current.redirects.append(Redirect(redirect[0], redirect[1], word))
                redirect = None
            current.end = end
        elif kind == "blank":
            glued = False
        elif kind == "cont":
            start = match.start()
            if redirect is not None or match.end() > last or text[start - 1 : start] == "\n":
                # Before a redirection's target; at the end, or with only
                # blank lines after it (an error to the parser); or starting
                # a line (tree-sitter-bash then joins the lines into one
                # command).
                return None
            glued = glued or current.end == start
        elif kind == "redirect":
            if redirect is not None or not current.words or current.end == match.start() or glued:
                return None  # no target, no command yet, or glued to a word (`a12>f`)
            token = match.group()
            digits = token.rstrip("<>&")
            fd = descriptor(digits) if digits else None
            if digits and (fd is None or "\\\n" in text[current.end : match.start()]):
                # A descriptor after a line continuation is a word to
                # tree-sitter-bash (`x\<newline> 2>f` runs `x 2` > f).
                return None
            redirect = (token[len(digits) :], fd)
        elif kind == "op":
            if redirect is not None:
                return None
            if current.words:
                if not _add(commands, current):
                    return None
                current = _Command()
                dangling = match.group() == "&&"
            elif match.group() != "\n":
                return None  # `&&` or `;` with no command before it
            glued = False
        else:
            return None
    if redirect is not None:
        return None
    if current.words:
        if not _add(commands, current):
            return None
        dangling = False
    if dangling or not commands:
        return None
    return tuple(commands)


def _add(commands: list[SimpleCommand], current: _Command) -> bool:
    words = current.words
    name = words[0].raw
    if name in _NOT_COMMANDS or not _NAME.fullmatch(name):
        # Syntax, a declaration, an assignment, or a name tree-sitter-bash
        # splits (`typescript@5.4`, `a?c`, `50%`: it takes the first
        # characters for a word of their own and reports an error).
        return False
    command = SimpleCommand(
        tuple(words), (), tuple(current.redirects), words[0].start, current.end, 0, False
    )
    if nested_script_words(command.effective()):
        return False  # `sh -c x`, `eval x`: a script inside, for the full parse
    commands.append(command)
    return True
