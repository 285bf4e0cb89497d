"""Command that makes no sense in a build

## What it does
Reports a RUN that runs an interactive program (`vim`, `top`, `ssh`), a
process or system inspector (`ps`, `free`), or a command that manages the
machine (`shutdown`, `mount`, `ifconfig`, `service`, `kill`). Only commands
that are actually run count: `apt-get install vim` or `command -v ps` are
fine.

A RUN that starts a service to use it (`service mysql start && mysql <
init.sql && service mysql stop`) is fine; `ssh` is fine in a RUN that has an
SSH agent mount (`--mount=type=ssh`).

## Why is this bad?
A build step has no terminal, no init system and no running services, and
nothing it starts survives the step: an editor waits for input forever,
`service nginx start` starts a daemon that is killed when the RUN ends,
`ps` or `free` only print about the builder. Such commands are left-overs
from an interactive session or a misunderstanding of how images are built.

## Example
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends nginx \\
 && service nginx start
```

Use instead:
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends nginx
CMD ["nginx", "-g", "daemon off;"]
```
"""

from __future__ import annotations

from stagelint.model import Model, RunStep
from stagelint.rule import Severity
from stagelint.shell import SimpleCommand
from stagelint.shellrules import Hit, command_rule

_WHY = {
    "vim": "is an interactive editor",
    "top": "is interactive",
    "ssh": "needs an SSH agent mount (`--mount=type=ssh`) to work",
    "shutdown": "cannot shut down a build container",
    "ps": "only shows the build container's processes",
    "free": "only shows the builder's memory",
    "mount": "needs privileges builds do not have; use `RUN --mount`",
    "ifconfig": "only shows the build container's network",
    "service": "starts a daemon that dies when the RUN ends",
    "kill": "has no process of an earlier step to stop",
}
# Commands that are fine when the RUN starts a service and goes on to use it.
_LIFECYCLE = frozenset({"service", "kill"})


def _uses_a_service(step: RunStep) -> bool:
    """Does the RUN start a service and run other commands after it?"""
    script = step.script.script
    if script is None:
        return False
    started = False
    for command in script.commands:
        effective = command.effective()
        words = [w.value for w in effective.args]
        if effective.name == "service" and ("start" in words or "restart" in words):
            started = True
        elif started and effective.name not in _LIFECYCLE and effective.argv:
            return True
    return False


def _match(model: Model, step: RunStep, command: SimpleCommand) -> Hit | None:
    effective = command.effective()
    name = effective.name
    if name not in _WHY or not effective.argv:
        return None
    if name == "ssh" and any(m.type == "ssh" for m in step.mounts):
        return None
    if name in _LIFECYCLE and _uses_a_service(step):
        return None
    word = effective.argv[0]
    return Hit(word.start, word.end, f"`{name}` in a RUN {_WHY[name]}")


RULE = command_rule(
    __doc__,
    code="SL530",
    name="pointless-command",
    summary="Command that makes no sense in a build",
    severity=Severity.INFO,
    aliases=("DL3001",),
    match=_match,
)
