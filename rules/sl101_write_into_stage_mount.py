"""Write into a bind mount of another stage, expected to persist

## What it does
Reports a RUN that writes into a `--mount=type=bind,from=<stage>,rw` mount (a
package manager installing with `--installroot`/`--root` into the mount
target, or files written there) when the result is evidently expected to
persist: the write is an install into the mount, the mounted stage is
later used as a base (`FROM <stage>`) or is the build target, or a later
`COPY --from=<this stage>` reads the mounted path (it gets the stage's own
directory, which the mount only hid).

## Why is this bad?
A bind mount exists for one RUN only. BuildKit discards writes to an `rw`
bind mount when the step ends, and so does buildah from 1.39 (and its
patched 1.26.9+, 1.27.6+, 1.29.5+, 1.33.12+, 1.35.5, 1.37.6+ and 1.38.1
releases). Older buildah leaks the writes into the mounted stage's working
container, where a later `COPY --from` sees them, but an image built
`FROM <stage>` starts from the stage's committed image and never has them.
Either way the final image lacks what was installed. The stage that only
writes through the mount is not even built when nothing else needs it.

## Example
```dockerfile
FROM registry.example/minimal AS base
FROM registry.example/full AS pkg
RUN --mount=type=bind,from=base,target=/target,rw \\
    zypper --installroot=/target install -y ripgrep
FROM base
```

Use instead:
```dockerfile
FROM registry.example/minimal AS base
FROM registry.example/full AS pkg
COPY --from=base / /target
RUN zypper --installroot=/target install -y ripgrep \\
 && zypper --installroot=/target clean --all
FROM scratch
COPY --from=pkg /target /
```

## Fix safety
The fix is the copy-rootfs rewrite: `COPY --from=<stage> / <target>` before
the RUN (which loses only its mount flag), and every later `FROM <stage>`
becomes `FROM scratch` + `COPY --from=<builder> <target> /` followed by the
image config the stage had: what it and its ancestors declare in the file,
and the base image's own config when a local buildah or podman has the image
(`buildah inspect`; offline). When that config cannot be read, a `# NOTE`
comment in the file says so. It is applied by default: the original build
does not do what it says, and the rewrite builds the image its author meant
(proven by buildah builds in the test suite). Set
`rootfs-variant = "from-base"` to keep `FROM <stage>` and add the COPY
instead: the config is kept, but deletions made in the root filesystem do
not apply (SL107).

hadolint 2.15's DL3067 warns about `COPY --from=X / /` because it copies a
whole image; here that is the point: the root filesystem is the product,
and `FROM scratch` makes sure nothing of the old one is stored twice.

Writing into an `rw` mount as scratch space (generating files, running
linters over a source tree) is fine and not reported, as long as nothing
expects the mounted stage to change.
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.effects import is_under
from stagelint.model import Model, RunStep, Stage
from stagelint.rootfs import copies, norm
from stagelint.rootfs_rewrite import copy_rootfs_fix
from stagelint.rule import Context, Diagnostic, FixAvailability, Rule, Severity


def _consumer(model: Model, stage: Stage) -> str | None:
    """How the file goes on to use `stage` as an image, for the message."""
    for child in model.descendants(stage):
        if child.base_stage is stage:
            line, _ = model.doc.position(child.from_instruction.start)
            return f"`FROM {stage.label}` (line {line})"
    if stage is model.target:
        return f"the target `{stage.label}`"
    return None


def _copied_out(model: Model, step: RunStep, target: str) -> str | None:
    """A later `COPY --from=<this stage>` of the mount's target (or of a path
    in it): it reads the stage's own directory, which the mount only hid, so
    it expects the writes that the mount discards."""
    for copy in copies(model):
        if (
            copy.reference.target is step.stage
            and copy.instruction.start > step.instruction.start
            and is_under(copy.source_path, target)
        ):
            line, _ = model.doc.position(copy.instruction.start)
            return f"the `COPY --from={step.stage.ref} {copy.source_path}` at line {line}"
    return None


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    model = ctx.model
    mount_refs = {id(r.mount): r for r in model.references if r.mount is not None}
    for step in model.runs:
        candidates = [
            m
            for m in step.mounts
            if m.is_bind and m.readwrite and m.from_ is not None and m.target and m.flag
        ]
        if not candidates:
            continue
        for mount in candidates:
            target = norm(mount.target or "")
            hits = step.writes_under(target)
            if not hits or mount.flag is None:
                continue
            ref = mount_refs.get(id(mount))
            stage = ref.target if ref else None
            installs = [e for e in hits if e.kind == "install"]
            consumer = _consumer(model, stage) if stage else None
            if consumer is None:
                consumer = _copied_out(model, step, target)
            if not installs and consumer is None:
                continue  # scratch space: nothing expects the mounted stage to change
            first = installs[0] if installs else hits[0]
            words = [first.manager or first.command, first.subcommand]
            what = "`" + " ".join(w for w in words if w) + "`"
            source = f"stage `{stage.label}`" if stage else f"image `{mount.from_}`"
            expected = consumer or "no image"
            fix = None
            if stage is not None:
                fix = copy_rootfs_fix(
                    model,
                    step,
                    mount,
                    stage,
                    variant=str(ctx.settings.get("rootfs-variant", "scratch")),
                    resolve=ctx.settings.get("resolve-image"),  # type: ignore[arg-type]
                )
            yield rule.diagnostic(
                mount.flag.start,
                mount.flag.end,
                f"{what} writes into {target}, an rw bind mount of {source}: the writes are "
                f"discarded after this RUN, so {expected} never has them (unpatched buildah "
                f"before 1.39 leaks them only into the stage's working container). Copy the "
                f"rootfs instead: `COPY --from={mount.from_} / {target}`, install there, and "
                f"copy it back with `COPY --from={step.stage.ref} {target} /`",
                fix,
            )


RULE = Rule(
    code="SL101",
    name="write-into-stage-mount",
    summary="Write into a bind mount of another stage, expected to persist",
    severity=Severity.ERROR,
    check=check,
    doc=__doc__ or "",
    fix=FixAvailability.SOMETIMES,
    fix_title="Copy the rootfs into the builder, install there, copy it back",
)
