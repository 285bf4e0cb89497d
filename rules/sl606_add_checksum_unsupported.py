"""`ADD --checksum` the target engine lacks

## What it does
Reports `ADD --checksum` when the configured `target-engine` lacks it: buildah
before 1.33, Dockerfile frontend before 1.6 (1.5-labs).

When no `target-engine` is configured, this rule reports nothing.

## Why is this bad?
The engine rejects the flag and the build stops.

## Example
With `target-engine = "buildah>=1.28"`:
```dockerfile
FROM alpine:3.20
ADD --checksum=sha256:24454f83 https://example.com/app.tar.gz /app.tar.gz
```

Use instead:
```dockerfile
FROM alpine:3.20
RUN wget -O /app.tar.gz https://example.com/app.tar.gz \\
 && echo "24454f83  /app.tar.gz" | sha256sum -c -
```
"""

from __future__ import annotations

from stagelint.engines import feature_rule, flag_finder

RULE = feature_rule(
    __doc__,
    code="SL606",
    name="add-checksum-unsupported",
    summary="`ADD --checksum` the target engine lacks",
    find=flag_finder((("ADD",), "checksum", "checksum")),
)
