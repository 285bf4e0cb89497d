"""Image without a HEALTHCHECK

## What it does
Reports an image that ships without a `HEALTHCHECK`: neither the target
stage (the last one, or the configured target) nor a stage it is built on
sets one (an `ONBUILD HEALTHCHECK` in such a base stage counts too).
`HEALTHCHECK NONE` counts as set: it is an explicit decision. Builder stages
are not judged, since they never run as containers. The finding is on the
target stage's `FROM`.

A HEALTHCHECK that the external base image defines cannot be seen from the
file; this rule is opt-in (select it by code, name or `DL3057`) for the
teams that want every image to declare its own.

## Why is this bad?
Without a health check the engine only knows whether the process runs, not
whether it serves; orchestrators that read the image's health status
(Docker, Podman, Compose `depends_on: service_healthy`) cannot use it.

## Example
```dockerfile
FROM nginx:1.27
COPY site/ /usr/share/nginx/html/
```

Use instead:
```dockerfile
FROM nginx:1.27
COPY site/ /usr/share/nginx/html/
HEALTHCHECK CMD curl -fsS http://localhost/ || exit 1
```
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.rule import Context, Diagnostic, Rule, Severity


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    target = ctx.model.target
    if target is None:
        return
    if any(node.keyword == "HEALTHCHECK" for node in target.instructions):
        return
    for stage in target.ancestors():
        for node in stage.instructions:
            trigger = node.trigger
            if node.keyword == "HEALTHCHECK" or (
                trigger is not None and trigger.keyword == "HEALTHCHECK"
            ):
                return
    node = target.from_instruction
    yield rule.diagnostic(
        node.keyword_start, node.keyword_end, f"Image stage `{target.label}` has no HEALTHCHECK"
    )


RULE = Rule(
    code="SL443",
    name="missing-healthcheck",
    summary="Image without a HEALTHCHECK",
    severity=Severity.INFO,
    check=check,
    doc=__doc__ or "",
    aliases=("DL3057",),
    opt_in=True,
)
