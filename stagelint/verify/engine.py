"""Driving the local container engine for `stagelint verify`.

Everything here runs the user's own buildah (or podman) against its default
storage. Nothing is ever pulled: builds use `--pull=never`, so a base image
that is not in local storage makes the build fail, and the failure is reported.
Every image and container this module creates carries a name that starts with
``localhost/stagelint-verify-<random>`` (images) or ``stagelint-verify-<random>``
(containers), and only such names are ever removed.

``STAGELINT_BUILDAH_ARGS`` (or ``STAGELINT_PODMAN_ARGS``), split like a shell
would, is inserted right after the executable in every command: the tests use
it to point buildah at a private storage (``--root /x --runroot /y
--storage-driver vfs``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shlex
import shutil
import stat
import subprocess
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ENGINES = ("buildah", "podman")
ARGS_ENV = {"buildah": "STAGELINT_BUILDAH_ARGS", "podman": "STAGELINT_PODMAN_ARGS"}
# A build that hangs must not hang the user's terminal forever.
BUILD_TIMEOUT = 3600
COMMAND_TIMEOUT = 300


class EngineUnavailable(RuntimeError):
    """The engine is not installed or does not run."""


class EngineError(RuntimeError):
    """An engine command other than the build failed."""


@dataclass(frozen=True)
class FileEntry:
    """One path in an image's root filesystem (`lstat`: symlinks are not followed)."""

    path: str
    type: str  # file, dir, symlink, fifo, char, block, socket
    mode: int  # stat.S_IMODE: permissions with setuid/setgid/sticky
    uid: int
    gid: int
    size: int  # bytes for regular files, 0 otherwise
    target: str | None = None  # symlink target, verbatim
    sha256: str | None = None  # regular files only


@dataclass(frozen=True)
class Layer:
    """One layer of an image: its size and the instruction that made it."""

    size: int
    created_by: str


@dataclass(frozen=True)
class ImageInfo:
    """What verify reads from a built image."""

    image_id: str
    config: dict[str, Any]
    layers: tuple[Layer, ...]
    files: dict[str, FileEntry]

    @property
    def size(self) -> int:
        return sum(layer.size for layer in self.layers)


@dataclass(frozen=True)
class BuildOutcome:
    """The result of one build."""

    ok: bool
    returncode: int
    output: str  # stdout and stderr of the engine
    seconds: float
    interrupted: bool = False

    def error_tail(self, lines: int = 30) -> str:
        """The last `lines` lines of the engine's output (where its error message is)."""
        return "\n".join(self.output.rstrip("\n").splitlines()[-lines:])


def _file_type(mode: int) -> str:
    for test, name in (
        (stat.S_ISREG, "file"),
        (stat.S_ISDIR, "dir"),
        (stat.S_ISLNK, "symlink"),
        (stat.S_ISFIFO, "fifo"),
        (stat.S_ISCHR, "char"),
        (stat.S_ISBLK, "block"),
    ):
        if test(mode):
            return name
    return "socket"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def walk_rootfs(rootfs: Path) -> dict[str, FileEntry]:
    """Every path below `rootfs`, keyed by its absolute path inside the image, sorted."""
    found: dict[str, FileEntry] = {}
    for dirpath, dirnames, filenames in os.walk(rootfs):
        for name in dirnames + filenames:
            full = Path(dirpath, name)
            try:
                st = full.lstat()
            except OSError:
                continue
            kind = _file_type(st.st_mode)
            key = "/" + full.relative_to(rootfs).as_posix()
            found[key] = FileEntry(
                path=key,
                type=kind,
                mode=stat.S_IMODE(st.st_mode),
                uid=st.st_uid,
                gid=st.st_gid,
                size=st.st_size if kind == "file" else 0,
                target=os.readlink(full) if kind == "symlink" else None,
                sha256=_sha256(full) if kind == "file" else None,
            )
    return dict(sorted(found.items()))


