"""The exec form's JSON array: the fast reader for plain arrays must agree
with the json module on every input (it only answers for arrays of strings
without escapes and leaves the rest to json)."""

from __future__ import annotations

import json
import random

import pytest

from stagelint.arguments import NotStringArray, parse_json_array
from stagelint.text import go_trim_left

PIECES = ['"', "\\", "\\n", "\\u00e9", "\\ud83d", ",", " ", "\t", "\n", "\r", "\x0b", "\x01",
          "[", "]", "a", "b c", "é", "😀", "1", "null", "{}", "NaN", "'"]  # fmt: skip


def _reference(text: str) -> list[str] | type[NotStringArray] | None:
    """What the exec form is, by the json module alone (as before the fast path)."""
    text = go_trim_left(text)
    if not text.startswith("["):
        return None
    try:
        value = json.loads(text, parse_constant=lambda name: (_ for _ in ()).throw(ValueError()))
    except (ValueError, RecursionError):
        return None
    if not isinstance(value, list):
        return None
    if not all(isinstance(v, str) for v in value):
        return NotStringArray
    return value


def _ours(text: str) -> list[str] | type[NotStringArray] | None:
    try:
        return parse_json_array(text)
    except NotStringArray:
        return NotStringArray


def _arrays(count: int) -> list[str]:
    rng = random.Random(7)
    out = []
    for _ in range(count):
        strings = [
            "".join(rng.choices(PIECES, k=rng.randint(0, 4))) for _ in range(rng.randint(0, 3))
        ]
        text = "[" + ", ".join(f'"{s}"' for s in strings) + "]"
        if rng.random() < 0.5:  # mutate: drop, insert or duplicate a character
            i = rng.randrange(len(text) + 1)
            text = text[:i] + rng.choice(PIECES) + text[i + rng.randint(0, 1) :]
        out.append(text + rng.choice(["", " ", "\n", " x"]))
    return out


@pytest.mark.parametrize(
    "text",
    [
        '["a", "b c"]',
        "[]",
        " [ ]  ",
        '["a\\"b"]',
        '["a",]',
        "[1]",
        '["é", "😀"]',
        '["x"] y',
        '["\x01"]',
        '["a"]\t',
        '[\n"a"\n]',
        '["a" "b"]',
        '"a"',
        "[",
        '["a\\u00e9"]',
    ],
)
def test_exec_form_examples_agree_with_json(text: str) -> None:
    assert _ours(text) == _reference(text)


def test_exec_form_agrees_with_json_on_generated_arrays() -> None:
    texts = _arrays(3000)
    assert sum(isinstance(_reference(t), list) for t in texts) > 500  # many valid ones
    disagreements = [t for t in texts if _ours(t) != _reference(t)]
    assert disagreements == []
