"""`apt-get install` without `--no-install-recommends`

## What it does
Reports `apt-get install` (and `apt install`) without
`--no-install-recommends`. The option given through apt's configuration is
accepted: `-o APT::Install-Recommends=false` on the command line, or
`APT::Install-Recommends "0";` written to a file under /etc/apt/apt.conf.d
by an earlier command of the same RUN or an earlier RUN of the stage or a
base stage (`echo`, `printf`, `cat <<EOF`, `tee`). A configuration file
added with COPY cannot be read and is not seen.

## Why is this bad?
By default apt also installs the packages the named ones recommend:
documentation, optional helpers, sometimes whole toolchains. They make the
image larger and give it more software to patch, and nothing asked for them.

## Example
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y curl=7.88.1-10+deb12u8 \\
 && rm -rf /var/lib/apt/lists/*
```

Use instead:
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \\
 && rm -rf /var/lib/apt/lists/*
```

## Fix safety
The fix adds `--no-install-recommends` after `install`. It is unsafe: the
image gets fewer packages, and the software may need one of the
recommended ones at run time (`ca-certificates` for `curl` to reach HTTPS
sites is the classic). Add what it needs explicitly.
"""

from collections.abc import Iterator

from stagelint.pm_calls import add_option, calls_of, command_span, shown, word_span
from stagelint.pm_config import APT_NO_RECOMMENDS, setting_applies
from stagelint.rule import (
    Applicability,
    Context,
    Diagnostic,
    Fix,
    FixAvailability,
    Rule,
    Severity,
)

_OPTION = "--no-install-recommends"


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    managers = frozenset({"apt-get", "apt"})
    for step, call in calls_of(ctx.model, managers, frozenset({"install"})):
        if call.has_option(_OPTION) or setting_applies(ctx.model, step, call, APT_NO_RECOMMENDS):
            continue
        word = call.subcommand_words[-1]
        edit = add_option(step, word, _OPTION)
        title = f"Add `{_OPTION}` to `{call.manager} {shown(word)}`"
        fix = Fix(title, (edit,), Applicability.UNSAFE) if edit else None
        yield rule.diagnostic(
            command_span(step, call.command)[0],
            word_span(step, word)[1],
            f"`{call.manager} {shown(word)}` also installs recommended packages: add `{_OPTION}`",
            fix,
        )


RULE = Rule(
    "SL514",
    "apt-install-recommends",
    "`apt-get install` without `--no-install-recommends`",
    Severity.INFO,
    check,
    __doc__ or "",
    FixAvailability.SOMETIMES,
    ("DL3015",),
    f"Add `{_OPTION}`",
)
