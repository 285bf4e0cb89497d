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
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.effects import is_under
from stagelint.model import Model, Stage
from stagelint.rootfs import norm
from stagelint.rule import Context, Diagnostic, Rule, Severity
from stagelint.tree import Instruction


def _volumes_before(model: Model, stage: Stage, node: Instruction) -> list[tuple[str, Instruction]]:
    chain = [*reversed(stage.ancestors()), stage]
    found: list[tuple[str, Instruction]] = []
    for s in chain:
        for ins in s.instructions:
            if s is stage and ins.start >= node.start:
                break
            if ins.keyword == "VOLUME":
                for value in ins.arguments:
                    path = model.expand(ins, value).value
                    if path.startswith("/"):
                        found.append((norm(path), ins))
    return found


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    model = ctx.model
    for step in model.runs:
        volumes = _volumes_before(model, step.stage, step.instruction)
        if not volumes:
            continue
        mounted = [norm(m.target) for m in step.mounts if m.target]
        for effect in step.effects:
            if any(is_under(effect.path, m) for m in mounted):
                continue  # a mount over the path: the volume is not touched
            for path, ins in volumes:
                if is_under(effect.path, path):
                    line, _ = model.doc.position(ins.start)
                    yield rule.diagnostic(
                        effect.start,
                        effect.end,
                        f"changes {effect.path}, under VOLUME {path} (line {line}): the legacy "
                        f"Docker builder and buildah before 1.37 (or with --compat-volumes) "
                        f"discard it, BuildKit keeps it; make the change before the VOLUME",
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
