"""The evidence behind docs/decisions.md: where dockerfile-parse reads a file
differently from BuildKit, and stagelint's parser does not.

If dockerfile-parse ever fixes one of these, the test for that case fails and
the decision should be revisited.
"""

from __future__ import annotations

import io

import dockerfile
import pytest
from dockerfile_parse import DockerfileParser

from stagelint import parse

CASES = {
    "heredoc": "FROM a\nRUN <<EOF\necho hi\nEOF\nCMD x\n",
    "blank line in continuation": "FROM a\nRUN echo a \\\n\n  b\nCMD x\n",
    "trailing backslash at end of file": "FROM a\nRUN echo \\",
    "escaped backslash at end of line": "FROM a\nENV C x\\\\\nENV D y\n",
}


def _buildkit(text: str) -> list[tuple[str, int, int]]:
    return [(c.cmd.upper(), c.start_line, c.end_line) for c in dockerfile.parse_string(text)]


def _dockerfile_parse(text: str) -> list[tuple[str, int, int]]:
    parser = DockerfileParser(fileobj=io.BytesIO(text.encode()))
    return [
        (i["instruction"], i["startline"] + 1, i["endline"] + 1)
        for i in parser.structure
        if i["instruction"] != "COMMENT"
    ]


@pytest.mark.parametrize("case", sorted(CASES))
def test_dockerfile_parse_disagrees_with_buildkit_and_we_do_not(case: str) -> None:
    text = CASES[case]
    expected = _buildkit(text)
    assert _dockerfile_parse(text) != expected
    assert [(i.keyword, i.start_line, i.end_line) for i in parse(text).instructions] == expected


def test_dockerfile_parse_expands_default_syntax_wrongly() -> None:
    parser = DockerfileParser(fileobj=io.BytesIO(b"ARG V=1\nFROM a:${V:-2}\n"))
    assert parser.baseimage != "a:1"  # BuildKit reads a:1
