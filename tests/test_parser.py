"""Unit tests of the lossless parser: structure, spans, positions, problems."""

from __future__ import annotations

import pytest

from stagelint import parse
from stagelint.tree import BlankLine, ByteOrderMark, Comment, Directive, Instruction


def only(text: str) -> Instruction:
    instructions = parse(text).instructions
    assert len(instructions) == 1
    return instructions[0]


def kinds(text: str) -> set[str]:
    return {p.kind for p in parse(text).problems}


def test_nodes_cover_the_text_in_order() -> None:
    text = (
        "\ufeff# syntax=docker/dockerfile:1\n# escape=\\\n\n"
        "# a comment\nFROM a\r\nRUN x \\\n  # inner\n  y\n"
    )
    doc = parse(text)
    assert doc.to_source() == text
    assert [type(n) for n in doc.nodes] == [
        ByteOrderMark, Directive, Directive, BlankLine, Comment, Instruction, Instruction
    ]  # fmt: skip
    assert [d.name for d in doc.directives] == ["syntax", "escape"]
    run = doc.instructions[1]
    assert run.args_text == "x   y"
    assert run.start_line == 6 and run.end_line == 8
    assert [x.is_comment for x in run.inner_lines] == [True]


def test_keyword_case_and_positions() -> None:
    doc = parse("from alpine AS build\n\tcopy --from=build /a /b")
    copy = doc.instructions[1]
    assert copy.keyword == "COPY"
    assert doc.position(copy.keyword_start) == (2, 2)
    flag = copy.flag("from")
    assert flag is not None and flag.value == "build"
    assert doc.source[flag.start : flag.end] == "--from=build"
    assert doc.source[flag.value_start : flag.value_end] == "build"
    assert doc.source[copy.args_start : copy.args_end] == "/a /b"
    assert copy.content_end == len(doc.source)


def test_args_map_points_into_continuation_lines() -> None:
    text = "FROM a\nRUN apt-get update \\\n # c\n  && apt-get install -y curl\n"
    run = parse(text).instructions[1]
    i = run.args_text.index("curl")
    start, end = run.args_span(i, i + 4)
    assert text[start:end] == "curl"


def test_flag_spans_across_lines() -> None:
    text = "FROM a\nRUN \\\n  --mount=type=cache,target=/root/.cache \\\n  pip install x\n"
    run = parse(text).instructions[1]
    mount = run.flag("mount")
    assert mount is not None
    assert text[mount.start : mount.end] == "--mount=type=cache,target=/root/.cache"
    assert run.args_text.strip() == "pip install x"


@pytest.mark.parametrize(
    ("text", "names", "contents"),
    [
        ("FROM a\nRUN <<EOF\necho hi\nEOF\n", ["EOF"], ["echo hi\n"]),
        ("FROM a\nRUN <<-EOF\n\techo hi\n\tEOF\n", ["EOF"], ["\techo hi\n"]),
        ("FROM a\nRUN <<'EOF'\n$x\nEOF\n", ["EOF"], ["$x\n"]),
        ("FROM a\nCOPY <<A <<B /dst/\na\nA\nb\nB\n", ["A", "B"], ["a\n", "b\n"]),
        ("FROM a\nRUN 3<<X cat /dev/fd/3\nx\nX\n", ["X"], ["x\n"]),
        ("FROM a\nRUN python3 <<EOF\r\nprint(1)\r\nEOF\r\n", ["EOF"], ["print(1)\r\n"]),
    ],
)
def test_heredocs(text: str, names: list[str], contents: list[str]) -> None:
    run = parse(text).instructions[1]
    assert [h.name for h in run.heredocs] == names
    assert [h.content for h in run.heredocs] == contents
    assert run.end == len(text)
    assert run.end_line == text.count("\n")
    for h in run.heredocs:
        assert text[h.body_start : h.body_end] == h.content
        assert h.terminated


def test_quoted_heredoc_does_not_expand() -> None:
    run = parse("FROM a\nRUN <<'EOF'\nx\nEOF\n").instructions[1]
    assert not run.heredocs[0].expand
    run = parse("FROM a\nRUN <<EOF\nx\nEOF\n").instructions[1]
    assert run.heredocs[0].expand


