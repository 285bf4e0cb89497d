"""`COPY --link` or `ADD --link` the target engine lacks

## What it does
Reports `--link` on COPY and ADD when the configured `target-engine` lacks it:
buildah before 1.41, Dockerfile frontend before 1.4.

When no `target-engine` is configured, this rule reports nothing.

## Why is this bad?
buildah 1.28 rejects the flag ("COPY only supports the --chmod=<permissions>
--chown=<uid:gid> and the --from=<image|stage> flags"): the build stops.

## Example
With `target-engine = "buildah>=1.28"`:
```dockerfile
FROM alpine:3.20
COPY --link app /app
```

Use instead:
```dockerfile
FROM alpine:3.20
COPY app /app
```
"""

from __future__ import annotations

from stagelint.engines import feature_rule, flag_finder

RULE = feature_rule(
    __doc__,
    code="SL603",
    name="link-unsupported",
    summary="`COPY --link` or `ADD --link` the target engine lacks",
    find=flag_finder((("COPY", "ADD"), "link", "link")),
)
