"""The base images and fake package managers do what tests/engine/README.md says."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from engine import RUNTIME_CONFIG, BaseImages, Buildah, FileInfo

pytestmark = pytest.mark.engine

Tag = Callable[[str], str]

# One root per case under /r; "-clean" roots run the cleanup idiom after installing.
FAKES = """\
FROM localhost/sl-builder
RUN ! apt-get install -y ripgrep && ! apk add ripgrep && ! zypper install --root /r/x ripgrep
RUN apt-get -o Dir=/r/apt update && apt-get -o Dir=/r/apt install -y --no-install-recommends ripgrep
RUN apt-get -o Dir=/r/apt-clean update \\
 && apt-get -o Dir=/r/apt-clean install -y ripgrep=13.0-1 \\
 && apt-get -o Dir=/r/apt-clean clean \\
 && rm -rf /r/apt-clean/var/lib/apt/lists/*
RUN dnf --installroot=/r/dnf install -y ripgrep
RUN dnf --installroot /r/dnf-clean --setopt=tsflags=nodocs install -y ripgrep \\
 && dnf --installroot /r/dnf-clean clean all
RUN zypper --root /r/zypper install -y ripgrep
RUN zypper -n -R /r/zypper-clean install -y ripgrep && zypper -R /r/zypper-clean clean -a
RUN zypper --installroot /r/zypper-ir install -y ripgrep
RUN apk --root /r/apk add -U ripgrep
RUN apk -p /r/apk-clean add --no-cache ripgrep
RUN apk --root /r/apk-virtual add -U --virtual .build-deps ripgrep \\
 && apk --root /r/apk-virtual del .build-deps
RUN pip install --root /r/pip --no-deps ripgrep-py==1.0
"""


def _regular_files(files: dict[str, FileInfo], prefix: str) -> set[str]:
    return {p for p, info in files.items() if p.startswith(prefix) and info.type != "dir"}


def test_runtime_image(buildah: Buildah, base_images: BaseImages) -> None:
    config = buildah.config(base_images.runtime)
    labels = config.pop("Labels")
    assert labels.pop("io.buildah.version")
    assert {**config, "Labels": labels} == RUNTIME_CONFIG

    files = buildah.files(base_images.runtime)
    assert files["/bin/sh"].target == "busybox"
    assert files["/bin/busybox"].mode == 0o755
    assert files["/tmp"].mode == 0o1777
    assert files["/srv/app"].uid == files["/var/lib/app"].uid == 1000
    assert b"app:x:1000:1000:" in (buildah.read_file(base_images.runtime, "/etc/passwd") or b"")
    assert not [p for p in files if p.startswith(("/usr/bin/", "/usr/lib/fakepkg"))]


def test_builder_image(buildah: Buildah, base_images: BaseImages) -> None:
    config = buildah.config(base_images.builder)
    assert config["User"] is None  # RUN steps in builder stages run as root
    assert config["Labels"]["org.example.role"] == "builder"
    files = buildah.files(base_images.builder)
    for tool in ("apt-get", "dnf", "zypper", "apk", "pip"):
        assert files[f"/usr/bin/{tool}"].mode == 0o755
    assert files["/usr/bin/yum"].target == "dnf"
    assert files["/usr/bin/apt"].target == "apt-get"
    assert files["/usr/bin/pip3"].target == "pip"


def test_fake_package_managers(buildah: Buildah, base_images: BaseImages, image_tag: Tag) -> None:
    tag = image_tag("fakes")
    buildah.bud(FAKES, tag)
    files = buildah.files(tag)

    for root in ("apt", "apt-clean", "dnf", "zypper", "zypper-clean", "zypper-ir", "apk"):
        assert files[f"/r/{root}/usr/bin/ripgrep"].mode == 0o755, root
        assert f"/r/{root}/usr/share/doc/ripgrep/copyright" in files, root
    assert buildah.read_file(tag, "/r/apt/usr/bin/ripgrep") == b"#!/bin/sh\necho ripgrep\n"
    assert "/r/dnf-clean/usr/bin/ripgrep" in files
    assert "/r/dnf-clean/usr/share/doc/ripgrep/copyright" not in files  # --nodocs

    lists = "deb.debian.org_debian_dists_bookworm"
    assert _regular_files(files, "/r/apt/var/") == {
        "/r/apt/var/cache/apt/archives/lock",
        "/r/apt/var/cache/apt/archives/ripgrep_1.0-1_amd64.deb",
        "/r/apt/var/cache/apt/pkgcache.bin",
        "/r/apt/var/cache/apt/srcpkgcache.bin",
        f"/r/apt/var/lib/apt/lists/{lists}_InRelease",
        f"/r/apt/var/lib/apt/lists/{lists}_main_binary-amd64_Packages",
        "/r/apt/var/lib/apt/lists/lock",
    }
    assert _regular_files(files, "/r/apt-clean/var/") == {
        "/r/apt-clean/var/cache/apt/archives/lock"
    }

    dnf_repo = "/r/dnf/var/cache/dnf/fedora-4c2d8a1f0e9b7a63"
    assert _regular_files(files, "/r/dnf/var/") == {
        f"{dnf_repo}/packages/ripgrep-1.0-1.fc39.x86_64.rpm",
        f"{dnf_repo}/repodata/repomd.xml",
        "/r/dnf/var/cache/dnf/fedora.solv",
        "/r/dnf/var/cache/dnf/fedora-filenames.solvx",
    }
    assert not _regular_files(files, "/r/dnf-clean/var/")

    zypp = "/r/zypper/var/cache/zypp"
    assert _regular_files(files, "/r/zypper/var/") == {
        f"{zypp}/packages/repo-oss/x86_64/ripgrep-1.0-1.1.x86_64.rpm",
        f"{zypp}/raw/repo-oss/repodata/repomd.xml",
        f"{zypp}/solv/@System/solv",
        f"{zypp}/solv/repo-oss/solv",
    }
    assert not _regular_files(files, "/r/zypper-clean/var/")
    # --installroot shares the host's repositories and caches: the cache is the builder's.
    assert not _regular_files(files, "/r/zypper-ir/var/")
    assert "/var/cache/zypp/packages/repo-oss/x86_64/ripgrep-1.0-1.1.x86_64.rpm" in files

    assert _regular_files(files, "/r/apk/var/") == {"/r/apk/var/cache/apk/APKINDEX.5022a8a2.tar.gz"}
    assert not _regular_files(files, "/r/apk-clean/") - {
        "/r/apk-clean/usr/bin/ripgrep",
        "/r/apk-clean/usr/share/doc/ripgrep/copyright",
    }
    assert "/r/apk-virtual/usr/bin/ripgrep" not in files  # del .build-deps removed it

    site = "/r/pip/usr/local/lib/python3.11/site-packages"
    assert {f"{site}/ripgrep_py/__init__.py", "/r/pip/usr/local/bin/ripgrep-py"} <= set(files)
    assert "/root/.cache/pip/http-v2/f/a/k/e/ripgrep_py.body" in files  # not under --root
