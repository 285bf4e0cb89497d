"""`apt` in a RUN instead of `apt-get` or `apt-cache`

## What it does
Reports `apt` commands in a RUN. `apt` is the interactive front end; the
same work is done by `apt-get` (install, update, upgrade, remove...) and
`apt-cache` (search, show, policy...).

## Why is this bad?
`apt`'s command line is not stable: its authors say so on every run
("WARNING: apt does not have a stable CLI interface. Use with caution in
scripts."), and its defaults differ from `apt-get`'s and change between
releases (progress output, `upgrade` installing new packages, downloaded
packages removed after install). A script gets predictable behaviour from
`apt-get` and `apt-cache`.

## Example
```dockerfile
FROM debian:12
RUN apt update && apt install -y --no-install-recommends curl=7.88.1-10+deb12u8
```

Use instead:
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8
```

## Fix safety
The fix renames the command: `apt` becomes `apt-get` for the subcommands
`apt-get` has, `apt-cache` for `search`, `show`, `policy`, `depends`...,
and `apt full-upgrade` becomes `apt-get dist-upgrade`. `apt list` and
`apt edit-sources` have no equivalent and are not fixed.

It is safe where both tools do the same thing: `update`, `remove`, `purge`,
`autoremove`, `clean`, `download`, `source`, `policy`, `depends`,
`rdepends`, `madison`. It is unsafe for the others:
- `install`, `reinstall`, `build-dep`, `satisfy`: `apt` removes the
  downloaded `.deb` files after a successful install, `apt-get` keeps them
  in /var/cache/apt/archives (unless the base image configures otherwise,
  as the Debian and Ubuntu images do), so the layer may grow;
- `upgrade`: `apt upgrade` installs new dependencies, `apt-get upgrade`
  holds such packages back, so fewer packages may be upgraded;
- `search`, `show`: the output differs (`apt show` shows one version,
  `apt-cache show` all of them), which matters to a script that reads it.
"""

from collections.abc import Iterator

from stagelint.model import RunStep
from stagelint.pm_calls import exact, word_span
from stagelint.rule import (
    Applicability,
    Context,
    Diagnostic,
    Edit,
    Fix,
    FixAvailability,
    Rule,
    Severity,
)
from stagelint.shell import PackageManagerCall

_SAFE = frozenset(
    [
        "update",
        "remove",
        "purge",
        "autoremove",
        "autopurge",
        "clean",
        "autoclean",
        "download",
        "source",
        "changelog",
        "policy",
        "depends",
        "rdepends",
        "showsrc",
        "showpkg",
        "madison",
        "pkgnames",
    ]
)
_CACHE = frozenset(
    ["search", "show", "policy", "depends", "rdepends", "showsrc", "showpkg", "madison", "pkgnames"]
)
_GET = frozenset(
    [
        "install",
        "reinstall",
        "update",
        "upgrade",
        "dist-upgrade",
        "full-upgrade",
        "remove",
        "purge",
        "autoremove",
        "autopurge",
        "clean",
        "autoclean",
        "download",
        "source",
        "changelog",
        "build-dep",
        "satisfy",
    ]
)
_RENAMED = {"full-upgrade": "dist-upgrade"}


def _replacement(call: PackageManagerCall) -> tuple[str, str] | None:
    """The tool and subcommand doing what this `apt` call does, if any."""
    sub = call.subcommand
    if sub is None or sub not in _GET | _CACHE or len(call.subcommand_words) != 1:
        return None
    return ("apt-cache" if sub in _CACHE else "apt-get"), _RENAMED.get(sub, sub)


def _fix(step: RunStep, call: PackageManagerCall, tool: str, renamed: str) -> Fix | None:
    name = call.command.argv[0]
    if name.value is None or name.raw != name.value or not exact(step, name):
        return None  # quoted or dynamic: leave it to the author
    start, end = word_span(step, name)
    edits = [Edit(start, end, name.raw[: -len("apt")] + tool)]
    word = call.subcommand_words[0]
    if renamed != word.value:
        if not exact(step, word):
            return None
        edits.append(Edit(*word_span(step, word), renamed))
    safe = call.subcommand in _SAFE
    return Fix(
        f"Use `{tool} {renamed}`",
        tuple(edits),
        Applicability.SAFE if safe else Applicability.UNSAFE,
    )


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    for step in ctx.model.runs:
        for call in step.package_calls:
            if call.manager != "apt":
                continue
            replacement = _replacement(call)
            fix = _fix(step, call, *replacement) if replacement else None
            instead = (
                f"`{replacement[0]} {replacement[1]}`"
                if replacement
                else "`apt-get` or `apt-cache`"
            )
            start, end = word_span(step, call.command.argv[0])
            yield rule.diagnostic(
                start,
                end,
                f"`apt` is meant for terminals, its command line is not stable: use {instead}",
                fix,
            )


RULE = Rule(
    "SL515",
    "apt-instead-of-apt-get",
    "`apt` in a RUN instead of `apt-get` or `apt-cache`",
    Severity.WARNING,
    check,
    __doc__ or "",
    FixAvailability.SOMETIMES,
    ("DL3027",),
    "Use `apt-get` or `apt-cache`",
)
