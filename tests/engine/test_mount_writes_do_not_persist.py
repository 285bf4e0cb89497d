"""The engine facts behind SL101 (MISSION.md sections 1 and 2), proven with real builds.

Installing into a `RUN --mount=type=bind,from=base,target=/target,rw` never reaches an
image built `FROM base`; copying the root filesystem into the builder and back does,
at the price of the base's image config (`FROM scratch`) or of the deletions
(`FROM base`).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from engine import (
    BUILDAH_DEFAULT_PATH,
    BaseImages,
    Buildah,
    diff_files,
    rw_bind_mount_writes_leak,
)

pytestmark = pytest.mark.engine

# MISSION.md section 1, with the local base images.
MOUNT_INSTALL = """\
FROM localhost/sl-runtime AS base
FROM localhost/sl-builder AS pkg
RUN --mount=type=bind,from=base,target=/target,rw {install}
FROM base
"""

# The same, plus a COPY that makes the final stage depend on `pkg`, so it runs.
MOUNT_INSTALL_STAGE_USED = (
    MOUNT_INSTALL.format(install="{install}") + "COPY --from=pkg /etc/os-release /pkg-ran\n"
)

ZYPPER_ROOT = "zypper --root /target install -y ripgrep"

INSTALLS = {
    "zypper-root": ZYPPER_ROOT,
    "zypper-installroot": "zypper --installroot=/target install -y ripgrep",
    "dnf-installroot": "dnf --installroot=/target install -y ripgrep",
    "apk-root": "apk --root /target add --no-cache ripgrep",
    "apt-dir": "apt-get -o Dir=/target update && apt-get -o Dir=/target install -y ripgrep",
}

# Does the write leak into what later steps see of `base`? (buildah 1.28 yes; fixed later)
LEAK_PROBE = """\
FROM localhost/sl-runtime AS base
FROM localhost/sl-builder AS pkg
RUN --mount=type=bind,from=base,target=/target,rw zypper --root /target install -y ripgrep
FROM localhost/sl-builder AS probe
COPY --from=base /usr/bin /seen-by-copy
RUN --mount=type=bind,from=base,target=/mnt ls /mnt/usr/bin > /seen-by-mount
FROM base
COPY --from=pkg /etc/os-release /pkg-ran
COPY --from=probe /seen-by-copy /seen-by-copy
COPY --from=probe /seen-by-mount /seen-by-mount
"""

# The copy-rootfs rewrite. The extra `rm` shows what happens to deletions in /target.
COPY_ROOTFS = """\
FROM localhost/sl-runtime AS base
FROM localhost/sl-builder AS pkg
COPY --from=base / /target
RUN zypper --root /target install -y ripgrep \\
 && zypper --root /target clean --all \\
 && rm -rf /target/usr/share/doc/busybox
