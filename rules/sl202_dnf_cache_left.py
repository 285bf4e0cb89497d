"""dnf, yum, microdnf or tdnf install without `clean all` in the same RUN

## What it does
Reports a dnf-family install, upgrade or makecache (dnf, yum, microdnf, tdnf)
in a RUN that does not also run `<manager> clean all` or remove the cache
directory (`/var/cache/dnf`, `/var/cache/yum`, `/var/cache/libdnf5`). A cache
or tmpfs mount over the cache directory counts as clean.

## Why is this bad?
Repository metadata and downloaded packages stay in the layer; a cleanup in
a later RUN does not shrink the image.

## Example
```dockerfile
FROM fedora:40
RUN dnf install -y ripgrep
```

Use instead:
```dockerfile
FROM fedora:40
RUN dnf install -y ripgrep && dnf clean all
```

## Fix safety
The fix adds `&& <manager> clean all` after the manager's last command in the
RUN. It is safe: a later dnf command downloads the metadata again.
"""

from stagelint.caches import CacheSpec, cache_rule

DNF_CACHE = CacheSpec(
    remedies={"dnf": "{manager} clean all"},
    fills=frozenset(
        {"install", "upgrade", "reinstall", "downgrade", "distro-sync", "makecache", "groupinstall"}
    ),
)

RULE = cache_rule(
    __doc__,
    code="SL202",
    name="dnf-cache-left",
    summary="dnf, yum, microdnf or tdnf install without `clean all` in the same RUN",
    spec=DNF_CACHE,
    aliases=("DL3040", "DL3032"),
)
