"""Reading a base image's config from a local engine, offline.

The copy-rootfs rewrite turns `FROM base` into `FROM scratch`, which drops the
image config. What the Containerfile declares can be re-declared from the
file; what the base image itself carries (its ENV, USER, CMD...) can only be
read from an engine that has the image locally: `buildah inspect` or
`podman image inspect`. This never pulls and never opens a network
connection; when the image is not there, the caller says so. A registry
lookup happens only when asked for: `image-inspect = ["skopeo", "inspect",
"--config"]` in the configuration.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import NamedTuple


class ImageConfig(NamedTuple):
    env: tuple[str, ...] = ()
    user: str = ""
    workdir: str = ""
    entrypoint: tuple[str, ...] | None = None
    cmd: tuple[str, ...] | None = None
    labels: tuple[tuple[str, str], ...] = ()
    exposed: tuple[str, ...] = ()
    volumes: tuple[str, ...] = ()
    stop_signal: str = ""
    source: str = ""  # which command read it


def default_command() -> tuple[str, ...] | None:
    """The inspect command of the locally installed engine, if any."""
    import shutil  # here, like subprocess and json: most lints never ask an engine

    if shutil.which("buildah"):
        return ("buildah", "inspect", "--type", "image")
    if shutil.which("podman"):
        return ("podman", "image", "inspect")
    return None


def _parse(data: object) -> dict[str, object] | None:
    """The OCI/Docker config object from buildah's or podman's inspect output."""
    if isinstance(data, list):
        data = data[0] if data else None
    if not isinstance(data, dict):
        return None
    for path in (("OCIv1", "config"), ("Docker", "config"), ("Config",), ("config",)):
        node: object = data
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, dict):
            return node
    return None


def _strings(value: object) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


@lru_cache(maxsize=64)
def inspect_image(image: str, command: tuple[str, ...] | None = None) -> ImageConfig | None:
    """The config of `image` from local storage, or None when it cannot be read."""
    command = command or default_command()
    if command is None or not image:
        return None
    import json
    import subprocess

    reference = image
    if command[0].rsplit("/", 1)[-1] == "skopeo" and "://" not in image:
        # skopeo reads a registry: only ever when the user configured it
        reference = f"docker://{image}"
    try:
        proc = subprocess.run(
            [*command, reference], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if proc.returncode != 0:
        return None
    try:
        config = _parse(json.loads(proc.stdout))
    except ValueError:
        return None
    if config is None:
        return None
    labels = config.get("Labels") or {}
    exposed = config.get("ExposedPorts") or {}
    volumes = config.get("Volumes") or {}
    entrypoint = config.get("Entrypoint")
    cmd = config.get("Cmd")
    return ImageConfig(
        env=_strings(config.get("Env")),
        user=str(config.get("User") or ""),
        workdir=str(config.get("WorkingDir") or ""),
        entrypoint=_strings(entrypoint) if isinstance(entrypoint, list) else None,
        cmd=_strings(cmd) if isinstance(cmd, list) else None,
        labels=tuple(sorted((str(k), str(v)) for k, v in labels.items()))
        if isinstance(labels, dict)
        else (),
        exposed=tuple(sorted(exposed)) if isinstance(exposed, dict) else (),
        volumes=tuple(sorted(volumes)) if isinstance(volumes, dict) else (),
        stop_signal=str(config.get("StopSignal") or ""),
        source=" ".join(command),
    )


def resolved_config(settings: Mapping[str, object], image: str) -> ImageConfig | None:
    """The config of `image` from the lookup the checker puts in a rule's
    settings ("resolve-image": a local engine), or None when lookups are off
    or the image is not there."""
    resolver = settings.get("resolve-image")
    if not callable(resolver) or not image:
        return None
    config = resolver(image)
    return config if isinstance(config, ImageConfig) else None


def _quote(value: str) -> str:
    import json

    return json.dumps(value)


def config_instructions(config: ImageConfig, newline: str = "\n") -> str:
    """Containerfile instructions that re-declare `config`."""
    import json

    lines: list[str] = []
    for entry in config.env:
        key, _, value = entry.partition("=")
        lines.append(f"ENV {key}={_quote(value)}")
    for key, value in config.labels:
        if not key.startswith("io.buildah."):  # the engine's own, re-added on commit
            name = key if re.fullmatch(r"[\w.\-/]+", key) else _quote(key)
            lines.append(f"LABEL {name}={_quote(value)}")
    if config.exposed:
        lines.append("EXPOSE " + " ".join(config.exposed))
    if config.volumes:
        lines.append("VOLUME " + json.dumps(list(config.volumes)))
    if config.workdir:
        lines.append(f"WORKDIR {config.workdir}")
    if config.user:
        lines.append(f"USER {config.user}")
    if config.stop_signal:
        lines.append(f"STOPSIGNAL {config.stop_signal}")
    if config.entrypoint is not None:
        lines.append("ENTRYPOINT " + json.dumps(list(config.entrypoint)))
    if config.cmd is not None:
        lines.append("CMD " + json.dumps(list(config.cmd)))
    return "".join(line + newline for line in lines)
