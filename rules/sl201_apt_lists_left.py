"""`apt-get update` without removing the package lists in the same RUN

## What it does
Reports `apt-get update` (or `apt update`) in a RUN that does not also remove
`/var/lib/apt/lists/*`, in a stage whose layers end up in the target image.
A cache or tmpfs mount over `/var/lib/apt/lists` counts as clean.

## Why is this bad?
The package lists (tens of megabytes) stay in the layer forever; removing
them in a later RUN does not shrink the image. Stale lists in an image also
invite `apt-get install` without `update` in a later build.

## Example
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl
```

Use instead:
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl \\
 && rm -rf /var/lib/apt/lists/*
```

Or keep the lists in a cache mount:
```dockerfile
FROM debian:12
RUN --mount=type=cache,target=/var/lib/apt/lists \\
    apt-get update && apt-get install -y --no-install-recommends curl
```

## Fix safety
The fix adds `&& rm -rf /var/lib/apt/lists/*` after the last apt command of
the RUN. It is unsafe when a later RUN of the stage (or a stage built on it)
runs `apt-get install` without its own `apt-get update`: that RUN relied on
the lists left behind and would fail. Otherwise it is safe.
"""

from stagelint.caches import CacheSpec, cache_rule

RULE = cache_rule(
    __doc__,
    code="SL201",
    name="apt-lists-left",
    summary="`apt-get update` without removing the package lists in the same RUN",
    spec=CacheSpec(
        remedies={"apt": "rm -rf /var/lib/apt/lists/*"},
        needed_by=frozenset({"install", "upgrade", "dist-upgrade", "full-upgrade"}),
        fills=frozenset({"update"}),
        clean_counts=False,  # `apt-get clean` empties the archives, not the lists
        only_dirs={"apt": ("/var/lib/apt/lists",)},
    ),
    aliases=("DL3009",),
)
