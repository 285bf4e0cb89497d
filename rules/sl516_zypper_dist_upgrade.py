"""`zypper dist-upgrade` in a RUN

## What it does
Reports `zypper dist-upgrade` (`zypper dup`) in a RUN.

## Why is this bad?
`dist-upgrade` moves every installed package to whatever the repositories
offer on the day of the build, changing vendors and downgrading where the
repositories say so: the image no longer matches its base, differs from one
build to the next, and carries a layer with a copy of most of the system.
Pick a newer base image instead, or update the packages you need with
`zypper update` or `zypper patch`.

## Example
```dockerfile
FROM opensuse/tumbleweed
RUN zypper --non-interactive dist-upgrade && zypper clean --all
```

Use instead:
```dockerfile
FROM opensuse/tumbleweed:20241001
RUN zypper --non-interactive patch && zypper clean --all
```
"""

from collections.abc import Iterator

from stagelint.pm_calls import calls_of, command_span, shown, word_span
from stagelint.rule import Context, Diagnostic, Rule, Severity


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    zypper = frozenset({"zypper"})
    for step, call in calls_of(ctx.model, zypper, frozenset({"dist-upgrade"})):
        word = call.subcommand_words[-1]
        yield rule.diagnostic(
            command_span(step, call.command)[0],
            word_span(step, word)[1],
            f"`zypper {shown(word)}` upgrades the whole distribution in a layer: use a newer "
            f"base image, or `zypper patch`/`zypper update` for the packages you need",
        )


RULE = Rule(
    "SL516",
    "zypper-dist-upgrade",
    "`zypper dist-upgrade` in a RUN",
    Severity.WARNING,
    check,
    __doc__ or "",
    aliases=("DL3035",),
)
