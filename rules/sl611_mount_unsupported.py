"""`RUN --mount` (or a mount option) the target engine lacks

## What it does
Reports, when the configured `target-engine` lacks it: `RUN --mount` at all
(Dockerfile frontend before 1.2), a mount with `from=` (buildah before 1.24),
and a secret mount with `env=` (Dockerfile frontend before 1.10).

When no `target-engine` is configured, this rule reports nothing.

## Why is this bad?
The engine rejects the mount, or (an older frontend) reads `--mount` as an
unknown flag; the build stops.

## Example
With `target-engine = "buildah>=1.22"`:
```dockerfile
FROM alpine:3.20 AS assets
FROM alpine:3.20
RUN --mount=type=bind,from=assets,source=/srv,target=/assets cp -r /assets /srv
```

Use instead:
```dockerfile
FROM alpine:3.20 AS assets
FROM alpine:3.20
COPY --from=assets /srv /srv
```
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.engines import Use, feature_rule
from stagelint.rule import Context


def find(ctx: Context) -> Iterator[Use]:
    for step in ctx.model.runs:
        for mount in step.mounts:
            if mount.flag is None:
                continue
            span = (mount.flag.start, mount.flag.end)
            yield Use("mount", *span)
            if mount.from_ is not None:
                yield Use("mount-from", *span)
            if mount.type == "secret" and "env" in mount.options:
                yield Use("secret-env", *span)


RULE = feature_rule(
    __doc__,
    code="SL611",
    name="mount-unsupported",
    summary="`RUN --mount` (or a mount option) the target engine lacks",
    find=find,
)
