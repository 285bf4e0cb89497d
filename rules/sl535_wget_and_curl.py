"""Both `wget` and `curl` used in one image

## What it does
Reports the first use of the second download tool when the RUNs of one
stage, together with the stages it is built on (`FROM builder`), run both
`wget` and `curl`. It is reported once, where the second tool first
appears. Stages with separate bases are separate images: a builder using
`curl` and a final stage using `wget` is fine.

## Why is this bad?
Both tools do the same job here; having both means installing (and
patching, and scanning) two packages where one does, and two sets of
options for proxies, retries and TLS settings to keep consistent.

## Example
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl wget
RUN curl -fsSLO https://example.com/a.tar.gz
RUN wget -q https://example.com/b.tar.gz
```

Use instead:
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN curl -fsSLO https://example.com/a.tar.gz
RUN curl -fsSLO https://example.com/b.tar.gz
```
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.model import Model, RunStep
from stagelint.rule import Context, Diagnostic, Rule, Severity
from stagelint.shell import SimpleCommand

_TOOLS = ("wget", "curl")


Use = tuple[RunStep, SimpleCommand]


def _first_uses(model: Model) -> dict[int, dict[str, Use]]:
    """For each stage (by `id`), the first run of each tool in it and the
    stages it is built on, in the order the tools first appear. Base stages
    come first in the file, so one pass in file order does."""
    found: dict[int, dict[str, Use]] = {}
    for stage in model.stages:
        seen = dict(found.get(id(stage.base_stage), {}))
        for step in model.runs_of(stage):
            script = step.script.script
            for command in script.commands if script is not None else ():
                effective = command.effective()
                if effective.name in _TOOLS and effective.name not in seen:
                    seen[effective.name] = (step, effective)
        found[id(stage)] = seen
    return found


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    reported: set[int] = set()
    first_uses = _first_uses(ctx.model)
    for stage in ctx.model.stages:
        uses = list(first_uses[id(stage)].values())
        if len(uses) < 2:
            continue
        (first_step, first), (step, second) = uses
        word = second.argv[0]
        start, end = step.script.span(word.start, word.end)
        if start in reported:
            continue  # found again from a stage built on this one
        reported.add(start)
        line = ctx.doc.position(first_step.script.span(first.start, first.end)[0])[0]
        message = f"`{second.name}` here and `{first.name}` on line {line}: use one of them"
        yield rule.diagnostic(start, end, message)


RULE = Rule(
    code="SL535",
    name="wget-and-curl",
    summary="Both `wget` and `curl` used in one image",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__ or "",
    aliases=("DL4001",),
)
