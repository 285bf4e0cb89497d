"""Configuration files, per-file ignores, severity overrides and suppressions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from stagelint.checker import Settings, lint_source, selected_rules, settings_for
from stagelint.config import Config, ConfigError, find_config, load_file
from stagelint.rule import Rule, Severity

BAD = "FROM alpine:3.20\nRUNN x\nCOPY --user=1 a /b\n"


def codes(text: str, settings: Settings | None = None) -> list[str]:
    return [d.code for d in lint_source(text, "Containerfile", settings).diagnostics]


def test_pyproject_table_is_found_upwards(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.stagelint]\nignore = ["SL001"]\n')
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    find_config.cache_clear()
    cfg = find_config(sub)
    assert cfg.ignore == ("SL001",) and cfg.path == tmp_path / "pyproject.toml"


def test_dot_stagelint_wins_in_the_same_directory(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.stagelint]\nignore = ["SL001"]\n')
    (tmp_path / ".stagelint.toml").write_text('ignore = ["SL002"]\n')
    find_config.cache_clear()
    assert find_config(tmp_path).ignore == ("SL002",)


def test_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert load_file(tmp_path / "pyproject.toml") is None


def test_pyproject_that_never_names_stagelint_is_not_parsed(tmp_path: Path) -> None:
    # Not even read as TOML (start-up: most projects' pyproject.toml has no
    # stagelint table), so a syntax error in it is not stagelint's business.
    (tmp_path / "pyproject.toml").write_text("[project\nname = \n")
    assert load_file(tmp_path / "pyproject.toml") is None
    (tmp_path / "pyproject.toml").write_text("[tool.stagelint]\nselect = \n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_file(tmp_path / "pyproject.toml")


def test_pyproject_table_named_with_escapes_is_read(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool."st\\u0061gelint"]\nignore = ["SL001"]\n')
    cfg = load_file(tmp_path / "pyproject.toml")
    assert cfg is not None and cfg.ignore == ("SL001",)


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("selec = ['SL1']\n", "selec: unknown key"),
        ("ignore = 3\n", "ignore: expected a list of strings"),
        ("[severity]\nSL001 = 'loud'\n", "severity.SL001: expected one of"),
        ("rootfs-variant = 'other'\n", "rootfs-variant: expected one of"),
        ("not toml =\n", "invalid TOML"),
    ],
)
def test_config_errors_name_file_and_key(tmp_path: Path, content: str, fragment: str) -> None:
    path = tmp_path / ".stagelint.toml"
    path.write_text(content)
    with pytest.raises(ConfigError) as info:
        load_file(path)
    assert str(path) in str(info.value) and fragment in str(info.value)


def test_select_ignore_per_file_and_severity(tmp_path: Path) -> None:
    cfg = load_file(
        _write(
            tmp_path, "[per-file-ignores]\n'legacy/*' = ['SL002']\n[severity]\nSL001 = 'warning'\n"
        )
    )
    assert cfg is not None
    settings = settings_for(cfg, str(tmp_path / "legacy" / "Dockerfile"))
    result = lint_source(BAD, "legacy/Dockerfile", settings)
    assert [(d.code, d.severity) for d in result.diagnostics] == [("SL001", Severity.WARNING)]
    other = settings_for(cfg, str(tmp_path / "Dockerfile"))
    assert codes(BAD, other) == ["SL001", "SL002"]
    assert codes(BAD, settings_for(Config(), "x", select=["unknown-flag"])) == ["SL002"]
    assert codes(BAD, settings_for(Config(), "x", ignore=["SL00"])) == []


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / ".stagelint.toml"
    path.write_text(text)
    return path


@pytest.mark.parametrize(
    ("pragma", "remaining"),
    [
        ("# stagelint: ignore=SL001\n", ["SL002"]),
        ("# stagelint: ignore=unknown-instruction, SL002\n", ["SL002"]),
        ("# stagelint: ignore-file=SL0\n", []),
        ("# stagelint: ignore-file\n", []),
        ("# hadolint ignore=DL9999\n", ["SL001", "SL002"]),
    ],
)
def test_suppression_comments(pragma: str, remaining: list[str]) -> None:
    text = "FROM alpine:3.20\n" + pragma + "RUNN x\nCOPY --user=1 a /b\n"
    assert codes(text) == remaining


def test_next_instruction_only_and_blank_lines_between() -> None:
    text = "FROM alpine:3.20\n# stagelint: ignore=SL002\n\nCOPY --user=1 a /b\nCOPY --user=2 a /b\n"
    assert [d.start > text.index("--user=2") - 5 for d in lint_source(text, "x").diagnostics] == [
        True
    ]


def test_buildkit_check_skip_directive() -> None:
    text = "# check=skip=NoEmptyContinuation\nFROM alpine:3.20\nRUN a \\\n\n b\n"
    assert codes(text) == []
    assert codes(text.replace("# check=skip=NoEmptyContinuation\n", "")) == ["SL011"]
    assert codes("# check=skip=all\n" + text.split("\n", 1)[1]) == []


def test_hadolint_pragmas_use_aliases() -> None:
    text = "FROM alpine:3.20\n# hadolint ignore=NoEmptyContinuation\nRUN a \\\n\n b\n"
    assert codes(text) == []
    text = "# hadolint global ignore=NoEmptyContinuation\nFROM alpine:3.20\nRUN a \\\n\n b\n"
    assert codes(text) == []


def test_unknown_codes_in_our_pragmas_are_reported() -> None:
    text = "FROM alpine:3.20\n# stagelint: ignore=SL9999, SL001\nRUNN x\n"
    result = lint_source(text, "x")
    assert [d.code for d in result.diagnostics] == ["SL014"]
    d = result.diagnostics[0]
    assert text[d.start : d.end] == "SL9999"


def _rule(code: str, *, opt_in: bool = False) -> Rule:
    return Rule(
        code, f"rule-{code.lower()}", "s", Severity.INFO, lambda c, r: (), "", opt_in=opt_in
    )


def test_opt_in_rules_run_only_when_named_exactly() -> None:
    rules = [_rule("SL401"), _rule("SL441", opt_in=True)._replace(aliases=("DL1001",))]

    def chosen(**kw: tuple[str, ...]) -> list[str]:
        return [r.code for r in selected_rules(Settings(**kw), rules)]  # type: ignore[arg-type]

    assert chosen() == ["SL401"]
    assert chosen(select=("SL4",)) == ["SL401"]
    assert chosen(select=("ALL",)) == ["SL401"]
    assert chosen(select=("SL441",)) == ["SL441"]
    assert chosen(extend_select=("DL1001",)) == ["SL401", "SL441"]
    assert chosen(extend_select=("rule-sl441",), ignore=("SL4",)) == []


def test_extend_select_from_the_file_adds_to_a_command_line_select(tmp_path: Path) -> None:
    (tmp_path / ".stagelint.toml").write_text('extend-select = ["SL202"]\n')
    config = find_config(tmp_path)
    settings = settings_for(config, str(tmp_path / "Containerfile"), select=["SL201"])
    text = "FROM fedora:40\nRUN dnf install -y x\nRUN apt-get update\n"
    found = lint_source(text, "Containerfile", settings).diagnostics
    assert {d.code for d in found} == {"SL201", "SL202"}


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ('label-schema = { a = "colour" }', "label-schema.a: expected one of text, url"),
        ("strict-labels = 1", "strict-labels: expected true or false"),
        ("allowed-registries = 3", "allowed-registries: expected a list of strings"),
        ('shellcheck = "yes"', "shellcheck: expected true or false"),
        ('target-engine = "kaniko>=1"', "target-engine: 'kaniko>=1': unknown engine 'kaniko'"),
    ],
)
def test_rule_option_errors(tmp_path: Path, content: str, fragment: str) -> None:
    (tmp_path / ".stagelint.toml").write_text(content + "\n")
    with pytest.raises(ConfigError, match=re.escape(fragment)):
        load_file(tmp_path / ".stagelint.toml")


def test_rule_options_reach_the_rules(tmp_path: Path) -> None:
    (tmp_path / ".stagelint.toml").write_text(
        'allowed-registries = ["quay.io"]\nstrict-labels = true\n'
        '[label-schema]\n"org.opencontainers.image.source" = "url"\n'
    )
    (tmp_path / ".dockerignore").write_text("# comment\n*.md\n\n!README.md\n")
    settings = settings_for(find_config(tmp_path), str(tmp_path / "Containerfile"))
    assert settings.allowed_registries == ("quay.io",)
    assert settings.label_schema == (("org.opencontainers.image.source", "url"),)
    assert settings.strict_labels is True
    assert settings.context_ignore == ("*.md", "!README.md")
