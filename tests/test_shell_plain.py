"""The plain-word scan of a script (stagelint/shell/plain.py) agrees with the
full parse (tree-sitter and the walk over its tree) on every script it takes.

`parse_script` uses the scan whenever it accepts a script, so the full parse
is called here directly (`_Walker`) to compare: on every RUN script of the
tests' Containerfiles, on the shell snippets of the shell parser's own tests,
and on scripts put together from words and operators chosen to hit the
corners where tree-sitter-bash reads text differently than one would guess.
"""

from __future__ import annotations

import random
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stagelint.parser import parse
from stagelint.shell import Script, parse_script
from stagelint.shell.plain import plain_script_commands
from stagelint.shell.script import _Walker
from tests import test_shell_script

TESTS = Path(__file__).parent

WORDS = [
    "apt-get", "install", "-y", "curl", "echo", "a", "x1", "0", "01", "2", "9", "10", "12",
    "in", "done", "then", "fi", "export", "time", "sh", "-c", "bash", "eval", "sudo", "env",
    "su", "-u", "A=b", "--opt=v", "x=", "=x", "/tmp/*", "a?", "*", "?", "50%", "u@h", "a:b",
    ":", ".", "-", "--", "+x", "a,b", "/dev/null", "rm", "-rf", "/var/lib/apt/lists/*",
    "nohup", "exec", "xargs", "chroot", "!", "{", "}", "'q'", '"d"', "$V", "#c", "~", "a~b",
    "[x]",
]  # fmt: skip
GAPS = [
    " ", " ", " ", "\t", " \\\n ", "\\\n", "\\\n\\\n", "", " && ", "&&", " \\\n&& ", " &&\n",
    " ; ", ";", ";\n", "\n", "\n\n", "\n\\\n", "\n \\\n", " || ", " | ", " & ", " > ", ">",
    " >> ", " 2>", " 0>", " 01>", " 12>", " 10>> ", " 2>&1 ", " >&2 ", " < ", "<", " >&- ",
    " &> ", " <<< ",
]  # fmt: skip


# Characters and short pieces, put together at random: finds what a list of
# whole words misses (`a+:b`, `x ==`, a descriptor after a continuation).
PIECES = [
    *"ab0129-=:%@.,/+*?_",
    " ",
    " ",
    "\t",
    "\n",
    ";",
    "&&",
    "\\\n",
    ">",
    ">>",
    "<",
    "2>",
    ">&",
]


def _full(text: str) -> Script:
    return _Walker(text).run()


def _agrees(text: str) -> bool:
    """Whether the scan, if it takes `text`, finds what the full parse finds."""
    commands = plain_script_commands(text)
    return commands is None or Script(text, commands, False) == _full(text)


def _assert_agrees_on(scripts: list[str], at_least: int) -> None:
    """The scan takes more than `at_least` of `scripts` (else the comparison
    means little) and finds what the full parse finds in each."""
    taken = {text: plain_script_commands(text) for text in scripts}
    found = [(text, commands) for text, commands in taken.items() if commands is not None]
    assert len(found) > at_least, (len(found), len(scripts))
    differ = [text for text, commands in found if Script(text, commands, False) != _full(text)]
    assert differ == []


def _containerfiles() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in TESTS.rglob("*.Dockerfile")]
    texts += [path.read_text(encoding="utf-8") for path in TESTS.rglob("Containerfile*")]
    for path in sorted((TESTS / "rules").glob("*.toml")):
        for cases in tomllib.loads(path.read_text(encoding="utf-8")).values():
            texts += [case["text"] for case in cases if "text" in case]
    return texts


def _run_scripts() -> list[str]:
    scripts: set[str] = set()
    for text in _containerfiles():
        for node in parse(text).instructions:
            if node.keyword != "RUN" or node.json:
                continue
            scripts.add(node.args_text)
            scripts.update(heredoc.content for heredoc in node.heredocs)
    scripts.update(text for text, _ in test_shell_script.COMMAND_CASES)
    return sorted(scripts)


def _composed(rng: random.Random) -> str:
    parts: list[str] = []
    for _ in range(rng.randint(1, 12)):
        parts.append(rng.choice(WORDS))
        parts.append(rng.choice(GAPS) if rng.random() < 0.5 else " ")
    if rng.random() < 0.5:
        parts.pop()
    return "".join(parts)


def test_agrees_on_every_run_script_of_the_tests() -> None:
    _assert_agrees_on(_run_scripts(), at_least=200)


def test_agrees_on_composed_scripts() -> None:
    rng = random.Random(20261129)
    _assert_agrees_on([_composed(rng) for _ in range(20_000)], at_least=1_000)


def test_agrees_on_scripts_of_random_characters() -> None:
    rng = random.Random(29)
    scripts = [
        "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 25))) for _ in range(60_000)
    ]
    _assert_agrees_on(scripts, at_least=2_000)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GAPS)), min_size=1, max_size=10))
def test_agrees_on_generated_scripts(pieces: list[tuple[str, str]]) -> None:
    assert _agrees("".join(word + gap for word, gap in pieces))


TAKEN = [
    "apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*",
    "echo step0 > /tmp/app0 \\\n && echo step1 >> /tmp/app1",
    "make 2>&1; make install\n\nls /usr/local/bin/*",
    "cmd < input 2>/dev/null",
    "zypper -n in gcc",  # keywords are plain arguments
    "su postgres",
]


@pytest.mark.parametrize("text", TAKEN)
def test_takes_plain_scripts(text: str) -> None:
    commands = plain_script_commands(text)
    assert commands is not None
    assert parse_script(text) == _full(text)


LEFT_TO_THE_PARSER = [
    "a | b",
    "a || b",
    "a & b",
    "echo $HOME",
    "echo 'quoted'",
    "echo a # comment",
    "export A=b",
    "A=b make",
    "if true; then x; fi",
    "sh -c make",  # a nested script
    "sudo eval make",
    "ec\\\nho x",  # one word written in two pieces
    "make \\\n",  # a continuation at the end: a syntax error to the parser
    "a\n\\\nb",  # tree-sitter-bash reads one command `a b`
    "a; \\\n\n",  # a continuation with only blank lines after it: an error there
    "x\\\n 2>f",  # tree-sitter-bash reads `2` as a word
    "x ==",  # an error to tree-sitter-bash
    "x == && y",  # one command to tree-sitter-bash
    "a+:b x",  # tree-sitter-bash drops `a+`
    "a && ",
    "&& a",
    "a ; ; b",
    "su - 2>x",  # tree-sitter-bash drops the `-`
    "echo 0>f",  # tree-sitter-bash reads `0` as a word, not a descriptor
    "echo 2<f",
    "typescript@5.4 x",  # tree-sitter-bash splits such a command name
    "echo x >",
    "echo a>f",
    "echo x >&-",
    "cat <<EOF\nx\nEOF",
    "echo ~/x",
    "echo {a,b}",
    "echo [ab]",
    "a\r\nb",
    "",
    "\n\n",
]


@pytest.mark.parametrize("text", LEFT_TO_THE_PARSER)
def test_leaves_the_rest_to_the_parser(text: str) -> None:
    assert plain_script_commands(text) is None
