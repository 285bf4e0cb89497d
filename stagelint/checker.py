"""Lint one text: parse, build the model, run the selected rules once, then
apply suppression comments and severity overrides."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple, Protocol

from stagelint.config import Config
from stagelint.gcpause import gc_paused
from stagelint.model import Model
from stagelint.parser import parse
from stagelint.pragmas import suppressions_of
from stagelint.records import Record
from stagelint.rule import Context, Diagnostic, Rule, Severity
from stagelint.text import LineIndex
from stagelint.tree import Document


class Settings(Record):
    """What one lint runs with: rule selection, the target, rule settings.

    A Record, not a dataclass (start-up cost, stagelint/records.py); copies
    with changes via `replace`."""

    __hash__ = None  # type: ignore[assignment]  # mutable: unhashable, as the dataclass was
    __slots__ = (
        "allowed_registries",
        "build_args",
        "context_ignore",
        "extend_select",
        "ignore",
        "image_inspect",
        "label_schema",
        "resolve_base_config",
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
        select: tuple[str, ...] = (),  # codes, prefixes, names or aliases; empty: all
        extend_select: tuple[str, ...] = (),  # added to select (and the way to opt in)
        ignore: tuple[str, ...] = (),
        severity: tuple[tuple[str, Severity], ...] = (),
        target: str | None = None,
        build_args: dict[str, str] | None = None,  # None: {}
        target_engine: str | None = None,
        rootfs_variant: str = "scratch",
        resolve_base_config: bool = True,
        image_inspect: tuple[str, ...] | None = None,  # default: the local buildah or podman
        allowed_registries: tuple[str, ...] = (),
        label_schema: tuple[tuple[str, str], ...] = (),
        strict_labels: bool = False,
        shellcheck: bool = False,  # run the real ShellCheck on RUN scripts (optional extra)
        # Patterns of the build context's .containerignore/.dockerignore; None: none found.
        context_ignore: tuple[str, ...] | None = None,
    ) -> None:
        self.select = select
        self.extend_select = extend_select
        self.ignore = ignore
        self.severity = severity
        self.target = target
        self.build_args: dict[str, str] = {} if build_args is None else build_args
        self.target_engine = target_engine
        self.rootfs_variant = rootfs_variant
        self.resolve_base_config = resolve_base_config
        self.image_inspect = image_inspect
        self.allowed_registries = allowed_registries
        self.label_schema = label_schema
        self.strict_labels = strict_labels
        self.shellcheck = shellcheck
        self.context_ignore = context_ignore


def settings_for(
    config: Config,
    filename: str,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    target: str | None = None,
) -> Settings:
    """Combine a file's configuration with command-line options (which win)."""
    from stagelint.ignorefile import context_ignore_patterns

    return Settings(
        select=tuple(select) or config.select,
        extend_select=config.extend_select,
        ignore=config.ignore + tuple(ignore) + config.ignores_for(filename),
        severity=config.severity,
        target=target or config.target,
        build_args=dict(config.build_args),
        target_engine=config.target_engine,
        rootfs_variant=config.rootfs_variant,
        resolve_base_config=config.resolve_base_config,
        image_inspect=config.image_inspect,
        allowed_registries=config.allowed_registries,
        label_schema=config.label_schema,
        strict_labels=config.strict_labels,
        shellcheck=config.shellcheck,
        context_ignore=context_ignore_patterns(filename),
    )


def matches(rule: Rule, keys: Iterable[str]) -> bool:
    """Does any of `keys` (code, prefix, name, alias or ALL) name `rule`?"""
    return any(rule.matches(k) for k in keys)


def selected_rules(settings: Settings, rules: Sequence[Rule]) -> list[Rule]:
    """The rules to run: all (or the selected ones, plus extend-select), minus
    the ignored ones; opt-in rules only when a select key names them exactly."""
    keys = settings.select + settings.extend_select

    def wanted(rule: Rule) -> bool:
        if rule.opt_in:
            return any(rule.named_by(k) for k in keys)
        return not settings.select or matches(rule, keys)

    return [r for r in rules if wanted(r) and not matches(r, settings.ignore)]


