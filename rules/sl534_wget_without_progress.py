"""`wget` without `--progress`

## What it does
Reports `wget` run without a progress setting that suits a build log:
`--progress=...`, `-q`/`--quiet`, `-nv`/`--no-verbose`, or a log file
(`-o FILE`, `-a FILE`) are all fine.

## Why is this bad?
Without a terminal, GNU wget prints its "dot" progress: a line for every
50 KB downloaded. A download of a few hundred megabytes writes thousands of
lines to the build log, hiding what matters and slowing down CI log
viewers. `--progress=dot:giga` prints a line every 32 MB.

## Example
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends wget \\
 && wget https://example.com/big.tar.gz
```

Use instead:
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends wget \\
 && wget --progress=dot:giga https://example.com/big.tar.gz
```

## Fix safety
The fix adds `--progress=dot:giga` after `wget`, which only changes what
wget logs. It is safe when the `wget` run is GNU wget: the stage (or a
stage it is built on) installs the `wget` package with apt-get, dnf, yum,
zypper or apk, or starts from an official Debian, Ubuntu, Fedora... based
image. BusyBox wget (Alpine's default) rejects `--progress`, so on an
Alpine base without the `wget` package there is no fix (use `-q`), and on
an unknown base image the fix is unsafe.
"""

from __future__ import annotations

from stagelint.model import Model, RunStep
from stagelint.rule import Applicability, Fix, FixAvailability, Severity
from stagelint.shell import SimpleCommand, parse_options
from stagelint.shellrules import (
    Hit,
    base_family,
    command_rule,
    insert_after_word,
    installed_before,
)

_OPTION = "--progress=dot:giga"
_TITLE = f"Add `{_OPTION}` to `wget`"
# `-n` takes a value: `-nv` is `--no-verbose`, `-nc` is `--no-clobber`.
_VALUE_OPTIONS = frozenset(
    [
        "-O",
        "--output-document",
        "-o",
        "--output-file",
        "-a",
        "--append-output",
        "-e",
        "--execute",
        "-i",
        "--input-file",
        "-B",
        "--base",
        "-t",
        "--tries",
        "-T",
        "--timeout",
        "-w",
        "--wait",
        "-P",
        "--directory-prefix",
        "-U",
        "--user-agent",
        "-Q",
        "--quota",
        "-l",
        "--level",
        "-A",
        "--accept",
        "-R",
        "--reject",
        "-D",
        "--domains",
        "-I",
        "--include-directories",
        "-X",
        "--exclude-directories",
        "-n",
        "--header",
        "--user",
        "--password",
        "--post-data",
        "--post-file",
        "--method",
        "--body-data",
        "--body-file",
        "--referer",
        "--load-cookies",
        "--save-cookies",
        "--ca-certificate",
        "--certificate",
        "--private-key",
        "--progress",
    ]
)


def _quiet(command: SimpleCommand) -> bool:
    parsed = parse_options(command.args, _VALUE_OPTIONS)
    for option in parsed.options:
        if option.name in ("-q", "--quiet", "--no-verbose", "--progress", "-o", "-a"):
            return True
        if option.name in ("--output-file", "--append-output"):
            return True
        if option.name == "-n" and option.value == "v":
            return True
    return False


def _fix(model: Model, step: RunStep, command: SimpleCommand) -> Fix | None:
    family = base_family(step.stage)
    if installed_before(model, step, "wget") or family == "gnu":
        applicability = Applicability.SAFE
    elif family == "alpine":
        return None  # BusyBox wget: `--progress` is an error
    else:
        applicability = Applicability.UNSAFE
    edit = insert_after_word(step, command.argv[0], _OPTION)
    return Fix(_TITLE, (edit,), applicability) if edit else None


def _match(model: Model, step: RunStep, command: SimpleCommand) -> Hit | None:
    effective = command.effective()
    if effective.name != "wget" or _quiet(effective):
        return None
    word = effective.argv[0]
    return Hit(
        word.start,
        word.end,
        f"`wget` without `{_OPTION}` (or `-nv`) fills the build log with progress dots",
        _fix(model, step, effective),
    )


RULE = command_rule(
    __doc__,
    code="SL534",
    name="wget-without-progress",
    summary="`wget` without `--progress`",
    severity=Severity.INFO,
    aliases=("DL3047",),
    match=_match,
    fix=FixAvailability.SOMETIMES,
    fix_title=_TITLE,
)
