"""Package-manager caches left in image layers: the shared logic of SL2xx.

Each cleanup rule names a cache (which package managers fill it, with which
subcommands, where it lives, what empties it) and asks `missing_cleanups`
for the RUNs that fill it without emptying it in the same layer. A cache or
tmpfs mount over the cache directory counts as clean, as does the manager's
no-cache option. Only stages whose layers end up in the target image are
checked: a builder's cache is not shipped unless the builder is a base of
the target.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from stagelint.effects import is_under
from stagelint.model import Model, RunStep, Stage
from stagelint.records import Record
from stagelint.rootfs import copies
from stagelint.rule import (
    Applicability,
    Context,
    Diagnostic,
    Edit,
    Fix,
    FixAvailability,
    Rule,
    Severity,
)

if TYPE_CHECKING:
    from stagelint.shell import CleanupAction, PackageManagerCall


class CacheSpec(Record):
    __slots__ = (
        "clean_counts",
        "fills",
        "needed_by",
        "no_cache_flag",
        "only_dirs",
        "remedies",
        "root_options",
    )

    def __init__(
        self,
        # package-manager family -> the cleanup command to add ({manager}, {root})
        remedies: Mapping[str, str],
        fills: frozenset[str],  # normalised subcommands that fill the cache
        clean_counts: bool = True,  # does the manager's own `clean` empty it?
        only_dirs: Mapping[str, tuple[str, ...]] | None = None,  # default: all cache dirs
        no_cache_flag: str | None = None,  # the option that avoids the cache (the fix's idiom)
        # Later steps that still need the cache: a cleanup may break them, so its
        # fix is unsafe when one follows (apt-get install without update).
        needed_by: frozenset[str] = frozenset(),
        # Families whose cache follows only some install-root options into the
        # root (zypper: `--root` does, `--installroot` keeps the builder's cache).
        root_options: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.remedies = remedies
        self.fills = fills
        self.clean_counts = clean_counts
        self.only_dirs = only_dirs
        self.no_cache_flag = no_cache_flag
        self.needed_by = needed_by
        self.root_options = root_options

    @property
    def families(self) -> frozenset[str]:
        return frozenset(self.remedies)

    def dirs(self, family: str) -> tuple[str, ...]:
        """Where `family` keeps this cache (`~` is the user's home)."""
        from stagelint.shell import CACHE_DIRS

        if self.only_dirs is not None and family in self.only_dirs:
            return self.only_dirs[family]
        return tuple(CACHE_DIRS.get(family, ()))


class MissingCleanup(Record):
    __slots__ = ("call", "end", "install_root", "start", "step")

    def __init__(
        self,
        step: RunStep,
        call: PackageManagerCall,
        start: int,  # span of the command in the file
        end: int,
        install_root: str | None,
    ) -> None:
        self.step = step
        self.call = call
        self.start = start
        self.end = end
        self.install_root = install_root

    @property
    def manager(self) -> str:
        return self.call.manager

    @property
    def family(self) -> str:
        return self.call.family

    @property
    def subcommand(self) -> str:
        return self.call.subcommand or ""


def _home_form(path: str) -> str:
    return "~" + path[len("/root") :] if path == "/root" or path.startswith("/root/") else path


def mount_covers(step: RunStep, directory: str, root: str | None = None) -> bool:
    """Is `directory` (under `root`) behind a cache or tmpfs mount in this RUN?"""
    from stagelint.shell import path_covers

    wanted = (root.rstrip("/") + directory) if root and not directory.startswith("~") else directory
    return any(
        m.discards_content and m.target and path_covers(_home_form(m.target), wanted)
        for m in step.mounts
    )


def image_stages(model: Model) -> frozenset[int]:
    """The stages (by `id`) whose layers are part of the target image."""

    def compute() -> frozenset[int]:
        if model.target is None:
            return frozenset(id(s) for s in model.stages)
        return frozenset(id(s) for s in [model.target, *model.target.ancestors()])

    return model.shared("caches.image-stages", compute)


def _root_shipped(model: Model, stage: Stage, root: str) -> bool:
    """Is the install root `root` of `stage` part of the target image?"""
    if id(stage) in image_stages(model):
        return True
    return any(
        c.reference.target is stage
        and model.is_needed(c.stage)
        and (is_under(root, c.source_path) or is_under(c.source_path, root))
        for c in copies(model)
    )


def missing_cleanups(
    model: Model, spec: CacheSpec, *, in_install_root: bool = False
) -> Iterator[MissingCleanup]:
    """RUNs that fill the cache and leave it in the layer.

    With `in_install_root`, only calls with an install root (other than `/`)
    are looked at, and the cleanup must target that root.
    """
    shipped = image_stages(model)
    for step in model.runs:
        if not in_install_root and id(step.stage) not in shipped:
            continue
        cleanups = step.cleanups
        for call in step.package_calls:
            if call.family not in spec.families or call.subcommand not in spec.fills:
                continue
            root = call.install_root if call.install_root not in (None, "", "/") else None
            if in_install_root != (root is not None):
                continue
            if root is not None and not _root_shipped(model, step.stage, root):
                continue
            options = (spec.root_options or {}).get(call.family)
            if root is not None and options and not call.has_option(*options):
                continue
            dirs = spec.dirs(call.family)
            if call.no_cache or any(mount_covers(step, d, root) for d in dirs):
                continue
            if _cleaned(cleanups, call.command.start, call.family, dirs, spec, root):
                continue
            start, end = step.script.span(call.command.start, call.command.end)
            yield MissingCleanup(step, call, start, end, root)


def _cleaned(
    cleanups: list[CleanupAction],
    after: int,
    family: str,
    dirs: tuple[str, ...],
    spec: CacheSpec,
    root: str | None,
) -> bool:
    for action in cleanups:
        if action.family != family or action.command.start < after:
            continue
        action_root = action.install_root if action.install_root not in ("", "/") else None
        if action_root != root:
            continue
        if action.kind == "clean" and spec.clean_counts:
            return True
        if action.kind == "rm" and action.path in dirs:
            return True
    return False


class LaterCleanup(Record):
    """A cleanup in a RUN that does not fill the cache, after one that did."""

    __slots__ = ("end", "family", "filler", "start", "step")

    def __init__(
        self,
        step: RunStep,  # the RUN with the cleanup
        start: int,  # span of the cleanup command in the file
        end: int,
        filler: RunStep,  # the RUN that filled the cache
        family: str,
    ) -> None:
        self.step = step
        self.start = start
        self.end = end
        self.filler = filler
        self.family = family


def later_cleanups(model: Model, spec: CacheSpec) -> Iterator[LaterCleanup]:
    """Cleanups of a cache in a RUN that does not fill it, after a RUN (in the
    same stage or a base stage) that filled that cache."""
    fillers: list[tuple[RunStep, set[str]]] = []
    for step in model.runs:
        filled = {
            c.family
            for c in step.package_calls
            if c.family in spec.families and c.subcommand in spec.fills
        }
        if filled:
            fillers.append((step, filled))
            continue
        chain: set[int] | None = None  # the stage and its base stages, made when needed
        for action in step.cleanups:
            if action.family not in spec.families or action.install_root not in (None, "", "/"):
                continue
            if action.kind == "rm" and action.path not in spec.dirs(action.family):
                continue
            if chain is None:
                chain = {id(step.stage), *(id(s) for s in step.stage.ancestors())}
            filler = next(
                (
                    f
                    for f, fams in reversed(fillers)
                    if id(f.stage) in chain and action.family in fams
                ),
                None,
            )
            if filler is not None and not _cleans_itself(filler, action.family):
                start, end = step.script.span(action.command.start, action.command.end)
                yield LaterCleanup(step, start, end, filler, action.family)
                break


def _cleans_itself(step: RunStep, family: str) -> bool:
    """Did the RUN that filled the cache also clean it? Then a later cleanup
    is merely redundant, not the only one."""
    fills = [
        c.command.start
        for c in step.package_calls
        if c.family == family and c.subcommand != "clean"
    ]
    last_fill = max(fills, default=-1)
    return any(
        a.family == family and a.install_root in (None, "", "/") and a.command.start > last_fill
        for a in step.cleanups
    )


def move_cleanup_fix(model: Model, later: LaterCleanup) -> Fix | None:
    """Delete a RUN made only of cleanups and run its script at the end of
    the RUN that filled the cache."""
    from stagelint.shell_edits import append_command

    step, filler = later.step, later.filler
    script = step.script.script
    if script is None or step.script.kind != "shell" or step.instruction.flags:
        return None
    cleanup_commands = {(a.command.start, a.command.end) for a in step.cleanups}
    if any((c.start, c.end) not in cleanup_commands for c in script.commands if c.argv):
        return None  # the RUN does more than clean up
    calls = [c for c in filler.package_calls if c.family == later.family]
    if not calls:
        return None
    last = max(calls, key=lambda c: c.command.start)
    edit = append_command(filler, last.command, step.instruction.args_text)
    if edit is None:
        return None
    node = step.instruction
    # Between the two RUNs, a RUN of the same manager would now find the cache gone.
    between = any(
        other.instruction.start > filler.instruction.start
        and other.instruction.start < node.start
        and any(c.family == later.family for c in other.package_calls)
        for other in model.runs
    )
    line = model.doc.position(filler.instruction.start)[0]
    return Fix(
        f"Move this cleanup into the RUN at line {line}",
        (edit, Edit(node.start, node.end, "")),
        Applicability.UNSAFE if between else Applicability.SAFE,
    )


def remedy_for(spec: CacheSpec, miss: MissingCleanup) -> str:
    root = miss.install_root or ""
    if root and not _dynamic(root) and shlex.quote(root) != root:
        root = shlex.quote(root)  # `--root "/srv/my root"`: the cleanup must name the same path
    return spec.remedies[miss.family].format(manager=miss.manager, root=root)


def _dynamic(root: str | None) -> bool:
    """Is the install root only known when the script runs (`--root $DIR`)?
    A cleanup spelled with it could not be recognised as one."""
    return root is not None and any(char in root for char in "$`")


def _needed_later(model: Model, spec: CacheSpec, miss: MissingCleanup) -> bool:
    """Does the next RUN that uses this manager (in the stage or a stage built
    on it) use the cache without filling it again first?"""
    family = [miss.step.stage, *model.descendants(miss.step.stage)]
    after = miss.step.instruction.start
    for step in model.runs:
        if step.stage not in family or step.instruction.start <= after:
            continue
        for call in step.package_calls:
            if call.family != miss.family:
                continue
            # the first later use decides: a refill makes the cleanup harmless
            return call.subcommand in spec.needed_by
    return False


def cleanup_fix(model: Model, spec: CacheSpec, miss: MissingCleanup) -> Fix | None:
    """Add the no-cache option, or the cleanup after the manager's last command."""
    from stagelint.shell_edits import append_command, insert_option

    step, call = miss.step, miss.call
    if _dynamic(miss.install_root):
        return None
    if spec.no_cache_flag and call.subcommand_words and miss.install_root is None:
        edit = insert_option(step, call.subcommand_words[-1], spec.no_cache_flag)
        if edit is not None:
            title = f"Add `{spec.no_cache_flag}` to `{miss.manager} {miss.subcommand}`"
            return Fix(title, (edit,))
    same = [c for c in step.package_calls if c.family == call.family]
    last = max(same, key=lambda c: c.command.start)
    remedy = remedy_for(spec, miss)
    edit = append_command(step, last.command, remedy)
    if edit is None:
        return None
    unsafe = _needed_later(model, spec, miss)
    return Fix(
        f"Add `&& {remedy}` to the RUN",
        (edit,),
        Applicability.UNSAFE if unsafe else Applicability.SAFE,
    )


def cache_rule(
    doc: str | None,
    *,
    code: str,
    name: str,
    summary: str,
    spec: CacheSpec,
    aliases: tuple[str, ...] = (),
    severity: Severity = Severity.WARNING,
) -> Rule:
    """A rule reporting RUNs that leave `spec`'s cache in the image."""

    def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
        for miss in missing_cleanups(ctx.model, spec):
            idiom = (
                f" or use `{miss.manager} {miss.subcommand} {spec.no_cache_flag}`"
                if spec.no_cache_flag
                else ""
            )
            where = spec.dirs(miss.family)[0]
            yield rule.diagnostic(
                miss.start,
                miss.end,
                f"`{miss.manager} {miss.subcommand}` leaves its cache ({where}) in this "
                f"layer: add `&& {remedy_for(spec, miss)}` to the same RUN{idiom}, or mount a "
                f"cache there (`--mount=type=cache,target={where.replace('~', '/root')}`)",
                cleanup_fix(ctx.model, spec, miss),
            )

    return Rule(
        code,
        name,
        summary,
        severity,
        check,
        doc or "",
        FixAvailability.SOMETIMES,
        aliases,
        "Add the cleanup to the same RUN",
    )
