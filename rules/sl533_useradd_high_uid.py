"""`useradd` with a high UID and without `-l`

## What it does
Reports `useradd -u UID` (or `--uid UID`) without `-l` (`--no-log-init`)
when the UID has six digits or more, or cannot be known before the build
(`-u "$HOST_UID"` with no ARG default). A UID from an ARG or ENV with a
default is checked with that default.

## Why is this bad?
`useradd` records the new user in `/var/log/lastlog` and
`/var/log/faillog`, files indexed by UID: for UID 123456 lastlog is a
sparse file of about 36 MB. Image layers do not keep files sparse, so the
layer really is that large (and some builders hang writing it). `-l` skips
these login records, which nothing in a container reads.

## Example
```dockerfile
FROM debian:12
RUN useradd -u 123456 app
```

Use instead:
```dockerfile
FROM debian:12
RUN useradd -l -u 123456 app
```

## Fix safety
The fix adds `-l` after `useradd`. It is marked unsafe only because the
image then has no lastlog and faillog records for the user; nothing else
changes.
"""

from __future__ import annotations

from stagelint.lazyre import lazy_pattern
from stagelint.model import Model, RunStep
from stagelint.rule import Applicability, Fix, FixAvailability, Severity
from stagelint.shell import SimpleCommand, parse_options
from stagelint.shellrules import Hit, command_rule, insert_after_word

_TITLE = "Add `-l` to `useradd`"
_VALUE_OPTIONS = frozenset(
    [
        "-b",
        "--base-dir",
        "-c",
        "--comment",
        "-d",
        "--home-dir",
        "-e",
        "--expiredate",
        "-f",
        "--inactive",
        "-g",
        "--gid",
        "-G",
        "--groups",
        "-k",
        "--skel",
        "-K",
        "--key",
        "-p",
        "--password",
        "-R",
        "--root",
        "-P",
        "--prefix",
        "-s",
        "--shell",
        "-u",
        "--uid",
        "-Z",
        "--selinux-user",
        "--selinux-range",
    ]
)
_VARIABLE = lazy_pattern(r"\$(?:\{(\w+)\}|(\w+))")
HIGH_UID = 100_000  # six digits: a lastlog of about 29 MB and more


def _uid(step: RunStep, raw: str, value: str | None) -> int | None:
    """The UID as a number, None when unknown until the build runs."""
    if value is None:
        match = _VARIABLE().fullmatch(raw.strip("\"'"))
        value = step.env.get(match.group(1) or match.group(2)) if match else None
    return int(value) if value is not None and value.isdigit() else None


def _match(model: Model, step: RunStep, command: SimpleCommand) -> Hit | None:
    effective = command.effective()
    if effective.name != "useradd":
        return None
    parsed = parse_options(effective.args, _VALUE_OPTIONS)
    option = parsed.option("-u", "--uid")
    if option is None or option.value_raw is None or parsed.option("-l", "--no-log-init"):
        return None
    uid = _uid(step, option.value_raw, option.value)
    if uid is not None and uid < HIGH_UID:
        return None
    edit = insert_after_word(step, effective.argv[0], "-l")
    fix = Fix(_TITLE, (edit,), Applicability.UNSAFE) if edit else None
    if uid is not None:
        message = f"`useradd -u {uid}` without `-l` writes a lastlog of {uid * 292 // 10**6} MB"
    else:
        message = (
            f"`useradd -u {option.value_raw}` without `-l`: "
            "a high UID makes a lastlog of tens of MB"
        )
    word = effective.argv[0]
    return Hit(word.start, word.end, message, fix)


RULE = command_rule(
    __doc__,
    code="SL533",
    name="useradd-high-uid",
    summary="`useradd` with a high UID and without `-l`",
    severity=Severity.WARNING,
    aliases=("DL3046",),
    match=_match,
    fix=FixAvailability.SOMETIMES,
    fix_title=_TITLE,
)
