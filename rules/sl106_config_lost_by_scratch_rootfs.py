"""`FROM scratch` + rootfs copy that drops the source stage's image config

## What it does
Reports `COPY --from=<builder> /rootfs /` into a `FROM scratch` stage when the
root filesystem came from a stage (`COPY --from=base / /rootfs` in the
builder) whose image config is not declared again: the ENV, USER, WORKDIR,
LABEL, EXPOSE, ENTRYPOINT, CMD, STOPSIGNAL, HEALTHCHECK, VOLUME and SHELL that
the stage and its ancestors declare in the file, and the config of the base
image at the bottom of its chain, which the file cannot show.

## Why is this bad?
A `FROM scratch` image has no config at all: only the files are copied. The
image runs as root instead of its user, in `/` instead of its WORKDIR, with a
default PATH instead of its ENV (buildah adds one), and without its
ENTRYPOINT/CMD (measured with buildah 1.28).

## Example
```dockerfile
FROM registry.example/minimal AS base
ENV APP_HOME=/srv/app
USER app
FROM registry.example/full AS pkg
COPY --from=base / /target
RUN dnf --installroot=/target install -y ripgrep && dnf --installroot=/target clean all
FROM scratch
COPY --from=pkg /target /
```

Use instead:
```dockerfile
FROM registry.example/minimal AS base
ENV APP_HOME=/srv/app
USER app
FROM registry.example/full AS pkg
COPY --from=base / /target
RUN dnf --installroot=/target install -y ripgrep && dnf --installroot=/target clean all
FROM scratch
COPY --from=pkg /target /
ENV APP_HOME=/srv/app
USER app
```
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.imageconfig import ImageConfig
from stagelint.model import Model, Stage
from stagelint.rootfs import config_declared, external_base, rootfs_ins, rootfs_outs
from stagelint.rootfs_rewrite import Resolver
from stagelint.rule import Context, Diagnostic, Rule, Severity
from stagelint.tree import Instruction
from stagelint.words import unquote


def _keys(instructions: list[Instruction]) -> set[str]:
    """What config items the instructions set: ENV/LABEL per key, others per keyword."""
    keys: set[str] = set()
    for ins in instructions:
        if ins.keyword in ("ENV", "LABEL"):
            keys.update(f"{ins.keyword} {unquote(kv.key)}" for kv in ins.key_values)
        else:
            keys.add(ins.keyword)
    return keys


def image_keys(config: ImageConfig) -> set[str]:
    """The config items an image carries, named as `_keys` names them."""
    keys = {f"ENV {e.partition('=')[0]}" for e in config.env}
    keys |= {f"LABEL {k}" for k, _ in config.labels if not k.startswith("io.buildah.")}
    for keyword, present in (
        ("USER", config.user),
        ("WORKDIR", config.workdir),
        ("ENTRYPOINT", config.entrypoint is not None),
        ("CMD", config.cmd is not None),
        ("EXPOSE", config.exposed),
        ("VOLUME", config.volumes),
        ("STOPSIGNAL", config.stop_signal),
    ):
        if present:
            keys.add(keyword)
    return keys


def missing_config(model: Model, source: Stage, stage: Stage, extra: set[str]) -> list[str]:
    """Config items `source` declares (plus `extra`, its base image's) that
    `stage` does not declare again."""
    wanted = _keys(config_declared(model, source)) | extra
    have = _keys([i for i in stage.instructions if i.keyword in {k.split()[0] for k in wanted}])
    return sorted(wanted - have)


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    model = ctx.model
    resolve: Resolver | None = ctx.settings.get("resolve-image")  # type: ignore[assignment]
    ins = rootfs_ins(model)
    for out in rootfs_outs(model):
        stage = out.stage
        builder = out.reference.target
        if stage.base_kind != "scratch" or builder is None:
            continue
        for way_in in ins:
            if way_in.stage is not builder or way_in.dest_path != out.source_path:
                continue
            source = way_in.reference.target
            image = way_in.reference.raw if source is None else external_base(source) or ""
            config = resolve(image) if image and resolve else None
            extra = image_keys(config) if config else set()
            missing = (
                missing_config(model, source, stage, extra)
                if source
                else sorted(extra - _keys(stage.instructions))
            )
            if config is not None:
                image = ""  # its config is known: `missing` covers it
            if not missing and not image:
                continue
            parts = []
            label = source.label if source else image
            if missing:
                parts.append(f"re-declare what `{label}` declares: {', '.join(missing)}")
            if image:
                parts.append(
                    f"re-declare the config of the image `{image}` (ENV, USER, WORKDIR, "
                    f"CMD...), which this file cannot show"
                )
            yield rule.diagnostic(
                out.instruction.start,
                out.instruction.content_end,
                f"`FROM scratch` keeps only the files of `{label}`, not its image config: "
                + "; ".join(parts),
            )


RULE = Rule(
    code="SL106",
    name="config-lost-by-scratch-rootfs",
    summary="`FROM scratch` + rootfs copy that drops the source stage's image config",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__ or "",
)
