"""Find package manager invocations in a script and read their command lines.

``package_manager_calls`` turns every ``apt-get``/``dnf``/``apk``/``pip``/...
command (wrappers such as ``sudo`` stripped) into a :class:`PackageManagerCall`
with the normalised subcommand, the packages as written, and the facts rules
ask about: install root, non-interactive flag, cache disabled.  The
per-manager knowledge is in :mod:`stagelint.shell.package_manager_specs`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from stagelint.records import Record
from stagelint.shell.commands import SimpleCommand
from stagelint.shell.options import Option, ParsedArgs, parse_options
from stagelint.shell.package_manager_specs import MANAGERS, ManagerSpec
from stagelint.shell.script import Script
from stagelint.shell.words import Word, split_assignment

__all__ = ["PackageManagerCall", "identify_manager", "package_manager_calls"]

_PIP_RE = re.compile(r"pip[0-9]*(\.[0-9]+)?")
_PYTHON_RE = re.compile(r"python[0-9]*(\.[0-9]+)?")
_PYTHON_VALUE_OPTIONS = frozenset({"-c", "-m", "-W", "-X", "--check-hash-based-pycs"})
_FALSE_VALUES = frozenset({"", "0", "false", "no", "off"})
_EXPORTERS = frozenset({"export", "declare", "typeset"})


class PackageManagerCall(Record):
    """One package manager invocation (immutable by convention).

    ``manager`` is the tool (``pip`` for ``pip3`` and ``python3 -m pip``),
    ``family`` groups tools sharing packages and caches (``dnf`` covers
    dnf/yum/microdnf/tdnf, ``apt`` covers apt-get/apt/aptitude).
    ``subcommand`` is normalised (``zypper in`` -> ``install``, ``dnf
    update`` -> ``upgrade``, ``npm i`` -> ``install``; ``apk cache clean``,
    ``npm``/``yarn cache clean``, ``pip cache purge``, ``pnpm store prune``
    and ``gem cleanup`` -> ``clean``); ``subcommand_words`` are the words it
    was read from.  ``args`` are the operands after the subcommand and
    ``packages`` the same when the subcommand takes packages (version pins
    kept as written).  ``options`` are the option words as written.
    ``install_root`` is the static value (raw text when dynamic) of the
    install-root option (``--installroot``, ``--root``, ``-o Dir=``,
    ``--prefix``, ``--target``...) or of a ``DESTDIR=`` assignment.
    ``assume_yes`` is true when the call will not stop at a confirmation
    prompt: a yes option (``-y``, ``--assumeyes``, ``-n``, apt ``-qq``...),
    ``yes |`` feeding it, or a manager/subcommand that never prompts (apk,
    npm, yarn, pnpm, gem, pip except uninstall).  ``no_cache`` is true when
    the call keeps no download cache (``apk --no-cache``,
    ``pip --no-cache-dir``, ``PIP_NO_CACHE_DIR``).  ``command`` is the
    command with wrappers stripped.
    """

    __slots__ = (
        "args", "assume_yes", "command", "family", "install_root", "manager", "no_cache",
        "options", "packages", "parsed_options", "subcommand", "subcommand_words",
    )  # fmt: skip

    def __init__(
        self,
        manager: str,
        family: str,
        subcommand: str | None,
        packages: tuple[Word, ...],
        options: tuple[Word, ...],
        install_root: str | None,
        assume_yes: bool,
        no_cache: bool,
        command: SimpleCommand,
        args: tuple[Word, ...] = (),
        subcommand_words: tuple[Word, ...] = (),
        parsed_options: tuple[Option, ...] = (),
    ) -> None:
        self.manager = manager
        self.family = family
        self.subcommand = subcommand
        self.packages = packages
        self.options = options
        self.install_root = install_root
        self.assume_yes = assume_yes
        self.no_cache = no_cache
        self.command = command
        self.args = args
        self.subcommand_words = subcommand_words
        self.parsed_options = parsed_options

    def option(self, *names: str) -> Option | None:
        """The last occurrence of any of ``names`` (``-y``, ``--installroot``)."""
        found: Option | None = None
        for option in self.parsed_options:
            if option.name in names:
                found = option
        return found

    def has_option(self, *names: str) -> bool:
        """Whether any of ``names`` was given."""
        return self.option(*names) is not None

    def option_value(self, *names: str) -> str | None:
        """The static value given to the last of ``names``, if any."""
        option = self.option(*names)
        return option.value if option is not None else None


def identify_manager(command: SimpleCommand) -> tuple[str, int] | None:
    """The manager a command (wrappers already stripped) runs, and the index
    in ``argv`` where that manager's own arguments start."""
    name = command.name
    if name is None:
        return None
    if name in MANAGERS:
        return name, 1
    if _PIP_RE.fullmatch(name):
        return "pip", 1
    if _PYTHON_RE.fullmatch(name):
        parsed = parse_options(command.args, _PYTHON_VALUE_OPTIONS, stop_at_operand=True)
        for option in parsed.options:
            if option.name == "-c":
                return None
            if option.name == "-m":
                return ("pip", 1 + parsed.stop) if option.value == "pip" else None
    return None