@lru_cache(maxsize=64)
def _rules_to_run(
    select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...]
) -> tuple[Rule, ...]:
    """`selected_rules` of every rule, worked out once per selection (not for
    each of the files of a batch, nor on each keystroke in an editor)."""
    from stagelint.rules import all_rules

    chosen = Settings(select=select, extend_select=extend_select, ignore=ignore)
    return tuple(selected_rules(chosen, all_rules()))


class LintResult:
    __slots__ = ("diagnostics", "doc", "filename", "model", "source")

    def __init__(
        self, filename: str, source: str, doc: Document, model: Model, diagnostics: list[Diagnostic]
    ) -> None:
        self.filename = filename
        self.source = source
        self.doc = doc
        self.model = model
        self.diagnostics = diagnostics

    @property
    def lines(self) -> LineIndex:
        return self.doc.lines

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of `offset`."""
        return self.doc.lines.position(offset)

    def report(self) -> Report:
        """The part of the result that output needs: small, and picklable
        (worker processes send it back)."""
        return Report(self.filename, self.source, self.diagnostics, self.doc.lines)


class Reportable(Protocol):
    """A linted file as output formats see it: LintResult or Report."""

    @property
    def filename(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def diagnostics(self) -> list[Diagnostic]: ...
    @property
    def lines(self) -> LineIndex: ...
    def position(self, offset: int) -> tuple[int, int]: ...


class Report(NamedTuple):
    """What output formats need of a linted file."""

    filename: str
    source: str
    diagnostics: list[Diagnostic]
    lines: LineIndex

    def position(self, offset: int) -> tuple[int, int]:
        return self.lines.position(offset)


def _rule_settings(settings: Settings) -> dict[str, object]:
    """What rules may read from the settings (a resolver for base image config
    only when allowed: it asks a local engine, never a registry)."""
    from functools import partial

    from stagelint.imageconfig import inspect_image

    resolver = (
        partial(inspect_image, command=settings.image_inspect)
        if settings.resolve_base_config
        else None
    )
    shellcheck = None
    if settings.shellcheck:
        from stagelint.shellcheck import run_shellcheck

        shellcheck = run_shellcheck
    return {
        "target-engine": settings.target_engine,
        "run-shellcheck": shellcheck,
        "rootfs-variant": settings.rootfs_variant,
        "resolve-image": resolver,
        "allowed-registries": settings.allowed_registries,
        "label-schema": dict(settings.label_schema),
        "strict-labels": settings.strict_labels,
        "context-ignore": settings.context_ignore,
    }


def lint_document(
    doc: Document, filename: str, settings: Settings, earlier: LintResult | None = None
) -> LintResult:
    """Lint a parsed document. `earlier`, the lint of an earlier version of
    the text, lends its model's analyses of the RUNs that did not change."""
    with gc_paused():  # see stagelint/gcpause.py: linear time on large files
        return _lint_document(doc, filename, settings, earlier)


def _lint_document(
    doc: Document, filename: str, settings: Settings, earlier: LintResult | None
) -> LintResult:
    model = Model(
        doc,
        build_args=settings.build_args,
        target=settings.target,
        earlier=earlier.model if earlier is not None else None,
    )
    ctx = Context(doc, model, _rule_settings(settings))
    suppressions = suppressions_of(ctx)
    overrides = [(key, level) for key, level in settings.severity]
    diagnostics: list[Diagnostic] = []
    for rule in _rules_to_run(settings.select, settings.extend_select, settings.ignore):
        level = (
            next((lv for key, lv in overrides if matches(rule, [key])), None) if overrides else None
        )
        for d in rule.check(ctx, rule):
            if suppressions.suppresses(d, rule):
                continue
            diagnostics.append(d if level is None else d._replace(severity=level))
    diagnostics.sort(key=lambda d: (d.start, d.code))
    return LintResult(filename, doc.source, doc, model, diagnostics)


def lint_source(source: str, filename: str, settings: Settings | None = None) -> LintResult:
    return lint_document(parse(source), filename, settings or Settings())
