"""Relative WORKDIR before any absolute WORKDIR in the stage

## What it does
Reports a `WORKDIR` whose path (after variable expansion) is relative when
no `WORKDIR` came before it in the stage or in the stages it is built on. Its
meaning then depends on the working directory of the base image, which the
file does not show. A relative `WORKDIR` after an absolute one is fine: its
result is known.

## Why is this bad?
`WORKDIR app` means `/app` only while the base image's working directory is
`/`. When a new release of the base image sets a working directory, every
path that follows moves with it, without any change to this file.

## Example
```dockerfile
FROM nginx:1.27
WORKDIR usr/share/nginx/html
COPY public .
```

Use instead:
```dockerfile
FROM nginx:1.27
WORKDIR /usr/share/nginx/html
COPY public .
```

## Differences from other linters
Like BuildKit's WorkdirRelativePath, only the first `WORKDIR` of a stage
counts; hadolint (DL3000) also reports relative paths after an absolute
`WORKDIR`, whose result is known. A `WORKDIR` in a base stage of the file
counts too (BuildKit only looks at the stage itself). Paths are expanded
first: `WORKDIR $HOME/app` is fine when the file sets `HOME` to an absolute
path, and a path whose value the file does not determine is not reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.instructions import is_absolute, known_value, stage_instructions, workdir_known
from stagelint.rule import Context, Diagnostic, Rule, Severity


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    for stage, node in stage_instructions(ctx.model, "WORKDIR"):
        if not node.arguments or workdir_known(stage, node):
            continue
        path = known_value(ctx.model, node, node.arguments[0])
        if path is None or is_absolute(path):
            continue
        yield rule.diagnostic(
            node.args_start,
            node.args_end,
            f"Relative WORKDIR `{path}` depends on the base image's working directory; "
            f"use an absolute path, e.g. `/{path.removeprefix('./')}`",
        )


RULE = Rule(
    code="SL401",
    name="workdir-relative-path",
    summary="Relative WORKDIR before any absolute WORKDIR in the stage",
    severity=Severity.ERROR,
    check=check,
    doc=__doc__ or "",
    aliases=("DL3000", "WorkdirRelativePath"),
)
