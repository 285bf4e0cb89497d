"""What a script removes: ``rm`` operands and package-manager cache cleanups.

A "clean up after installing" rule needs to know whether, in the same layer,
the package manager's cache went away: either through the manager itself
(``apt-get clean``, ``dnf clean all``, ``apk cache clean``...) or by removing
the cache directory (``rm -rf /var/lib/apt/lists/*``), possibly under an
install root (``rm -rf /target/var/cache/dnf``).  :data:`CACHE_DIRS` says
where each family keeps its cache; everything else is generic.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from fnmatch import fnmatchcase
from functools import lru_cache

from stagelint.records import Record
from stagelint.shell.commands import SimpleCommand
from stagelint.shell.options import parse_options
from stagelint.shell.package_managers import PackageManagerCall, package_manager_calls
from stagelint.shell.script import Script
from stagelint.shell.words import Word

__all__ = [
    "CACHE_DIRS",
    "CleanupAction",
    "cleanup_actions",
    "is_cleanup",
    "path_covers",
    "rm_targets",
]

CACHE_DIRS: Mapping[str, tuple[str, ...]] = {
    "apt": ("/var/lib/apt/lists", "/var/cache/apt"),
    "dnf": ("/var/cache/dnf", "/var/cache/yum", "/var/cache/libdnf5"),
    "zypper": ("/var/cache/zypp",),
    "apk": ("/var/cache/apk", "/etc/apk/cache"),
    "pip": ("~/.cache/pip",),
    "npm": ("~/.npm",),
    "yarn": ("/usr/local/share/.cache/yarn", "~/.cache/yarn", "~/.yarn/berry/cache"),
    "pnpm": ("~/.local/share/pnpm/store", "~/.cache/pnpm", "~/.pnpm-store"),
    "gem": ("~/.gem", "~/.local/share/gem", "/usr/local/bundle/cache"),
    "bundler": ("/usr/local/bundle/cache", "~/.bundle/cache"),
}
"""Where each family keeps downloads; ``~`` is the user's home (``/root`` too)."""

# `clean` subcommands that only clean part of the cache need these operands.
_CLEAN_NEEDS: Mapping[str, frozenset[str]] = {"dnf": frozenset({"all"})}
_RM_RECURSIVE = frozenset({"-r", "-R", "--recursive"})
_HOME_RE = re.compile(r"^(?:\$HOME|\$\{HOME\})(?=/|$)")


class CleanupAction(Record):
    """One cache cleanup (immutable by convention).

    ``kind`` is ``"clean"`` (the manager's own command; ``call`` is set) or
    ``"rm"`` (``rm`` of a path covering ``path``, one of
    :data:`CACHE_DIRS`; ``target`` is the ``rm`` operand).
    ``install_root`` is the root the cleanup applies to (``None`` for ``/``).
    """

    __slots__ = ("call", "command", "family", "install_root", "kind", "path", "target")

    def __init__(
        self,
        family: str,
        kind: str,
        command: SimpleCommand,
        install_root: str | None,
        path: str | None = None,
        target: Word | None = None,
        call: PackageManagerCall | None = None,
    ) -> None:
        self.family = family
        self.kind = kind
        self.command = command
        self.install_root = install_root
        self.path = path
        self.target = target
        self.call = call


def is_cleanup(call: PackageManagerCall) -> bool:
    """Whether the call cleans its manager's cache (``dnf clean`` needs ``all``)."""
    if call.subcommand != "clean":
        return False
    needed = _CLEAN_NEEDS.get(call.family)
    return needed is None or any(word.value in needed for word in call.args)


def rm_targets(script: Script, *, recursive_only: bool = False) -> list[Word]:
    """Operands of every ``rm`` in the script (``sudo rm`` included).

    With ``recursive_only``, only those of ``rm -r``/``-R``/``--recursive``.
    """
    targets: list[Word] = []
    for command in script.commands_named("rm"):
        parsed = parse_options(command.args, ())
        if recursive_only and not any(o.name in _RM_RECURSIVE for o in parsed.options):
            continue
        targets.extend(parsed.operands)
    return targets


