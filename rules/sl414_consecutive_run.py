"""Consecutive RUN instructions that could be one

## What it does
Reports a `RUN` that directly follows another `RUN` of the same stage with
the same flags (mounts, network, security) when each of the two runs a
single command. Comments and blank lines between them do not separate them;
any other instruction does, and so do different flags, since such RUNs
cannot simply be merged. RUNs that already chain commands (`&&`, `;`, pipes)
are taken to be split on purpose (a long install kept in its own cached
layer), as hadolint's DL3059 takes them.

## Why is this bad?
Each RUN makes a layer. Files that one RUN creates and the next deletes
stay in the image, and many small layers are slower to pull.

## Example
```dockerfile
FROM debian:12
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl
```

Use instead:
```dockerfile
FROM debian:12
RUN apt-get update \\
 && apt-get install -y --no-install-recommends curl
```

## Why no fix
Joining two RUNs with `&&` changes more than the layers: a `cd`, `export` or
`set` in the first now affects the second, a trailing comment or `&` in the
first swallows or backgrounds the second, and the build cache of the steps
changes. The merge needs a human.
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.model import RunStep
from stagelint.rule import Context, Diagnostic, Rule, Severity
from stagelint.tree import Instruction


def _flags(node: Instruction) -> list[tuple[str, str | None]]:
    return [(f.name, f.value) for f in node.flags]


def _one_command(step: RunStep | None) -> bool:
    """Does the RUN run exactly one command (exec form counts as one)?"""
    if step is None:
        return False
    run = step.script
    if run.kind == "exec":
        return True
    script = run.script
    if script is None or script.pipelines:
        return False
    return sum(1 for c in script.commands if c.depth == 0) == 1


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    steps = {id(step.instruction): step for step in ctx.model.runs}
    for stage in ctx.model.stages:
        previous: Instruction | None = None
        for node in stage.instructions:
            if (
                node.keyword == "RUN"
                and previous is not None
                and previous.keyword == "RUN"
                and _flags(previous) == _flags(node)
                and _one_command(steps.get(id(previous)))
                and _one_command(steps.get(id(node)))
            ):
                yield rule.diagnostic(
                    node.keyword_start,
                    node.keyword_end,
                    f"RUN follows the RUN at line {previous.start_line}; consider joining them "
                    "into one layer",
                )
            previous = node


RULE = Rule(
    code="SL414",
    name="consecutive-run",
    summary="Consecutive RUN instructions that could be one",
    severity=Severity.INFO,
    check=check,
    doc=__doc__ or "",
    aliases=("DL3059",),
)
