"""Shared logic of the shell-in-RUN and USER rules (SL53x, SL55x, SL70x).

Most of these rules look at one simple command at a time (`sudo`, `wget`
without `--progress`, `useradd -u 123456`): `command_rule` builds such a rule
from a matcher, and maps what the matcher found back into the file. The rest
of the module answers questions several rules ask: which user an instruction
runs as, whether a shell command line turns on `pipefail`, and what is known
about the image a stage starts from (is it GNU userland with bash, or BusyBox).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from stagelint.lazyre import lazy_pattern
from stagelint.model import Model, RunStep, Stage
from stagelint.records import Record
from stagelint.rule import (
    Context,
    Diagnostic,
    Edit,
    Fix,
    FixAvailability,
    Rule,
    Severity,
)
from stagelint.tree import Instruction

if TYPE_CHECKING:
    from stagelint.shell import SimpleCommand, Word


class Hit(Record):
    """What a matcher found: a span in the RUN's script, a message, a fix."""

    __slots__ = ("end", "fix", "message", "start")

    def __init__(self, start: int, end: int, message: str, fix: Fix | None = None) -> None:
        self.start = start
        self.end = end
        self.message = message
        self.fix = fix


Matcher = Callable[[Model, RunStep, "SimpleCommand"], "Hit | None"]


def run_commands(model: Model) -> Iterator[tuple[RunStep, SimpleCommand]]:
    """Every simple command of every RUN whose script is shell, in order."""
    for step in model.runs:
        script = step.script.script
        if script is None:
            continue
        for command in script.commands:
            yield step, command


def command_rule(
    doc: str | None,
    *,
    code: str,
    name: str,
    summary: str,
    severity: Severity,
    aliases: tuple[str, ...],
    match: Matcher,
    fix: FixAvailability = FixAvailability.NONE,
    fix_title: str | None = None,
    opt_in: bool = False,
) -> Rule:
    """A rule reporting each command of a RUN script that `match` accepts."""

    def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
        for step, command in run_commands(ctx.model):
            hit = match(ctx.model, step, command)
            if hit is not None:
                start, end = step.script.span(hit.start, hit.end)
                yield rule.diagnostic(start, end, hit.message, hit.fix)

    return Rule(code, name, summary, severity, check, doc or "", fix, aliases, fix_title, opt_in)


def word_edit(step: RunStep, start: int, end: int, content: str, expect: str) -> Edit | None:
    """An edit replacing script [start, end) by `content`, or None when the
    file text there does not match the regular expression `expect` (a word
    inside a double-quoted `sh -c` string maps back only approximately)."""
    run = step.script
    if run.kind not in ("shell", "heredoc") or run.script is None or run.script.has_errors:
        return None
    file_start, file_end = run.span(start, end)
    if not re.fullmatch(expect, step.instruction.source[file_start:file_end]):
        return None
    return Edit(file_start, file_end, content)


def insert_after_word(step: RunStep, word: Word, text: str) -> Edit | None:
    """An edit adding ` text` right after `word` (a static command name)."""
    checked = word_edit(step, word.start, word.end, word.raw, re.escape(word.raw))
    return Edit(checked.end, checked.end, " " + text) if checked is not None else None


# -- users ----------------------------------------------------------------


class UserSetting(Record):
    __slots__ = ("group", "instruction", "user")

    def __init__(
        self,
        instruction: Instruction,
        user: str,  # the user part, expanded; may still hold `$` when unresolved
        group: str | None,
    ) -> None:
        self.instruction = instruction
        self.user = user
        self.group = group


def user_settings(model: Model, stage: Stage) -> list[UserSetting]:
    """The USER instructions `stage` inherits and has, oldest first."""
    found: list[UserSetting] = []
    for member in [*reversed(stage.ancestors()), stage]:
        for node in member.instructions:
            if node.keyword != "USER" or not node.arguments:
                continue
            value = model.expand(node, node.arguments[0]).value
            user, colon, group = value.partition(":")
            found.append(UserSetting(node, user, group if colon else None))
    return found


def user_at(model: Model, node: Instruction) -> UserSetting | None:
    """The last USER in effect before `node` (None: the base image's user)."""
    stage = model.stage_of(node)
    if stage is None:
        return None
    earlier = [u for u in user_settings(model, stage) if u.instruction.start < node.start]
    return earlier[-1] if earlier else None


