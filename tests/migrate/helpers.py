"""Running `migrate` in unit tests: no engine, a fixed base image config."""

from __future__ import annotations

from stagelint.imageconfig import ImageConfig
from stagelint.migrate import Migration, migrate
from stagelint.parser import parse

RUNTIME = ImageConfig(
    env=("PATH=/usr/bin:/bin",), user="app", workdir="/srv/app", cmd=("sh",), labels=(("a", "b"),)
)


def resolve(image: str) -> ImageConfig | None:
    """`localhost/runtime` has a config, `localhost/unknown` none to read; others are empty."""
    if image == "localhost/unknown":
        return None
    return RUNTIME if image == "localhost/runtime" else ImageConfig()


def run(text: str, name: str = "build.sh") -> Migration:
    """Migrate `text`; the output must always parse without problems."""
    result = migrate(text, name, resolve=resolve)
    assert parse(result.text).problems == [], result.text
    return result


def body(result: Migration) -> list[str]:
    """The output's lines without the generated header and blank lines."""
    return [line for line in result.text.splitlines()[1:] if line]


def reasons(result: Migration) -> list[tuple[int, str]]:
    return [(u.at.line, u.reason) for u in result.untranslated]