FROM {final}
COPY --from=pkg /target /
"""

DELETED = {"/usr/share/doc/busybox", "/usr/share/doc/busybox/README"}
RIPGREP = {"/usr/bin/ripgrep", "/usr/share/doc/ripgrep", "/usr/share/doc/ripgrep/copyright"}
# What `zypper clean --all` leaves: the empty cache directories, no file.
ZYPP_CACHE_DIRS = {
    "/var/cache/zypp",
    "/var/cache/zypp/packages",
    "/var/cache/zypp/raw",
    "/var/cache/zypp/solv",
}

Tag = Callable[[str], str]


@pytest.mark.parametrize("skip_unused", [True, False], ids=["default", "no-skip-unused-stages"])
def test_mount_install_never_reaches_from_base(
    buildah: Buildah, base_images: BaseImages, image_tag: Tag, skip_unused: bool
) -> None:
    tag = image_tag("final")
    extra = [] if skip_unused else ["--skip-unused-stages=false"]
    result = buildah.bud(MOUNT_INSTALL.format(install=ZYPPER_ROOT), tag, extra_args=extra)

    # By default the install stage is dead code: buildah does not even run it.
    assert ("Installing: ripgrep" in result.stdout) is not skip_unused, result.log
    assert buildah.files(tag) == buildah.files(base_images.runtime)


@pytest.mark.parametrize("install", INSTALLS.values(), ids=INSTALLS.keys())
def test_mount_install_that_runs_never_reaches_from_base(
    buildah: Buildah, base_images: BaseImages, image_tag: Tag, install: str
) -> None:
    tag = image_tag("final")
    result = buildah.bud(MOUNT_INSTALL_STAGE_USED.format(install=install), tag)

    assert "Installing: ripgrep" in result.stdout, result.log
    diff = diff_files(buildah.files(base_images.runtime), buildah.files(tag))
    assert set(diff.added) == {"/pkg-ran"}, diff
    assert not diff.removed, diff
    assert not diff.changed, diff


def test_mount_writes_leak_into_later_uses_of_the_stage_on_old_buildah(
    buildah: Buildah, base_images: BaseImages, image_tag: Tag
) -> None:
    tag = image_tag("final")
    buildah.bud(LEAK_PROBE, tag)
    files = buildah.files(tag)

    assert "/usr/bin/ripgrep" not in files  # FROM base: never, on any version
    if rw_bind_mount_writes_leak(buildah.version()):
        # buildah 1.28: the write went into the stage's working container, which later
        # COPY --from=base and --mount from=base read.
        assert "/seen-by-copy/ripgrep" in files
        assert buildah.read_file(tag, "/seen-by-mount") == b"ripgrep\n"
    else:
        assert "/seen-by-copy/ripgrep" not in files
        assert buildah.read_file(tag, "/seen-by-mount") == b""


def test_copy_rootfs_into_scratch_keeps_the_install_and_loses_the_config(
    buildah: Buildah, base_images: BaseImages, image_tag: Tag
) -> None:
    tag = image_tag("final")
    buildah.bud(COPY_ROOTFS.format(final="scratch"), tag)
    runtime_files = buildah.files(base_images.runtime)
    files = buildah.files(tag)

    diff = diff_files(runtime_files, files)
    assert set(diff.added) == RIPGREP | ZYPP_CACHE_DIRS, diff
    assert set(diff.removed) == DELETED, diff  # deletions in /target do take effect
    assert not diff.changed, diff  # owners, modes, symlinks, contents: all kept
    assert files["/usr/bin/ripgrep"].mode == 0o755
    assert files["/srv/app"].uid == 1000
    assert not [
        p for p, info in files.items() if p.startswith("/var/cache/") and info.type != "dir"
    ]

    # Every piece of the runtime's config is gone; buildah only adds a default PATH.
    version_label = buildah.config(base_images.runtime)["Labels"]["io.buildah.version"]
    assert buildah.config(tag) == {
        "Env": [BUILDAH_DEFAULT_PATH],
        "User": None,
        "WorkingDir": None,
        "Entrypoint": None,
        "Cmd": None,
        "Labels": {"io.buildah.version": version_label},
        "ExposedPorts": None,
        "Volumes": None,
        "StopSignal": None,
        "Healthcheck": None,
        "Shell": None,
        "OnBuild": None,
    }
    assert len(buildah.layers(tag)) == 1


def test_copy_rootfs_onto_base_keeps_the_config_and_not_the_deletions(
    buildah: Buildah, base_images: BaseImages, image_tag: Tag
) -> None:
    tag = image_tag("final")
    buildah.bud(COPY_ROOTFS.format(final="base"), tag)
    runtime_files = buildah.files(base_images.runtime)

    diff = diff_files(runtime_files, buildah.files(tag))
    assert set(diff.added) == RIPGREP | ZYPP_CACHE_DIRS, diff
    assert not diff.removed, diff  # COPY writes no whiteouts: the deleted doc is back
    assert not diff.changed, diff

    # The config survives, except HEALTHCHECK, which OCI images (buildah's default
    # format) cannot carry, with or without the rewrite.
    runtime_config = buildah.config(base_images.runtime)
    assert runtime_config["Healthcheck"] is not None
    assert buildah.config(tag) == {**runtime_config, "Healthcheck": None}
    assert len(buildah.layers(tag)) == len(buildah.layers(base_images.runtime)) + 1


def test_copy_rootfs_in_docker_format_keeps_the_healthcheck(
    buildah: Buildah, base_images: BaseImages, image_tag: Tag
) -> None:
    tag = image_tag("final")
    buildah.bud(COPY_ROOTFS.format(final="base"), tag, image_format="docker")

    assert buildah.config(tag) == buildah.config(base_images.runtime)
