"""The back end and the pieces it writes with: RUN quoting, config, format detection."""

from __future__ import annotations

import pytest

from stagelint.migrate import detect_format
from stagelint.migrate.config_args import FLAGS, VALUED, config_lines
from stagelint.migrate.options import OptionError, parse
from stagelint.migrate.render import run_parts
from stagelint.migrate.stages import redeclared
from tests.migrate.helpers import body, run


def _config(*argv: str) -> list[str]:
    return config_lines(parse([*argv, "ctr"], VALUED, FLAGS))


def test_config_options_read_as_buildah_reads_them() -> None:
    assert _config("--cmd", "rg --version", "--entrypoint", "run.sh x") == [
        'CMD ["rg", "--version"]',
        'ENTRYPOINT ["/bin/sh", "-c", "run.sh x"]',
    ]
    assert _config("--label", "k=$v", "--workingdir", "/a/$b", "--env", "P=$PATH:/x") == [
        'LABEL k="\\$v"',
        "WORKDIR /a/\\$b",
        'ENV P="$PATH:/x"',
    ]
    assert _config("--healthcheck", "CMD test -d /", "--healthcheck-retries", "5") == [
        'HEALTHCHECK --interval=30s --timeout=30s --retries=5 CMD ["test", "-d", "/"]'
    ]
    with pytest.raises(OptionError, match="removing"):
        _config("--port", "80-")
    with pytest.raises(OptionError, match="--arch"):
        _config("--arch", "arm64")


def test_run_quoting() -> None:
    assert run_parts(["echo", "a b", "$HOME"])[1] == "echo 'a b' '$HOME'"
    assert run_parts(["sh", "-c", "a && b"])[1] == "a && b"
    flags, script, exec_form = run_parts(["printf", "a\nb"], ["K=v"], ["type=bind"])
    assert (flags, script) == ("--mount=type=bind ", None)
    assert exec_form == '["env", "K=v", "printf", "a\\nb"]'


def test_redeclared_config_sets_each_key_once() -> None:
    lines = ['ENV A="1"', 'CMD ["a"]', 'ENV A="2"', 'ENV B="$A"', 'CMD ["b"]', "EXPOSE 1"]
    assert redeclared(lines) == ['ENV A="2"', 'ENV B="$A"', 'CMD ["b"]', "EXPOSE 1"]


def test_unknown_base_config_is_a_note() -> None:
    result = run(
        "rt=$(buildah from localhost/unknown)\nb=$(buildah from localhost/b)\n"
        "m=$(buildah mount $rt)\nbuildah run -v $m:/t $b -- true\nbuildah commit $rt o\n"
    )
    assert any(line.startswith("# NOTE (stagelint migrate)") for line in body(result))
    assert [u.reason for u in result.untranslated] == [
        "the image config of localhost/unknown could not be read"
    ]


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("", "build.py", "python"),
        ("", "build.sh", "shell"),
        ("#!/usr/bin/env python3\n", "build", "python"),
        ("#!/bin/bash\n", "build", "shell"),
    ],
)
def test_detect_format(text: str, name: str, expected: str) -> None:
    assert detect_format(text, name) == expected


@pytest.mark.parametrize(
    ("value", "line"),
    [
        ("hello world", 'ENV A="hello world"'),
        ("pre$PATH:${HOME}", 'ENV A="pre$PATH:${HOME}"'),  # ENV expands these as buildah does
        ('$5 "cash"', 'ENV A="5 \\"cash\\""'),  # buildah: `$5` is the name `5`, unset
        ("$$ and ${B:-c}", 'ENV A="\\$ and B:-c"'),
        ("lone $", 'ENV A="lone \\$"'),
    ],
)
def test_env_values_store_what_buildah_stores(value: str, line: str) -> None:
    assert config_lines(parse(["--env", f"A={value}", "ctr"], VALUED, FLAGS)) == [line]
