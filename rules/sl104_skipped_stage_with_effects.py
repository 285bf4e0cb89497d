"""Stage the target does not need, whose only effect is on another stage

## What it does
Reports a stage that the build target does not need (nothing builds `FROM`
it, copies from it or mounts it, on the way to the target) but that runs
steps meant to change another stage: a RUN with a writable bind mount of
another stage.

## Why is this bad?
buildah (`--skip-unused-stages`, the default since 1.28) and BuildKit build
only the stages the target needs. This stage is never built, so its writes
through the mount never happen, not even in the engine's working container.
Even when it is built, writes into a bind mount do not persist (SL101).

## Example
```dockerfile
FROM registry.example/minimal AS base
FROM registry.example/full AS pkg
RUN --mount=type=bind,from=base,target=/target,rw \\
    dnf --installroot=/target install -y ripgrep
FROM base
```

Use instead:
```dockerfile
FROM registry.example/minimal AS base
FROM registry.example/full AS pkg
COPY --from=base / /target
RUN dnf --installroot=/target install -y ripgrep \\
 && dnf --installroot=/target clean all
FROM scratch
COPY --from=pkg /target /
```
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.rule import Context, Diagnostic, Rule, Severity


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    model = ctx.model
    if model.target is None:
        return
    reported: set[int] = set()
    for ref in model.references:
        mount = ref.mount
        if mount is None or ref.target is None or ref.target is ref.stage:
            continue
        if not (mount.is_bind and mount.readwrite) or model.is_needed(ref.stage):
            continue
        if ref.stage.index in reported:
            continue
        reported.add(ref.stage.index)
        node = ref.stage.from_instruction
        line, _ = model.doc.position(ref.instruction.start)
        yield rule.diagnostic(
            node.start,
            node.content_end,
            f"stage `{ref.stage.label}` is never built: the target `{model.target.label}` "
            f"does not need it, and buildah and BuildKit skip unused stages; its RUN at "
            f"line {line} writes through a mount of `{ref.target.label}` and has no effect",
        )


RULE = Rule(
    code="SL104",
    name="skipped-stage-with-effects",
    summary="Stage the target does not need, whose only effect is on another stage",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__ or "",
)