def test_heredoc_not_in_json_form_or_on_other_instructions() -> None:
    assert parse('FROM a\nRUN ["cat", "<<EOF"]\nEOF\n').instructions[1].heredocs == ()
    doc = parse("FROM a\nENV X <<EOF\nEOF\n")
    assert doc.instructions[1].heredocs == ()
    assert [i.keyword for i in doc.instructions] == ["FROM", "ENV", "EOF"]


def test_unterminated_heredoc_swallows_rest_and_is_reported() -> None:
    text = "FROM a\nRUN <<EOF\necho\nCMD x\n"
    doc = parse(text)
    assert doc.to_source() == text
    assert len(doc.instructions) == 2
    run = doc.instructions[1]
    assert not run.heredocs[0].terminated
    assert run.end == len(text)
    assert "unterminated-heredoc" in kinds(text)


def test_onbuild_trigger_and_its_heredoc() -> None:
    node = parse("FROM a\nONBUILD RUN <<EOF\necho\nEOF\n").instructions[1]
    assert node.trigger is not None and node.trigger.keyword == "RUN"
    assert node.heredocs[0].content == "echo\n"
    assert "invalid-arguments" in kinds("FROM a\nONBUILD FROM b\n")


def test_escape_directive_backtick() -> None:
    text = "# escape=`\nFROM a\nRUN dir c:\\ `\n  && echo ok\n"
    doc = parse(text)
    assert doc.escape == "`"
    assert doc.instructions[1].args_text == "dir c:\\   && echo ok"


def test_directive_only_at_top() -> None:
    doc = parse("FROM a\n# escape=`\nRUN x `\n")
    assert doc.escape == "\\"
    assert doc.directives == []


def test_directive_problems() -> None:
    assert "duplicate-directive" in kinds("# escape=`\n# escape=`\nFROM a\n")
    assert "invalid-directive" in kinds("# escape=x\nFROM a\n")


def test_escape_at_end_of_file() -> None:
    doc = parse("FROM a\nRUN echo \\")
    assert doc.instructions[1].args_text == "echo"
    assert doc.problems == []


def test_empty_continuation_is_a_warning_and_joins() -> None:
    doc = parse("FROM a\nRUN a \\\n\nRUN b\n")
    assert len(doc.instructions) == 2
    assert doc.instructions[1].args_text == "a RUN b"
    assert {p.kind for p in doc.problems} == {"empty-continuation"}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("FROM a\nRUNN x\n", "unknown-instruction"),
        ("FROM a\nCOPY --user=1 a b\n", "unknown-flag"),
        ("FROM a\nCOPY --chown=1 --chown=2 a b\n", "duplicate-flag"),
        ("FROM a\nCOPY --from a b\n", "flag-missing-value"),
        ("FROM a\nCOPY --link=maybe a b\n", "invalid-flag-value"),
        ("FROM a\nENV PATH\n", "invalid-arguments"),
        ("FROM a\nCOPY onlyone\n", "invalid-arguments"),
        ("FROM a b\n", "invalid-arguments"),
        ("FROM a AS 1st\n", "invalid-arguments"),
        ("FROM a\nSHELL /bin/bash -c\n", "invalid-arguments"),
        ('FROM a\nCMD ["a", ["b"]]\n', "invalid-json"),
        ("", "no-instructions"),
        ("# just a comment\n", "no-instructions"),
        ("RUN x\nFROM a\n", "no-stage"),
    ],
)
def test_problems(text: str, kind: str) -> None:
    assert kind in kinds(text)
    assert parse(text).to_source() == text


def test_repeatable_flags_are_not_duplicates() -> None:
    assert (
        kinds("FROM a\nRUN --mount=type=cache,target=/a --mount=type=cache,target=/b x\n") == set()
    )


def test_json_forms() -> None:
    cmd = parse('FROM a\nCMD ["sh", "-c", "echo"]\n').instructions[1]
    assert cmd.json and cmd.arguments == ("sh", "-c", "echo")
    cmd = parse("FROM a\nCMD [not json\n").instructions[1]
    assert not cmd.json and cmd.arguments == ("[not json",)


