"""`sudo` in RUN

## What it does
Reports `sudo` (and `doas`) run in a RUN, wherever it is in the script:
after `&&`, in a subshell, in a nested `sh -c` script. `echo sudo` or
`apt-get install sudo` are fine.

## Why is this bad?
A RUN already runs as the user of the last USER instruction; when that is
root, `sudo` adds nothing but its own behaviour: it resets the environment
(PATH, HOME, variables set with ENV), may ask for a password and hang the
build, and needs a sudoers setup in the image. To run a command as another
user, switch with USER; to drop privileges at run time, use a tool like
`gosu` or `su-exec`, which does not keep a parent process around.

## Example
```dockerfile
FROM debian:12
RUN sudo apt-get update
```

Use instead:
```dockerfile
FROM debian:12
USER root
RUN apt-get update
```

## Fix safety
The fix removes a `sudo` that has no options, when the RUN runs as root (a
USER root before it, or no USER at all). It is unsafe: without `sudo` the
command keeps the environment of the RUN instead of sudo's reset one, and
when the base image's default user is not root the command loses its
privileges.
"""

from __future__ import annotations

import re

from stagelint.model import Model, RunStep
from stagelint.rule import Applicability, Fix, FixAvailability, Severity
from stagelint.shell import SimpleCommand
from stagelint.shellrules import Hit, command_rule, is_root, user_at, word_edit

_TITLE = "Remove `sudo`"


def _fix(model: Model, step: RunStep, command: SimpleCommand) -> Fix | None:
    if len(command.argv) < 2 or command.argv[1].raw.startswith("-"):
        return None
    user = user_at(model, step.instruction)
    if user is not None and not is_root(user.user):
        return None  # without sudo the command would run unprivileged
    first, second = command.argv[0], command.argv[1]
    pattern = re.escape(first.raw) + r"[ \t]+"
    edit = word_edit(step, first.start, second.start, "", pattern)
    return Fix(_TITLE, (edit,), Applicability.UNSAFE) if edit else None


def _match(model: Model, step: RunStep, command: SimpleCommand) -> Hit | None:
    if command.name not in ("sudo", "doas"):
        return None
    word = command.argv[0]
    return Hit(
        word.start,
        word.end,
        f"Do not use `{command.name}` in RUN: set the user with USER, or use `gosu`",
        _fix(model, step, command),
    )


RULE = command_rule(
    __doc__,
    code="SL532",
    name="sudo-in-run",
    summary="`sudo` in RUN",
    severity=Severity.ERROR,
    aliases=("DL3004",),
    match=_match,
    fix=FixAvailability.SOMETIMES,
    fix_title=_TITLE,
)
