"""`stagelint verify` against a real buildah: it builds the original and the fixed
file, reports what the fix changed in the final image, explains each fix, and
leaves no image or container behind.

verify uses the machine's default storage; here it is pointed at the tests'
private storage through STAGELINT_BUILDAH_ARGS, as docs/verify.md describes.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from engine import BaseImages, Buildah

from stagelint.verify import run_verify

pytestmark = pytest.mark.engine

SL101_ORIGINAL = """\
FROM localhost/sl-runtime AS base
FROM localhost/sl-builder AS pkg
USER root
RUN --mount=type=bind,from=base,target=/target,rw \\
    dnf --installroot=/target install -y ripgrep \\
 && rm -rf /target/usr/share/doc/busybox
FROM base
LABEL org.example.built=yes
"""
APT_ORIGINAL = (
    "FROM localhost/sl-builder\nUSER root\nRUN apt-get update && apt-get install -y ripgrep\n"
)


@pytest.fixture
def verify_env(
    buildah: Buildah, base_images: BaseImages, monkeypatch: pytest.MonkeyPatch
) -> Buildah:
    """verify runs against the tests' private storage and registries.conf."""
    monkeypatch.setenv("STAGELINT_BUILDAH_ARGS", " ".join(buildah.base_argv[1:]))
    monkeypatch.setenv("CONTAINERS_REGISTRIES_CONF", buildah.env["CONTAINERS_REGISTRIES_CONF"])
    return buildah


def restore_base_images(buildah: Buildah) -> None:
    """Re-make the base images a build deleted (buildah < 1.33, see README.md): verify
    runs buildah itself, so the fixture's guard in `Buildah.bud` does not see it."""
    for image, make in buildah._guarded.items():
        if not buildah.exists(image):
            make()


def leftovers(buildah: Buildah) -> list[str]:
    images = buildah.run("images", "--all", "--format", "{{.Name}}").stdout.split()
    containers = buildah.run("containers", "--format", "{{.ContainerName}}").stdout.split()
    return [n for n in images + containers if "stagelint-verify" in n]


def snapshot(buildah: Buildah) -> tuple[set[str], set[str]]:
    """Every image (intermediate ones too) and container ID in the private storage."""
    images = buildah.run("images", "--all", "--quiet", "--no-trunc").stdout.split()
    containers = buildah.run("containers", "--quiet", "--notruncate").stdout.split()
    return set(images), set(containers)


def verify(
    buildah: Buildah,
    capsys: pytest.CaptureFixture[str],
    file: Path,
    output_format: str = "json",
    engine: str = "buildah",
) -> tuple[int, Any, str]:
    """Run verify; return (exit code, parsed JSON or text, stderr)."""
    storage_before = snapshot(buildah)
    try:
        code = run_verify(
            file,
            engine=engine,
            build_args={},
            target=None,
            context=None,
            output_format=output_format,
        )
    finally:
        restore_base_images(buildah)
    out, err = capsys.readouterr()
    assert leftovers(buildah) == []
    assert snapshot(buildah) == storage_before  # intermediate images too
    return code, (json.loads(out) if output_format == "json" and out else out), err


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "Containerfile"
    path.write_text(text)
    return path


def paths(report: Any, kind: str) -> list[str]:
    return [item["path"] for item in report["files"][kind]]


