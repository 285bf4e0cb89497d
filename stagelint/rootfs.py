"""The copy-rootfs pattern, seen in a model.

`COPY --from=S / /target` copies a stage's whole root filesystem into a
builder (the way in); `COPY --from=builder /target /` copies it back into a
stage (the way out). Stage-persistence rules and the SL101 fix ask about both.
"""

from __future__ import annotations

import posixpath

from stagelint.model import Model, Reference, Stage
from stagelint.records import Record
from stagelint.tree import Instruction

# Instructions that make up an image's config (what FROM scratch loses).
CONFIG_KEYWORDS = (
    "ENV", "USER", "WORKDIR", "LABEL", "EXPOSE", "ENTRYPOINT", "CMD",
    "STOPSIGNAL", "HEALTHCHECK", "VOLUME", "SHELL",
)  # fmt: skip


def norm(path: str) -> str:
    return posixpath.normpath(path) if path.startswith("/") else path


class RootfsCopy(Record):
    """`COPY --from=<source> <src> <dest>` where one side is the root `/`."""

    __slots__ = ("dest_path", "reference", "source_path")

    def __init__(self, reference: Reference, source_path: str, dest_path: str) -> None:
        self.reference = reference
        self.source_path = source_path
        self.dest_path = dest_path

    @property
    def instruction(self) -> Instruction:
        return self.reference.instruction

    @property
    def stage(self) -> Stage:
        return self.reference.stage


def copies(model: Model) -> list[RootfsCopy]:
    """Every `COPY --from` with one source and a destination, normalised."""
    out: list[RootfsCopy] = []
    for ref in model.references:
        args = ref.instruction.arguments
        if ref.kind != "copy" or len(args) != 2 or ref.instruction.heredocs:
            continue
        src, dest = (model.expand(ref.instruction, a).value for a in args)
        out.append(RootfsCopy(ref, norm(src), norm(dest)))
    return out


def rootfs_ins(model: Model) -> list[RootfsCopy]:
    """`COPY --from=S / /dir`: a root filesystem copied into a directory."""
    return [c for c in copies(model) if c.source_path == "/" and c.dest_path != "/"]


def rootfs_outs(model: Model) -> list[RootfsCopy]:
    """`COPY --from=B /dir /`: a directory copied over a stage's root."""
    return [c for c in copies(model) if c.dest_path == "/" and c.source_path != "/"]


def config_declared(model: Model, stage: Stage) -> list[Instruction]:
    """Config instructions of `stage` and its ancestors, oldest first."""
    chain = [*reversed(stage.ancestors()), stage]
    return [i for s in chain for i in s.instructions if i.keyword in CONFIG_KEYWORDS]


def external_base(stage: Stage) -> str | None:
    """The image at the bottom of a stage's FROM chain (None for scratch)."""
    return stage.root.base if stage.root.base_kind == "image" else None
