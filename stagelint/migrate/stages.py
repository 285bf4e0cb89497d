"""The back end: from the recorded operations to the stages of a Containerfile.

Every working container becomes a stage. A stage is *read* once another
stage copies from it, builds on it or the script commits it; since a
Containerfile stage is only ever seen in its final state, a container that
changes after being read continues in a new stage (`FROM <previous>`).

A container whose mounted rootfs another container writes into (`buildah
run -v $mnt:/target bld -- ...`) gets the copy-rootfs pattern: the builder
stage copies the rootfs in (`COPY --from=<stage> / /target`) before the RUN,
and the rootfs then lives in the builder at /target; when the container is
used again on its own, it continues in a stage `FROM scratch` +
`COPY --from=<builder> /target /` with its image config re-declared (the base
image's, read offline by :func:`stagelint.imageconfig.inspect_image`, and
what the script configured).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from stagelint.imageconfig import ImageConfig, config_instructions
from stagelint.migrate import ir, render

_ROOT_USERS = frozenset({"", "root", "0", "0:0", "root:root"})
_SINGLE = frozenset(
    {"CMD", "ENTRYPOINT", "WORKDIR", "USER", "STOPSIGNAL", "SHELL", "HEALTHCHECK", "MAINTAINER"}
)


def _setting(line: str) -> str:
    """What a config line sets: later lines setting the same replace it."""
    keyword, _, rest = line.partition(" ")
    if keyword in _SINGLE:
        return keyword
    if keyword in ("ENV", "LABEL") and "$" not in line:  # `$` may read the earlier value
        return f"{keyword} {rest.partition('=')[0]}"
    return line


def redeclared(lines: list[str]) -> list[str]:
    """The config lines, each setting only once (its last value), in order."""
    last = {_setting(line): index for index, line in enumerate(lines)}
    return [line for index, line in enumerate(lines) if last[_setting(line)] == index]


@dataclass
class Stage:
    name: str
    base: str  # an image, "scratch", or another stage's name
    lines: list[str] = field(default_factory=list)
    deps: list[Stage] = field(default_factory=list)
    read: bool = False
    user: str | None = ""  # the USER in effect at the end; None when unknown
    # the flags of the last line when it is a shell-form RUN that the next may join
    open_run: str | None = None
    filled: set[str] = field(default_factory=set)  # paths a rootfs was copied into


@dataclass
class Container:
    hint: str
    stage: Stage
    base: tuple[ir.At, str] | None  # the image whose own config it starts with, if any
    config: list[str]  # instructions that re-declare what the script configured
    inside: tuple[Stage, str] | None = None  # its rootfs, copied into a builder at a path


@dataclass(frozen=True)
class Snapshot:
    """A committed image: the stage it is, and the config it carries."""

    stage: Stage
    base: tuple[ir.At, str] | None
    config: tuple[str, ...]


@dataclass
class Plan:
    """The result: the Containerfile text, and what needs the user's attention."""

    text: str
    warnings: list[ir.Untranslated]


