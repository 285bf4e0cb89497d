"""Turning command-line paths into texts to lint, each with its configuration.

Shared by `check` and `fix`: directories are searched, `-` reads standard
input, and every unusable input becomes an `InputError` with a one-line
reason while the others are still processed.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from stagelint.config import Config, ConfigError, find_config, load_file
from stagelint.files import FileError, decode, discover, read_text


class Input(NamedTuple):
    name: str  # what messages call it
    source: str
    path: Path | None  # None for standard input
    config: Config


class InputError(NamedTuple):
    name: str
    message: str


def _config_for(path: Path, explicit: Config | None) -> Config:
    return explicit if explicit is not None else find_config(path.parent)


def load_explicit_config(path: Path | None) -> Config | None:
    """The file given with --config (an error when it holds no configuration)."""
    if path is None:
        return None
    found = load_file(path)
    if found is None:
        raise ConfigError(f"{path}: no [tool.stagelint] table")
    return found


def iter_inputs(
    paths: list[Path], *, stdin_filename: str | None, explicit: Config | None
) -> Iterator[Input | InputError]:
    files = [p for p in paths if str(p) != "-"]
    for found in discover(files):
        name = str(found.path)
        if found.error:
            yield InputError(name, found.error)
            continue
        try:
            source = read_text(found.path)
            config = _config_for(found.path, explicit)
        except (FileError, ConfigError) as exc:
            yield InputError(name, str(exc))
            continue
        yield Input(name, source, found.path, config)
    if len(files) != len(paths):
        name = stdin_filename or "-"
        try:
            source = decode(sys.stdin.buffer.read())
            base = Path(stdin_filename) if stdin_filename else Path.cwd() / "-"
            config = _config_for(base.absolute(), explicit)
        except (FileError, ConfigError) as exc:
            yield InputError(name, str(exc))
            return
        yield Input(name, source, None, config)
