"""Package cache cleaned in a later RUN than the one that filled it

## What it does
Reports a RUN that cleans a package manager's cache (`apt-get clean`,
`rm -rf /var/lib/apt/lists/*`, `dnf clean all`, `apk cache clean`...) when
it does not install anything itself and an earlier RUN of the same stage (or
of a stage it is built on) filled that cache.

## Why is this bad?
Each RUN is a layer, and layers only add. Deleting files in a later layer
hides them but does not remove them from the image, which stays as large as
before; the cleanup only costs a layer.

## Example
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN rm -rf /var/lib/apt/lists/*
```

Use instead:
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl \\
 && rm -rf /var/lib/apt/lists/*
```

## Fix safety
When the later RUN does nothing but clean up, the fix deletes it and runs its
commands at the end of the RUN that filled the cache (after the package
manager's last command there). It is safe when no RUN in between uses the
same package manager; when one does, that RUN would no longer find the
cache, so the fix is unsafe. A RUN that does more than clean up is left for
a person to split.
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.caches import CacheSpec, later_cleanups, move_cleanup_fix
from stagelint.rule import Context, Diagnostic, FixAvailability, Rule, Severity

ALL_CACHES = CacheSpec(
    remedies={f: "" for f in ("apt", "dnf", "zypper", "apk", "pip", "npm", "yarn", "pnpm")},
    fills=frozenset({"install", "update", "upgrade", "add", "ci", "dist-upgrade", "makecache"}),
)


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    for later in later_cleanups(ctx.model, ALL_CACHES):
        line, _ = ctx.doc.position(later.filler.instruction.start)
        yield rule.diagnostic(
            later.start,
            later.end,
            f"this cleanup runs in a later layer than the install at line {line}, so the image "
            f"does not shrink; move it into that RUN",
            move_cleanup_fix(ctx.model, later),
        )


RULE = Rule(
    code="SL208",
    name="cleanup-in-later-run",
    summary="Package cache cleaned in a later RUN than the one that filled it",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__ or "",
    fix=FixAvailability.SOMETIMES,
    fix_title="Move the cleanup into the RUN that filled the cache",
)
