"""Variable in FROM that no meta ARG declares

## What it does
Reports a variable used in a `FROM` instruction (the image or the
`--platform` value) that is neither declared by an `ARG` before the first
`FROM` nor one of the platform ARGs BuildKit predefines (`TARGETPLATFORM`,
`TARGETOS`, `TARGETARCH`, `TARGETVARIANT`, `BUILDPLATFORM`, `BUILDOS`,
`BUILDARCH`, `BUILDVARIANT`), like BuildKit's UndefinedArgInFrom. A close
name (`$BUILDPLATFROM`, `$alpine_version`) is suggested.

## Why is this bad?
An undeclared variable expands to nothing, and `--build-arg` cannot set it:
only ARGs declared before the first FROM reach FROM lines. `FROM
node:22${VARIANT}` always builds `node:22`, whatever the build command says;
`${TAG:-3.20}` always takes its default.

## Example
```dockerfile
FROM node:22${VARIANT} AS jsbuilder
```

Use instead:
```dockerfile
ARG VARIANT="-alpine3.20"
FROM node:22${VARIANT} AS jsbuilder
```
"""

from collections.abc import Iterator

from stagelint.model import PLATFORM_ARGS
from stagelint.rule import Context, Diagnostic, Rule, Severity
from stagelint.stagerefs import close_name, resolve_from_word, stage_words, variable_span


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    model = ctx.model
    source = ctx.doc.source
    declared = [*model.meta_args, *PLATFORM_ARGS]
    for stage in model.stages:
        node = stage.from_instruction
        places = [(w.text, w.start, w.end) for w in stage_words(model, stage)[:1]]
        flag = node.flag("platform")
        if flag is not None and flag.value:
            places.append((flag.value, flag.value_start, flag.value_end))
        for text, start, end in places:
            used = resolve_from_word(model, text).used
            for name in sorted(used - set(declared)):
                if not (name[0].isalpha() or name[0] == "_"):
                    continue  # `$1`, `$@`: not an ARG name at all
                span = variable_span(source[start:end], start, name) or (start, end)
                guess = close_name(name, declared)
                hint = f"; did you mean `{guess}`?" if guess else ""
                yield rule.diagnostic(
                    span[0],
                    span[1],
                    f"FROM argument `{name}` is not declared: add `ARG {name}=...` before "
                    f"the first FROM{hint}",
                )


RULE = Rule(
    code="SL311",
    name="undefined-arg-in-from",
    summary="Variable in FROM that no meta ARG declares",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__ or "",
    aliases=("UndefinedArgInFrom",),
)
