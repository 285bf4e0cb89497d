"""Stage name not in lower case

## What it does
Reports a stage name (`FROM image AS name`) with upper-case letters, like
BuildKit's StageNameCasing check.

## Why is this bad?
Instruction keywords are conventionally upper case and names lower case;
a mixed-case name reads like a keyword. Engines also disagree about case:
BuildKit lower-cases stage names (`AS Builder` answers to
`--from=builder`), buildah 1.28 compares them exactly and fails on
`--from=builder` or `--target builder`.

## Example
```dockerfile
FROM golang:1.23 AS Builder
RUN go build -o /out/app .
FROM scratch
COPY --from=Builder /out/app /app
```

Use instead:
```dockerfile
FROM golang:1.23 AS builder
RUN go build -o /out/app .
FROM scratch
COPY --from=builder /out/app /app
```

## Fix safety
The fix lower-cases the name where the stage is declared and in every
reference to it written in the file: `FROM name`, `COPY --from=name` and
`RUN --mount=...,from=name`. It is not offered when a reference goes
through a variable (or is quoted), which the fix cannot rename exactly. For BuildKit nothing
changes, since it lower-cases the names anyway. The fix is unsafe because
the name is also used outside the file: `--target Builder` in a script or
CI job still works with BuildKit but no longer matches with buildah
(measured with buildah 1.28, which compares names exactly), and a file
whose references differ in case from the name starts to build with buildah.
"""

from collections.abc import Iterator

from stagelint.model import Model, Stage
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
from stagelint.stagerefs import Word, name_word, stage_refs, stage_words

TITLE = "Lower-case the stage name and its references"


def _reference_words(model: Model, stage: Stage) -> Iterator[Word]:
    """Where the file names `stage`, as written (variables included)."""
    source = model.doc.source
    for other in model.stages:
        words = stage_words(model, other)
        if other.base_stage is stage and words:
            yield words[0]
    for ref in stage_refs(model):
        if ref.stage is stage:
            yield Word(source[ref.start : ref.end], ref.start, ref.end)


def _fix(model: Model, stage: Stage, name: Word) -> Fix | None:
    edits = [Edit(name.start, name.end, name.text.lower())]
    for word in _reference_words(model, stage):
        if word.text.lower() != name.text.lower():
            return None  # written through a variable or quoted: no exact edit
        if word.text != word.text.lower():
            edits.append(Edit(word.start, word.end, word.text.lower()))
    return Fix(TITLE, tuple(sorted(edits)), Applicability.UNSAFE)


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    for stage in ctx.model.stages:
        word = name_word(ctx.model, stage)
        if word is None or word.text == word.text.lower():
            continue
        yield rule.diagnostic(
            word.start,
            word.end,
            f"Stage name `{word.text}` should be lower case (`{word.text.lower()}`)",
            _fix(ctx.model, stage, word),
        )


RULE = Rule(
    code="SL307",
    name="stage-name-casing",
    summary="Stage name not in lower case",
    severity=Severity.INFO,
    check=check,
    doc=__doc__ or "",
    fix=FixAvailability.SOMETIMES,
    aliases=("StageNameCasing",),
    fix_title=TITLE,
)
