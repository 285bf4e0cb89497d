"""The semantic model of a Containerfile, built once per file.

On top of the syntax tree it knows the stages (name, base, platform), the ARG
and ENV in scope at each instruction with BuildKit's expansion rules, the
reference graph between stages (`FROM`, `COPY --from`, `RUN --mount from=`),
which stages the build target needs, the mounts of every RUN, and (lazily) the
shell script each RUN runs. Rules ask the model; they never re-parse text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Literal, TypeVar, cast

from stagelint.expand import Expansion, ExpansionError, expand_word, is_plain
from stagelint.mounts import Mount, parse_mount
from stagelint.tree import Document, Instruction

if TYPE_CHECKING:
    from stagelint.effects import PathEffect
    from stagelint.runscript import RunScript
    from stagelint.shell import CleanupAction, PackageManagerCall, Script

T = TypeVar("T")
_OfStage = TypeVar("_OfStage", "RunStep", "Reference")

# Arguments BuildKit defines without an ARG in the global scope; inside a stage
# they still need `ARG NAME` to be visible.
PLATFORM_ARGS = (
    "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
    "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT",
)  # fmt: skip
# Arguments usable in RUN without being declared (proxies).
PROXY_ARGS = (
    "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY",
    "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy",
)  # fmt: skip

BaseKind = Literal["image", "stage", "scratch"]
RefKind = Literal["from", "copy", "mount"]


class Stage:
    """One build stage: its FROM and the instructions up to the next FROM.

    Plain classes with slots here and below, not dataclasses: creating a
    dataclass costs start-up (stagelint/records.py)."""

    __slots__ = (
        "_root",
        "base",
        "base_kind",
        "base_stage",
        "from_instruction",
        "index",
        "instructions",
        "name",
        "platform",
    )

    def __init__(
        self,
        index: int,
        from_instruction: Instruction,
        name: str | None,  # lower-cased, as BuildKit compares names
        base: str,  # the base as written after expansion (image ref, stage name or "scratch")
        base_kind: BaseKind,
        base_stage: Stage | None,
        platform: str | None,
    ) -> None:
        self.index = index
        self.from_instruction = from_instruction
        self.name = name
        self.base = base
        self.base_kind = base_kind
        self.base_stage = base_stage
        self.platform = platform
        self.instructions: list[Instruction] = []
        # The bottom of the FROM chain when the stage is built on another
        # stage; set by the model, which makes base stages first. None (not
        # the stage itself) for a stage at the bottom: a stage referring to
        # itself would be a reference cycle, left for the garbage collector.
        self._root: Stage | None = None

    @property
    def root(self) -> Stage:
        """The stage at the bottom of the FROM chain (itself unless built on a stage)."""
        return self if self._root is None else self._root

    @property
    def label(self) -> str:
        """How messages name this stage."""
        return self.name if self.name else f"#{self.index}"

    @property
    def ref(self) -> str:
        """How `--from=` and `FROM` refer to this stage: its name, or its index."""
        return self.name if self.name else str(self.index)

    def ancestors(self) -> list[Stage]:
        """This stage's chain of base stages, nearest first."""
        chain: list[Stage] = []
        seen = {id(self)}
        stage = self.base_stage
        while stage is not None and id(stage) not in seen:
            chain.append(stage)
            seen.add(id(stage))
            stage = stage.base_stage
        return chain


class Reference:
    """A stage using another stage or an image: FROM, COPY --from, --mount from=."""

    __slots__ = ("instruction", "kind", "mount", "raw", "stage", "target")

    def __init__(
        self,
        kind: RefKind,
        stage: Stage,  # the stage that makes the reference
        instruction: Instruction,
        raw: str,  # the reference after expansion
        target: Stage | None,  # the referenced stage, None for an image or the context
        mount: Mount | None = None,
    ) -> None:
        self.kind = kind
        self.stage = stage
        self.instruction = instruction
        self.raw = raw
        self.target = target
        self.mount = mount


