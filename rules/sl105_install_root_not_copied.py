"""Install root populated in a builder that no needed stage copies out

## What it does
Reports an install root, a directory of a builder stage filled with a root
filesystem (`COPY --from=base / /target`) or by a package manager
(`dnf --installroot=/target install ...`), when no stage the build target
needs copies it out (`COPY --from=<builder> /target /`).

## Why is this bad?
The work stays in the builder, which is not part of the final image: the
packages never reach the image that was meant to get them. Usually the
copy back was forgotten, points at the wrong stage, or sits in a stage the
target does not build.

## Example
```dockerfile
FROM registry.example/minimal AS base
FROM registry.example/full AS pkg
COPY --from=base / /target
RUN dnf --installroot=/target install -y ripgrep && dnf --installroot=/target clean all
FROM base
```

Use instead:
```dockerfile
FROM registry.example/minimal AS base
FROM registry.example/full AS pkg
COPY --from=base / /target
RUN dnf --installroot=/target install -y ripgrep && dnf --installroot=/target clean all
FROM scratch
COPY --from=pkg /target /
```
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.effects import is_under
from stagelint.rootfs import copies, norm, rootfs_ins
from stagelint.rule import Context, Diagnostic, Rule, Severity


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    model = ctx.model
    roots: dict[tuple[int, str], tuple[int, int]] = {}  # (stage, root) -> span
    for copy in rootfs_ins(model):
        roots.setdefault(
            (copy.stage.index, copy.dest_path),
            (copy.instruction.start, copy.instruction.content_end),
        )
    for step in model.runs:
        mounted = [norm(m.target) for m in step.mounts if m.target]
        for effect in step.effects:
            if effect.kind == "install" and not any(is_under(effect.path, m) for m in mounted):
                roots.setdefault((step.stage.index, effect.path), (effect.start, effect.end))
    out_copies = [c for c in copies(model) if model.is_needed(c.stage)]
    for (index, root), (start, end) in roots.items():
        builder = model.stages[index]
        if builder is model.target:
            continue
        copied = any(
            c.reference.target is builder
            and (is_under(c.source_path, root) or is_under(root, c.source_path))
            for c in out_copies
        )
        if not copied:
            target = model.target.label if model.target else "?"
            yield rule.diagnostic(
                start,
                end,
                f"install root {root} of stage `{builder.label}` is never copied out: no stage "
                f"the target `{target}` needs has `COPY --from={builder.ref} {root} /`",
            )


RULE = Rule(
    code="SL105",
    name="install-root-not-copied",
    summary="Install root populated in a builder that no needed stage copies out",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__ or "",
)
