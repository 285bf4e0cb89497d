"""RUN flag (`--network`, `--security`, `--device`) the target engine lacks

## What it does
Reports `RUN --network`, `RUN --security` and `RUN --device` when the configured
`target-engine` lacks them. buildah has `--network` from 1.30; buildah 1.28.2
rejects all three (measured). The Dockerfile frontend has `--network` from 1.3;
`--security` (1.1.2-labs) and `--device` (1.14-labs) only in the `-labs`
channel as of 1.19.

When no `target-engine` is configured, this rule reports nothing.

## Why is this bad?
buildah 1.28 stops with "RUN only supports the --mount flag".

## Example
With `target-engine = "buildah>=1.28"`:
```dockerfile
FROM alpine:3.20
RUN --network=none make test
```

Use instead:
```dockerfile
FROM alpine:3.20
# build with `buildah build --network=none` instead
RUN make test
```
"""

from __future__ import annotations

from stagelint.engines import feature_rule, flag_finder

RULE = feature_rule(
    __doc__,
    code="SL608",
    name="run-flag-unsupported",
    summary="RUN flag (`--network`, `--security`, `--device`) the target engine lacks",
    find=flag_finder(
        (("RUN",), "network", "network"),
        (("RUN",), "security", "security"),
        (("RUN",), "device", "device"),
    ),
)
