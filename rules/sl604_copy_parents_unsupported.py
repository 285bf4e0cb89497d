"""`COPY --parents` the target engine lacks

## What it does
Reports `COPY --parents` when the configured `target-engine` lacks it: buildah
before 1.40; the Dockerfile frontend has it in the `-labs` channel (1.7-labs)
and, as of 1.19, not in the stable one.

When no `target-engine` is configured, this rule reports nothing.

## Why is this bad?
The engine rejects the flag and the build stops.

## Example
With `target-engine = "buildah>=1.28"`:
```dockerfile
FROM alpine:3.20
COPY --parents src/*/config.yaml /app/
```

Use instead:
```dockerfile
FROM alpine:3.20
COPY src/a/config.yaml /app/src/a/
COPY src/b/config.yaml /app/src/b/
```
"""

from __future__ import annotations

from stagelint.engines import feature_rule, flag_finder

RULE = feature_rule(
    __doc__,
    code="SL604",
    name="copy-parents-unsupported",
    summary="`COPY --parents` the target engine lacks",
    find=flag_finder((("COPY",), "parents", "parents")),
)