def is_root(user: str) -> bool:
    return user in ("root", "0")


# -- shell options --------------------------------------------------------


def sets_pipefail(words: Sequence[str | None]) -> bool:
    """Do these shell arguments (`-o pipefail`, `-eo pipefail`, `-euxo
    pipefail`), read up to the first operand or `-c`, turn pipefail on?"""
    for index, word in enumerate(words):
        if word is None or not word.startswith(("-", "+")) or word in ("-", "--"):
            return False
        following = words[index + 1] if index + 1 < len(words) else None
        if word.startswith("-") and word.endswith("o") and following == "pipefail":
            return True
        if word.startswith("-") and "c" in word[1:] and not word.startswith("--"):
            return False  # the next word is the script
    return False


# -- what the base image is ------------------------------------------------

# Official Docker images whose userland is GNU with bash at /bin/bash, unless
# their tag says otherwise (`-alpine`, Windows variants).
_GNU_IMAGES = frozenset((
    "debian", "ubuntu", "fedora", "centos", "rockylinux", "almalinux", "amazonlinux",
    "oraclelinux", "archlinux", "buildpack-deps", "python", "node", "golang", "ruby", "rust",
    "openjdk", "eclipse-temurin", "maven", "gradle", "php", "perl", "gcc", "haskell", "elixir",
    "erlang", "julia", "r-base", "swift", "clojure",
))  # fmt: skip
_OFFICIAL_REGISTRIES = ("docker.io/", "index.docker.io/", "registry-1.docker.io/")
_NON_GNU_TAG = lazy_pattern(r"alpine|windowsservercore|nanoserver|ltsc|busybox", re.IGNORECASE)


def base_family(stage: Stage) -> str | None:
    """ "gnu" (glibc userland with bash), "alpine" (BusyBox, ash), or None
    when the image at the bottom of the stage's FROM chain is unknown."""
    bottom = stage.root
    ref = bottom.base
    if bottom.base_kind != "image" or "$" in ref:
        return None
    ref = ref.split("@", 1)[0]
    for registry in _OFFICIAL_REGISTRIES:
        if ref.startswith(registry):
            ref = ref[len(registry) :]
    repo, _, tag = ref.partition(":")
    if repo.startswith("library/"):
        repo = repo[len("library/") :]
    if "/" in repo:
        return None  # someone else's image: anything may be in it
    if repo == "alpine" or (repo in _GNU_IMAGES and "alpine" in tag.lower()):
        return "alpine"
    if repo in _GNU_IMAGES and not _NON_GNU_TAG().search(tag):
        return "gnu"
    return None


_SYSTEM_FAMILIES = frozenset({"apt", "dnf", "apk", "zypper"})


def _installed(step: RunStep) -> frozenset[str]:
    """The packages this RUN installs with a system package manager."""
    names: set[str] = set()
    for call in step.package_calls:
        if call.family not in _SYSTEM_FAMILIES or call.subcommand not in ("install", "add"):
            continue
        for word in call.packages:
            names.add(re.split(r"[=<>~]", word.value or word.raw, maxsplit=1)[0])
    return frozenset(names)


def _chain_installs(model: Model) -> dict[int, frozenset[str]]:
    """What each stage and the stages it is built on install, by `id(stage)`."""

    def compute() -> dict[int, frozenset[str]]:
        found: dict[int, frozenset[str]] = {}
        for stage in model.stages:
            inherited = found.get(id(stage.base_stage), frozenset())
            own = [_installed(step) for step in model.runs_of(stage)]
            found[id(stage)] = inherited.union(*own)
        return found

    return model.shared("shellrules.chain-installs", compute)


def installed_before(model: Model, step: RunStep, package: str) -> bool:
    """Is `package` installed (system package manager) by this RUN, an earlier
    RUN of its stage, or a stage it is built on?"""
    base = step.stage.base_stage
    if base is not None and package in _chain_installs(model).get(id(base), frozenset()):
        return True
    return any(
        package in _installed(other)
        for other in model.runs_of(step.stage)
        if other.instruction.start <= step.instruction.start
    )