class Scope:
    """Variables visible to one instruction."""

    __slots__ = ("_merged", "args", "env")

    def __init__(
        self,
        env: Mapping[str, str],  # ENV, inherited from base stages
        args: Mapping[str, str | None],  # ARGs declared in the stage (None: no value)
    ) -> None:
        self.env = env
        self.args = args
        self._merged: dict[str, str] | None = None

    def variables(self) -> Mapping[str, str]:
        """What expansion sees: ENV wins over ARG of the same name (made once:
        many rules expand words of the same instruction)."""
        if self._merged is None:
            merged = {k: v for k, v in self.args.items() if v is not None}
            merged.update(self.env)
            self._merged = merged
        return self._merged


class RunStep:
    """A RUN instruction with its stage, mounts and (lazily) its shell script."""

    # Not slotted: cached_property needs a __dict__.
    def __init__(
        self,
        instruction: Instruction,
        stage: Stage,
        mounts: list[Mount],
        shell: tuple[str, ...],  # the SHELL in effect
        env: Mapping[str, str] | None = None,  # variables visible to the RUN
        escape: str = "\\",  # the file's escape character, for edits that add lines
    ) -> None:
        self.instruction = instruction
        self.stage = stage
        self.mounts = mounts
        self.shell = shell
        self.env: Mapping[str, str] = {} if env is None else env
        self.escape = escape

    # Each analysis runs once per RUN, however many rules ask for it.
    @cached_property
    def script(self) -> RunScript:
        from stagelint.runscript import build_run_script  # the shell parser loads lazily

        return build_run_script(self.instruction, self.shell)

    @cached_property
    def _env_key(self) -> tuple[tuple[str, str], ...]:
        return tuple(sorted(self.env.items()))

    def memo(self, name: str, compute: Callable[[Script], list[T]]) -> list[T]:
        """`compute(script)`, remembered with the parsed script: the same text
        under the same ENV gives the same answer in every lint (an editor
        re-lints unchanged RUNs on each keystroke). Offsets are the script's."""
        script = self.script.script
        if script is None:
            return []
        key = (name, self._env_key)
        if key not in script.memo:
            script.memo[key] = compute(script)
        return list(cast("list[T]", script.memo[key]))

    @cached_property
    def package_calls(self) -> list[PackageManagerCall]:
        """Package-manager invocations in the script (ENV such as PIP_NO_CACHE_DIR seen)."""
        from stagelint.shell import package_manager_calls

        return self.memo("calls", lambda script: package_manager_calls(script, self.env))

    @cached_property
    def cleanups(self) -> list[CleanupAction]:
        """Cache cleanups in the script (`apt-get clean`, `rm -rf /var/cache/...`)."""
        from stagelint.shell import cleanup_actions

        calls = self.package_calls
        return self.memo("cleanups", lambda script: cleanup_actions(script, calls))

    @cached_property
    def effects(self) -> list[PathEffect]:
        """Where the script writes, installs and deletes (static absolute paths),
        with spans in the Containerfile."""
        from stagelint.effects import script_effects

        calls = self.package_calls
        run = self.script
        return [
            e._replace(start=s, end=t)
            for e in self.memo("effects", lambda script: script_effects(script, calls))
            for s, t in (run.span(e.start, e.end),)
        ]

    def take_analyses(self, earlier: RunStep, delta: int) -> None:
        """Take the analyses `earlier` made, for a RUN of the same text under
        the same SHELL, ENV and escape character, `delta` characters before
        this one: they are the same, moved. An editor lints again on every
        keystroke, and all RUNs but the edited one are such RUNs."""
        made = earlier.__dict__
        mine = self.__dict__
        if "script" in made:
            mine["script"] = made["script"].moved(delta)
        if "_env_key" in made:
            mine["_env_key"] = made["_env_key"]
        for name in ("package_calls", "cleanups"):  # their offsets are the script's
            if name in made:
                mine[name] = list(made[name])
        if "effects" in made:
            mine["effects"] = [
                e._replace(start=e.start + delta, end=e.end + delta) for e in made["effects"]
            ]

    def writes_under(self, path: str) -> list[PathEffect]:
        """The writes and installs at `path` or below it."""
        from stagelint.effects import is_under

        return [
            e for e in self.effects if e.kind in ("write", "install") and is_under(e.path, path)
        ]


