"""Heredoc the target engine cannot parse

## What it does
Reports a heredoc (`RUN <<EOF`, `COPY <<EOF /file`) when the configured
`target-engine` is older than the first version that reads heredocs:
buildah 1.33 (podman 4.8/4.9), Dockerfile frontend 1.4 (1.3-labs).

When no `target-engine` is configured, this rule reports nothing.

## Why is this bad?
buildah before 1.33 stops with "Unknown instruction" at the heredoc body, and
an older Dockerfile frontend reads it as instructions. The file does not
build on the engine it is meant for.

## Example
With `target-engine = "buildah>=1.28"`:
```dockerfile
FROM alpine:3.20
RUN <<EOF
apk add curl
EOF
```

Use instead:
```dockerfile
FROM alpine:3.20
RUN apk add curl
```
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.engines import Use, feature_rule
from stagelint.rule import Context


def find(ctx: Context) -> Iterator[Use]:
    for ins in ctx.doc.instructions:
        for heredoc in ins.heredocs:
            yield Use("heredoc", heredoc.marker_start, heredoc.marker_end)


RULE = feature_rule(
    __doc__,
    code="SL602",
    name="heredoc-unsupported",
    summary="Heredoc the target engine cannot parse",
    find=find,
)