def test_copy_rootfs_fix_is_shown_by_the_files_it_adds(
    verify_env: Buildah, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    file = write(tmp_path, SL101_ORIGINAL)
    before = file.stat()
    code, report, err = verify(verify_env, capsys, file)
    assert code == 0, (err, report["builds"], report["warnings"])
    assert report["builds"]["original"]["ok"] and report["builds"]["fixed"]["ok"]
    assert "/usr/bin/ripgrep" in paths(report, "added")
    # the deletion in the install root now applies too
    assert "/usr/share/doc/busybox/README" in paths(report, "removed")
    assert not [p for p in paths(report, "added") if p.startswith("/var/cache/dnf/")]
    # the runtime's config survives the rewrite to FROM scratch (Env order aside)
    assert report["config"] == {}, report["config"]
    assert "SL101" in {fix["code"] for fix in report["fixes"]}
    sl101 = [e["text"] for e in report["explanations"] if e["code"] == "SL101"]
    assert any("/usr/bin/ripgrep" in text for text in sl101), sl101
    size = report["size"]
    assert size["before"] > 0 and size["after"] > 0
    assert size["before"] == sum(layer["size"] for layer in size["layers_before"])
    # never changes the user's file
    assert file.read_text() == SL101_ORIGINAL
    assert file.stat().st_mtime_ns == before.st_mtime_ns


def test_text_report_names_files_config_and_evidence(
    verify_env: Buildah, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, text, err = verify(verify_env, capsys, write(tmp_path, SL101_ORIGINAL), "text")
    assert code == 0, err
    assert "+ /usr/bin/ripgrep" in text
    assert "config: unchanged" in text
    assert "evidence per fix:" in text and "SL101" in text


def test_cleanup_fix_is_shown_by_the_cache_files_it_removes(
    verify_env: Buildah, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, report, err = verify(verify_env, capsys, write(tmp_path, APT_ORIGINAL))
    assert code == 0, err
    removed = paths(report, "removed")
    assert [p for p in removed if p.startswith("/var/lib/apt/lists/")], removed
    assert "/usr/bin/ripgrep" not in removed + paths(report, "added")
    sl201 = [e["text"] for e in report["explanations"] if e["code"] == "SL201"]
    assert any(
        text.startswith("cache files gone:") and "/var/lib/apt/lists" in text for text in sl201
    ), sl201
    assert report["size"]["after"] < report["size"]["before"]


def test_fixed_file_that_does_not_build_exits_1_with_the_engine_message(
    verify_env: Buildah, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # the base image is not in local storage, and verify never pulls
    text = APT_ORIGINAL.replace("localhost/sl-builder", "localhost/sl-not-here")
    code, report, err = verify(verify_env, capsys, write(tmp_path, text))
    assert code == 1
    assert "does not build" in err
    fixed = report["builds"]["fixed"]
    assert not fixed["ok"] and "sl-not-here" in fixed["error"], fixed
    assert not report["builds"]["original"]["ok"]


def test_nothing_to_fix_exits_0_without_building(
    verify_env: Buildah, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, text, _ = verify(
        verify_env, capsys, write(tmp_path, "FROM localhost/sl-builder\n"), "text"
    )
    assert code == 0
    assert "nothing to fix" in text


def test_missing_engine_exits_2(
    verify_env: Buildah,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    file = write(tmp_path, APT_ORIGINAL)
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    with monkeypatch.context() as patch:
        patch.setenv("PATH", str(empty))
        code, _, err = verify(verify_env, capsys, file)
    assert code == 2 and "buildah is not installed" in err

    if not any(Path(d, "podman").exists() for d in os.environ["PATH"].split(os.pathsep)):
        code, _, err = verify(verify_env, capsys, file, engine="podman")
        assert code == 2 and "podman is not installed" in err


def test_engine_whose_version_fails_exits_2(
    verify_env: Buildah,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "buildah"
    fake.write_text("#!/bin/sh\necho 'cannot open storage' >&2\nexit 125\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    code, _, err = verify(verify_env, capsys, write(tmp_path, APT_ORIGINAL))
    assert code == 2 and "--version failed" in err and "cannot open storage" in err


def test_unreadable_file_exits_2(
    verify_env: Buildah, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = verify(verify_env, capsys, tmp_path / "missing")
    assert code == 2 and "cannot read" in err


def test_interrupted_run_removes_what_it_made(verify_env: Buildah, tmp_path: Path) -> None:
    file = write(tmp_path, APT_ORIGINAL + "RUN sleep 60\n")
    storage_before = snapshot(verify_env)
    script = (
        "import sys; from pathlib import Path; from stagelint.verify import run_verify; "
        "sys.exit(run_verify(Path(sys.argv[1]), engine='buildah', build_args={}, "
        "target=None, context=None, output_format='text'))"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script, str(file)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        # wait until the original build is inside `RUN sleep 60`
        while not snapshot(verify_env)[1] - storage_before[1]:
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the build never started"
            time.sleep(0.2)
        time.sleep(1)
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
        restore_base_images(verify_env)
    assert process.returncode == 130, err
    assert "interrupted" in err
    assert leftovers(verify_env) == []
    assert snapshot(verify_env) == storage_before
