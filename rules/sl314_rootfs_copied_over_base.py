"""Whole root filesystem copied over a non-empty base

## What it does
Reports `COPY --from=<stage or image> / /` in a stage that is not built
`FROM scratch`: another image's entire root filesystem copied on top of
the stage's own base.

## Why is this bad?
COPY adds and overwrites; it never deletes. Every file of the base is
stored again in a new layer (the image roughly doubles), files deleted in
the source are still in the base layers underneath, and the base's
packages are silently mixed with the copied ones. To take over another
image's files completely, start `FROM scratch`; to take some files, copy
those directories.

## Example
```dockerfile
FROM debian:12 AS build
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates
FROM debian:12
COPY --from=build / /
```

Use instead:
```dockerfile
FROM debian:12 AS build
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates
FROM scratch
COPY --from=build / /
```

## Differences from hadolint
hadolint's DL3067 reports every `COPY --from=X / /`, including into a
`FROM scratch` stage, where it is the standard way to squash an image into
one layer, and stagelint's own copy-rootfs rewrite (SL101), whose
`COPY --from=base / /target` and `COPY --from=builder /target /` are not
whole-filesystem copies over a base either. This rule only reports the
copy that stores the filesystem twice.
"""

from collections.abc import Iterator

from stagelint.rootfs import copies
from stagelint.rule import Context, Diagnostic, Rule, Severity


def _is_root(path: str) -> bool:
    # posixpath.normpath keeps a leading `//`, which is still the root here.
    return path.startswith("/") and path.strip("/") == ""


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    for copy in copies(ctx.model):
        if not (_is_root(copy.source_path) and _is_root(copy.dest_path)):
            continue
        if copy.stage.base_kind == "scratch":
            continue
        node = copy.instruction
        source = copy.reference.target.label if copy.reference.target else copy.reference.raw
        yield rule.diagnostic(
            node.start,
            node.content_end,
            f"The whole root filesystem of `{source}` is copied over `{copy.stage.base}`: "
            "its files are stored twice and deletions do not apply; build this stage "
            "`FROM scratch` or copy only the directories you need",
        )


RULE = Rule(
    code="SL314",
    name="rootfs-copied-over-base",
    summary="Whole root filesystem copied over a non-empty base",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__ or "",
    aliases=("DL3067",),
)
