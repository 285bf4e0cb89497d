"""Base image from a registry that is not allowed

## What it does
When the `allowed-registries` setting lists registries, reports a `FROM`
image pulled from any other registry. A name without a registry comes from
Docker Hub, spelled `docker.io` (`index.docker.io` is the same). An entry
may use `*` for any run of characters: `*.gcr.io` allows `eu.gcr.io` and
`a.b.gcr.io` but not `gcr.io`; `localhost:*` allows any port. Stage names,
`scratch`, and images whose value the file does not determine are not
reported; `FROM ${IMAGE}` is resolved through the meta ARGs' defaults.

```toml
[tool.stagelint]
allowed-registries = ["docker.io", "*.gcr.io", "registry.example.com:5000"]
```

## Why is this bad?
Images from unvetted registries bypass an organisation's scanning and
mirroring, and may disappear or change owner.

## Example
```dockerfile
FROM quay.io/someone/tool:1.2
```

Use instead:
```dockerfile
FROM registry.example.com:5000/mirror/tool:1.2
```

## Differences from hadolint
Same matching as hadolint's DL3026 with `trustedRegistries`, except that
hadolint does not take `index.docker.io` for Docker Hub, does not resolve
`FROM ${IMAGE}` through the ARG's default, and reports an image that only
the build command names (`ARG IMAGE` without a default).
"""

import re
from collections.abc import Mapping

from stagelint.rule import Severity
from stagelint.stagerefs import DOCKER_HUB, BaseImage, ImageRef, base_image_rule

_HUB = frozenset({"docker.io", "index.docker.io"})


def _pattern(entry: str) -> re.Pattern[str]:
    host = entry.strip().lower()
    host = DOCKER_HUB if host in _HUB else host
    return re.compile(".*".join(re.escape(part) for part in host.split("*")))


def not_allowed(base: BaseImage, ref: ImageRef, settings: Mapping[str, object]) -> str | None:
    allowed = settings.get("allowed-registries") or ()
    if not isinstance(allowed, tuple | list) or not allowed:
        return None
    if any(_pattern(str(entry)).fullmatch(ref.registry) for entry in allowed):
        return None
    listed = ", ".join(f"`{a}`" for a in allowed)
    return (
        f"Image {base.describe()} comes from `{ref.registry}`, not an allowed registry ({listed})"
    )


RULE = base_image_rule(
    __doc__,
    code="SL313",
    name="registry-not-allowed",
    summary="Base image from a registry that is not allowed",
    problem=not_allowed,
    severity=Severity.ERROR,
    aliases=("DL3026",),
)
