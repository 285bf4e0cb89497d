"""Linting never raises, whatever the input: every rule over generated files."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stagelint.checker import lint_source
from tests.test_oracle import containerfiles

RUNS = st.sampled_from(
    [
        "RUN --mount=type=bind,from=s0,target=/t,rw dnf --installroot=/t install -y x",
        "RUN --mount=type=cache,target=/c echo > /c/x && cat /c/x",
        "RUN apt-get update && apt-get install -y curl",
        "RUN rm -rf /var/lib/apt/lists/* /t/usr",
        "COPY --from=s0 / /t",
        "COPY --from=s1 /t /",
        "VOLUME /t",
        "RUN <<EOF\napk add x\nEOF",
        "RUN sh -c 'pip install x > /t/log'",
        'RUN ["sh", "-c", "zypper --root /t in -y x"]',
        "FROM s0",
        "FROM scratch AS s2",
        "ENV A=${B:-c}",
        "# stagelint: ignore=SL1",
    ]
)


@st.composite
def multistage(draw: st.DrawFn) -> str:
    lines = ["FROM a AS s0", "FROM b AS s1"]
    lines += draw(st.lists(RUNS, max_size=10))
    return "\n".join(lines) + "\n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(containerfiles(), multistage(), st.text(max_size=300)))
def test_lint_never_raises(text: str) -> None:
    result = lint_source(text, "Containerfile")
    for d in result.diagnostics:
        assert 0 <= d.start <= d.end <= len(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(containerfiles(), multistage()), st.booleans())
def test_fix_converges_and_never_breaks_the_syntax(text: str, unsafe: bool) -> None:
    from stagelint.checker import Settings
    from stagelint.fixer import fix_source, syntax_errors
    from stagelint.parser import parse

    settings = Settings(resolve_base_config=False)
    outcome = fix_source(text, "Containerfile", settings, unsafe=unsafe)
    assert outcome.converged
    assert syntax_errors(parse(outcome.source)) <= syntax_errors(parse(text))
    again = fix_source(outcome.source, "Containerfile", settings, unsafe=unsafe)
    assert again.source == outcome.source


def test_fuzz_finding_fix_converges_on_a_broken_script() -> None:
    """atheris found a file whose broken shell made a cleanup fix apply again
    every round: fixes are not offered for scripts that do not parse."""
    from pathlib import Path

    from stagelint.checker import Settings
    from stagelint.fixer import fix_source

    data = (Path(__file__).parent / "fixtures" / "fuzz-fix-did-not-converge.bin").read_bytes()
    text = data.decode("utf-8", errors="replace")
    outcome = fix_source(text, "Containerfile", Settings(resolve_base_config=False), unsafe=True)
    assert outcome.converged and outcome.rounds < 5


def test_fuzz_finding_dynamic_install_root_fix_settles() -> None:
    """atheris found this: SL207's cleanup for `--root /targ$et` was added on
    every round (the cleanup names a path only the shell knows)."""
    from stagelint.checker import Settings
    from stagelint.fixer import fix_source

    text = "FROM alpine:3.20 AS b\nRUN apk --root /targ$et add curl=1\n"
    text += "FROM scratch\nCOPY --from=b / /\n"
    outcome = fix_source(text, "Containerfile", Settings(resolve_base_config=False), unsafe=True)
    assert outcome.converged and outcome.source == text
