"""`stagelint fix` proven by building: the original and the fixed Containerfile
are built with buildah against the local base images, and the final images are
compared. After the fix the package is in the final image, the caches are not,
the runtime's config survives and deletions made in the install root apply.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from engine import RUNTIME_CONFIG, BaseImages, Buildah, comparable_config

from stagelint.checker import Settings, lint_source
from stagelint.fixer import fix_source

pytestmark = pytest.mark.engine

Tag = Callable[[str], str]

MOUNT_INSTALLS = {
    "dnf-installroot": "dnf --installroot=/target install -y ripgrep",
    "zypper-root": "zypper --root /target install -y ripgrep",
    "apk-root": "apk --root /target add -U ripgrep",
    "apt-dir": "apt-get -o Dir=/target update && apt-get -o Dir=/target install -y ripgrep",
}
ORIGINAL = """\
FROM localhost/sl-runtime AS base
FROM localhost/sl-builder AS pkg
USER root
RUN --mount=type=bind,from=base,target=/target,rw \\
    {install} \\
 && rm -rf /target/usr/share/doc/busybox
FROM base
LABEL org.example.built=yes
"""
# Where each fake package manager leaves its cache inside the root.
CACHES = ("/var/cache/dnf", "/var/cache/zypp/packages", "/var/cache/apk/", "/var/lib/apt/lists/")


def settings_for(buildah: Buildah) -> Settings:
    # Base image config is read from the tests' private storage, as a user's
    # own buildah would read it from theirs.
    return Settings(image_inspect=(*buildah.base_argv, "inspect", "--type", "image"))


def fixed_text(buildah: Buildah, text: str) -> str:
    outcome = fix_source(text, "Containerfile", settings_for(buildah))
    assert outcome.changed and outcome.converged
    return outcome.source


def cache_files(files: dict[str, object]) -> list[str]:
    return [p for p in files if any(p.startswith(c) and p != c.rstrip("/") for c in CACHES)]


@pytest.mark.parametrize("install", MOUNT_INSTALLS.values(), ids=MOUNT_INSTALLS.keys())
def test_copy_rootfs_rewrite_builds_the_image_the_author_meant(
    buildah: Buildah, base_images: BaseImages, image_tag: Tag, install: str
) -> None:
    original = ORIGINAL.format(install=install)
    fixed = fixed_text(buildah, original)
    assert "--mount=type=bind" not in fixed and "FROM scratch" in fixed
    # what remains after the fix is only what a person must decide (nothing here)
    remaining = lint_source(fixed, "Containerfile", settings_for(buildah)).diagnostics
    assert [d.code for d in remaining if d.code.startswith(("SL1", "SL2"))] == []

    original_tag, fixed_tag = image_tag("original"), image_tag("fixed")
    buildah.bud(original, original_tag)
    before = buildah.files(original_tag)
    assert "/usr/bin/ripgrep" not in before  # the bug the fix is for

    buildah.bud(fixed, fixed_tag)
    after = buildah.files(fixed_tag)
    assert "/usr/bin/ripgrep" in after, fixed
    assert buildah.read_file(fixed_tag, "/usr/bin/ripgrep") is not None
    assert cache_files(after) == [], fixed  # the cleanup ran against the install root
    assert "/usr/share/doc/busybox" not in after  # deletions in the root apply
    assert "/usr/share/doc/busybox" in before

    config = comparable_config(buildah.config(fixed_tag))
    expected = comparable_config(RUNTIME_CONFIG)
    for key in ("Env", "User", "WorkingDir", "Cmd", "ExposedPorts", "Volumes", "StopSignal"):
        assert config[key] == expected[key], (key, fixed)
    labels = config["Labels"] or {}
    assert labels.get("org.example.role") == "runtime"
    assert labels.get("org.example.built") == "yes"


def test_every_run_writing_through_the_mount_is_rewritten(
    buildah: Buildah, base_images: BaseImages, image_tag: Tag
) -> None:
    """An install, then plain writes in later RUNs through the same mount: after
    the fix all of them reach the image, not only the first."""
    original = """\
FROM localhost/sl-runtime AS base
FROM localhost/sl-builder AS pkg
USER root
RUN --mount=type=bind,from=base,target=/target,rw dnf --installroot=/target install -y ripgrep
RUN --mount=type=bind,from=base,target=/target,rw echo built > /target/etc/motd
RUN --mount=type=bind,from=0,target=/target,rw mkdir -p /target/srv/data
FROM base
"""
    fixed = fixed_text(buildah, original)
    assert "--mount" not in fixed, fixed
    original_tag, fixed_tag = image_tag("original"), image_tag("fixed")
    buildah.bud(original, original_tag)
    before = buildah.files(original_tag)
    buildah.bud(fixed, fixed_tag)
    after = buildah.files(fixed_tag)
    for path in ("/usr/bin/ripgrep", "/etc/motd", "/srv/data"):
        assert path not in before
        assert path in after, (path, fixed)
    assert buildah.read_file(fixed_tag, "/etc/motd") == b"built\n"


@pytest.mark.parametrize(
    ("original", "cache_path", "package"),
    [
        (
            "FROM localhost/sl-builder\nUSER root\n"
            "RUN apt-get update && apt-get install -y ripgrep\n",
            "/var/lib/apt/lists/",
            "/usr/bin/ripgrep",
        ),
        (
            "FROM localhost/sl-builder\nUSER root\nRUN apk add -U ripgrep\n",
            "/var/cache/apk/",
            "/usr/bin/ripgrep",
        ),
        (
            "FROM localhost/sl-builder\nUSER root\nRUN dnf install -y ripgrep\n",
            "/var/cache/dnf/",
            "/usr/bin/ripgrep",
        ),
        (
            "FROM localhost/sl-builder\nUSER root\nRUN zypper --non-interactive in ripgrep\n",
            "/var/cache/zypp/packages/",
            "/usr/bin/ripgrep",
        ),
    ],
    ids=["apt", "apk", "dnf", "zypper"],
)
def test_cleanup_fixes_remove_the_cache_and_keep_the_package(
    buildah: Buildah,
    base_images: BaseImages,
    image_tag: Tag,
    original: str,
    cache_path: str,
    package: str,
) -> None:
    fixed = fixed_text(buildah, original)
    original_tag, fixed_tag = image_tag("original"), image_tag("fixed")
    buildah.bud(original, original_tag)
    buildah.bud(fixed, fixed_tag)
    before = buildah.files(original_tag)
    after = buildah.files(fixed_tag)
    assert [p for p in before if p.startswith(cache_path) and before[p].type == "file"]
    assert [p for p in after if p.startswith(cache_path) and after[p].type == "file"] == [], fixed
    assert package in before and package in after
