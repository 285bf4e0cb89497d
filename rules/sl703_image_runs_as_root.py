"""The image runs as root

## What it does
Reports the last USER of the image when it is root (`root`, `0`,
`root:root`, `0:0`, or an ARG whose default is one of them). The image is
the build target (`--target`, or the last stage) together with the stages
it is built on: a `USER root` in `FROM base AS app`'s `base` counts when
`app` sets no USER of its own. Build stages that only feed files to the
image may run as root freely, and an image without any USER (which runs as
its base image's user) is not reported.

## Why is this bad?
A container running as root that is broken into gives the attacker root in
the container, one kernel bug away from root on the host, and write access
to everything in the image. Most services need no privileges at run time:
create a user and switch to it at the end. Orchestrators such as
Kubernetes can refuse to start root images (`runAsNonRoot`).

## Example
```dockerfile
FROM debian:12
USER root
RUN apt-get update && apt-get install -y --no-install-recommends nginx
```

Use instead:
```dockerfile
FROM debian:12
USER root
RUN apt-get update && apt-get install -y --no-install-recommends nginx
USER 101:101
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
    if not users or not is_root(users[-1].user):
        return
    node = users[-1].instruction
    where = f"stage `{target.label}`" if target.name else "the last stage"
    message = f"The image runs as `{users[-1].user}`: the last USER of {where} is root"
    yield rule.diagnostic(node.args_start, node.args_end, message)


RULE = Rule(
    code="SL703",
    name="image-runs-as-root",
    summary="The image runs as root",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__ or "",
    aliases=("DL3002",),
)