class Planner:
    def __init__(self, source: str, resolve: Callable[[str], ImageConfig | None]) -> None:
        self.source = source
        self.resolve = resolve
        self.header: list[str] = []
        self.stages: list[Stage] = []
        self.containers: dict[int, Container] = {}
        self.commits: dict[str, Snapshot] = {}
        self.final: Stage | None = None
        self.final_docker = False
        self.last: Stage | None = None
        self.warnings: list[ir.Untranslated] = []

    # -- stages ---------------------------------------------------------------------

    def _new_stage(self, hint: str, base: str, deps: Iterable[Stage] = ()) -> Stage:
        taken = {s.name for s in self.stages}
        name, n = hint, 1
        while name in taken:
            n += 1
            name = f"{hint}-{n}"
        stage = Stage(name, base, deps=list(deps))
        self.stages.append(stage)
        return stage

    def _read(self, stage: Stage, by: Stage | None) -> str:
        stage.read = True
        if by is not None and stage not in by.deps:
            by.deps.append(stage)
        return stage.name

    def _emit(self, stage: Stage, line: str) -> None:
        if line.startswith("USER ") and stage.lines and stage.lines[-1].startswith("USER "):
            stage.lines.pop()  # a USER nothing ran under changes nothing
        stage.lines.append(line)
        stage.open_run = None
        self.last = stage

    def _emit_run(self, stage: Stage, parts: tuple[str, str | None, str]) -> None:
        flags, script, exec_form = parts
        if script is not None and stage.open_run == flags and self.last is stage:
            stage.lines[-1] = render.join_runs(stage.lines[-1], script)
            return
        self._emit(stage, f"RUN {flags}{script if script is not None else exec_form}")
        if script is not None:
            stage.open_run = flags

    def _materialize(self, c: Container) -> Stage:
        """Give a container whose rootfs lives in a builder its own stage again."""
        assert c.inside is not None
        builder, path = c.inside
        stage = self._new_stage(c.hint, "scratch")
        stage.user = c.stage.user
        self._emit(stage, render.copy_instruction([path], "/", origin=self._read(builder, stage)))
        stage.lines.extend(redeclared([*self._base_config(c.base), *c.config]))
        c.stage, c.inside = stage, None
        return stage

    def _base_config(self, base: tuple[ir.At, str] | None) -> list[str]:
        """The base image's own config, as instructions; a NOTE and a warning
        when a local engine cannot show it."""
        if base is None:
            return []
        at, image = base
        config = self.resolve(image)
        if config is not None:
            return config_instructions(config).splitlines()
        warning = ir.Untranslated(at, f"the image config of {image} could not be read")
        if warning not in self.warnings:  # once, however often it is re-declared
            self.warnings.append(warning)
        return [
            f"# NOTE (stagelint migrate): the image config of {image} could not "
            "be read from a local engine; re-declare what this image needs here."
        ]

    def _writable(self, c: Container) -> Stage:
        """The stage that the container's next change goes into."""
        if c.inside is not None:
            return self._materialize(c)
        if c.stage.read:
            previous = c.stage
            c.stage = self._new_stage(c.hint, self._read(previous, None), [previous])
            c.stage.user = previous.user
            c.stage.filled = set(previous.filled)
        return c.stage

    def _write_target(self, c: Container) -> tuple[Stage, str]:
        """Where a write into the container's rootfs goes: its stage at `/`, or
        the builder holding its rootfs, under that path."""
        if c.inside is not None and not c.inside[0].read:
            return c.inside
        return self._writable(c), "/"

    def _origin(self, cid: int, by: Stage) -> tuple[str, str]:
        """`--from` for the container's current rootfs, and the path it lives at."""
        source = self.containers[cid]
        if source.inside is not None:
            return self._read(source.inside[0], by), source.inside[1]
        return self._read(source.stage, by), "/"

    def _as_root(self, stage: Stage, parts: tuple[str, str | None, str]) -> None:
        """Host writes into a mount ran as root: so does their RUN."""
        user = stage.user
        switch = user is not None and user not in _ROOT_USERS
        if switch:
            self._emit(stage, "USER root")
        self._emit_run(stage, parts)
        if switch:
            self._emit(stage, f"USER {user}")

    # -- operations -----------------------------------------------------------------

    def apply(self, op: ir.Op) -> None:
        if isinstance(op, ir.Untranslated):
            self.warnings.append(op)
            line = render.comment(op, self.source)
            (self.last.lines if self.last else self.header).append(line)
            return
        if isinstance(op, ir.FromOp):
            self._from(op)
            return
        c = self.containers[op.cid]
        if isinstance(op, ir.RunOp):
            self._run(c, op)
        elif isinstance(op, ir.CopyOp):
            self._copy(c, op)
        elif isinstance(op, ir.HostRunOp):
            stage, prefix = self._write_target(c)
            self._as_root(stage, render.host_run(op, prefix))
        elif isinstance(op, ir.ConfigOp):
            self._config(c, op)
        else:
            self._commit(c, op)

    def _from(self, op: ir.FromOp) -> None:
        snapshot = self.commits.get(op.image)
        if snapshot is not None:
            stage = self._new_stage(op.hint, self._read(snapshot.stage, None), [snapshot.stage])
            stage.user = snapshot.stage.user
            c = Container(op.hint, stage, snapshot.base, list(snapshot.config))
        elif op.image == "scratch":
            c = Container(op.hint, self._new_stage(op.hint, "scratch"), None, [])
        else:
            stage = self._new_stage(op.hint, op.image)
            # the USER its RUNs start with; None (unknown) keeps host writes as they are
            config = self.resolve(op.image)
            stage.user = config.user if config is not None else None
            c = Container(op.hint, stage, (op.at, op.image), [])
        self.containers[op.cid] = c
        self.last = c.stage

    def _run(self, c: Container, op: ir.RunOp) -> None:
        stage = self._writable(c)
        for cid, target in op.rootfs_mounts:
            mounted = self.containers[cid]
            if mounted.inside == (stage, target):
                continue  # still there from the previous RUN
            origin, path = self._origin(cid, stage)
            if target in stage.filled:
                # COPY merges: files the rootfs lost since the last copy must go too
                self._emit_run(stage, render.run_parts(["rm", "-rf", target]))
            self._emit(stage, render.copy_instruction([path], target, origin=origin))
            stage.filled.add(target)
            mounted.inside = (stage, target)
        binds = [render.bind_mount(source, target) for source, target in op.binds]
        parts = render.run_parts(op.argv, op.env, binds, op.workdir)
        if op.workdir is not None and parts[1] is None:
            self._untranslated(op, "a command the shell cannot spell, run in --workingdir")
            return
        if op.user is None:
            self._emit_run(stage, parts)
            return
        before = stage.user
        if before is None:
            self._untranslated(op, "--user: the user to return to afterwards is not known")
            return
        self._emit(stage, f"USER {op.user}")
        self._emit_run(stage, parts)
        self._emit(stage, f"USER {before or 'root'}")

    def _untranslated(self, op: ir.RunOp, reason: str) -> None:
        """Keep a RUN the Containerfile cannot say as a comment, and report it."""
        self.apply(ir.Untranslated(op.at, reason, op.cid))

    def _copy(self, c: Container, op: ir.CopyOp) -> None:
        stage, prefix = self._write_target(c)
        sources = list(op.sources)
        origin = ""
        if op.from_cid is not None:
            origin, path = self._origin(op.from_cid, stage)
            sources = [render.under(path, s) for s in sources]
        elif op.from_image:
            snapshot = self.commits.get(op.from_image)
            origin = self._read(snapshot.stage, stage) if snapshot else op.from_image
        dest = render.under(prefix, op.dest) if op.dest.startswith("/") else op.dest
        if prefix != "/" and not op.dest.startswith("/"):
            dest = render.under(prefix, "/" + op.dest)  # relative to the builder's rootfs copy
        # ADD differs from COPY only for URLs and local archives
        add = op.add and not origin and any(map(render.needs_add, sources))
        line = render.copy_instruction(
            sources, dest, add=add, origin=origin, chown=op.chown, chmod=op.chmod
        )
        self._emit(stage, line)

    def _config(self, c: Container, op: ir.ConfigOp) -> None:
        c.config.extend(op.lines)
        if c.inside is not None and not c.inside[0].read:
            return  # re-declared when the container gets its own stage again
        stage = self._writable(c)
        for line in op.lines:
            self._emit(stage, line)
        if op.user is not None:
            stage.user = op.user

    def _commit(self, c: Container, op: ir.CommitOp) -> None:
        stage = self._materialize(c) if c.inside is not None else c.stage
        stage.read = True
        snapshot = Snapshot(stage, c.base, tuple(c.config))
        for key in (op.image, op.token):
            if key:
                self.commits[key] = snapshot
        self.final = stage
        self.final_docker = op.docker
        self.last = stage

    # -- output ---------------------------------------------------------------------

    def _ordered(self) -> list[Stage]:
        """Stages with every stage after those it uses, the final one last."""
        done: list[Stage] = []

        def visit(stage: Stage) -> None:
            if stage in done:
                return
            for dep in stage.deps:
                visit(dep)
            done.append(stage)

        rest = [s for s in self.stages if s is not self.final]
        for stage in [*rest, *([self.final] if self.final else [])]:
            visit(stage)
        return done

    def render(self) -> str:
        out = [f"# Generated by `stagelint migrate` from {self.source}."]
        if self.final_docker:
            out.append(
                "# The script committed in Docker format: build with `buildah bud --format "
                "docker` to keep HEALTHCHECK, SHELL and ONBUILD."
            )
        out.extend(self.header)
        ordered = self._ordered()
        for stage in ordered:
            out.append("")
            out.append(f"FROM {stage.base} AS {stage.name}")
            out.extend(stage.lines)
        if self.final is not None and ordered and ordered[-1] is not self.final:
            out += ["", f"FROM {self.final.name}"]
        return "\n".join(out) + "\n"


def plan(ops: Iterable[ir.Op], source: str, resolve: Callable[[str], ImageConfig | None]) -> Plan:
    """The Containerfile for `ops`, recorded from the script named `source`."""
    planner = Planner(source, resolve)
    for op in ops:
        planner.apply(op)
    if planner.final is None and planner.stages:
        planner.warnings.append(
            ir.Untranslated(ir.At(0, ""), "no buildah commit: the last stage is the image")
        )
    return Plan(planner.render(), planner.warnings)
