"""Configuration: `[tool.stagelint]` in pyproject.toml, or `.stagelint.toml`.

The nearest configuration file above a checked file wins (in one directory,
`.stagelint.toml` before `pyproject.toml`); command-line options override it.
Unknown keys and values of the wrong type are errors that name the file and
the key, never silently ignored.
"""

from __future__ import annotations

import contextlib
import fnmatch
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

from stagelint.records import Record
from stagelint.rule import Severity

CONFIG_FILES = (".stagelint.toml", "pyproject.toml")
VARIANTS = ("scratch", "from-base")
# The value kinds of `label-schema` (hadolint's names): what a label must hold.
LABEL_KINDS = ("text", "url", "hash", "rfc3339", "semver", "spdx", "email")


class ConfigError(Exception):
    """A configuration problem; the message names the file and the key."""


class Config(Record):
    """A configuration file's settings (defaults when there is none).

    A Record, not a dataclass (start-up cost, stagelint/records.py)."""

    __hash__ = None  # type: ignore[assignment]  # mutable: unhashable, as the dataclass was
    __slots__ = (
        "allowed_registries",
        "build_args",
        "extend_select",
        "extra",
        "ignore",
        "image_inspect",
        "label_schema",
        "path",
        "per_file_ignores",
        "resolve_base_config",
        "root",
        "rootfs_variant",
        "select",
        "severity",
        "shellcheck",
        "strict_labels",
        "target",
        "target_engine",
    )

    def __init__(
        self,
        select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
        extend_select: tuple[str, ...] = (),
        per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = (),
        severity: tuple[tuple[str, Severity], ...] = (),
        target: str | None = None,
        target_engine: str | None = None,
        build_args: tuple[tuple[str, str], ...] = (),
        rootfs_variant: str = "scratch",
        resolve_base_config: bool = True,
        image_inspect: tuple[str, ...] | None = None,
        allowed_registries: tuple[str, ...] = (),
        label_schema: tuple[tuple[str, str], ...] = (),
        strict_labels: bool = False,
        shellcheck: bool = False,
        path: Path | None = None,  # the file it came from
        root: Path | None = None,  # the directory of that file (for per-file globs)
        extra: Mapping[str, Any] | None = None,  # None: {}
    ) -> None:
        self.select = select
        self.ignore = ignore
        self.extend_select = extend_select
        self.per_file_ignores = per_file_ignores
        self.severity = severity
        self.target = target
        self.target_engine = target_engine
        self.build_args = build_args
        self.rootfs_variant = rootfs_variant
        self.resolve_base_config = resolve_base_config
        self.image_inspect = image_inspect
        self.allowed_registries = allowed_registries
        self.label_schema = label_schema
        self.strict_labels = strict_labels
        self.shellcheck = shellcheck
        self.path = path
        self.root = root
        self.extra: Mapping[str, Any] = {} if extra is None else extra

    def ignores_for(self, filename: str) -> tuple[str, ...]:
        """Rules ignored for `filename` by per-file-ignores."""
        path = Path(filename)
        if self.root is not None:
            with contextlib.suppress(ValueError, OSError):
                path = path.resolve().relative_to(self.root.resolve())
        posix = PurePosixPath(path.as_posix())
        out: list[str] = []
        for pattern, codes in self.per_file_ignores:
            if fnmatch.fnmatch(str(posix), pattern) or fnmatch.fnmatch(posix.name, pattern):
                out.extend(codes)
        return tuple(out)


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ConfigError(f"{where}: expected a list of strings, got {value!r}")


