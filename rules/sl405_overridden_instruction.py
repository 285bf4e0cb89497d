"""CMD, ENTRYPOINT or HEALTHCHECK given more than once in a stage

## What it does
Reports a `CMD`, `ENTRYPOINT` or `HEALTHCHECK` that overrides an earlier one
of the same stage. Only the last of each takes effect; the earlier ones do
nothing. `HEALTHCHECK NONE` counts as a HEALTHCHECK; a `CMD` inside
`HEALTHCHECK` is not a CMD. Instructions inherited from a base stage are not
duplicates: overriding them is what a new stage is for.

## Why is this bad?
A reader takes the first `CMD` for the container's command, while the image
runs the last one. Usually one of them is left over from an edit.

## Example
```dockerfile
FROM python:3.12-slim
CMD ["python", "-m", "http.server"]
COPY app.py /srv/
CMD ["python", "/srv/app.py"]
```

Use instead:
```dockerfile
FROM python:3.12-slim
COPY app.py /srv/
CMD ["python", "/srv/app.py"]
```

## Fix safety
The fix deletes the earlier instruction. The image config is the same (the
earlier value is overwritten before the stage ends; nothing in a build reads
CMD, ENTRYPOINT or HEALTHCHECK, and `ENTRYPOINT` resets an inherited CMD
either way); only the image history loses the entry of a no-op step. It is
unsafe when comment lines sit directly above the deleted instruction: they
would then describe, or suppress findings on, the next instruction.
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.rule import (
    Applicability,
    Context,
    Diagnostic,
    Edit,
    Fix,
    FixAvailability,
    Rule,
    Severity,
)
from stagelint.tree import Instruction

KEYWORDS = ("CMD", "ENTRYPOINT", "HEALTHCHECK")
TITLE = "Remove the overridden instruction"


def _removal(earlier: Instruction) -> Fix:
    unsafe = bool(earlier.comments)
    return Fix(
        TITLE,
        (Edit(earlier.start, earlier.end, ""),),
        Applicability.UNSAFE if unsafe else Applicability.SAFE,
    )


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    for stage in ctx.model.stages:
        last: dict[str, Instruction] = {}
        for node in stage.instructions:
            if node.keyword not in KEYWORDS:
                continue
            earlier = last.get(node.keyword)
            last[node.keyword] = node
            if earlier is None:
                continue
            line = earlier.start_line
            yield rule.diagnostic(
                node.keyword_start,
                node.keyword_end,
                f"{node.keyword} overrides the {node.keyword} at line {line} in stage "
                f"`{stage.label}`, which has no effect",
                _removal(earlier),
            )


RULE = Rule(
    code="SL405",
    name="overridden-instruction",
    summary="CMD, ENTRYPOINT or HEALTHCHECK given more than once in a stage",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__ or "",
    fix=FixAvailability.ALWAYS,
    aliases=("DL4003", "DL4004", "DL3012", "MultipleInstructionsDisallowed"),
    fix_title=TITLE,
)
