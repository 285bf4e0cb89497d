"""A deterministic corpus of realistic Containerfiles for the benchmarks.

Multi-stage builds, heredocs, long RUN chains with continuations and comments,
cache mounts, every common package manager. Seeded, so every run measures the
same files.
"""

from __future__ import annotations

import random
from pathlib import Path

BASES = ["debian:12", "ubuntu:24.04", "alpine:3.20", "fedora:40", "python:3.12-slim",
         "node:20-slim", "golang:1.22", "opensuse/leap:15.6"]  # fmt: skip
PACKAGES = ["curl", "git", "ca-certificates", "build-essential", "libpq-dev", "jq", "unzip",
            "openssl", "tzdata", "gnupg", "wget", "make", "gcc", "libssl-dev"]  # fmt: skip


def _install(rng: random.Random, base: str, tag: str) -> list[str]:
    # `tag` names a package of this file's own: real repositories rarely share
    # a RUN line word for word, so neither may the corpus (the shell parse of
    # an identical script is cached and would flatter stagelint).
    pkgs = " \\\n      ".join([*rng.sample(PACKAGES, rng.randint(2, 7)), f"lib{tag}-dev"])
    if base.startswith(("debian", "ubuntu", "python", "node", "golang")):
        return [
            "RUN --mount=type=cache,target=/var/cache/apt \\",
            "    apt-get update \\",
            "    # keep the image small",
            f"    && apt-get install -y --no-install-recommends \\\n      {pkgs} \\",
            "    && rm -rf /var/lib/apt/lists/*",
        ]
    if base.startswith("alpine"):
        return [f"RUN apk add --no-cache \\\n      {pkgs}"]
    if base.startswith("fedora"):
        return [f"RUN dnf install -y \\\n      {pkgs} \\\n && dnf clean all"]
    return [f"RUN zypper -n in \\\n      {pkgs} \\\n && zypper clean --all"]


def containerfile(rng: random.Random, tag: str = "app") -> str:
    """A Containerfile; `tag` goes into its paths and package names."""
    lines = ["# syntax=docker/dockerfile:1", "ARG VERSION=1.0"]
    stages = rng.randint(1, 4)
    for s in range(stages):
        base = rng.choice(BASES)
        lines += ["", f"FROM {base} AS stage{s}" if s < stages - 1 else f"FROM {base}"]
        lines += ["ARG VERSION", f"ENV APP_VERSION=${{VERSION}} APP_HOME=/srv/app{s}"]
        lines += ["WORKDIR /srv/app"]
        lines += _install(rng, base, tag)
        if rng.random() < 0.5:
            lines += ["RUN <<EOF", "set -eux", "echo building $APP_VERSION",
                      "mkdir -p /srv/app/data", "EOF"]  # fmt: skip
        for _ in range(rng.randint(1, 6)):
            lines.append(rng.choice([
                "COPY requirements.txt ./",
                "RUN pip install --no-cache-dir -r requirements.txt",
                "COPY . .",
                "RUN make -j2 && make install DESTDIR=/out",
                f"COPY --from=stage{max(s - 1, 0)} /srv/app /srv/app" if s else "COPY src/ /src/",
                "RUN useradd --uid 1000 --create-home app",
                "LABEL org.opencontainers.image.source=\"https://example.invalid/repo\"",
                "RUN set -o pipefail && curl -fsSL https://example.invalid/x | tar -xz -C /opt",
            ]))  # fmt: skip
        chain = " \\\n && ".join(f"echo step{i} > /tmp/s{i}" for i in range(rng.randint(3, 15)))
        lines.append(f"RUN {chain}")
    lines += ["USER app", "EXPOSE 8080", 'ENTRYPOINT ["/srv/app/run"]', 'CMD ["--serve"]']
    text = "\n".join(lines) + "\n"
    return text.replace("/srv/app", f"/srv/{tag}").replace("/tmp/s", f"/tmp/{tag}")


def write_corpus(folder: Path, count: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"app{i:04d}.dockerfile"
        path.write_text(containerfile(rng, tag=f"app{i}"))
        paths.append(path)
    return paths
