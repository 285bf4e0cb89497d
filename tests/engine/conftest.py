"""Fixtures for real-engine tests: a private buildah and the local base images.

Read tests/engine/README.md first. In short:

- ``buildah`` (session): an ``engine.Buildah`` whose storage lives in a pytest temporary
  directory, deleted at the end of the session;
- ``base_images`` (session): ``localhost/sl-runtime`` and ``localhost/sl-builder``,
  built from scratch with Debian's busybox-static, without any registry;
- ``image_tag`` (function): makes unique image names for a test and removes those
  images when the test ends.

Without buildah (or a static busybox, or root) the tests are skipped locally but fail
when ``CI`` is set: CI must run them.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from engine import BaseImages, Buildah, find_static_busybox, make_base_images

ENGINE_DIR = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder builds images: mark it `engine`."""
    for item in items:
        if ENGINE_DIR in item.path.parents:
            item.add_marker(pytest.mark.engine)


def _unavailable(reason: str) -> None:
    """Skip, or fail when running in CI, where the engine tests must run."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: the engine tests must run here)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def buildah(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Buildah]:
    """A buildah with private vfs storage, chroot isolation and no registry access."""
    executable = shutil.which("buildah")
    if executable is None:
        _unavailable("buildah is not installed (apt-get install -y buildah busybox-static)")
        raise AssertionError("unreachable")
    if os.geteuid() != 0:
        _unavailable("the engine tests need root (buildah mount with vfs storage)")
    engine = Buildah(tmp_path_factory.mktemp("buildah"), executable)
    try:
        yield engine
    finally:
        engine.cleanup()


@pytest.fixture(scope="session")
def base_images(buildah: Buildah) -> BaseImages:
    """`localhost/sl-runtime` and `localhost/sl-builder`, made once per session."""
    busybox = find_static_busybox()
    if busybox is None:
        _unavailable("no statically linked busybox (apt-get install -y busybox-static)")
        raise AssertionError("unreachable")
    started = time.monotonic()
    runtime, builder = make_base_images(buildah, busybox)
    return BaseImages(runtime=runtime, builder=builder, seconds=time.monotonic() - started)


@pytest.fixture
def image_tag(
    request: pytest.FixtureRequest, buildah: Buildah, base_images: BaseImages
) -> Iterator[Callable[[str], str]]:
    """`image_tag("fixed")` -> a fresh `localhost/sl-test/<test>-fixed`, removed afterwards.

    Depends on `base_images` so a test that asks for tags can build on them.
    """
    made: list[str] = []
    stem = re.sub(r"[^a-z0-9]+", "-", request.node.name.lower()).strip("-")[:80]

    def make(suffix: str) -> str:
        clean = re.sub(r"[^a-z0-9]+", "-", suffix.lower()).strip("-")
        tag = f"localhost/sl-test/{stem}-{clean}:latest"
        if tag in made:
            raise ValueError(f"image tag {tag} already used in this test")
        made.append(tag)
        return tag

    yield make
    for tag in made:
        buildah.rmi(tag)