def package_manager_calls(
    script: Script, env: Mapping[str, str] | None = None
) -> list[PackageManagerCall]:
    """Every package manager call in ``script``, in source order.

    ``env`` is the environment known to hold when the script starts (e.g. the
    Dockerfile's ``ENV``), consulted for variables like ``PIP_NO_CACHE_DIR``.
    ``export NAME=value`` commands earlier in the script are taken into
    account too, regardless of subshells.
    """
    exported: dict[str, str | None] = dict(env or {})
    yes_fed = _commands_fed_by_yes(script)
    calls: list[PackageManagerCall] = []
    for command in script.commands:
        effective = command.effective()
        if effective.name in _EXPORTERS:
            _record_exports(effective, exported)
            continue
        found = identify_manager(effective)
        if found is None:
            continue
        manager, first_arg = found
        spec = MANAGERS[manager]
        calls.append(
            _read_call(manager, spec, effective, first_arg, exported, id(command) in yes_fed)
        )
    return calls


def _read_call(
    manager: str,
    spec: ManagerSpec,
    command: SimpleCommand,
    first_arg: int,
    exported: Mapping[str, str | None],
    yes_fed: bool,
) -> PackageManagerCall:
    parsed = parse_options(command.argv[first_arg:], spec.takes_value)
    operands = list(parsed.operands)
    while operands and operands[0].value in spec.prefixes:
        operands.pop(0)
    subcommand: str | None = None
    subcommand_words: tuple[Word, ...] = ()
    if operands:
        first = operands[0].value
        second = operands[1].value if len(operands) > 1 else None
        if first is not None and second is not None and (first, second) in spec.two_word:
            subcommand = spec.two_word[(first, second)]
            subcommand_words = tuple(operands[:2])
        elif first is not None:
            subcommand = spec.aliases.get(first, first)
            subcommand_words = (operands[0],)
    args = tuple(operands[len(subcommand_words) or (1 if operands else 0) :])
    environment = dict(exported)
    environment.update((name, word.value) for name, word in command.assignments)
    return PackageManagerCall(
        manager=manager,
        family=spec.family,
        subcommand=subcommand,
        packages=args if subcommand in spec.package_subcommands else (),
        options=_option_words(parsed),
        install_root=_install_root(spec, parsed, command),
        assume_yes=yes_fed or _assume_yes(spec, parsed, subcommand),
        no_cache=_no_cache(spec, parsed, environment),
        command=command,
        args=args,
        subcommand_words=subcommand_words,
        parsed_options=parsed.options,
    )


def _option_words(parsed: ParsedArgs) -> tuple[Word, ...]:
    words: list[Word] = []
    for option in parsed.options:
        # A -qqy cluster is one word but three options.
        if not words or words[-1] is not option.word:
            words.append(option.word)
    return tuple(words)


def _config_pairs(spec: ManagerSpec, parsed: ParsedArgs) -> list[tuple[str, str]]:
    """``KEY=VALUE`` settings given through -o/--setopt, keys lower-cased."""
    pairs: list[tuple[str, str]] = []
    for option in parsed.options:
        if option.name in spec.config_options and option.value is not None:
            key, equals, value = option.value.partition("=")
            if equals:
                pairs.append((key.strip().lower(), value.strip()))
    return pairs


def _install_root(spec: ManagerSpec, parsed: ParsedArgs, command: SimpleCommand) -> str | None:
    root: str | None = None
    for option in parsed.options:
        if option.name in spec.root_options and option.value_raw is not None:
            root = option.value if option.value is not None else option.value_raw
    for key, value in _config_pairs(spec, parsed):
        if key in spec.config_root_keys:
            root = value
    if root is None:
        destdir = command.assignment("DESTDIR")
        if destdir is not None:
            root = destdir.value if destdir.value is not None else destdir.raw
    return root


def _truthy(value: str | None) -> bool:
    return value is not None and value.strip().lower() not in _FALSE_VALUES


def _assume_yes(spec: ManagerSpec, parsed: ParsedArgs, subcommand: str | None) -> bool:
    if spec.prompting is not None and subcommand not in spec.prompting:
        return True
    if any(option.name in spec.yes_options for option in parsed.options):
        return True
    if any(key in spec.config_yes_keys and _truthy(v) for key, v in _config_pairs(spec, parsed)):
        return True
    if spec.quiet_implies_yes:
        level = 0
        for option in parsed.options:
            if option.name in ("-q", "--quiet"):
                level = int(option.value) if option.value and option.value.isdigit() else level + 1
        return level >= 2
    return False


def _no_cache(spec: ManagerSpec, parsed: ParsedArgs, env: Mapping[str, str | None]) -> bool:
    if any(option.name in spec.no_cache_options for option in parsed.options):
        return True
    return any(_truthy(env.get(name)) for name in spec.no_cache_env)


def _record_exports(command: SimpleCommand, exported: dict[str, str | None]) -> None:
    if command.name != "export" and not any(w.value == "-x" for w in command.args):
        return  # declare/typeset without -x sets shell variables only
    for word in command.args:
        split = split_assignment(word)
        if split is not None:
            name, value = split
            exported[name] = value.value


def _commands_fed_by_yes(script: Script) -> set[int]:
    """ids of commands whose stdin is a pipe from ``yes`` (answering "y")."""
    fed: set[int] = set()
    for pipeline in script.pipelines:
        for previous, stage in zip(pipeline.stages, pipeline.stages[1:], strict=False):
            feeders = [command.effective() for command in previous]
            if (
                feeders
                and feeders[-1].name == "yes"
                and all(
                    word.value is not None and word.value.lower().startswith("y")
                    for word in feeders[-1].args
                )
            ):
                fed.update(id(command) for command in stage)
    return fed
