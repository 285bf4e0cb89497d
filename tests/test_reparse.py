"""Incremental parsing: `parse(text, earlier)` must give exactly `parse(text)`.

The language server and the fixer hand the parser the tree of the previous
text, and the parser copies the nodes of the unchanged beginning and end
instead of reading them again. These tests apply chains of random edits
(characters, line breaks, continuations, heredoc markers and terminators,
comments, parser directives, CRLF, a byte-order mark) to realistic files and
to tricky ones, and compare every field of every node of the incremental
parse with a parse from scratch. A last test checks that the reuse happens:
an edit in the middle of a long file parses one instruction, not all.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

import stagelint.parser as parser_module
from stagelint.parser import parse
from stagelint.text import LineIndex, SourceMap
from stagelint.tree import Document

FIXTURES = Path(__file__).parent / "fixtures" / "realworld"

TRICKY = {
    "directives": (
        "# syntax=docker/dockerfile:1\n# escape=`\n# check=skip=all\nFROM a\nRUN x `\n  y\n"
    ),
    "bom-crlf": "\ufeffFROM a\r\nRUN b \\\r\n  c\r\n# note\r\nCMD d\r\n",
    "heredocs": (
        "FROM a\nRUN <<EOF\necho hi\nEOF\nCOPY <<-ONE <<'TWO' /dst\n\tone\n\tONE\ntwo\nTWO\n"
        "RUN cat <<EOF\nnever ends\n"
    ),
    "onbuild": "FROM a\nONBUILD RUN <<EOF\nx\nEOF\nONBUILD COPY --from=b /x /y\n",
    "continuations": (
        "FROM a\n# above\nRUN a \\\n# inside\n\n  b \\\n  c\n#\n# c1\n# c2\n\nLABEL k=v \\\n"
    ),
    "json-and-flags": (
        "FROM --platform=$BUILDPLATFORM a AS b\n"
        'RUN --mount=type=cache,target=/v ["sh", "-c", "x"]\n'
        'COPY --chown=1:1 --from=b /a /b\nENV A=1 B="2 3"\nHEALTHCHECK CMD ["x"\n'
    ),
    "late-directives": "# a comment\n# syntax=x\n# escape=`\nFROM a\nRUN b `\n  c\n",
    "garbage": "\x00\x01 FROM\n\\\n \\\n``\nRUN \\",
    "empty": "",
}

SNIPPETS = [
    "z", " ", "\n", "\\\n", " \\", "\\", "`", "`\n", "<<EOF\n", "EOF\n", "<<-X ", "\tX\n",
    "# c\n", "#\n", "# escape=`\n", "# syntax=x\n", "\r\n", "\r", "RUN x\n", "FROM b AS c\n",
    "ONBUILD ", "\ufeff", '["a", "b"]', "--mount=type=bind,from=b ", "\u00e9\U0001f600",
]  # fmt: skip


def dump(value: Any) -> Any:
    """Every field of a parse result, recursively, as plain tuples."""
    if value is None or isinstance(value, (str, int, bool)):
        return value
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(dump(v) for v in value))
    if isinstance(value, SourceMap):
        return ("SourceMap", tuple(value.segments()), value.length, value.to_source(value.length))
    if isinstance(value, LineIndex):
        starts = tuple(value.line_start(n) for n in range(1, value.line_count + 1))
        return ("LineIndex", starts, value.position(10**9))
    slots = [s for cls in type(value).__mro__ for s in getattr(cls, "__slots__", ())]
    return (type(value).__name__, tuple((s, dump(getattr(value, s))) for s in sorted(slots)))


def edited(text: str, rng: random.Random) -> str:
    """`text` with one random edit."""
    at = rng.randint(0, len(text))
    if text and rng.random() < 0.3:  # at a line start, where structure changes
        starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        at = rng.choice(starts)
    kind = rng.random()
    if kind < 0.45:
        return text[:at] + rng.choice(SNIPPETS) + text[at:]
    if kind < 0.8:
        return text[:at] + text[at + rng.randint(1, 12) :]
    lines = text.splitlines(keepends=True)
    if not lines:
        return rng.choice(SNIPPETS)
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i] = lines[j]
    return "".join(lines)


def corpus() -> dict[str, str]:
    texts = dict(TRICKY)
    for path in sorted(FIXTURES.glob("*")):
        texts[path.name] = path.read_text(encoding="utf-8")
    return texts


@pytest.mark.parametrize("name", sorted(corpus()))
def test_incremental_parse_equals_a_fresh_parse(name: str) -> None:
    text = corpus()[name]
    rng = random.Random(name)
    doc = parse(text)
    for step in range(60):
        new_text = edited(text, rng)
        incremental = parse(new_text, doc)
        fresh = parse(new_text)
        assert dump(incremental) == dump(fresh), f"{name}, edit {step}: {new_text!r}"
        assert incremental.to_source() == new_text
        # go on from the incremental tree, as an editor does keystroke after keystroke
        text, doc = new_text, incremental


def test_the_earlier_tree_is_left_as_it_was() -> None:
    text = FIXTURES.joinpath("python-app.Dockerfile").read_text(encoding="utf-8")
    doc = parse(text)
    before = dump(doc)
    middle = len(text) // 2
    parse(text[:middle] + "\nRUN inserted\n" + text[middle:], doc)
    assert dump(doc) == before


def _count_parsed_instructions(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls = [0]
    original = parser_module._Parser._instruction

    def counting(self: Any, *args: Any) -> int:
        calls[0] += 1
        return original(self, *args)

    monkeypatch.setattr(parser_module._Parser, "_instruction", counting)
    return calls


def test_an_edit_parses_only_the_instruction_it_touches(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = ["FROM base AS build"] + [f"RUN step {i} && make target{i}" for i in range(200)]
    text = "\n".join(lines) + "\n"
    doc = parse(text)
    calls = _count_parsed_instructions(monkeypatch)
    new_text = text.replace("make target100", "make target100x")
    result = parse(new_text, doc)
    assert calls[0] == 1
    assert dump(result) == dump(parse(new_text))
    # a new continuation joins the next line: two instructions become one
    calls[0] = 0
    joined = text.replace("make target100\n", "make target100 \\\n")
    result = parse(joined, doc)
    assert calls[0] == 1
    assert dump(result) == dump(parse(joined))


def test_a_new_escape_directive_parses_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "FROM a\nRUN x \\\n  y\nRUN z `\n  w\n"
    doc = parse(text)
    calls = _count_parsed_instructions(monkeypatch)
    result = parse("# escape=`\n" + text, doc)
    # with ` as the escape, `\` continues nothing: `  y` is an instruction of its own
    assert calls[0] == 4
    assert isinstance(result, Document)
    assert dump(result) == dump(parse("# escape=`\n" + text))


def test_comment_lines_that_become_directives() -> None:
    # Deleting the first line makes the next ones parser directives: the
    # earlier tree's comment nodes there must not be taken as they were.
    text = "# a comment\n# syntax=x\n# escape=`\nFROM a\nRUN b `\n  c\n"
    new_text = text.split("\n", 1)[1]
    result = parse(new_text, parse(text))
    assert [type(n).__name__ for n in result.nodes[:2]] == ["Directive", "Directive"]
    assert dump(result) == dump(parse(new_text))
