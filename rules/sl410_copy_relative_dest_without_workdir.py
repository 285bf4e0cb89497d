"""COPY to a relative destination while the working directory is unknown

## What it does
Reports `COPY` to a relative destination (after variable expansion) when no
`WORKDIR` came before it in the stage or in the stages it is built on, and
the stage starts from an image (not `scratch`, whose working directory is
`/`). The destination is then relative to the base image's working
directory, which the file does not show.

## Why is this bad?
`COPY app.py app/` lands in `/app/` only while the base image works in `/`;
when a new release of the base image sets a working directory, the files
move and the commands that expect them fail.

## Example
```dockerfile
FROM python:3.12-slim
COPY app.py app/
```

Use instead:
```dockerfile
FROM python:3.12-slim
WORKDIR /srv
COPY app.py app/
```

## Differences from other linters
As in hadolint, a `WORKDIR` in a base stage of the file counts and an
image base counts as unknown. Unlike hadolint, a stage built on `scratch`
is not reported (its working directory is `/`), and a destination whose
value the file does not determine is not reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.instructions import (
    is_absolute,
    known_value,
    sources_and_dest,
    stage_instructions,
    workdir_known,
)
from stagelint.rule import Context, Diagnostic, Rule, Severity


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    for stage, node in stage_instructions(ctx.model, "COPY"):
        if workdir_known(stage, node):
            continue
        parts = sources_and_dest(node)
        if parts is None:
            continue
        dest = parts[1] if node.json else known_value(ctx.model, node, parts[1])
        if dest is None or is_absolute(dest):
            continue
        yield rule.diagnostic(
            node.args_start,
            node.args_end,
            f"COPY to the relative `{dest}` depends on the working directory of the base "
            f"image `{stage.base}`; set WORKDIR first or use an absolute path",
        )


RULE = Rule(
    code="SL410",
    name="copy-relative-dest-without-workdir",
    summary="COPY to a relative destination while the working directory is unknown",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__ or "",
    aliases=("DL3045",),
)
