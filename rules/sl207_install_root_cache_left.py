"""Package cache left inside an install root that is shipped

## What it does
Reports a package manager that installs into an install root
(`dnf --installroot=/target`, `zypper --root /target`, `apk --root /target`,
`apt-get -o Dir=/target`) when the same RUN does not clean the cache inside
that root (`dnf --installroot=/target clean all`, `rm -rf
/target/var/cache/...`), and the root ends up in the target image (it is
copied out by a stage the target needs).

## Why is this bad?
With an install root the cache lives inside the root, not in the builder:
`dnf clean all` without `--installroot` cleans the wrong place, and the
cache is copied into the final image with the rest of the root filesystem.
(zypper keeps its cache in the builder with `--installroot`, and inside the
root only with `--root`, which is what this rule follows.)

## Example
```dockerfile
FROM registry.example/full AS pkg
COPY --from=registry.example/minimal / /target
RUN dnf --installroot=/target install -y ripgrep && dnf clean all
FROM scratch
COPY --from=pkg /target /
```

Use instead:
```dockerfile
FROM registry.example/full AS pkg
COPY --from=registry.example/minimal / /target
RUN dnf --installroot=/target install -y ripgrep && dnf --installroot=/target clean all
FROM scratch
COPY --from=pkg /target /
```

## Fix safety
The fix adds the cleanup, run against the same install root, after the
package manager's last command in the RUN. It is safe: nothing later in the
RUN uses the cache, and the root's packages stay installed.
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.caches import CacheSpec, cleanup_fix, missing_cleanups, remedy_for
from stagelint.rule import Context, Diagnostic, FixAvailability, Rule, Severity

SPEC = CacheSpec(
    remedies={
        "dnf": "{manager} --installroot={root} clean all",
        "zypper": "zypper --root {root} clean --all",
        "apk": "rm -rf {root}/var/cache/apk/*",
        "apt": "rm -rf {root}/var/lib/apt/lists/*",
    },
    fills=frozenset(
        {"install", "upgrade", "update", "add", "reinstall", "dist-upgrade", "makecache"}
    ),
    only_dirs={"apt": ("/var/lib/apt/lists", "/var/cache/apt")},
    root_options={"zypper": ("--root", "-R")},
)


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    for miss in missing_cleanups(ctx.model, SPEC, in_install_root=True):
        yield rule.diagnostic(
            miss.start,
            miss.end,
            f"`{miss.manager} {miss.subcommand}` leaves its cache inside the install root "
            f"{miss.install_root}, which is copied into the image: add "
            f"`&& {remedy_for(SPEC, miss)}` to the same RUN",
            cleanup_fix(ctx.model, SPEC, miss),
        )


RULE = Rule(
    code="SL207",
    name="install-root-cache-left",
    summary="Package cache left inside an install root that is shipped",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__ or "",
    fix=FixAvailability.SOMETIMES,
    fix_title="Add the cleanup against the install root to the same RUN",
)
