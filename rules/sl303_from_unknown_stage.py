"""`--from` names no earlier stage and no image

## What it does
Reports the value of `COPY --from=` or `RUN --mount=...,from=` when it
names no stage defined before the instruction and does not read as an image
reference either: a bare word that is no stage name (`--from=biulder`), a
stage defined further down, a stage index past the last stage or past the
current one, or a value that is not a valid image reference. A close stage
name is suggested. Values with a registry, a path, a tag or a digest
(`--from=nginx:1.27`, `--from=ghcr.io/org/tool`) are images and fine.
Stage names match case-insensitively, as in BuildKit.

## Why is this bad?
The engine does not fail on a misspelt stage name: it pulls an image of
that name from Docker Hub (`docker.io/library/biulder:latest`), which fails
late, or worse, succeeds with someone else's image. A later stage or index
is a cycle or a stage the classic builder and buildah cannot see yet.

## Example
```dockerfile
FROM golang:1.23 AS builder
RUN go build -o /out/app .
FROM gcr.io/distroless/static-debian12
COPY --from=biulder /out/app /app
```

Use instead:
```dockerfile
FROM golang:1.23 AS builder
RUN go build -o /out/app .
FROM gcr.io/distroless/static-debian12
COPY --from=builder /out/app /app
```

## Differences from hadolint
hadolint's DL3022 only looks at `COPY`, compares names case-sensitively
(`AS Builder` then `--from=builder` is reported although it works), and
reports every image reference without a tag, even
`--from=docker.io/library/alpine`. It does not report an index past the
current stage. A bare word that names an image (`--from=nginx`) or a named
build context (`--build-context tools=...`) is reported by both: give the
image a tag, or suppress the finding for a named context.
"""

from stagelint.model import Model
from stagelint.rule import Severity
from stagelint.stagerefs import StageRef, close_name, line_of, stage_ref_rule


def unknown_stage(model: Model, ref: StageRef) -> str | None:
    value, here = ref.value, ref.reference.stage
    if ref.kind == "later" and ref.stage is not None:
        return (
            f"`--from={value}` names stage `{ref.stage.label}`, defined later "
            f"(line {line_of(model, ref.stage)}): only earlier stages can be used"
        )
    if ref.kind == "out-of-range":
        last = len(model.stages) - 1
        return f"`--from={value}`: there is no stage {value} (stages are numbered 0 to {last})"
    if ref.kind == "invalid":
        return f"`--from={value}` names no earlier stage and is not a valid image reference"
    if ref.kind != "bare-name":
        return None
    names = [s.name for s in model.stages[: here.index] if s.name]
    guess = close_name(value, names)
    hint = f"; did you mean `{guess}`?" if guess else ""
    return (
        f"`--from={value}` names no earlier stage: the engine would pull the image "
        f"`docker.io/library/{value}:latest`{hint}"
    )


RULE = stage_ref_rule(
    __doc__,
    code="SL303",
    name="from-unknown-stage",
    summary="`--from` names no earlier stage and no image",
    message=unknown_stage,
    severity=Severity.WARNING,
    aliases=("DL3022",),
)
