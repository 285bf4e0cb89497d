"""`FROM --platform=$TARGETPLATFORM` is the default

## What it does
Reports `FROM --platform=$TARGETPLATFORM` (or `${TARGETPLATFORM}`), like
BuildKit's RedundantTargetPlatform check.

## Why is this bad?
A stage is built for the target platform anyway; the flag adds noise and
suggests to readers that the stage is special.

## Example
```dockerfile
FROM --platform=$TARGETPLATFORM alpine:3.20
```

Use instead:
```dockerfile
FROM alpine:3.20
```

## Fix safety
The fix removes the flag and the blanks after it. It is safe: the stage's
platform is the target platform with or without it. It is not offered when
the file declares `ARG TARGETPLATFORM` with a value before the first FROM,
where what the flag means depends on the engine.
"""

from collections.abc import Iterator

from stagelint.rule import Context, Diagnostic, Edit, Fix, FixAvailability, Rule, Severity

TITLE = "Remove `--platform=$TARGETPLATFORM`"
REDUNDANT = frozenset({"$TARGETPLATFORM", "${TARGETPLATFORM}"})


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    source = ctx.doc.source
    redeclared = ctx.model.meta_args.get("TARGETPLATFORM") is not None
    for stage in ctx.model.stages:
        flag = stage.from_instruction.flag("platform")
        if flag is None or flag.value not in REDUNDANT:
            continue
        end = flag.end
        while end < len(source) and source[end] in " \t":
            end += 1
        fix = None if redeclared else Fix(TITLE, (Edit(flag.start, end, ""),))
        yield rule.diagnostic(
            flag.start,
            flag.end,
            "`--platform=$TARGETPLATFORM` is redundant: stages are built for the target "
            "platform by default",
            fix,
        )


RULE = Rule(
    code="SL310",
    name="redundant-target-platform",
    summary="`FROM --platform=$TARGETPLATFORM` is the default",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__ or "",
    fix=FixAvailability.SOMETIMES,
    aliases=("RedundantTargetPlatform", "DL3065"),
    fix_title=TITLE,
)
