"""`cd` in RUN instead of WORKDIR

## What it does
Reports the first `cd` at the top level of a RUN's script (once per RUN).
A `cd` that is the last command of the RUN is reported as having no effect.

These are fine, because WORKDIR could not replace them:
- `cd` inside a subshell, `( cd sub && make )`, the correct way to change
  directory for a few commands only;
- `cd` inside a command substitution, `$(cd "$(dirname "$0")" && pwd)`, or
  a function, or a nested `sh -c` script;
- `cd` into a directory computed while the RUN runs, `cd "$(mktemp -d)"`.

## Why is this bad?
A reader has to follow the directory changes through a chain of `&&`; a
`cd` at the end of a RUN suggests that the next instruction starts there,
which it does not: every instruction starts in the WORKDIR. WORKDIR states
the directory once, is shown in the image history, and creates the
directory if needed.

## Example
```dockerfile
FROM golang:1.22
COPY . /src
RUN cd /src && go build -o /app .
```

Use instead:
```dockerfile
FROM golang:1.22
WORKDIR /src
COPY . .
RUN go build -o /app .
```
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.rule import Context, Diagnostic, Rule, Severity
from stagelint.shell import SimpleCommand


def _computed(command: SimpleCommand) -> bool:
    """Is the target computed by a command substitution?"""
    return any("$(" in w.raw or "`" in w.raw for w in command.args)


def _message(command: SimpleCommand, last: bool) -> str:
    target = command.args[0].value if command.args else None
    shown = f"cd {target}" if target is not None else "cd"
    if last:
        return (
            f"`{shown}` at the end of the RUN has no effect: "
            "the next instruction starts in the WORKDIR"
        )
    if target is not None and target.startswith("/"):
        return f"Use `WORKDIR {target}` instead of `{shown}`"
    return f"Use WORKDIR instead of `{shown}`"


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    for step in ctx.model.runs:
        script = step.script.script
        if script is None:
            continue
        for command in script.commands:
            effective = command.effective()
            if command.depth > 0 or effective.name != "cd" or _computed(effective):
                continue
            last = not any(c.start >= command.end and c.argv for c in script.commands)
            start, end = step.script.span(command.start, command.end)
            yield rule.diagnostic(start, end, _message(effective, last))
            break


RULE = Rule(
    code="SL531",
    name="cd-instead-of-workdir",
    summary="`cd` in RUN instead of WORKDIR",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__ or "",
    aliases=("DL3003",),
)
