"""`COPY --exclude` or `ADD --exclude` the target engine lacks

## What it does
Reports `--exclude` on COPY and ADD when the configured `target-engine` lacks
it: buildah before 1.38 (podman 5.3), Dockerfile frontend before 1.19 (1.7-labs).

When no `target-engine` is configured, this rule reports nothing.

## Why is this bad?
The engine rejects the flag (podman with buildah 1.37: "COPY --excludes is not
supported"): the build stops.

## Example
With `target-engine = "buildah>=1.28"`:
```dockerfile
FROM alpine:3.20
COPY --exclude=*.md . /src
```

Use instead:
```dockerfile
FROM alpine:3.20
# list *.md in .containerignore instead
COPY . /src
```
"""

from __future__ import annotations

from stagelint.engines import feature_rule, flag_finder

RULE = feature_rule(
    __doc__,
    code="SL605",
    name="exclude-unsupported",
    summary="`COPY --exclude` or `ADD --exclude` the target engine lacks",
    find=flag_finder((("COPY", "ADD"), "exclude", "exclude")),
)
