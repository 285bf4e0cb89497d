"""Rootfs copied back over its own base: deletions made in the builder are lost

## What it does
Reports `COPY --from=<builder> /rootfs /` into a stage built `FROM` an image
or stage (not `scratch`) when the builder deletes files inside `/rootfs`
(`rm`, a package manager removing packages with that install root).

## Why is this bad?
COPY adds and overwrites files; it never deletes. Files removed in the
builder's copy of the root filesystem are still in the stage's base layers,
so the final image keeps them. On overlay storage the copied root filesystem
is also stored a second time on top of the identical base (measured: 4.8 MB
instead of 2.66 MB).

## Example
```dockerfile
FROM registry.example/minimal AS base
FROM registry.example/full AS pkg
COPY --from=base / /target
RUN rm -rf /target/usr/share/doc && dnf --installroot=/target install -y ripgrep
FROM base
COPY --from=pkg /target /
```

Use instead:
```dockerfile
FROM registry.example/minimal AS base
FROM registry.example/full AS pkg
COPY --from=base / /target
RUN rm -rf /target/usr/share/doc && dnf --installroot=/target install -y ripgrep
FROM scratch
COPY --from=pkg /target /
```
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.effects import is_under
from stagelint.rootfs import rootfs_outs
from stagelint.rule import Context, Diagnostic, Rule, Severity

_REMOVALS = frozenset({"remove", "erase", "purge", "autoremove", "del", "uninstall"})


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    model = ctx.model
    for out in rootfs_outs(model):
        builder = out.reference.target
        if out.stage.base_kind == "scratch" or builder is None:
            continue
        root = out.source_path
        effects = [e for step in model.runs_of(builder) for e in step.effects]
        deletions = [
            e
            for e in effects
            if (e.kind == "delete" and is_under(e.path, root) and e.path != root)
            or (e.kind == "install" and e.path == root and e.subcommand in _REMOVALS)
        ]
        if not deletions:
            continue
        first = deletions[0]
        line = model.doc.position(first.start)[0]
        what = first.path if first.kind == "delete" else f"{first.manager} {first.subcommand}"
        where = f" ({what}, line {line})"
        yield rule.diagnostic(
            out.instruction.start,
            out.instruction.content_end,
            f"stage `{out.stage.label}` is built FROM `{out.stage.base}` and copies {root} over "
            f"it: what the builder deleted in {root}{where} is still in the base layers, since "
            f"COPY never deletes; on overlay storage the rootfs is also stored twice. "
            f"Use `FROM scratch` and re-declare the config",
        )


RULE = Rule(
    code="SL107",
    name="deletions-lost-by-base-rootfs",
    summary="Rootfs copied back over its own base: deletions made in the builder are lost",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__ or "",
)
