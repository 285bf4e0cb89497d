"""What to lint and with which settings.

A document is linted when the client calls it a Dockerfile (languageId
`dockerfile` or `containerfile`) or when its name is one `stagelint check`
would pick up in a directory (`Containerfile`, `*.dockerfile`, ...).

Its settings are those of `stagelint check FILE`: the nearest
`.stagelint.toml` / `pyproject.toml` above the file, with the client's
settings (the `stagelint` key of `initializationOptions` or of
`workspace/didChangeConfiguration`) applied the way command-line options are.
The one difference: the server never runs a container engine to read a base
image's config (`resolve-base-config` is always off), because an editor must
never start buildah on a keystroke.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlparse

from stagelint.checker import Settings, settings_for
from stagelint.config import CONFIG_FILES, Config, ConfigError, find_config
from stagelint.files import is_containerfile

LANGUAGE_IDS = frozenset({"dockerfile", "containerfile"})
DEFAULT_NAME = "Containerfile"


def uri_to_path(uri: str) -> Path | None:
    """The local file behind a `file:` URI, or None for any other scheme."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if os.name == "nt" and len(path) > 2 and path[0] == "/" and path[2] == ":":
        path = path[1:]  # file:///C:/x -> C:/x
    if parsed.netloc and parsed.netloc != "localhost":
        path = f"//{parsed.netloc}{path}"  # a UNC path
    return Path(path) if path else None


def document_name(uri: str) -> str:
    """The name to lint a document as: its path, or for an unsaved buffer
    (`untitled:Untitled-1`) the last segment of the URI."""
    path = uri_to_path(uri)
    if path is not None:
        return str(path)
    parsed = urlparse(uri)
    tail = PurePosixPath(unquote(parsed.path or parsed.netloc or "")).name
    return tail or DEFAULT_NAME


def is_containerfile_document(uri: str, language_id: str) -> bool:
    if language_id.lower() in LANGUAGE_IDS:
        return True
    return is_containerfile(PurePosixPath(document_name(uri).replace("\\", "/")).name)


@dataclass(frozen=True)
class ClientSettings:
    """What the editor may set, under the key `stagelint`."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    unsafe_fixes: bool = False


def _section(options: Any) -> Mapping[str, Any] | None:
    """The `stagelint` table of the options, or the options themselves when
    they already look like it (some clients send the section unwrapped)."""
    if not isinstance(options, Mapping):
        return None
    inner = options.get("stagelint")
    if isinstance(inner, Mapping):
        return inner
    if any(key in options for key in ("select", "ignore", "unsafeFixes")):
        return options
    return None


def parse_client_settings(
    options: Any, current: ClientSettings | None = None
) -> tuple[ClientSettings | None, list[str]]:
    """Client settings from `initializationOptions` or a configuration
    change: (the new settings, or None when the options carry no `stagelint`
    section; the problems found). The section is the whole truth (a key left
    out is back to its default), but a bad value is reported and that key
    keeps its current value. Unknown keys are ignored: newer clients may
    send more."""
    section = _section(options)
    if section is None:
        return None, []
    current = current or ClientSettings()
    settings = ClientSettings()
    problems: list[str] = []
    lists: dict[str, tuple[str, ...]] = {"select": (), "ignore": ()}
    for key in lists:
        if key not in section:
            continue
        value = section[key]
        if isinstance(value, str):
            value = [value]
        if value is None:
            lists[key] = ()
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            # "SL201,SL204" in one string works too, as on the command line
            lists[key] = tuple(c.strip() for v in value for c in v.split(",") if c.strip())
        else:
            problems.append(f"stagelint.{key}: expected a list of strings, got {value!r}")
            lists[key] = getattr(current, key)
    settings = replace(settings, select=lists["select"], ignore=lists["ignore"])
    if "unsafeFixes" in section:
        value = section["unsafeFixes"]
        if not isinstance(value, bool):
            problems.append(f"stagelint.unsafeFixes: expected true or false, got {value!r}")
            value = current.unsafe_fixes
        settings = replace(settings, unsafe_fixes=value)
    return settings, problems


Fingerprint = tuple[tuple[str, int, int, int], ...]


def _fingerprint(directory: Path) -> Fingerprint:
    """Every configuration file that the search from `directory` could read,
    with its modification time, size and inode: cheap to take (a few stat
    calls), and it changes whenever the answer of `find_config` may."""
    found: list[tuple[str, int, int, int]] = []
    current = str(directory)  # strings, not Paths: this runs on every keystroke
    while True:
        for name in CONFIG_FILES:
            candidate = os.path.join(current, name)
            try:
                st = os.stat(candidate)
            except (OSError, ValueError):
                continue
            found.append((candidate, st.st_mtime_ns, st.st_size, st.st_ino))
        parent = os.path.dirname(current)
        if parent == current:
            return tuple(found)
        current = parent


@dataclass
class ConfigLookup:
    """The configuration for a directory, or why it could not be read."""

    config: Config
    error: str | None
    fingerprint: Fingerprint


@dataclass
class ConfigResolver:
    """`find_config`, re-read when a configuration file changes.

    `find_config` caches its answer for the life of the process, which suits
    a command but not a server: the user edits pyproject.toml and expects
    the next lint to follow it. So the search runs uncached, and its answer is
    kept only while the configuration files on the way up stay the same.
    """

    _cache: dict[Path, ConfigLookup] = field(default_factory=dict)
    _search_errors: set[str] = field(default_factory=set)

    def lookup(self, directory: Path) -> tuple[ConfigLookup, bool]:
        """(the lookup, whether it was just read rather than cached)."""
        try:
            resolved = directory.resolve()
            fingerprint = _fingerprint(resolved)
        except (OSError, RuntimeError, ValueError) as exc:
            error = f"{directory}: cannot search for configuration: {exc}"
            fresh = error not in self._search_errors  # tell the user once, not per keystroke
            self._search_errors.add(error)
            return ConfigLookup(Config(), error, ()), fresh
        cached = self._cache.get(resolved)
        if cached is not None and cached.fingerprint == fingerprint:
            return cached, False
        try:
            # __wrapped__: the same search as `stagelint check`, minus its cache
            found = ConfigLookup(find_config.__wrapped__(resolved), None, fingerprint)
        except ConfigError as exc:
            found = ConfigLookup(Config(), str(exc), fingerprint)
        except (OSError, ValueError) as exc:
            found = ConfigLookup(
                Config(), f"{resolved}: cannot read configuration: {exc}", fingerprint
            )
        if len(self._cache) > 512:  # many directories over a long session: start again
            self._cache.clear()
        self._cache[resolved] = found
        return found, True


@dataclass(frozen=True)
class DocumentSettings:
    settings: Settings
    unsafe_fixes: bool
    config_error: str | None = None
    # the error was read just now (worth telling the user); not part of what
    # the lint depends on, so left out of the comparison that reuses a lint
    fresh_error: bool = field(default=False, compare=False)


def document_settings(
    uri: str, client: ClientSettings, resolver: ConfigResolver
) -> DocumentSettings:
    """The settings `stagelint check` would use for this document (with the
    client's settings as its command-line options), never asking an engine."""
    path = uri_to_path(uri)
    config = Config()
    error: str | None = None
    fresh = False
    if path is not None:
        found, fresh = resolver.lookup(path.parent)
        config, error = found.config, found.error
    settings = settings_for(config, document_name(uri), select=client.select, ignore=client.ignore)
    settings = settings.replace(resolve_base_config=False)
    return DocumentSettings(settings, client.unsafe_fixes, error, fresh and error is not None)
