"""USER with a name instead of a numeric UID

## What it does
Reports the last USER of the image (the build target and the stages it is
built on) when it names the user (`USER app`, `USER app:1000`) instead of
giving a numeric UID (`USER 1000`, `USER 1000:app`). Root is left to
SL703. An ARG with a numeric default counts as numeric.

A name is only a problem where the image runs under an orchestrator that
checks the UID without reading the image's `/etc/passwd`; the finding is
informational (as hadolint's DL3066 is), and `ignore = ["SL704"]` turns it
off where no such orchestrator runs the image.

## Why is this bad?
Kubernetes' `runAsNonRoot: true` admits an image only when it can tell,
from the image configuration alone, that the user is not root; with a user
name it cannot, and the pod fails to start ("image has non-numeric user,
cannot verify user is non-root"). Tools that map the container user to the
host (rootless volumes, `--userns`) have the same difficulty.

## Example
```dockerfile
FROM debian:12
RUN useradd -l -u 10001 app
USER app
```

Use instead:
```dockerfile
FROM debian:12
RUN useradd -l -u 10001 app
USER 10001
```
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.rule import Context, Diagnostic, Rule, Severity
from stagelint.shellrules import is_root, user_settings


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    target = ctx.model.target
    if target is None:
        return
    users = user_settings(ctx.model, target)
    if not users:
        return
    last = users[-1]
    if last.user.isdigit() or is_root(last.user) or "$" in last.user or not last.user:
        return
    node = last.instruction
    message = f"USER `{last.user}` is a name: orchestrators cannot tell it is not root; use its UID"
    yield rule.diagnostic(node.args_start, node.args_end, message)


RULE = Rule(
    code="SL704",
    name="user-not-numeric",
    summary="USER with a name instead of a numeric UID",
    severity=Severity.INFO,
    check=check,
    doc=__doc__ or "",
    aliases=("DL3066",),
)
