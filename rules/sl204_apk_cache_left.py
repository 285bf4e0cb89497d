"""`apk add` without `--no-cache`

## What it does
Reports `apk add`, `apk upgrade` or `apk update` without `--no-cache` in a
RUN that does not remove `/var/cache/apk/*` or run `apk cache clean`. A cache
or tmpfs mount over `/var/cache/apk` counts as clean.

## Why is this bad?
The package index (and, with a configured cache, the packages) stays in the
layer. `--no-cache` is the idiom: apk fetches the index to memory and leaves
nothing behind.

## Example
```dockerfile
FROM alpine:3.20
RUN apk add curl
```

Use instead:
```dockerfile
FROM alpine:3.20
RUN apk add --no-cache curl
```

## Fix safety
The fix adds `--no-cache` to `apk add`. It is safe: apk then fetches the
index into memory for this command only.
"""

from stagelint.caches import CacheSpec, cache_rule

RULE = cache_rule(
    __doc__,
    code="SL204",
    name="apk-cache-left",
    summary="`apk add` without `--no-cache`",
    spec=CacheSpec(
        remedies={"apk": "rm -rf /var/cache/apk/*"},
        fills=frozenset({"add", "upgrade", "update"}),
        no_cache_flag="--no-cache",
    ),
    aliases=("DL3019",),
)
