"""`buildah config` options as Containerfile instructions.

Each option maps to the instruction that sets the same image config key, with
buildah's own reading of the value: a non-JSON `--cmd` is split into words, a
non-JSON `--entrypoint` runs through `/bin/sh -c`, `--shell` is split
into words even when it is JSON, `--healthcheck` gets
buildah's default interval, timeout and retries. buildah expands `$VAR` in
`--env` values from the container's environment, as ENV does, but takes
labels and the working directory literally, so there `$` is escaped.
"""

from __future__ import annotations

import json
import re
import shlex

from stagelint.migrate.options import OptionError, Parsed, spellings

VALUED = spellings(
    "-e --env",
    "--entrypoint",
    "--cmd",
    "--workingdir",
    "-u --user",
    "-l --label",
    "-p --port",
    "-v --volume",
    "--stop-signal",
    "--shell",
    "--healthcheck",
    "--healthcheck-interval",
    "--healthcheck-retries",
    "--healthcheck-start-period",
    "--healthcheck-timeout",
    "--author",
    "--onbuild",
)
FLAGS = spellings("--add-history")

# What `buildah config --healthcheck` fills in when the option is not given.
_HEALTHCHECK_DEFAULTS = (
    ("--healthcheck-interval", "interval", "30s"),
    ("--healthcheck-timeout", "timeout", "30s"),
    ("--healthcheck-start-period", "start-period", ""),
    ("--healthcheck-retries", "retries", "3"),
)
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_.\-/]+")


def _literal(value: str) -> str:
    """A JSON string in which the builder expands no variable."""
    return json.dumps(value).replace("$", "\\$")


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SPECIAL = "*#$@!?-0123456789"
_LITERAL_DOLLAR = "\x00"  # stands for a `$` that must stay a `$`, until quoting


def _env_value(value: str) -> str:
    """A `--env` value as the quoted ENV value that stores the same string.

    buildah expands the value with Go's os.Expand: `$NAME` and `${NAME}` become
    the variable's value, as ENV does (measured: an unset name becomes the name
    itself, which ENV cannot say; that case stays a known difference). What ENV
    reads differently is kept literal here: `$` with a special character or a
    digit (`$5`, `$$`) becomes that character, `${...}` that is not a plain
    name (`${A:-b}`) becomes its inner text, a lone `$` stays `$`.
    """
    out: list[str] = []
    i = 0
    while i < len(value):
        char = value[i]
        if char != "$":
            out.append(char)
            i += 1
            continue
        rest = value[i + 1 :]
        if rest.startswith("{") and "}" in rest:
            inner = rest[1 : rest.index("}")]
            plain = _NAME.fullmatch(inner) is not None
            out.append("${" + inner + "}" if plain else inner.replace("$", _LITERAL_DOLLAR))
            i += len(inner) + 3
        elif rest[:1] and rest[0] in _SPECIAL:
            out.append(_LITERAL_DOLLAR if rest[0] == "$" else rest[0])
            i += 2
        elif (m := _NAME.match(rest)) is not None:
            out.append("$" + m.group(0))
            i += 1 + m.end()
        else:
            out.append(_LITERAL_DOLLAR)
            i += 1
    return json.dumps("".join(out)).replace("\\u0000", "\\$")


def _words(value: str) -> list[str]:
    """A `--cmd` value as buildah reads it: JSON, else shell words."""
    if value.lstrip().startswith("["):
        try:
            parsed = json.loads(value)
        except ValueError:
            raise OptionError(f"{value!r} is not a JSON list") from None
        if isinstance(parsed, list) and all(isinstance(v, str) for v in parsed):
            return parsed
        raise OptionError(f"{value!r} is not a JSON list of strings")
    return _split(value)


def _split(value: str) -> list[str]:
    try:
        return shlex.split(value)
    except ValueError as exc:
        raise OptionError(f"cannot split {value!r}: {exc}") from None


def _key_value(value: str, what: str) -> tuple[str, str]:
    key, eq, rest = value.partition("=")
    if not key or (key.endswith("-") and not eq):
        raise OptionError(f"removing a {what} ({value}) is not translated")
    return key, rest


def _key(key: str) -> str:
    return key if _PLAIN_KEY.fullmatch(key) else json.dumps(key)


def _healthcheck(parsed: Parsed, test: str) -> str:
    kind, _, command = test.strip().partition(" ")
    if kind.upper() == "NONE":
        return "HEALTHCHECK NONE"
    flags = ""
    for option, name, default in _HEALTHCHECK_DEFAULTS:
        value = parsed.last(option) or default
        if value:
            flags += f"--{name}={value} "
    if kind == "CMD":
        return f"HEALTHCHECK {flags}CMD {json.dumps(_words(command))}"
    if kind == "CMD-SHELL":
        return f"HEALTHCHECK {flags}CMD {command}"
    raise OptionError(f"healthcheck {test!r} is neither CMD, CMD-SHELL nor NONE")


def config_lines(parsed: Parsed) -> list[str]:
    """The instructions for one `buildah config` call, in a stable order."""
    lines: list[str] = []
    for name, value in parsed.options:
        if name == "--env":
            key, rest = _key_value(value, "variable")
            lines.append(f"ENV {key}={_env_value(rest)}")
        elif name == "--label":
            key, rest = _key_value(value, "label")
            lines.append(f"LABEL {_key(key)}={_literal(rest)}")
        elif name in ("--port", "--volume"):
            if value.endswith("-"):
                raise OptionError(f"removing {value[:-1]} ({name}) is not translated")
            lines.append(f"EXPOSE {value}" if name == "--port" else f"VOLUME [{_literal(value)}]")
        elif name == "--entrypoint":
            words = _words(value) if value.lstrip().startswith("[") else ["/bin/sh", "-c", value]
            lines.append(f"ENTRYPOINT {json.dumps(words)}")
        elif name == "--cmd":
            lines.append(f"CMD {json.dumps(_words(value))}")
        elif name == "--shell":  # always split into words, even when it looks like JSON
            lines.append(f"SHELL {json.dumps(_split(value))}")
        elif name == "--workingdir":
            lines.append(f"WORKDIR {_literal(value)[1:-1]}")
        elif name == "--user":
            lines.append(f"USER {value}")
        elif name == "--stop-signal":
            lines.append(f"STOPSIGNAL {value}")
        elif name == "--author":
            lines.append(f"MAINTAINER {value}")
        elif name == "--onbuild":
            lines.append(f"ONBUILD {value}")
        elif name == "--healthcheck":
            lines.append(_healthcheck(parsed, value))
    if parsed.operands[1:]:
        raise OptionError("buildah config takes one container")
    return lines
