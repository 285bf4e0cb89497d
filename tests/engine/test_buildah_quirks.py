"""buildah behaviour that the fixer and its tests must know about (not in MISSION.md)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from engine import BaseImages, Buildah, deletes_base_of_instructionless_stage

pytestmark = pytest.mark.engine

Tag = Callable[[str], str]

# The shape of the copy-rootfs rewrite: `base` has no instruction of its own.
INSTRUCTIONLESS_BASE_STAGE = """\
FROM localhost/sl-runtime AS base
FROM localhost/sl-builder
COPY --from=base /etc/os-release /runtime-os-release
"""


def test_build_without_layers_deletes_the_image_of_an_instructionless_stage(
    buildah: Buildah, base_images: BaseImages, image_tag: Tag
) -> None:
    """containers/buildah#5081 (fixed in 1.33): `bud` without --layers removes
    `localhost/sl-runtime` from storage. The `buildah` fixture re-makes it and
    reports it in `BuildResult.removed_images`.
    """
    result = buildah.bud(INSTRUCTIONLESS_BASE_STAGE, image_tag("no-layers"))
    if deletes_base_of_instructionless_stage(buildah.version()):
        assert result.removed_images == (base_images.runtime,)
    else:
        assert result.removed_images == ()
    assert buildah.exists(base_images.runtime)  # re-made by the fixture

    with_layers = buildah.bud(INSTRUCTIONLESS_BASE_STAGE, image_tag("layers"), layers=True)
    assert with_layers.removed_images == ()

    with_instruction = buildah.bud(
        INSTRUCTIONLESS_BASE_STAGE.replace(" AS base\n", " AS base\nRUN true\n", 1),
        image_tag("instruction"),
    )
    assert with_instruction.removed_images == ()
