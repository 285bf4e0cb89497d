"""Generated Containerfiles: we must round-trip them and read them exactly as
BuildKit's own Go parser does (the PyPI package `dockerfile` wraps it)."""

from __future__ import annotations

import dockerfile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stagelint import parse

# Problems BuildKit's parser itself raises (the rest come from later stages).
PARSER_ERRORS = {
    "unterminated-heredoc",
    "duplicate-directive",
    "invalid-directive",
    "invalid-json",
    "invalid-arguments",
    "no-instructions",
}

KEYWORDS = [
    "FROM",
    "RUN",
    "run",
    "Copy",
    "ADD",
    "ENV",
    "LABEL",
    "ARG",
    "CMD",
    "ENTRYPOINT",
    "WORKDIR",
    "USER",
    "EXPOSE",
    "VOLUME",
    "SHELL",
    "HEALTHCHECK",
    "ONBUILD",
    "STOPSIGNAL",
    "MAINTAINER",
    "FROBNICATE",
]
ARGS = [
    "alpine:3.19",
    "echo hi",
    "a=b c=d",
    "a b",
    '["a", "b"]',
    '[ "x" ]',
    "[]",
    '["a", 1]',
    "<<EOF",
    "<<-EOT cat",
    '<<"EOF"',
    "<<'E O'",
    "cat <<EOF > /f",
    "2<<X",
    "x=1 y='a b'",
    "--mount=type=cache,target=/c apt-get update",
    "--from=build /a /b",
    "'a b' \"c\"",
    "RUN echo nested",
    "CMD --interval=3s CMD true",
    "$HOME ${x:-y}",
    "--link . /",
    "--chown=1:1 src dst",
    "\\\\",
    "`",
    "x\\",
    "#notcomment",
    "\t tab",
    "é ü ☃",
]
LINES = st.one_of(
    st.builds(lambda k, a: f"{k} {a}", st.sampled_from(KEYWORDS), st.sampled_from(ARGS)),
    st.sampled_from(
        [
            "",
            "   ",
            "# comment",
            "  # indented",
            "\\",
            "EOF",
            "\tEOT",
            "EOT",
            "E O",
            "X",
            "echo body",
            "  continued",
            "'",
            "#",
            "\\ ",
            "` ",
        ]
    ),
    st.text(alphabet="ab \\`#<E\t\"'[]=-", max_size=12),
)


@st.composite
def containerfiles(draw: st.DrawFn) -> str:
    lines: list[str] = []
    if draw(st.booleans()):
        lines.append(
            draw(st.sampled_from(["# escape=`", "# escape=\\", "#syntax=x", "# check=skip=all"]))
        )
    lines.append("FROM base")
    lines += draw(st.lists(LINES, max_size=14))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join(lines)
    if draw(st.booleans()):
        text += newline
    if draw(st.booleans()):
        text = text.replace("\\", "\\" + draw(st.sampled_from([" ", "\t", ""])), 1)
    return text


def _oracle(text: str) -> list[dockerfile.Command] | None:
    try:
        return list(dockerfile.parse_string(text))
    except dockerfile.GoParseError:
        return None


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(containerfiles())
def test_agrees_with_buildkit(text: str) -> None:
    doc = parse(text)
    assert doc.to_source() == text
    expected = _oracle(text)
    if expected is None:
        assert {p.kind for p in doc.problems} & PARSER_ERRORS, (text, doc.problems)
        return
    got = doc.instructions
    assert [(i.keyword, i.start_line, i.end_line) for i in got] == [
        ((c.cmd or "").upper(), c.start_line, c.end_line) for c in expected
    ], text
    for ours, theirs in zip(got, expected, strict=True):
        if ours.keyword in ("ENV", "LABEL"):
            # the wrapper drops BuildKit's separator value from each pair
            assert tuple(v for kv in ours.key_values for v in (kv.key, kv.value)) == theirs.value
        elif ours.keyword != "ONBUILD":
            assert ours.arguments == theirs.value, text
        flags = tuple(
            "--" + f.name + ("" if f.value is None else "=" + f.value) for f in ours.flags
        )
        assert flags == theirs.flags, text
        assert ours.json == theirs.json, text
        assert [(h.name, h.content) for h in ours.heredocs] == [
            (h.name, h.content) for h in theirs.heredocs
        ], text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_round_trips_any_text(text: str) -> None:
    doc = parse(text)
    assert doc.to_source() == text
    spans = [(n.start, n.end) for n in doc.nodes]
    assert spans == sorted(spans)
    pos = 0
    for start, end in spans:
        assert start == pos
        pos = end
    assert pos == len(text)
