"""Default shell changed by linking `/bin/sh`

## What it does
Reports `ln` run in a RUN to make `/bin/sh` (or `/usr/bin/sh`) point to
another program, as in `ln -sf /bin/bash /bin/sh`.

## Why is this bad?
Every later RUN in shell form runs `/bin/sh -c`, so the link silently
changes how all of them are read, far from where it matters; the same goes
for every `#!/bin/sh` script in the image at run time, which may rely on
the original shell. The SHELL instruction changes the shell of RUN, CMD and
ENTRYPOINT in shell form, visibly, without touching the image's files.

## Example
```dockerfile
FROM debian:12
RUN ln -sf /bin/bash /bin/sh
RUN source /etc/profile && make
```

Use instead:
```dockerfile
FROM debian:12
SHELL ["/bin/bash", "-c"]
RUN source /etc/profile && make
```
"""

from __future__ import annotations

from stagelint.model import Model, RunStep
from stagelint.rule import Severity
from stagelint.shell import SimpleCommand, parse_options
from stagelint.shellrules import Hit, command_rule

_SHELL_PATHS = frozenset({"/bin/sh", "/usr/bin/sh"})
_VALUE_OPTIONS = frozenset({"-S", "--suffix", "-t", "--target-directory", "--backup"})


def _match(model: Model, step: RunStep, command: SimpleCommand) -> Hit | None:
    effective = command.effective()
    if effective.name != "ln":
        return None
    parsed = parse_options(effective.args, _VALUE_OPTIONS)
    directory = parsed.option("-t", "--target-directory")
    if directory is not None or len(parsed.operands) < 2:
        return None  # `-t DIR` names links after their targets: never `sh`
    link = parsed.operands[-1]
    if link.value is None or link.value.rstrip("/") not in _SHELL_PATHS:
        return None
    target = parsed.operands[0].value or parsed.operands[0].raw
    start, end = effective.argv[0].start, link.end
    message = f"`ln` makes `{link.value}` run `{target}`: use the SHELL instruction instead"
    return Hit(start, end, message)


RULE = command_rule(
    __doc__,
    code="SL536",
    name="shell-changed-by-link",
    summary="Default shell changed by linking `/bin/sh`",
    severity=Severity.WARNING,
    aliases=("DL4005",),
    match=_match,
)
