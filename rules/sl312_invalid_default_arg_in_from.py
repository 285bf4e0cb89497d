"""FROM image invalid with the meta ARGs' default values

## What it does
Expands the image of each `FROM` that uses meta ARGs with their default
values (an ARG without a default is empty; build args set in the
configuration count as defaults) and reports it when the result is not a
valid image reference, a stage name or `scratch`: `ARG TAG` then `FROM
busybox:${TAG}` gives `busybox:`. Like BuildKit's InvalidDefaultArgInFrom.
Platform ARGs take the values of a `linux/amd64` build.

## Why is this bad?
The file only builds when every build passes `--build-arg`; a plain
`docker build .` or a tool that does not know the argument fails with a
reference error.

## Example
```dockerfile
ARG TAG
FROM busybox:${TAG}
```

Use instead:
```dockerfile
ARG TAG=1.37
FROM busybox:${TAG}
```
"""

from collections.abc import Iterator

from stagelint.expand import ExpansionError, expand_word
from stagelint.model import PLATFORM_ARGS
from stagelint.rule import Context, Diagnostic, Rule, Severity
from stagelint.stagerefs import InvalidReference, parse_reference, stage_words

# What the platform ARGs hold in a build on and for linux/amd64.
PLATFORM_VALUES = {
    "TARGETPLATFORM": "linux/amd64", "TARGETOS": "linux", "TARGETARCH": "amd64",
    "TARGETVARIANT": "", "BUILDPLATFORM": "linux/amd64", "BUILDOS": "linux",
    "BUILDARCH": "amd64", "BUILDVARIANT": "",
}  # fmt: skip


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    model = ctx.model
    defaults = {**PLATFORM_VALUES, **{k: v or "" for k, v in model.meta_args.items()}}
    for stage in model.stages:
        words = stage_words(model, stage)
        if not words:
            continue
        word = words[0]
        try:
            exp = expand_word(word.text, defaults, escape=ctx.doc.escape)
        except ExpansionError:
            continue  # SL013 reports it
        if not (exp.used - set(PLATFORM_ARGS)) or exp.used - set(defaults):
            continue  # no meta ARG in it, or an undeclared one (SL311)
        value = exp.value
        earlier = {s.name for s in model.stages[: stage.index] if s.name}
        if value.lower() == "scratch" or value.lower() in earlier:
            continue
        try:
            parse_reference(value)
        except InvalidReference as err:
            yield rule.diagnostic(
                word.start,
                word.end,
                f"With the default ARG values `{word.text}` is `{value}`: {err}; "
                "give the ARG a default that makes a valid image",
            )


RULE = Rule(
    code="SL312",
    name="invalid-default-arg-in-from",
    summary="FROM image invalid with the meta ARGs' default values",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__ or "",
    aliases=("InvalidDefaultArgInFrom",),
)
