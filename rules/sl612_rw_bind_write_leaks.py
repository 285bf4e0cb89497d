"""Writes to an `rw` bind mount that the target buildah leaks into the stage

## What it does
Reports a `COPY --from=<stage>` or `RUN --mount=...,from=<stage>` that comes
after a RUN writing into an `rw` bind mount of the same stage, when the
configured `target-engine` is a buildah (or podman) release that leaks such
writes: buildah before 1.39, except the patched 1.26.9+, 1.27.6+, 1.29.5+,
1.33.12+, 1.35.5+, 1.37.6+ and 1.38.1+ (the CVE-2024-11218 fix).

When no `target-engine` is configured, this rule reports nothing.

## Why is this bad?
A leaking buildah keeps the writes in the mounted stage's working container,
so the later `COPY --from` or mount sees them (an image built `FROM` the
stage does not). BuildKit and fixed buildah releases discard the writes when
the RUN ends. The same file then builds different images depending on the
engine version, and an upgrade silently drops the files. SL101 covers the
case where the stage is used as a base; this rule covers the copies that
work only by accident.

## Example
With `target-engine = "buildah>=1.28"`:
```dockerfile
FROM registry.example/minimal AS base
FROM registry.example/full AS pkg
RUN --mount=type=bind,from=base,target=/target,rw \\
    make -C /src install DESTDIR=/target
FROM scratch
COPY --from=base / /
```

Use instead:
```dockerfile
FROM registry.example/minimal AS base
FROM registry.example/full AS pkg
COPY --from=base / /target
RUN make -C /src install DESTDIR=/target
FROM scratch
COPY --from=pkg /target /
```
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.engines import EngineSpec, buildah_for, leaks_rw_bind, target_of
from stagelint.model import Model, Reference, RunStep
from stagelint.rootfs import norm
from stagelint.rule import Context, Diagnostic, Rule, Severity


def _writers(model: Model) -> Iterator[tuple[RunStep, Reference]]:
    """RUNs writing into an rw bind mount of a stage, with that mount's reference."""
    refs = {id(r.mount): r for r in model.references if r.mount is not None}
    for step in model.runs:
        for mount in step.mounts:
            ref = refs.get(id(mount))
            if not (mount.is_bind and mount.readwrite and mount.target and ref and ref.target):
                continue
            if step.writes_under(norm(mount.target)):
                yield step, ref


def _span(ref: Reference) -> tuple[int, int]:
    if ref.mount is not None and ref.mount.flag is not None:
        return ref.mount.flag.start, ref.mount.flag.end
    flag = ref.instruction.flag("from")
    return (flag.start, flag.end) if flag else (ref.instruction.start, ref.instruction.end)


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    target = target_of(ctx)
    if target is None:
        return
    leaking: list[EngineSpec] = []
    for spec in target.specs:
        buildah = buildah_for(spec)
        if buildah is not None and leaks_rw_bind(buildah):
            leaking.append(spec)
    if not leaking:
        return
    model = ctx.model
    engines = ", ".join(str(s) for s in leaking)
    for step, writer in _writers(model):
        stage = writer.target
        line, _ = model.doc.position(step.instruction.start)
        for ref in model.references:
            if (
                ref.target is not stage
                or ref.kind not in ("copy", "mount")
                or ref.instruction.start <= step.instruction.start
            ):
                continue
            start, end = _span(ref)
            yield rule.diagnostic(
                start,
                end,
                f"sees what the RUN at line {line} wrote into its rw bind mount of stage "
                f"`{stage.label if stage else writer.raw}` only because the target ({engines}) "
                f"leaks those writes into the stage's working container; BuildKit and buildah "
                f"1.39+ discard them. Copy the rootfs into the builder instead (see SL101)",
            )


RULE = Rule(
    code="SL612",
    name="rw-bind-write-leaks",
    summary="Writes to an `rw` bind mount that the target buildah leaks into the stage",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__ or "",
)
