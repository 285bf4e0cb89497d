"""The stage-persistence rules say what the builds in this folder show.

Each Containerfile built by test_mount_writes_do_not_persist.py is linted here:
where a build proves that writes are lost, the matching rule must fire; where
the build gives the author what they meant, it must stay silent.
"""

from __future__ import annotations

import pytest
from test_mount_writes_do_not_persist import (
    COPY_ROOTFS,
    INSTALLS,
    MOUNT_INSTALL,
    MOUNT_INSTALL_STAGE_USED,
)

from stagelint.checker import lint_source

pytestmark = pytest.mark.engine


def codes(text: str) -> set[str]:
    return {d.code for d in lint_source(text, "Containerfile").diagnostics}


@pytest.mark.parametrize("install", INSTALLS.values(), ids=INSTALLS.keys())
def test_mount_install_is_reported(install: str) -> None:
    # the build never puts the package into `FROM base` (proven by the build tests)
    unused = codes(MOUNT_INSTALL.format(install=install))
    assert {"SL101", "SL104"} <= unused
    used = codes(MOUNT_INSTALL_STAGE_USED.format(install=install))
    assert "SL101" in used and "SL104" not in used


def test_copy_rootfs_into_scratch_reports_only_the_lost_config() -> None:
    found = codes(COPY_ROOTFS.format(final="scratch"))
    assert "SL101" not in found and "SL105" not in found and "SL107" not in found
    # the build shows the runtime image's config is gone (Env, User, Cmd, Labels...)
    assert "SL106" in found


def test_copy_rootfs_over_base_reports_the_lost_deletions() -> None:
    found = codes(COPY_ROOTFS.format(final="base"))
    # the build shows /usr/share/doc/busybox, deleted in /target, is still there
    assert "SL107" in found
    assert "SL106" not in found
