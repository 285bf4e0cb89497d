"""Splitting a buildah command line into its options and operands.

Each subcommand lists the options it understands and which of them take a
value; anything else is reported, because guessing whether an unknown option
swallows the next word would silently shift every operand after it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

# Options of `buildah` itself, before the subcommand: they choose storage and
# logging, never what goes into the image.
GLOBAL_VALUE_OPTIONS = frozenset(
    {
        "--root",
        "--runroot",
        "--storage-driver",
        "--storage-opt",
        "--log-level",
        "--registries-conf",
        "--registries-conf-dir",
        "--short-name-alias-conf",
        "--userns-uid-map",
        "--userns-gid-map",
        "--cgroup-manager",
        "--default-mounts-file",
    }
)
GLOBAL_FLAGS = frozenset({"--debug"})


class Parsed(NamedTuple):
    """Options as `(name, value)` in order (value "" for flags), and operands."""

    options: tuple[tuple[str, str], ...]
    operands: tuple[str, ...]

    def values(self, *names: str) -> list[str]:
        return [value for name, value in self.options if name in names]

    def last(self, *names: str) -> str | None:
        found = self.values(*names)
        return found[-1] if found else None


class OptionError(ValueError):
    """An option the migration does not know; the message says which."""


def split_global(argv: Sequence[str]) -> tuple[str, ...]:
    """`argv` after `buildah`, without the global options: subcommand first."""
    index = 0
    while index < len(argv) and argv[index].startswith("-"):
        name = argv[index].split("=", 1)[0]
        if name in GLOBAL_VALUE_OPTIONS:
            index += 1 if "=" in argv[index] else 2
        elif name in GLOBAL_FLAGS:
            index += 1
        else:
            raise OptionError(f"unknown buildah option {argv[index]}")
    return tuple(argv[index:])


def parse(
    argv: Sequence[str],
    valued: Mapping[str, str],
    flags: Mapping[str, str],
    *,
    stop_at_operand: int | None = None,
) -> Parsed:
    """Parse `argv` (after the subcommand). `valued` and `flags` map every
    spelling (`-v`, `--volume`) to a canonical name. Options end at `--`, or
    once `stop_at_operand` operands were read (`buildah run CTR cmd -x`)."""
    options: list[tuple[str, str]] = []
    operands: list[str] = []
    index = 0
    while index < len(argv):
        word = argv[index]
        index += 1
        if stop_at_operand is not None and len(operands) >= stop_at_operand:
            operands.append(word)
            continue
        if word == "--":
            operands.extend(argv[index:])
            break
        if not word.startswith("-") or word == "-":
            operands.append(word)
            continue
        name, eq, value = word.partition("=")
        if name in valued:
            if not eq:
                if index >= len(argv):
                    raise OptionError(f"option {name} needs a value")
                value = argv[index]
                index += 1
            options.append((valued[name], value))
        elif name in flags:
            # `--pull=never`, `--rm=true`: a flag with an explicit value
            options.append((flags[name], value if eq else ""))
        else:
            raise OptionError(f"option {name} is not supported")
    return Parsed(tuple(options), tuple(operands))


def spellings(*groups: str) -> dict[str, str]:
    """`spellings("-v --volume", "--name")` -> every spelling to its last (long) form."""
    table: dict[str, str] = {}
    for group in groups:
        names = group.split()
        for name in names:
            table[name] = names[-1]
    return table
