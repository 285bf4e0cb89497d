"""RUN changes files under a path declared VOLUME earlier

## What it does
Reports a RUN that writes, installs or deletes under a path that an earlier
`VOLUME` instruction (in the same stage or a stage it is built on) declared.

## Why is this bad?
What happens to the change depends on the engine. The legacy Docker builder
and buildah before 1.37 (or later buildah with `--compat-volumes`) discard
changes made under a volume path after the VOLUME instruction; BuildKit keeps
them. The image differs between engines, and on some of them the files are
simply missing.

## Example
```dockerfile
FROM alpine:3.20
VOLUME /var/lib/app
RUN mkdir -p /var/lib/app/data && echo seed > /var/lib/app/data/seed
```

Use instead:
```dockerfile
FROM alpine:3.20
RUN mkdir -p /var/lib/app/data && echo seed > /var/lib/app/data/seed
VOLUME /var/lib/app
```

With `target-engine` set (see the engines page), the rule knows which
behaviour applies: it reports an error when a targeted engine discards the
change, and nothing when every targeted engine keeps it.
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.effects import is_under
from stagelint.model import Model
from stagelint.rootfs import norm
from stagelint.rule import Context, Diagnostic, Rule, Severity
from stagelint.tree import Instruction


def _volume_paths(model: Model, ins: Instruction) -> list[tuple[str, Instruction]]:
    paths = (model.expand(ins, value).value for value in ins.arguments)
    return [(norm(p), ins) for p in paths if p.startswith("/")]


def volumes_before_runs(model: Model) -> dict[int, list[tuple[str, Instruction]]]:
    """For each RUN (by id), the VOLUMEs declared before it in its stage and
    the stages it is built on. One pass over the file."""
    at_end: dict[int, list[tuple[str, Instruction]]] = {}  # stage index -> all its volumes
    out: dict[int, list[tuple[str, Instruction]]] = {}
    for stage in model.stages:
        current = list(at_end.get(stage.base_stage.index, [])) if stage.base_stage else []
        for ins in stage.instructions:
            if ins.keyword == "VOLUME":
                current.extend(_volume_paths(model, ins))
            elif ins.keyword == "RUN" and current:
                out[id(ins)] = list(current)
        at_end[stage.index] = current
    return out


def _engine_verdict(ctx: Context) -> bool | None:
    """Does a targeted engine discard the change (True), does none (False), or
    is no engine targeted or known (None)?"""
    if not ctx.settings.get("target-engine"):
        return None
    from stagelint.engines import reverts_volume_writes, target_of

    target = target_of(ctx)
    return reverts_volume_writes(target) if target is not None else None


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    model = ctx.model
    verdict = _engine_verdict(ctx)
    if verdict is False:
        return  # every targeted engine keeps changes under a volume
    volumes_at = volumes_before_runs(model)
    for step in model.runs:
        volumes = volumes_at.get(id(step.instruction))
        if not volumes:
            continue
        mounted = [norm(m.target) for m in step.mounts if m.target]
        for effect in step.effects:
            if any(is_under(effect.path, m) for m in mounted):
                continue  # a mount over the path: the volume is not touched
            for path, ins in volumes:
                if is_under(effect.path, path):
                    line, _ = model.doc.position(ins.start)
                    where = f"changes {effect.path}, under VOLUME {path} (line {line})"
                    if verdict:
                        message = (
                            f"{where}: the target engine ({ctx.settings['target-engine']}) "
                            "discards it; make the change before the VOLUME"
                        )
                        found = rule.diagnostic(effect.start, effect.end, message)
                        yield found._replace(severity=Severity.ERROR)
                    else:
                        yield rule.diagnostic(
                            effect.start,
                            effect.end,
                            f"{where}: the legacy Docker builder and buildah before 1.37 (or "
                            "with --compat-volumes) discard it, BuildKit keeps it; make the "
                            "change before the VOLUME",
                        )
                    break


RULE = Rule(
    code="SL103",
    name="write-under-volume",
    summary="RUN changes files under a path declared VOLUME earlier",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__ or "",
)
