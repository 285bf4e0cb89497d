"""Which flags each instruction accepts, and BuildKit's checks on them.

BuildKit reads `--name=value` words off every instruction, then each
instruction rejects flags it does not know, repeats of single-valued flags,
string flags without a value and boolean flags with a non-boolean value.
"""

from __future__ import annotations

from enum import Enum

from stagelint.tree import Flag, Problem


class FlagKind(Enum):
    STRING = "string"
    BOOL = "bool"
    LIST = "list"  # may be repeated: --mount, --exclude


_S, _B, _L = FlagKind.STRING, FlagKind.BOOL, FlagKind.LIST

FLAG_SPECS: dict[str, dict[str, FlagKind]] = {
    "FROM": {"platform": _S},
    "RUN": {"mount": _L, "network": _S, "security": _S, "device": _L},
    "COPY": {
        "from": _S,
        "chown": _S,
        "chmod": _S,
        "link": _B,
        "parents": _B,
        "exclude": _L,
    },
    "ADD": {
        "chown": _S,
        "chmod": _S,
        "link": _B,
        "keep-git-dir": _B,
        "checksum": _S,
        "exclude": _L,
        "unpack": _B,
    },
    "HEALTHCHECK": {
        "interval": _S,
        "timeout": _S,
        "start-period": _S,
        "start-interval": _S,
        "retries": _S,
    },
}

_BOOL_VALUES = {"", "true", "false", "1", "0", "t", "f", "TRUE", "FALSE", "True", "False", "T", "F"}


def check_flags(keyword: str, flags: tuple[Flag, ...]) -> list[Problem]:
    """BuildKit's flag errors for `keyword`, as problems on each flag's span."""
    specs = FLAG_SPECS.get(keyword, {})
    problems: list[Problem] = []
    seen: set[str] = set()
    for flag in flags:
        kind = specs.get(flag.name)
        if kind is None:
            problems.append(
                Problem(
                    "unknown-flag",
                    f"unknown flag --{flag.name} for {keyword}"
                    + (f" (it accepts: {', '.join('--' + n for n in specs)})" if specs else ""),
                    flag.start,
                    flag.end,
                )
            )
            continue
        if kind is not FlagKind.LIST and flag.name in seen:
            problems.append(
                Problem("duplicate-flag", f"duplicate flag --{flag.name}", flag.start, flag.end)
            )
        seen.add(flag.name)
        if kind is FlagKind.BOOL:
            if flag.value is not None and flag.value not in _BOOL_VALUES:
                problems.append(
                    Problem(
                        "invalid-flag-value",
                        f"--{flag.name} expects a boolean value, not {flag.value!r}",
                        flag.start,
                        flag.end,
                    )
                )
        elif flag.value is None:
            problems.append(
                Problem(
                    "flag-missing-value",
                    f"--{flag.name} needs a value (--{flag.name}=...)",
                    flag.start,
                    flag.end,
                )
            )
    return problems
