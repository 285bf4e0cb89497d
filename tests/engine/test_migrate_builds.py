"""`stagelint migrate` against a real buildah: each script in
tests/fixtures/migrate/context is run with buildah, its migrated Containerfile
is built with `buildah bud`, and the two final images must have the same
files (paths, types, modes, owners, contents) and the same config.

The scripts call a plain `buildah`; here that is a wrapper first on PATH that
adds the tests' private storage options, so the scripts stay exactly what a
user would write.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from engine import BUILDAH_DEFAULT_PATH, BaseImages, Buildah, comparable_config, diff_files

from stagelint.checker import Settings, lint_source
from stagelint.imageconfig import inspect_image
from stagelint.migrate import migrate

pytestmark = pytest.mark.engine

CONTEXT = Path(__file__).parents[1] / "fixtures" / "migrate" / "context"
# script -> the image it commits last
SCRIPTS = {
    "config-values.sh": "localhost/sl-migrate/config-values",
    "copy-rootfs.sh": "localhost/sl-migrate/copy-rootfs",
    "from-scratch.sh": "localhost/sl-migrate/from-scratch",
    "mount-twice.sh": "localhost/sl-migrate/mount-twice",
    "run-options.sh": "localhost/sl-migrate/run-options",
    "two-images.sh": "localhost/sl-migrate/two-images",
    "build_image.py": "localhost/sl-migrate/build-image",
    "system_calls.py": "localhost/sl-migrate/system-calls",
}
# Other images the scripts commit on the way.
INTERMEDIATE = ("localhost/sl-migrate/tools-base",)
COMPARED = ("Env", "Cmd", "Entrypoint", "WorkingDir", "User", "Labels", "ExposedPorts")
COMPARED += ("Volumes", "StopSignal")
DOCKER_ONLY = ("Healthcheck", "Shell")
# Findings about choices the script made, which the migration keeps
# (docs/migrate.md): untagged base images, unpinned package versions,
# MAINTAINER (the only instruction that sets what `buildah config --author` sets),
# a base image's USER given by name.
INHERITED = {"SL301", "SL411", "SL502", "SL504", "SL507", "SL508", "SL704"}


@pytest.fixture(scope="module")
def wrapper(buildah: Buildah, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory holding a `buildah` that uses the tests' private storage."""
    bin_dir = tmp_path_factory.mktemp("migrate-bin")
    script = bin_dir / "buildah"
    argv = " ".join(f"'{word}'" for word in buildah.base_argv)
    script.write_text(f'#!/bin/sh\nexec {argv} "$@"\n')
    script.chmod(0o755)
    return bin_dir


def run_script(buildah: Buildah, wrapper: Path, name: str) -> None:
    interpreter = [sys.executable] if name.endswith(".py") else ["/bin/sh"]
    if name.endswith(".sh") and "bash" in (CONTEXT / name).read_text().split("\n", 1)[0]:
        interpreter = ["bash"]
    env = {**buildah.env, "PATH": f"{wrapper}:{os.environ['PATH']}"}
    proc = subprocess.run(
        [*interpreter, name], cwd=CONTEXT, env=env, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, f"{name} failed:\n{proc.stdout}\n{proc.stderr}"


def inspect_command(wrapper: Path) -> tuple[str, ...]:
    return (str(wrapper / "buildah"), "inspect", "--type", "image")


@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_migrated_containerfile_builds_the_same_image(
    name: str,
    buildah: Buildah,
    base_images: BaseImages,
    wrapper: Path,
    image_tag: Callable[[str], str],
) -> None:
    scripted = SCRIPTS[name]
    try:
        run_script(buildah, wrapper, name)
        command = inspect_command(wrapper)
        text = (CONTEXT / name).read_text()
        result = migrate(text, name, resolve=lambda image: inspect_image(image, command))
        assert not result.untranslated, result.untranslated
        migrated = image_tag("migrated")
        docker = "--format docker" in result.text  # the script committed in Docker format
        buildah.bud(
            result.text, migrated, context=CONTEXT, image_format="docker" if docker else "oci"
        )

        diff = diff_files(buildah.files(scripted), buildah.files(migrated))
        assert not diff, f"{diff}\n--- migrated Containerfile ---\n{result.text}"
        want = comparable_config(buildah.config(scripted))
        got = comparable_config(buildah.config(migrated))
        if not want["Env"]:
            # `buildah bud` gives a FROM scratch image its default PATH; `buildah
            # from scratch` + commit has none (docs/migrate.md, known differences)
            want["Env"] = comparable_config({"Env": [BUILDAH_DEFAULT_PATH]})["Env"]
        for key in COMPARED + (DOCKER_ONLY if docker else ()):
            assert got[key] == want[key], f"{key}\n{result.text}"

        lint = lint_source(result.text, "Containerfile", Settings(image_inspect=command))
        codes = {d.code for d in lint.diagnostics}
        assert codes <= INHERITED, f"{lint.diagnostics}\n{result.text}"
    finally:
        for image in (scripted, *INTERMEDIATE):
            buildah.rmi(image)