def _string(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{where}: expected a string, got {value!r}")
    return value


def _bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: expected true or false, got {value!r}")
    return value


def _table(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table, got {value!r}")
    return value


def parse_config(data: Mapping[str, Any], path: Path | None) -> Config:
    """Validate a `[tool.stagelint]` table."""
    name = str(path) if path else "<config>"
    cfg = Config(path=path, root=path.parent if path else None)
    for key, value in data.items():
        where = f"{name}: {key}"
        if key == "select":
            cfg = cfg.replace(select=_strings(value, where))
        elif key == "ignore":
            cfg = cfg.replace(ignore=_strings(value, where))
        elif key == "extend-select":
            cfg = cfg.replace(extend_select=_strings(value, where))
        elif key == "per-file-ignores":
            table = _table(value, where)
            cfg = cfg.replace(
                per_file_ignores=tuple(
                    (pattern, _strings(codes, f"{where}.{pattern}"))
                    for pattern, codes in table.items()
                ),
            )
        elif key == "severity":
            pairs: list[tuple[str, Severity]] = []
            for code, level in _table(value, where).items():
                try:
                    pairs.append((code, Severity(_string(level, f"{where}.{code}"))))
                except ValueError:
                    raise ConfigError(
                        f"{where}.{code}: expected one of error, warning, info, got {level!r}"
                    ) from None
            cfg = cfg.replace(severity=tuple(pairs))
        elif key in ("target", "target-stage"):
            cfg = cfg.replace(target=_string(value, where))
        elif key == "target-engine":
            from stagelint.engines import parse_target_engine  # only when configured

            try:
                parse_target_engine(_string(value, where))
            except ValueError as exc:
                raise ConfigError(f"{where}: {exc}") from None
            cfg = cfg.replace(target_engine=value)
        elif key == "build-args":
            table = _table(value, where)
            cfg = cfg.replace(
                build_args=tuple((k, _string(v, f"{where}.{k}")) for k, v in table.items()),
            )
        elif key == "rootfs-variant":
            variant = _string(value, where)
            if variant not in VARIANTS:
                raise ConfigError(
                    f"{where}: expected one of {', '.join(VARIANTS)}, got {variant!r}"
                )
            cfg = cfg.replace(rootfs_variant=variant)
        elif key == "image-inspect":
            cfg = cfg.replace(image_inspect=_strings(value, where))
        elif key == "resolve-base-config":
            cfg = cfg.replace(resolve_base_config=_bool(value, where))
        elif key == "allowed-registries":
            cfg = cfg.replace(allowed_registries=_strings(value, where))
        elif key == "label-schema":
            table = _table(value, where)
            for label, kind in table.items():
                if _string(kind, f"{where}.{label}") not in LABEL_KINDS:
                    raise ConfigError(
                        f"{where}.{label}: expected one of {', '.join(LABEL_KINDS)}, got {kind!r}"
                    )
            cfg = cfg.replace(label_schema=tuple(table.items()))
        elif key == "strict-labels":
            cfg = cfg.replace(strict_labels=_bool(value, where))
        elif key == "shellcheck":
            cfg = cfg.replace(shellcheck=_bool(value, where))
        else:
            raise ConfigError(f"{where}: unknown key (see docs/configuration.md)")
    return cfg


def load_file(path: Path) -> Config | None:
    """The configuration in `path`, or None for a pyproject.toml without one."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml" and not _may_configure_stagelint(text):
        return None  # most projects' pyproject.toml: skip loading the TOML parser
    import tomllib  # only when there is a file to read: most runs find none

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "stagelint" not in tool:
            return None
        return parse_config(_table(tool["stagelint"], f"{path}: tool.stagelint"), path)
    return parse_config(data, path)


def _may_configure_stagelint(text: str) -> bool:
    """Whether a pyproject.toml's text can hold a `tool.stagelint` table: the
    name must be spelled out, unless a quoted key writes it with escapes."""
    return "stagelint" in text or "\\u" in text.lower()


@lru_cache(maxsize=256)
def find_config(directory: Path) -> Config:
    """The nearest configuration at or above `directory` (defaults when none)."""
    current = directory.resolve()
    while True:
        for name in CONFIG_FILES:
            candidate = current / name
            if candidate.is_file():
                found = load_file(candidate)
                if found is not None:
                    return found
        if current.parent == current:
            return Config()
        current = current.parent