def _target_path(word: Word) -> str | None:
    """The word as a glob pattern with ``$HOME`` and ``/root`` read as ``~``."""
    pattern = word.pattern
    if pattern is None:
        home = _HOME_RE.match(word.raw)
        if home is None:
            return None
        rest = word.raw[home.end() :]
        if any(char in rest for char in "$`'\"\\{"):
            return None
        pattern = "~" + rest
    if pattern == "/root" or pattern.startswith("/root/"):
        pattern = "~" + pattern[len("/root") :]
    return pattern


def _components(path: str) -> list[str]:
    return [part for part in path.split("/") if part not in ("", ".")]


def _component_matches(pattern: str, name: str) -> bool:
    if "\\" not in pattern and not any(c in pattern for c in "*?["):
        return pattern == name
    # A leading unquoted * or ? never matches a dotfile.
    if name.startswith(".") and pattern[:1] in ("*", "?", "["):
        return False
    # Shell escapes (\*) become fnmatch brackets ([*]).
    translated = re.sub(
        r"\\(.)", lambda m: "[" + m.group(1) + "]" if m.group(1) in "*?[" else m.group(1), pattern
    )
    return fnmatchcase(name, translated)


@lru_cache(maxsize=8192)  # pure, and asked again for every RUN and rule
def path_covers(pattern: str, directory: str) -> bool:
    """Whether removing ``pattern`` (a shell glob, ``~`` allowed) removes
    ``directory`` or all of its contents (``dir``, ``dir/*``, a parent).

    Both must be absolute or both ``~``-relative.
    """
    if pattern.startswith("~") != directory.startswith("~"):
        return False
    parts = _components(pattern.lstrip("~"))
    wanted = _components(directory.lstrip("~"))
    if parts and parts[-1] in ("*", "**") and len(parts) == len(wanted) + 1:
        # dir/* empties dir: as good as removing it (dotfiles aside).  Higher
        # up, `*` is matched like any component (and skips dotfiles).
        parts = parts[:-1]
    if len(parts) > len(wanted):
        return False
    return all(_component_matches(p, w) for p, w in zip(parts, wanted, strict=False))


def _rm_cleanups(command: SimpleCommand, target: Word) -> list[CleanupAction]:
    path = _target_path(target)
    if path is None:
        return []
    return [
        CleanupAction(family, "rm", command, root or None, directory, target)
        for family, directory, root in _cache_dirs_covered(path)
    ]


@lru_cache(maxsize=4096)
def _cache_dirs_covered(path: str) -> tuple[tuple[str, str, str], ...]:
    """(family, cache directory, install root) for each cache directory that
    removing `path` cleans; the same paths come back in RUN after RUN."""
    found = []
    for family, directories in CACHE_DIRS.items():
        for directory in directories:
            root = _root_for(path, directory)
            if root is not None:
                found.append((family, directory, root))
    return tuple(found)


def _root_for(path: str, directory: str) -> str | None:
    """``""`` if ``path`` covers ``directory`` itself, the install root if it
    covers it under a root (``/r/var/cache/apk``), else ``None``."""
    if path_covers(path, directory):
        return ""
    if directory.startswith("~") or path.startswith("~"):
        return None
    parts = path.split("/")
    # Try every static prefix as the root; the rest must still name at least
    # two components of the cache path (so `rm -rf /tmp/var` is no cleanup).
    for cut in range(2, len(parts)):
        root = "/".join(parts[:cut])
        rest = "/" + "/".join(parts[cut:])
        if any(char in root for char in "*?[\\") or len(_components(rest)) < 2:
            continue
        if path_covers(rest, directory):
            return root.rstrip("/") or None
    return None


def cleanup_actions(
    script: Script, calls: Sequence[PackageManagerCall] | None = None
) -> list[CleanupAction]:
    """Every cache cleanup in the script: manager clean commands (see
    :func:`is_cleanup`) and ``rm`` of a cache directory, in source order.

    ``calls`` are the script's package-manager calls when the caller has them
    already (reading them again is most of the cost)."""
    actions: list[CleanupAction] = []
    for call in package_manager_calls(script) if calls is None else calls:
        if is_cleanup(call):
            actions.append(
                CleanupAction(call.family, "clean", call.command, call.install_root, call=call)
            )
    for command in script.commands_named("rm"):
        for target in parse_options(command.args, ()).operands:
            actions.extend(_rm_cleanups(command, target))
    actions.sort(key=lambda action: action.command.start)
    return actions