def _stop(process: subprocess.Popen[str], grace: float = 10.0) -> None:
    """SIGTERM, then SIGKILL after `grace` seconds."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.communicate(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()


class Engine:
    """buildah or podman, with the extra global arguments from the environment."""

    def __init__(self, kind: str, executable: str, extra_args: Sequence[str] = ()) -> None:
        self.kind = kind
        self.executable = executable
        self.extra_args = tuple(extra_args)
        self.version = ""

    @classmethod
    def find(cls, kind: str, environ: Mapping[str, str] | None = None) -> Engine:
        """The engine `kind` from PATH, checked with `--version`; EngineUnavailable if not."""
        environ = os.environ if environ is None else environ
        if kind not in ENGINES:
            raise EngineUnavailable(f"unknown engine {kind!r} (use one of: {', '.join(ENGINES)})")
        executable = shutil.which(kind, path=environ.get("PATH"))
        if executable is None:
            raise EngineUnavailable(f"{kind} is not installed (not found in PATH)")
        try:
            extra = shlex.split(environ.get(ARGS_ENV[kind], ""))
        except ValueError as error:
            raise EngineUnavailable(f"cannot split {ARGS_ENV[kind]}: {error}") from error
        engine = cls(kind, executable, extra)
        try:
            proc = engine.run("--version", timeout=60, check=False)
        except (OSError, subprocess.SubprocessError) as error:
            raise EngineUnavailable(f"{kind} --version failed: {error}") from error
        if proc.returncode != 0:
            detail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or [""]
            raise EngineUnavailable(
                f"{kind} --version failed (exit {proc.returncode}): {detail[0]}".rstrip(": ")
            )
        match = re.search(r"version (\S+)", proc.stdout)
        engine.version = match.group(1) if match else proc.stdout.strip()
        return engine

    @property
    def version_tuple(self) -> tuple[int, ...]:
        match = re.match(r"(\d+)\.(\d+)\.(\d+)", self.version)
        return tuple(int(p) for p in match.groups()) if match else ()

    @property
    def needs_layers(self) -> bool:
        """Build with --layers: buildah < 1.33 without it deletes the base image behind a
        stage that has no instructions (containers/buildah#5081). The intermediate images
        --layers leaves are removed afterwards (see `_Session.cleanup`)."""
        return self.kind == "buildah" and bool(self.version_tuple) and self.version_tuple < (1, 33)

    @property
    def argv(self) -> list[str]:
        return [self.executable, *self.extra_args]

    def run(
        self, *args: str, timeout: float = COMMAND_TIMEOUT, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        argv = [*self.argv, *args]
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False)
        if check and proc.returncode != 0:
            raise EngineError(
                f"$ {shlex.join(argv)}\nexit {proc.returncode}\n{proc.stdout}{proc.stderr}".rstrip()
            )
        return proc

    @property
    def inspect_command(self) -> tuple[str, ...]:
        """The image inspect command the fixer uses to read base image configs."""
        if self.kind == "podman":
            return (*self.argv, "image", "inspect")
        return (*self.argv, "inspect", "--type", "image")

    # -- building -------------------------------------------------------------------------

    def build(
        self,
        containerfile: Path,
        tag: str,
        *,
        context: Path,
        build_args: Mapping[str, str],
        target: str | None,
    ) -> BuildOutcome:
        """Build `containerfile` as `tag`: never pulls, one layer per stage, no leftovers."""
        args = ["bud" if self.kind == "buildah" else "build"]
        if self.kind == "buildah" and os.geteuid() == 0:
            # as root without a container runtime, chroot isolation is what works
            args += ["--isolation", "chroot"]
        args += [
            "--pull=never",  # `--pull never` would read "never" as the context directory
            f"--layers={'true' if self.needs_layers else 'false'}",
            "--force-rm",
            "-f",
            str(containerfile),
            "-t",
            tag,
        ]
        for key, value in build_args.items():
            args += ["--build-arg", f"{key}={value}"]
        if target:
            args += ["--target", target]
        args.append(str(context))
        started = time.monotonic()
        try:
            process = subprocess.Popen(
                [*self.argv, *args],
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                text=True,
            )
        except OSError as error:
            return BuildOutcome(False, -1, str(error), time.monotonic() - started)
        try:
            output, _ = process.communicate(timeout=BUILD_TIMEOUT)
        except subprocess.TimeoutExpired:
            _stop(process)
            return BuildOutcome(
                False, -1, f"build timed out after {BUILD_TIMEOUT} s", BUILD_TIMEOUT
            )
        except BaseException:
            # interrupted: let the engine remove its working containers, then go on
            _stop(process)
            raise
        return BuildOutcome(
            ok=process.returncode == 0,
            returncode=process.returncode,
            output=output,
            seconds=time.monotonic() - started,
        )

    # -- listing and removing -------------------------------------------------------------

    def images(self) -> dict[str, tuple[str, ...]]:
        """Image ID -> names, for every image in storage (intermediate ones too)."""
        proc = self.run("images", "--all", "--no-trunc", "--format", "{{.ID}} {{.Name}}:{{.Tag}}")
        found: dict[str, list[str]] = {}
        for line in proc.stdout.splitlines():
            parts = line.split()
            if not parts:
                continue
            image_id, name = parts[0], parts[1] if len(parts) > 1 else ""
            names = found.setdefault(image_id.removeprefix("sha256:"), [])
            if name and not name.startswith("<none>"):
                names.append(name)
        return {image_id: tuple(names) for image_id, names in found.items()}

    def containers(self) -> dict[str, str]:
        """Container ID -> name."""
        if self.kind == "podman":
            proc = self.run("ps", "--all", "--no-trunc", "--format", "{{.ID}} {{.Names}}")
        else:
            proc = self.run(
                "containers", "--notruncate", "--format", "{{.ContainerID}} {{.ContainerName}}"
            )
        result: dict[str, str] = {}
        for line in proc.stdout.splitlines():
            parts = line.split()
            if parts:
                result[parts[0]] = parts[1] if len(parts) > 1 else ""
        return result

    def exists(self, image: str) -> bool:
        args = (
            ("image", "exists", image)
            if self.kind == "podman"
            else ("inspect", "--type", "image", image)
        )
        return self.run(*args, check=False).returncode == 0

    def remove_image(self, name: str) -> None:
        """Remove (or, when the image has other names, untag) the image called `name`.

        By name and without --force, so an image that also carries someone else's name
        is only untagged, never deleted.
        """
        if self.exists(name):
            self.run("rmi", name, check=False)

    def remove_container(self, container: str) -> None:
        self.run("rm", container, check=False)

    # -- reading an image -----------------------------------------------------------------

    def inspect(self, image: str) -> dict[str, Any]:
        if self.kind == "podman":
            data = json.loads(self.run("image", "inspect", image).stdout)
            return dict(data[0]) if isinstance(data, list) and data else {}
        parsed: dict[str, Any] = json.loads(self.run("inspect", "--type", "image", image).stdout)
        return parsed

    def layers(self, image: str, inspected: Mapping[str, Any]) -> tuple[Layer, ...]:
        """Layer sizes (uncompressed) with the instruction that made each, base first."""
        if self.kind == "podman":
            proc = self.run("history", "--no-trunc", "--format", "json", image)
            entries = json.loads(proc.stdout or "[]")
            return tuple(
                Layer(int(e.get("size", 0)), str(e.get("CreatedBy") or e.get("createdBy") or ""))
                for e in reversed(entries)
                if int(e.get("size", 0)) > 0
            )
        try:
            manifest = json.loads(inspected.get("Manifest") or "{}")
        except (TypeError, ValueError):
            manifest = {}
        sizes = [int(layer.get("size", 0)) for layer in manifest.get("layers", [])]
        history = (inspected.get("OCIv1") or {}).get("history") or []
        made_by = [str(h.get("created_by", "")) for h in history if not h.get("empty_layer")]
        if len(made_by) != len(sizes):
            made_by = [""] * len(sizes)
        return tuple(Layer(size, by) for size, by in zip(sizes, made_by, strict=True))

    def config(self, inspected: Mapping[str, Any]) -> dict[str, Any]:
        """The image config object (OCI keys: Env, User, Cmd...)."""
        if self.kind == "podman":
            config = inspected.get("Config") or {}
        else:
            config = (inspected.get("OCIv1") or {}).get("config") or {}
        return dict(config)

    @contextlib.contextmanager
    def mounted(self, image: str, container_name: str) -> Iterator[Path]:
        """The image's root filesystem, through a container named `container_name`."""
        if self.kind == "podman":
            create = self.run("create", "--pull=never", "--name", container_name, image, "true")
        else:
            create = self.run("from", "--pull=never", "--name", container_name, image)
        container = create.stdout.strip().splitlines()[-1]
        try:
            yield Path(self.run("mount", container).stdout.strip())
        finally:
            if self.kind == "podman":
                self.run("unmount", container, check=False)
            self.remove_container(container)

    def read(self, image: str, container_name: str) -> ImageInfo:
        """Config, layers and files of `image`."""
        inspected = self.inspect(image)
        image_id = str(inspected.get("FromImageID") or inspected.get("Id") or "")
        with self.mounted(image, container_name) as rootfs:
            files = walk_rootfs(rootfs)
        return ImageInfo(
            image_id=image_id,
            config=self.config(inspected),
            layers=self.layers(image, inspected),
            files=files,
        )
