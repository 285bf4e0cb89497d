"""`FROM --platform` with a constant platform

## What it does
Reports `FROM --platform=linux/amd64` (any value without a variable), like
BuildKit's FromPlatformFlagConstDisallowed. As in BuildKit, a stage whose
name contains the platform's OS or architecture (`AS build-arm64`) is
taken as deliberately platform-specific and not reported.

## Why is this bad?
A constant platform pins the stage to one platform: the file can no longer
build a multi-platform image, and on another host the stage runs under
emulation. Leave the platform to `--platform` on the command line, or use
`--platform=$BUILDPLATFORM` for stages that cross-compile.

## Example
```dockerfile
FROM --platform=linux/amd64 golang:1.23 AS build
```

Use instead:
```dockerfile
FROM --platform=$BUILDPLATFORM golang:1.23 AS build
```

## Differences from hadolint
hadolint's DL3029 reports every `--platform` except `$BUILDPLATFORM` and
`$TARGETPLATFORM`, including `--platform=$TARGETOS/$TARGETARCH` and a value
from an ARG, which are the recommended way to write multi-platform files.
This rule only reports constants, as BuildKit does.
"""

from collections.abc import Iterator

from stagelint.rule import Context, Diagnostic, Rule, Severity


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    for stage in ctx.model.stages:
        flag = stage.from_instruction.flag("platform")
        if flag is None or not flag.value or "$" in flag.value:
            continue
        os_arch = [part for part in flag.value.split("/")[:2] if part]
        if stage.name and any(part.lower() in stage.name for part in os_arch):
            continue  # a stage named for its platform is platform-specific on purpose
        yield rule.diagnostic(
            flag.start,
            flag.end,
            f"FROM --platform should not use the constant `{flag.value}`: leave the "
            "platform to the build command or use `$BUILDPLATFORM`",
        )


RULE = Rule(
    code="SL309",
    name="from-platform-constant",
    summary="`FROM --platform` with a constant platform",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__ or "",
    aliases=("FromPlatformFlagConstDisallowed", "DL3029"),
)
