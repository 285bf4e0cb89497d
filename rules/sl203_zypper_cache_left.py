"""zypper install without `zypper clean` in the same RUN

## What it does
Reports `zypper install`, `update`, `dist-upgrade`, `patch` or `refresh` in a
RUN that does not also run `zypper clean --all` (or `zypper cc`) or remove
`/var/cache/zypp`. A cache or tmpfs mount over `/var/cache/zypp` counts as
clean.

## Why is this bad?
Downloaded packages and repository metadata stay in the layer; a cleanup in
a later RUN does not shrink the image.

## Example
```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive install ripgrep
```

Use instead:
```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive install ripgrep && zypper clean --all
```

## Fix safety
The fix adds `&& zypper clean --all` after zypper's last command in the RUN.
It is safe: later zypper commands refresh what they need.
"""

from stagelint.caches import CacheSpec, cache_rule

RULE = cache_rule(
    __doc__,
    code="SL203",
    name="zypper-cache-left",
    summary="zypper install without `zypper clean` in the same RUN",
    spec=CacheSpec(
        remedies={"zypper": "zypper clean --all"},
        fills=frozenset({"install", "update", "dist-upgrade", "patch", "refresh"}),
    ),
    aliases=("DL3036",),
)