def test_env_key_values_and_spans() -> None:
    text = 'FROM a\nENV A=1 B="two words" \\\n    C=3\n'
    env = parse(text).instructions[1]
    assert [(kv.key, kv.value) for kv in env.key_values] == [
        ("A", "1"),
        ("B", '"two words"'),
        ("C", "3"),
    ]
    assert [text[kv.start : kv.end] for kv in env.key_values] == ["A=1", 'B="two words"', "C=3"]
    legacy = parse("FROM a\nENV A one two\n").instructions[1]
    assert [(kv.key, kv.value, kv.separator) for kv in legacy.key_values] == [("A", "one two", "")]


def test_crlf_tabs_and_no_final_newline() -> None:
    text = "FROM\ta\r\nRUN\techo \\\r\n\tb\r\nCMD x"
    doc = parse(text)
    assert doc.to_source() == text
    assert [i.args_text for i in doc.instructions] == ["a", "echo \tb", "x"]
    assert doc.instructions[1].content_end == text.index("\r\nCMD")


@pytest.mark.parametrize(
    "text",
    [
        "FROM a\n" + "RUN x \\\n" * 10_000 + "y\n",
        "FROM a\n" + "RUN <<EOF\nbody\nEOF\n" * 10_000,
        "FROM a\nRUN <<EOF\n" + "x\n" * 50_000,
        "\x00\x01\x02 binary \xff\ufffd" * 1000,
        "FROM a\n" + ("RUN " + "x" * 100 + "\n") * 90_000,  # ~9.5 MB
    ],
    ids=["10k-continuations", "10k-heredocs", "unterminated-50k", "binary", "9.5MB"],
)
def test_hostile_inputs_parse_and_round_trip(text: str) -> None:
    doc = parse(text)
    assert doc.to_source() == text


def _snapshot(node: Instruction) -> tuple[object, ...]:
    """Everything a node says about positions, resolved to plain values."""
    mapped = tuple(node.args_span(i, i + 1) for i in range(len(node.args_text) + 1))
    trigger = _snapshot(node.trigger) if node.trigger is not None else None
    return (
        node.start, node.end, node.content_end, node.start_line, node.end_line, node.keyword,
        node.keyword_start, node.keyword_end, node.flags, node.args_text, node.args_start,
        node.args_end, node.arguments, node.json, node.key_values, node.heredocs,
        node.inner_lines, node.comments, node.problems, node.text, mapped, trigger,
        node.args_map.segments(),
    )  # fmt: skip


def _check_offsets(source: str, node: Instruction) -> None:
    """Offsets that must point at the text they describe, whichever way the
    node was built."""
    assert source[node.keyword_start : node.keyword_end].upper() == node.keyword
    for f in node.flags:
        assert source[f.start : f.end].startswith("--" + f.name)
        assert source[f.value_start : f.value_end] == (f.value or "")
    for kv in node.key_values:
        assert source[kv.start : kv.end].startswith(kv.key)
    for i, char in enumerate(node.args_text):
        start, end = node.args_span(i, i + 1)
        assert source[start:end] == char
    if node.trigger is not None:
        _check_offsets(source, node.trigger)


def test_nodes_reused_after_an_edit_equal_fresh_ones() -> None:
    """The parser reuses the node of an unchanged instruction that an edit moved
    (editors re-lint on every keystroke): every offset must follow the move."""
    from stagelint import parser

    text = (
        "# escape=\\\\\nFROM alpine:3.20 AS build\n"
        "RUN --mount=type=cache,target=/var/cache/apk \\\\\n  # note\n  apk add curl\n"
        'LABEL a=1 b="two words"\nONBUILD RUN <<EOF\necho hi\nEOF\nCOPY --chown=1:1 ["a", "/b"]\n'
        "ENV legacy value here\nFROM scratch\nCOPY --from=build / /\n"
    )
    parse(text)  # warms the cache
    for edited in (text.replace("FROM alpine", "FROM  alpine"), "\n\n" + text, text + "RUN x\n"):
        doc = parse(edited)
        for node in doc.instructions:
            _check_offsets(edited, node)
        warm = [_snapshot(n) for n in doc.instructions]
        parser._NODE_CACHE.clear()
        fresh = [_snapshot(n) for n in parse(edited).instructions]
        assert warm == fresh
