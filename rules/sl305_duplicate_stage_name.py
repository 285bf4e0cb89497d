"""Two stages with the same name

## What it does
Reports a stage whose name (`FROM image AS name`) an earlier stage already
has. Names are compared case-insensitively, as BuildKit compares them.

## Why is this bad?
BuildKit refuses the file; other engines resolve `--from=name`,
`FROM name` and `--target name` to one of the stages, so part of the file
is silently ignored.

## Example
```dockerfile
FROM debian:12 AS builder
RUN apt-get update && apt-get install -y --no-install-recommends curl
FROM golang:1.23 AS builder
```

Use instead:
```dockerfile
FROM debian:12 AS deb-builder
RUN apt-get update && apt-get install -y --no-install-recommends curl
FROM golang:1.23 AS go-builder
```

## Differences from hadolint
hadolint's DL3024 compares names case-sensitively, so `AS Builder` and
`AS builder` pass there; BuildKit treats them as the same name.
"""

from collections.abc import Iterator

from stagelint.model import Stage
from stagelint.rule import Context, Diagnostic, Rule, Severity
from stagelint.stagerefs import line_of, name_word


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    seen: dict[str, Stage] = {}
    for stage in ctx.model.stages:
        word = name_word(ctx.model, stage)
        if stage.name is None or word is None:
            continue
        first = seen.setdefault(stage.name, stage)
        if first is not stage:
            yield rule.diagnostic(
                word.start,
                word.end,
                f"Stage name `{word.text}` is already used on line "
                f"{line_of(ctx.model, first)}; stage names must be unique",
            )


RULE = Rule(
    code="SL305",
    name="duplicate-stage-name",
    summary="Two stages with the same name",
    severity=Severity.ERROR,
    check=check,
    doc=__doc__ or "",
    aliases=("DL3024", "DuplicateStageName"),
)
