"""Content written into a cache or tmpfs mount and read later outside it

## What it does
Reports a RUN that writes into a `type=cache` or `type=tmpfs` mount when the
file goes on to read that path outside the mount: a later RUN (in the same
stage or a stage built on it) without the mount, or a `COPY --from` of that
path.

## Why is this bad?
Cache and tmpfs mounts never become part of the image. A later step finds the
directory empty or missing (buildah 1.28 even removes a pre-existing target
directory, upstream bug #4927), so the build fails or, worse, silently ships
without the files.

## Example
```dockerfile
FROM golang:1.22 AS build
RUN --mount=type=cache,target=/out go build -o /out/app ./cmd/app
FROM gcr.io/distroless/static
COPY --from=build /out/app /app
```

Use instead:
```dockerfile
FROM golang:1.22 AS build
RUN --mount=type=cache,target=/root/.cache/go-build go build -o /out/app ./cmd/app
FROM gcr.io/distroless/static
COPY --from=build /out/app /app
```
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.effects import is_under
from stagelint.model import Model, RunStep, Stage
from stagelint.rootfs import copies, norm
from stagelint.rule import Context, Diagnostic, Rule, Severity


def _later_reads(model: Model, step: RunStep, cache: str) -> tuple[int, str] | None:
    """The first later read of a path under `cache` outside the mount:
    (its offset, the path)."""
    family: list[Stage] = [step.stage, *model.descendants(step.stage)]
    after = step.instruction.start
    for copy in copies(model):
        source = copy.reference.target
        if source in family and is_under(copy.source_path, cache):
            return copy.instruction.start, copy.source_path
    for other in model.runs:
        if other.stage not in family or other.instruction.start <= after:
            continue
        if any(m.target and norm(m.target) == cache for m in other.mounts):
            continue
        script = other.script.script
        if script is None:
            continue
        for command in script.commands:
            for word in command.argv[1:]:
                value = word.value or ""
                if value.startswith("/") and is_under(norm(value), cache):
                    return other.instruction.start, value
    return None


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    model = ctx.model
    for step in model.runs:
        caches = [m for m in step.mounts if m.discards_content and m.target]
        if not caches:
            continue
        for mount in caches:
            cache = norm(mount.target or "")
            writes = step.writes_under(cache)
            if not writes:
                continue
            read = _later_reads(model, step, cache)
            if read is None:
                continue
            line, _ = model.doc.position(read[0])
            yield rule.diagnostic(
                writes[0].start,
                writes[0].end,
                f"writes into {cache}, a {mount.type} mount whose content never reaches the "
                f"image, but line {line} reads {read[1]} outside the mount; write the result "
                f"to a path outside the mount",
            )


RULE = Rule(
    code="SL102",
    name="content-in-cache-mount",
    summary="Content written into a cache or tmpfs mount and read later outside it",
    severity=Severity.ERROR,
    check=check,
    doc=__doc__ or "",
)
