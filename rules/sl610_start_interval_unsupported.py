"""`HEALTHCHECK --start-interval` the target engine lacks

## What it does
Reports `HEALTHCHECK --start-interval` when the configured `target-engine`
lacks it: Dockerfile frontend before 1.6; buildah 1.28.2 rejects it (measured).

When no `target-engine` is configured, this rule reports nothing.

## Why is this bad?
buildah 1.28 stops with "flag provided but not defined: -start-interval".

## Example
With `target-engine = "buildah>=1.28"`:
```dockerfile
FROM alpine:3.20
HEALTHCHECK --start-interval=2s CMD wget -q -O- http://localhost/
```

Use instead:
```dockerfile
FROM alpine:3.20
HEALTHCHECK CMD wget -q -O- http://localhost/
```
"""

from __future__ import annotations

from stagelint.engines import feature_rule, flag_finder

RULE = feature_rule(
    __doc__,
    code="SL610",
    name="start-interval-unsupported",
    summary="`HEALTHCHECK --start-interval` the target engine lacks",
    find=flag_finder((("HEALTHCHECK",), "start-interval", "start-interval")),
)