class Model:
    """Everything a rule may ask about a document."""

    def __init__(
        self,
        doc: Document,
        *,
        build_args: Mapping[str, str] | None = None,
        target: str | None = None,
        earlier: Model | None = None,
    ) -> None:
        """`earlier`, the model of an earlier version of the text (before an
        editor's keystroke, or a round of fixes), lends the analyses of its
        RUNs to the RUNs that are still the same (`RunStep.take_analyses`)."""
        self.doc = doc
        self.build_args = dict(build_args or {})
        self.meta_args: dict[str, str | None] = {}
        self.stages: list[Stage] = []
        self.references: list[Reference] = []
        self.runs: list[RunStep] = []
        self._scopes: dict[int, Scope] = {}
        self._stage_of: dict[int, Stage] = {}
        self.expansion_errors: list[tuple[Instruction, str]] = []
        self._shared: dict[str, object] = {}
        self._named: dict[str, list[Stage]] = {}
        self._by_keyword: dict[str, list[tuple[Stage, Instruction]]] = {}
        # The earlier model's RUNs by where they started, and how much longer
        # the text is now; dropped after the build, so that each model does
        # not keep the one before it alive.
        self._earlier_runs: dict[int, RunStep] = (
            {} if earlier is None else {step.instruction.start: step for step in earlier.runs}
        )
        self._delta = 0 if earlier is None else len(doc.source) - len(earlier.doc.source)
        self._build()
        self._earlier_runs = {}
        self.target = self._resolve_target(target)

    def shared(self, key: str, compute: Callable[[], T]) -> T:
        """A fact several rules derive from the model (the labels of the
        image, say), computed once per lint whichever rule asks first."""
        if key not in self._shared:
            self._shared[key] = compute()
        return cast("T", self._shared[key])

    # -- construction -----------------------------------------------------

    def _build(self) -> None:
        meta_env = {name: "" for name in PLATFORM_ARGS}
        stage: Stage | None = None
        env: dict[str, str] = {}
        args: dict[str, str | None] = {}
        shell: tuple[str, ...] = ("/bin/sh", "-c")
        stage_env: dict[int, dict[str, str]] = {}
        stage_shell: dict[int, tuple[str, ...]] = {}
        # One Scope for a run of instructions that change no variable (most
        # of them): it is rebuilt only after FROM, ARG and ENV.
        scope: Scope | None = None
        scope_vars: dict[str, str] = {}
        for node in self.doc.instructions:
            kw = node.keyword
            if kw == "FROM":
                if stage is not None:
                    stage_env[stage.index] = env
                    stage_shell[stage.index] = shell
                stage = self._new_stage(node, meta_env)
                parent = stage.base_stage
                env = dict(stage_env.get(parent.index, {})) if parent else {}
                shell = (
                    stage_shell.get(parent.index, ("/bin/sh", "-c"))
                    if parent
                    else ("/bin/sh", "-c")
                )
                args = {}
                scope = None
                self._scopes[id(node)] = Scope(dict(env), {})
                continue
            if stage is None:
                if kw == "ARG":
                    for kv in node.key_values:
                        name, value = self._arg_pair(kv.key, meta_env)
                        self.meta_args[name] = value
                        if value is not None:
                            meta_env[name] = value
                        if name in self.build_args:
                            meta_env[name] = self.build_args[name]
                            self.meta_args[name] = self.build_args[name]
                self._scopes[id(node)] = Scope({}, dict(self.meta_args))
                continue
            if scope is None:
                scope = Scope(dict(env), dict(args))
                scope_vars = {**{k: v for k, v in args.items() if v is not None}, **env}
            self._scopes[id(node)] = scope
            self._stage_of[id(node)] = stage
            stage.instructions.append(node)
            self._by_keyword.setdefault(kw, []).append((stage, node))
            if kw == "ARG":
                scope = None
                for kv in node.key_values:
                    name, value = self._arg_pair(kv.key, scope_vars)
                    if name in self.build_args:
                        value = self.build_args[name]
                    elif value is None and name in self.meta_args:
                        value = self.meta_args[name]  # `ARG NAME` imports the global default
                    args[name] = value
            elif kw == "ENV":
                scope = None
                for kv in node.key_values:
                    env[kv.key] = self._expand(node, kv.value, scope_vars, args).value
            elif kw == "SHELL" and node.json and node.arguments:
                shell = node.arguments
            elif kw == "RUN":
                self._add_run(node, stage, shell, scope_vars, args)
            elif kw in ("COPY", "ADD"):
                flag = node.flag("from")
                if flag is not None and flag.value is not None and kw == "COPY":
                    raw = self._expand(node, flag.value, scope_vars, args).value
                    self.references.append(
                        Reference("copy", stage, node, raw, self._lookup(raw, stage.index))
                    )
        if stage is not None:
            stage_env[stage.index] = env

    def _arg_pair(self, word: str, variables: Mapping[str, str]) -> tuple[str, str | None]:
        name, eq, value = word.partition("=")
        if not eq:
            return name, None
        try:
            return name, expand_word(value, variables, escape=self.doc.escape).value
        except ExpansionError:
            return name, value

    def _expand(
        self,
        node: Instruction,
        word: str,
        variables: Mapping[str, str],
        valueless: Mapping[str, str | None] | None = None,
    ) -> Expansion:
        try:
            return expand_word(word, variables, escape=self.doc.escape)
        except ExpansionError as exc:
            # `${V:?msg}` on an ARG declared without a value is a demand for
            # --build-arg V=..., not an error in the file.
            supplied = {k: "x" for k, v in (valueless or {}).items() if v is None}
            try:
                return expand_word(word, {**variables, **supplied}, escape=self.doc.escape)
            except ExpansionError:
                self.expansion_errors.append((node, exc.reason))
            return Expansion(word, frozenset(), frozenset())

    def _new_stage(self, node: Instruction, meta_env: Mapping[str, str]) -> Stage:
        index = len(self.stages)
        args = node.arguments
        raw_base = args[0] if args else ""
        base = self._expand(node, raw_base, meta_env, self.meta_args).value if raw_base else ""
        name = args[2].lower() if len(args) == 3 and args[1].upper() == "AS" else None
        platform_flag = node.flag("platform")
        platform = platform_flag.value if platform_flag else None
        base_stage = self._lookup_name(base, index)
        kind: BaseKind = (
            "stage" if base_stage else "scratch" if base.lower() == "scratch" else "image"
        )
        stage = Stage(index, node, name, base, kind, base_stage, platform)
        stage._root = base_stage.root if base_stage is not None else None
        self.stages.append(stage)
        if stage.name is not None:
            self._named.setdefault(stage.name, []).append(stage)
        self._stage_of[id(node)] = stage
        self.references.append(Reference("from", stage, node, base, base_stage))
        return stage

    def _lookup_name(self, name: str, before: int) -> Stage | None:
        for stage in reversed(self._named.get(name.lower(), [])):
            if stage.index < before:
                return stage
        return None

    def stages_named(self, name: str) -> list[Stage]:
        """The stages called `name` (compared as BuildKit does, lower-cased), in order."""
        return list(self._named.get(name.lower(), []))

    def _lookup(self, ref: str, before: int) -> Stage | None:
        """A `--from` value: a stage name, or the index of an earlier stage."""
        found = self._lookup_name(ref, before)
        if found is None and ref.isdigit() and int(ref) < before:
            return self.stages[int(ref)]
        return found

    def _add_run(
        self,
        node: Instruction,
        stage: Stage,
        shell: tuple[str, ...],
        variables: Mapping[str, str],
        args: Mapping[str, str | None],
    ) -> None:
        mounts: list[Mount] = []
        for flag in node.flags_named("mount"):
            if flag.value is None:
                continue
            mount = parse_mount(self._expand(node, flag.value, variables, args).value, flag)
            mounts.append(mount)
            if mount.from_ is not None:
                target = self._lookup(mount.from_, stage.index)
                self.references.append(Reference("mount", stage, node, mount.from_, target, mount))
        step = RunStep(node, stage, mounts, shell, dict(variables), self.doc.escape)
        if self._earlier_runs:
            self._take_earlier_analyses(step)
        self.runs.append(step)

    def _take_earlier_analyses(self, step: RunStep) -> None:
        """If the earlier model had this RUN, where it is now (before the
        edit) or moved by the edit, with the same text, SHELL, ENV and
        escape character, its analyses are this RUN's, moved: they depend on
        nothing else."""
        node = step.instruction
        for delta in (0, self._delta) if self._delta else (0,):
            earlier = self._earlier_runs.get(node.start - delta)
            if earlier is None:
                continue
            old = earlier.instruction
            if (
                old.end - old.start == node.end - node.start
                and earlier.shell == step.shell
                and earlier.escape == step.escape
                and earlier.env == step.env
                and old.source[old.start : old.end] == node.source[node.start : node.end]
            ):
                step.take_analyses(earlier, delta)
                return

    def _resolve_target(self, target: str | None) -> Stage | None:
        if not self.stages:
            return None
        if target is not None:
            found = self._lookup_name(target, len(self.stages))
            if found is not None:
                return found
        return self.stages[-1]

    # -- queries ----------------------------------------------------------

    def in_stages(self, keyword: str) -> Sequence[tuple[Stage, Instruction]]:
        """The instructions with this keyword in the stages (not FROM, not
        ONBUILD triggers), with their stage, in file order. Most rules look
        at one or two kinds of instruction: this saves each of them a walk
        over the whole file."""
        return self._by_keyword.get(keyword, ())

    def stage_of(self, node: Instruction) -> Stage | None:
        """The stage an instruction belongs to (None before the first FROM)."""
        return self._stage_of.get(id(node))

    def scope(self, node: Instruction) -> Scope:
        return self._scopes.get(id(node), Scope({}, {}))

    def expand(self, node: Instruction, word: str) -> Expansion:
        """Expand `word` with the variables visible to `node` (BuildKit rules).
        A word that cannot be expanded comes back as written."""
        if is_plain(word, self.doc.escape):
            return Expansion(word, frozenset(), frozenset())
        if node.keyword == "FROM":
            variables: Mapping[str, str] = {
                **{n: "" for n in PLATFORM_ARGS},
                **{k: v for k, v in self.meta_args.items() if v is not None},
            }
        else:
            variables = self.scope(node).variables()
        try:
            return expand_word(word, variables, escape=self.doc.escape)
        except ExpansionError:
            # reported once by SL013 where the builder expands; here the word stays as written
            return Expansion(word, frozenset(), frozenset())

    def references_from(self, stage: Stage) -> list[Reference]:
        return list(self._references_by_stage.get(id(stage), []))

    def runs_of(self, stage: Stage) -> list[RunStep]:
        """The RUNs of `stage`, in file order."""
        return list(self._runs_by_stage.get(id(stage), []))

    @cached_property
    def _runs_by_stage(self) -> dict[int, list[RunStep]]:
        return _by_stage(self.runs)

    @cached_property
    def _references_by_stage(self) -> dict[int, list[Reference]]:
        return _by_stage(self.references)

    @cached_property
    def needed_stages(self) -> frozenset[int]:
        """Indices of the stages the target needs (what buildah and BuildKit build)."""
        if self.target is None:
            return frozenset()
        needed = {self.target.index}
        todo = [self.target]
        while todo:
            stage = todo.pop()
            for ref in self.references_from(stage):
                if ref.target is not None and ref.target.index not in needed:
                    needed.add(ref.target.index)
                    todo.append(ref.target)
        return frozenset(needed)

    def is_needed(self, stage: Stage) -> bool:
        return stage.index in self.needed_stages

    def descendants(self, stage: Stage) -> list[Stage]:
        """Stages built FROM this one, directly or through others."""
        return [s for s in self.stages if stage in s.ancestors()]


def _by_stage(items: list[_OfStage]) -> dict[int, list[_OfStage]]:
    """`items` grouped by the id of their stage, in order."""
    found: dict[int, list[_OfStage]] = {}
    for item in items:
        found.setdefault(id(item.stage), []).append(item)
    return found
