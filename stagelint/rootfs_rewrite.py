"""The copy-rootfs rewrite: SL101's fix.

A RUN that installs into `--mount=type=bind,from=S,target=/target,rw` becomes

    COPY --from=S / /target           (inserted before the RUN)
    RUN <the same script>             (the mount flag removed, nothing else)

and each stage built `FROM S` after it becomes

    FROM scratch                      (or stays FROM S: the from-base variant)
    COPY --from=<builder> /target /
    <S's image config, re-declared>

The re-declared config is what S and its ancestors declare in the file, after
the base image's own config when a local engine can show it; when it cannot,
a comment in the file and the fix's title say so.
"""

from __future__ import annotations

from collections.abc import Callable

from stagelint.imageconfig import ImageConfig, config_instructions
from stagelint.model import Model, RunStep, Stage
from stagelint.mounts import Mount
from stagelint.rootfs import config_declared, copies, external_base, norm
from stagelint.rule import Edit, Fix
from stagelint.tree import Instruction

Resolver = Callable[[str], ImageConfig | None]


def _newline(source: str, at: int) -> str:
    end = source.find("\n", at)
    return "\r\n" if end > 0 and source[end - 1] == "\r" else "\n"


def _indent(source: str, line_start: int) -> str:
    i = line_start
    while i < len(source) and source[i] in " \t":
        i += 1
    return source[line_start:i]


def remove_flag(node: Instruction, start: int, end: int) -> Edit:
    """Delete a flag and the blanks, continuation and indentation up to what
    follows it; comment lines in between are kept."""
    following = [f.start for f in node.flags if f.start >= end] + [node.args_start]
    nxt = min(following)
    if any(start <= x.start < nxt for x in node.inner_lines):
        stop = end
        while stop < len(node.source) and node.source[stop] in " \t":
            stop += 1
        return Edit(start, stop, "")
    return Edit(start, nxt, "")


def _redeclare(model: Model, ins: Instruction) -> str:
    """An instruction's text, with builder-expanded values where it used
    variables (the ARGs it used are not declared in the new stage)."""
    text = ins.source[ins.start : ins.end]
    if "$" not in text or ins.keyword not in ("ENV", "LABEL", "WORKDIR", "USER"):
        return text if text.endswith("\n") else text + "\n"
    if ins.keyword in ("ENV", "LABEL"):
        import json  # only a fix needs it

        pairs = []
        for kv in ins.key_values:
            value = model.expand(ins, kv.value).value
            pairs.append(f"{kv.key}={json.dumps(value)}")
        return f"{ins.keyword} {' '.join(pairs)}\n"
    return f"{ins.keyword} {model.expand(ins, ins.args_text).value}\n"


def config_block(model: Model, stage: Stage, resolve: Resolver | None, nl: str) -> tuple[str, bool]:
    """Instructions re-declaring `stage`'s image config; and whether all of it
    is known (False when a base image's config could not be read)."""
    text = ""
    complete = True
    image = external_base(stage)
    if image:
        config = resolve(image) if resolve else None
        if config is None:
            complete = False
            text += (
                f"# NOTE (stagelint): the image config of {image} (ENV, USER, WORKDIR, "
                f"ENTRYPOINT, CMD...) could not be read from a local engine; re-declare "
                f"what this image needs here.{nl}"
            )
        else:
            text += config_instructions(config, nl)
    for ins in config_declared(model, stage):
        text += _redeclare(model, ins).replace("\r\n", "\n").replace("\n", nl)
    return text, complete


def copy_rootfs_fix(
    model: Model,
    step: RunStep,
    mount: Mount,
    mounted: Stage,
    *,
    variant: str = "scratch",
    resolve: Resolver | None = None,
) -> Fix | None:
    """The rewrite for one mount of `mounted` in `step`, or None when it has
    nothing to copy back into."""
    if mount.flag is None or not mount.target:
        return None
    node = step.instruction
    source = node.source
    builder = step.stage
    target = mount.target
    inside = mount.source or "/"
    nl = _newline(source, node.start)
    edits = [remove_flag(node, mount.flag.start, mount.flag.end)]
    already_in = any(
        c.stage is builder
        and c.reference.target is mounted
        and c.dest_path == norm(target)
        and c.instruction.start < node.start
        for c in copies(model)
    )
    if not already_in:
        copy_in = f"{_indent(source, node.start)}COPY --from={mount.from_} {inside} {target}{nl}"
        edits.append(Edit(node.start, node.start, copy_in))
    consumers = [s for s in model.stages if s.base_stage is mounted and s.index > builder.index]
    already_out = any(
        c.reference.target is builder and c.source_path == norm(target) for c in copies(model)
    )
    if not consumers and not already_out:
        return None
    complete = True
    for stage in consumers:
        fi = stage.from_instruction
        copy_out = f"COPY --from={builder.ref} {target} {inside}{nl}"
        if variant == "from-base":
            edits.append(Edit(fi.end, fi.end, copy_out))
            continue
        base_start, base_end = fi.args_span(0, len(fi.arguments[0]))
        edits.append(Edit(base_start, base_end, "scratch"))
        block, known = config_block(model, mounted, resolve, nl)
        complete = complete and known
        edits.append(Edit(fi.end, fi.end, copy_out + block))
    title = f"Copy the rootfs of `{mounted.label}` into {target}, install there, copy it back"
    if variant == "scratch" and consumers:
        title += " into `FROM scratch` with the config re-declared"
        if not complete:
            title += " (the base image's own config could not be read: see the NOTE)"
    return Fix(title, tuple(edits))
