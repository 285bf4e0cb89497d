"""Linting again with the previous lint: the same result as a fresh lint.

The language server and the fixer hand `lint_document` the lint of the
previous text, whose RUN analyses (script map, package-manager calls,
cleanups, path effects) the new model takes for every RUN that is the same
text under the same SHELL, ENV and escape character, moved. These tests
apply chains of random edits, the parser's and some that change what a RUN
sees (ENV, ARG, SHELL, the escape character) or move RUNs around, and
compare every finding and every RUN analysis with a lint from scratch.
"""

from __future__ import annotations

import random
from typing import Any

import pytest

from stagelint.checker import LintResult, Settings, lint_document, lint_source
from stagelint.model import Model
from stagelint.parser import parse
from tests.test_reparse import corpus, edited

SETTINGS = Settings(resolve_base_config=False)

# What changes the analyses of RUNs that are themselves left alone.
CONTEXT_EDITS = [
    "ENV PIP_NO_CACHE_DIR=1\n",
    "ENV DEBIAN_FRONTEND=noninteractive\n",
    "ARG APT=apt-get\n",
    'SHELL ["/bin/bash", "-o", "pipefail", "-c"]\n',
    'SHELL ["powershell", "-Command"]\n',
    "RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n",
    "RUN pip install flask\n",
    "FROM scratch AS extra\n",
]


def context_edited(text: str, rng: random.Random) -> str:
    lines = text.splitlines(keepends=True)
    at = rng.randrange(len(lines) + 1)
    return "".join([*lines[:at], rng.choice(CONTEXT_EDITS), *lines[at:]])


def analyses(result: LintResult) -> list[Any]:
    """Every RUN's analyses, as values to compare."""
    return [
        (
            step.instruction.start,
            step.script.kind,
            step.script.text,
            [(p.script, p.source, p.length, p.exact) for p in step.script.pieces],
            [
                step.script.span(s, e)
                for s in range(0, len(step.script.text) + 1, 7)
                for e in (s + 3,)
            ],
            step.package_calls,
            step.cleanups,
            step.effects,
        )
        for step in result.model.runs
    ]


def findings(result: LintResult) -> list[Any]:
    return [(d.code, d.start, d.end, d.message, d.fix) for d in result.diagnostics]


@pytest.mark.parametrize("name", sorted(corpus()))
def test_a_lint_with_the_previous_one_equals_a_fresh_lint(name: str) -> None:
    text = corpus()[name]
    rng = random.Random(f"relint {name}")
    result = lint_source(text, "Containerfile", SETTINGS)
    analyses(result)  # made, so that the next lint has them to take
    for step in range(40):
        new_text = context_edited(text, rng) if rng.random() < 0.3 else edited(text, rng)
        again = lint_document(parse(new_text, result.doc), "Containerfile", SETTINGS, result)
        fresh = lint_source(new_text, "Containerfile", SETTINGS)
        assert findings(again) == findings(fresh), f"{name}, edit {step}: {new_text!r}"
        assert analyses(again) == analyses(fresh), f"{name}, edit {step}: {new_text!r}"
        text, result = new_text, again


def test_unchanged_runs_take_the_earlier_analyses() -> None:
    runs = "".join(f"RUN apt-get install -y pkg{i} && echo done > /stamp{i}\n" for i in range(20))
    text = "FROM debian AS build\n" + runs
    first = lint_source(text, "Containerfile", SETTINGS)
    new_text = text.replace("pkg5 ", "pkg5x ")
    model = Model(parse(new_text, first.doc), earlier=first.model)
    # before any rule asked: the analyses of every RUN but the edited one are there
    taken = [i for i, step in enumerate(model.runs) if "effects" in step.__dict__]
    assert taken == [i for i in range(20) if i != 5]
    assert model.runs[4].effects == first.model.runs[4].effects  # before the edit: in place
    after, before = model.runs[6].effects[0], first.model.runs[6].effects[0]
    assert (after.start, after.end) == (before.start + 1, before.end + 1)  # after it: moved


def test_a_new_escape_character_is_not_the_same_run() -> None:
    # The RUN's text stays, moved by the directive; with a backtick as the
    # escape character, the backslash on the last line is not a continuation
    # any more but part of the script.
    text = "FROM a\nRUN echo x > /out \\\n"
    for before, after in ((text, "# escape=`\n" + text), ("# escape=`\n" + text, text)):
        first = lint_source(before, "Containerfile", SETTINGS)
        analyses(first)
        again = lint_document(parse(after, first.doc), "Containerfile", SETTINGS, first)
        fresh = lint_source(after, "Containerfile", SETTINGS)
        assert analyses(again) == analyses(fresh)
        assert findings(again) == findings(fresh)
