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

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from stagelint.effects import is_under
from stagelint.model import Model, RunStep, Stage
from stagelint.rootfs import copies
from stagelint.rule import Context, Diagnostic, Rule, Severity

if TYPE_CHECKING:
    from stagelint.shell import CleanupAction


@dataclass(frozen=True)
class CacheSpec:
    remedies: Mapping[str, str]  # package-manager family -> the cleanup to add
    fills: frozenset[str]  # normalised subcommands that fill the cache
    clean_counts: bool = True  # does the manager's own `clean` empty it?
    only_dirs: Mapping[str, tuple[str, ...]] | None = None  # default: all cache dirs
    no_cache_option: str | None = None  # the idiom that avoids the cache
    # Families whose cache follows only some install-root options into the
    # root (zypper: `--root` does, `--installroot` keeps the builder's cache).
    root_options: Mapping[str, tuple[str, ...]] | None = None

    @property
    def families(self) -> frozenset[str]:
        return frozenset(self.remedies)

    def dirs(self, family: str) -> tuple[str, ...]:
        """Where `family` keeps this cache (`~` is the user's home)."""
        from stagelint.shell import CACHE_DIRS

        if self.only_dirs is not None and family in self.only_dirs:
            return self.only_dirs[family]
        return tuple(CACHE_DIRS.get(family, ()))


@dataclass(frozen=True)
class MissingCleanup:
    step: RunStep
    manager: str
    family: str
    subcommand: str
    start: int  # span of the command in the file
    end: int
    install_root: str | None


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


def image_stages(model: Model) -> list[Stage]:
    """Stages whose layers are part of the target image."""
    if model.target is None:
        return list(model.stages)
    return [model.target, *model.target.ancestors()]


def _root_shipped(model: Model, stage: Stage, root: str) -> bool:
    """Is the install root `root` of `stage` part of the target image?"""
    if stage in image_stages(model):
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
        if not in_install_root and step.stage not in shipped:
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
            yield MissingCleanup(
                step, call.manager, call.family, call.subcommand or "", start, end, root
            )


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


def later_cleanups(model: Model, spec: CacheSpec) -> Iterator[tuple[RunStep, int, int, RunStep]]:
    """Cleanups of the cache in a RUN that does not fill it, after a RUN (in
    the same stage or a base stage) that did: (cleanup step, span, filler)."""
    fillers: list[RunStep] = []
    for step in model.runs:
        calls = step.package_calls
        filled = {
            c.family for c in calls if c.family in spec.families and c.subcommand in spec.fills
        }
        if filled:
            fillers.append(step)
            continue
        chain = [step.stage, *step.stage.ancestors()]
        earlier = [f for f in fillers if f.stage in chain]
        if not earlier:
            continue
        for action in step.cleanups:
            if action.family in spec.families and action.install_root in (None, "", "/"):
                if action.kind == "rm" and action.path not in spec.dirs(action.family):
                    continue
                start, end = step.script.span(action.command.start, action.command.end)
                yield step, start, end, earlier[-1]
                break


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
            idiom = f" or use `{spec.no_cache_option}`" if spec.no_cache_option else ""
            where = spec.dirs(miss.family)[0]
            yield rule.diagnostic(
                miss.start,
                miss.end,
                f"`{miss.manager} {miss.subcommand}` leaves its cache ({where}) in this "
                f"layer: add `{spec.remedies[miss.family]}` to the same RUN{idiom}, or mount a "
                f"cache there (`--mount=type=cache,target={where.replace('~', '/root')}`)",
            )

    return Rule(code, name, summary, severity, check, doc or "", aliases=aliases)
