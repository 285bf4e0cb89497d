"""`--from` names the stage it is in

## What it does
Reports `COPY --from=` or `RUN --mount=...,from=` naming the stage that
contains the instruction, by name (compared case-insensitively, as BuildKit
does) or by index.

## Why is this bad?
A stage cannot read its own result while it is being built: BuildKit
reports a circular dependency, other engines fail or pull an image of that
name.

## Example
```dockerfile
FROM golang:1.23 AS build
RUN go build -o /out/app .
COPY --from=build /out/app /usr/local/bin/app
```

Use instead:
```dockerfile
FROM golang:1.23 AS build
RUN go build -o /out/app .
FROM debian:12-slim
COPY --from=build /out/app /usr/local/bin/app
```

## Differences from hadolint
hadolint's DL3023 only looks at `COPY --from` by exact name; this rule also
catches the stage's own index, a different letter case and
`RUN --mount=...,from=`.
"""

from stagelint.model import Model
from stagelint.rule import Severity
from stagelint.stagerefs import StageRef, stage_ref_rule


def own_stage(model: Model, ref: StageRef) -> str | None:
    if ref.kind != "self":
        return None
    return (
        f"`--from={ref.value}` names the stage it is in (`{ref.reference.stage.label}`): "
        "a stage cannot read from itself"
    )


RULE = stage_ref_rule(
    __doc__,
    code="SL304",
    name="from-own-stage",
    summary="`--from` names the stage it is in",
    message=own_stage,
    severity=Severity.ERROR,
    aliases=("DL3023",),
)
