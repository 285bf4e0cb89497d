"""Drive a real buildah (1.28+) from tests: build Containerfiles, inspect the images.

Every call runs against a private storage root (``--root``/``--runroot``, vfs driver,
chroot isolation), so tests never touch the machine's own images and leave nothing
behind. The local base images the tests build on (``localhost/sl-runtime`` and
``localhost/sl-builder``) are made here too, without any registry: see
``make_base_images`` and tests/engine/README.md.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import stat
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal

RUNTIME_IMAGE = "localhost/sl-runtime"
BUILDER_IMAGE = "localhost/sl-builder"

FileType = Literal["file", "dir", "symlink", "fifo", "char", "block", "socket"]

# Keys of the image config that config() returns (None when the image does not set them).
CONFIG_KEYS = (
    "Env",
    "User",
    "WorkingDir",
    "Entrypoint",
    "Cmd",
    "Labels",
    "ExposedPorts",
    "Volumes",
    "StopSignal",
    "Healthcheck",
    "Shell",
    "OnBuild",
)
# Only the Docker image format carries these; OCI images (buildah's default) drop them.
DOCKER_ONLY_CONFIG_KEYS = ("Healthcheck", "Shell", "OnBuild")

# A subprocess that hangs must not eat CI's whole budget.
COMMAND_TIMEOUT = 600

# What buildah 1.28 (as root) writes outside --root/--runroot whatever its flags say: the
# blob-info cache of containers/image and an empty network directory. Innermost first.
# cleanup() removes those of them that did not exist before, and only them (rmdir of an
# empty directory), never the machine's image storage.
MACHINE_FILES = (Path("/var/lib/containers/cache/blob-info-cache-v1.boltdb"),)
MACHINE_DIRS = (
    Path("/var/lib/containers/cache"),
    Path("/var/lib/containers"),
    Path("/run/containers/networks"),
    Path("/run/containers"),
)


@dataclass(frozen=True)
class BaseImages:
    """Names of the local base images (see tests/engine/README.md for their contents)."""

    runtime: str
    builder: str
    seconds: float  # how long making both took


class EngineError(RuntimeError):
    """A buildah command other than `bud` failed."""


@dataclass(frozen=True)
class BuildResult:
    """The outcome of one `buildah bud`."""

    returncode: int
    stdout: str
    stderr: str
    tag: str
    containerfile: str
    argv: tuple[str, ...]
    seconds: float
    # Guarded base images this build deleted from storage (and that were then re-made):
    # buildah < 1.33 without --layers deletes the base image of a stage that has no
    # instructions (containers/buildah#5081).
    removed_images: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    @property
    def log(self) -> str:
        """Everything worth reading when a build surprised you."""
        return (
            f"$ {' '.join(self.argv)}\n--- Containerfile ---\n{self.containerfile}"
            f"--- exit {self.returncode} ---\n--- stdout ---\n{self.stdout}"
            f"--- stderr ---\n{self.stderr}"
            f"--- base images the build deleted: {list(self.removed_images)} ---\n"
        )

    def check(self) -> BuildResult:
        """Return self, or fail the test with the whole build log."""
        if not self.ok:
            raise AssertionError(f"buildah bud failed\n{self.log}")
        return self


@dataclass(frozen=True)
class FileInfo:
    """One path in an image's final root filesystem (`lstat`, symlinks not followed)."""

    path: str
    type: FileType
    mode: int  # permission bits including setuid/setgid/sticky: stat.S_IMODE
    uid: int
    gid: int
    size: int  # bytes for regular files, 0 for everything else
    target: str | None = None  # symlink target, verbatim
    sha256: str | None = None  # regular files only
    nlink: int = 1  # hard link count; 1 for directories (theirs depends on subdirectories)
    rdev: tuple[int, int] | None = None  # (major, minor) of device nodes

    def __str__(self) -> str:
        extra = f" -> {self.target}" if self.target is not None else ""
        return (
            f"{self.type:7} {self.mode:04o} {self.uid}:{self.gid} {self.size:8} {self.path}{extra}"
        )


@dataclass(frozen=True)
class FilesDiff:
    """What differs between two `Buildah.files()` listings."""

    added: dict[str, FileInfo] = field(default_factory=dict)
    removed: dict[str, FileInfo] = field(default_factory=dict)
    changed: dict[str, tuple[FileInfo, FileInfo]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def __str__(self) -> str:
        lines = [f"+ {info}" for info in self.added.values()]
        lines += [f"- {info}" for info in self.removed.values()]
        for before, after in self.changed.values():
            lines += [f"~ {before}", f"  {after}"]
        return "\n".join(lines) or "(no difference)"


def diff_files(before: Mapping[str, FileInfo], after: Mapping[str, FileInfo]) -> FilesDiff:
    """Compare two `files()` listings path by path."""
    return FilesDiff(
        added={p: after[p] for p in sorted(after.keys() - before.keys())},
        removed={p: before[p] for p in sorted(before.keys() - after.keys())},
        changed={
            p: (before[p], after[p])
            for p in sorted(before.keys() & after.keys())
            if before[p] != after[p]
        },
    )


def comparable_config(config: Mapping[str, Any]) -> dict[str, Any]:
    """`config` with Env as a dict, for comparing images whose ENV was declared in another
    order (after `FROM scratch`, buildah's default PATH comes first in Env).
    """
    env = config.get("Env") or []
    return {**config, "Env": dict(item.partition("=")[::2] for item in env)}


def _file_type(mode: int) -> FileType:
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "dir"
    if stat.S_ISLNK(mode):
        return "symlink"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode):
        return "char"
    if stat.S_ISBLK(mode):
        return "block"
    return "socket"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def walk_rootfs(rootfs: Path) -> dict[str, FileInfo]:
    """Every path under `rootfs` (not `/` itself), keyed by its absolute in-image path."""
    found: dict[str, FileInfo] = {}
    for dirpath, dirnames, filenames in os.walk(rootfs):
        dirnames.sort()
        for name in sorted(dirnames + filenames):
            full = Path(dirpath, name)
            st = full.lstat()
            kind = _file_type(st.st_mode)
            key = "/" + full.relative_to(rootfs).as_posix()
            found[key] = FileInfo(
                path=key,
                type=kind,
                mode=stat.S_IMODE(st.st_mode),
                uid=st.st_uid,
                gid=st.st_gid,
                size=st.st_size if kind == "file" else 0,
                target=os.readlink(full) if kind == "symlink" else None,
                sha256=_sha256(full) if kind == "file" else None,
                nlink=1 if kind == "dir" else st.st_nlink,
                rdev=(os.major(st.st_rdev), os.minor(st.st_rdev))
                if kind in ("char", "block")
                else None,
            )
    return dict(sorted(found.items()))


def resolve_in_rootfs(rootfs: Path, path: str) -> Path | None:
    """Resolve `path` inside `rootfs` as the image would (absolute symlinks stay inside)."""
    parts = [p for p in PurePosixPath(path).parts if p not in ("/", "", ".")]
    current: list[str] = []
    hops = 0
    while parts:
        part = parts.pop(0)
        if part == "..":
            if current:
                current.pop()
            continue
        candidate = rootfs.joinpath(*current, part)
        if candidate.is_symlink():
            hops += 1
            if hops > 40:
                return None
            target = os.readlink(candidate)
            if target.startswith("/"):
                current = []
            parts = [p for p in PurePosixPath(target).parts if p not in ("/", "", ".")] + parts
            continue
        if not candidate.exists():
            return None
        current.append(part)
    return rootfs.joinpath(*current)


class Buildah:
    """buildah with its own storage under `workdir`; every image name is local to it."""

    def __init__(self, workdir: Path, executable: str = "buildah") -> None:
        self.workdir = workdir
        self.executable = executable
        self.storage_root = workdir / "storage"
        self.run_root = workdir / "run"
        self._tmp = workdir / "tmp"
        self._builds = workdir / "builds"
        for directory in (self.storage_root, self.run_root, self._tmp, self._builds):
            directory.mkdir(parents=True, exist_ok=True)
        registries = workdir / "registries.conf"
        # No search registries: a short name must never turn into a network pull.
        registries.write_text(
            'unqualified-search-registries = []\nshort-name-mode = "permissive"\n'
        )
        policy = workdir / "policy.json"
        policy.write_text('{"default": [{"type": "insecureAcceptAnything"}]}\n')
        self.policy = policy
        self._guarded: dict[str, Callable[[], None]] = {}
        self._machine_paths_before = {p for p in MACHINE_FILES + MACHINE_DIRS if p.exists()}
        self.env = {
            **os.environ,
            "BUILDAH_ISOLATION": "chroot",
            "BUILDAH_LAYERS": "false",
            "BUILDAH_FORMAT": "oci",
            "CONTAINERS_REGISTRIES_CONF": str(registries),
            "TMPDIR": str(self._tmp),
        }

    # -- plumbing ---------------------------------------------------------------------

    @property
    def base_argv(self) -> list[str]:
        return [
            self.executable,
            "--root",
            str(self.storage_root),
            "--runroot",
            str(self.run_root),
            "--storage-driver",
            "vfs",
        ]

    def run(
        self, *args: str, check: bool = True, timeout: float = COMMAND_TIMEOUT
    ) -> subprocess.CompletedProcess[str]:
        """Run `buildah <global storage flags> ARGS...`."""
        argv = [*self.base_argv, *args]
        proc = subprocess.run(
            argv,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if check and proc.returncode != 0:
            raise EngineError(
                f"$ {' '.join(argv)}\nexit {proc.returncode}\n{proc.stdout}{proc.stderr}"
            )
        return proc

    def version(self) -> tuple[int, int, int]:
        """buildah's version, e.g. (1, 28, 2)."""
        text = self.run("--version").stdout
        match = re.search(r"version (\d+)\.(\d+)\.(\d+)", text)
        if match is None:
            raise EngineError(f"cannot read the version from {text!r}")
        major, minor, patch = (int(part) for part in match.groups())
        return major, minor, patch

    def guard(self, image: str, make: Callable[[], None]) -> None:
        """Re-make `image` with `make` whenever a build deletes it (see BuildResult)."""
        self._guarded[image] = make

    # -- building ---------------------------------------------------------------------

    def bud(
        self,
        containerfile_text: str,
        tag: str,
        *,
        context: Path | None = None,
        build_args: Mapping[str, str] | None = None,
        target: str | None = None,
        layers: bool = False,
        image_format: Literal["oci", "docker"] = "oci",
        extra_args: Sequence[str] = (),
        check: bool = True,
    ) -> BuildResult:
        """Build `containerfile_text` as `tag` with `bud --isolation chroot --pull=never`.

        `context` defaults to an empty directory. `layers=True` commits one layer per
        instruction (buildah's own default is one layer per stage). `check=True` fails
        the test with the full log when the build fails; pass False to inspect failures.
        """
        build_dir = Path(tempfile.mkdtemp(prefix="build-", dir=self._builds))
        containerfile = build_dir / "Containerfile"
        containerfile.write_text(containerfile_text)
        if context is None:
            context = build_dir / "context"
            context.mkdir()
        args = [
            "bud",
            "--isolation",
            "chroot",
            "--pull=never",  # `--pull never` would read "never" as the context directory
            "--signature-policy",
            str(self.policy),
            "--force-rm",
            f"--layers={'true' if layers else 'false'}",
            "--format",
            image_format,
            "-f",
            str(containerfile),
            "-t",
            tag,
        ]
        for key, value in (build_args or {}).items():
            args += ["--build-arg", f"{key}={value}"]
        if target is not None:
            args += ["--target", target]
        args += [*extra_args, str(context)]
        started = time.monotonic()
        proc = self.run(*args, check=False)
        seconds = time.monotonic() - started
        removed = tuple(image for image in self._guarded if not self.exists(image))
        for image in removed:
            self._guarded[image]()
        result = BuildResult(
            returncode=proc.returncode,
            stdout=proc.stdout,
            stderr=proc.stderr,
            tag=tag,
            containerfile=containerfile_text,
            argv=tuple([*self.base_argv, *args]),
            seconds=seconds,
            removed_images=removed,
        )
        return result.check() if check else result

    # -- inspecting -------------------------------------------------------------------

    @contextlib.contextmanager
    def mounted(self, image: str) -> Iterator[Path]:
        """The image's root filesystem, read-only by convention, for the `with` block."""
        container = (
            self.run("from", "--pull=never", "--signature-policy", str(self.policy), image)
            .stdout.strip()
            .splitlines()[-1]
        )
        try:
            yield Path(self.run("mount", container).stdout.strip())
        finally:
            self.run("rm", container)

    def files(self, image: str) -> dict[str, FileInfo]:
        """Every path of the image's final root filesystem, sorted, keyed by path."""
        with self.mounted(image) as rootfs:
            return walk_rootfs(rootfs)

    def read_file(self, image: str, path: str) -> bytes | None:
        """The content of the regular file at `path` (symlinks followed inside the image).

        None when the path does not exist; IsADirectoryError/ValueError for a path that
        is not a regular file.
        """
        with self.mounted(image) as rootfs:
            resolved = resolve_in_rootfs(rootfs, path)
            if resolved is None:
                return None
            if resolved.is_dir():
                raise IsADirectoryError(path)
            if not resolved.is_file():
                raise ValueError(f"{path} is not a regular file in {image}")
            return resolved.read_bytes()

    def inspect(self, image: str) -> dict[str, Any]:
        """`buildah inspect --type image`, parsed."""
        data: dict[str, Any] = json.loads(self.run("inspect", "--type", "image", image).stdout)
        return data

    def config(self, image: str) -> dict[str, Any]:
        """The image config (`CONFIG_KEYS`), None for what the image does not set.

        Healthcheck, Shell and OnBuild exist only in Docker-format images.
        """
        data = self.inspect(image)
        oci = data.get("OCIv1", {}).get("config") or {}
        docker = data.get("Docker", {}).get("config") or {}
        result: dict[str, Any] = {}
        for key in CONFIG_KEYS:
            source = docker if key in DOCKER_ONLY_CONFIG_KEYS else oci
            value = source.get(key)
            result[key] = value if value not in ("", [], {}) else None
        return result

    def layers(self, image: str) -> list[str]:
        """The image's layer diff IDs, base first."""
        diff_ids: list[str] = self.inspect(image)["OCIv1"]["rootfs"]["diff_ids"]
        return diff_ids

    def history(self, image: str) -> list[dict[str, Any]]:
        """The image's history entries (created_by, empty_layer...)."""
        history: list[dict[str, Any]] = self.inspect(image)["OCIv1"].get("history", [])
        return history

    def size(self, image: str) -> int:
        """Bytes of all the image's layers (uncompressed tar sizes from its manifest)."""
        manifest = json.loads(self.inspect(image)["Manifest"])
        return sum(int(layer["size"]) for layer in manifest["layers"])

    def exists(self, image: str) -> bool:
        return self.run("inspect", "--type", "image", image, check=False).returncode == 0

    def rmi(self, image: str) -> None:
        """Remove an image; a missing one is not an error."""
        if self.exists(image):
            self.run("rmi", "--force", image)

    def cleanup(self) -> None:
        """Remove every container and image, the work directory, and what buildah left
        outside it (MACHINE_FILES, MACHINE_DIRS) that was not there before."""
        self.run("rm", "--all", check=False)
        self.run("rmi", "--all", "--force", check=False)
        shutil.rmtree(self.workdir, ignore_errors=True)
        for path in MACHINE_FILES:
            if path not in self._machine_paths_before:
                path.unlink(missing_ok=True)
        for path in MACHINE_DIRS:
            if path not in self._machine_paths_before:
                with contextlib.suppress(OSError):  # missing, or not empty: not ours alone
                    path.rmdir()


# -- what each buildah version does -------------------------------------------------------

# CVE-2024-11218: since these releases an rw bind mount's writes are discarded after the
# RUN (MISSION.md section 2); before, they leak into the mounted stage's working container.
_RW_MOUNT_FIX = {
    (1, 26): 9,
    (1, 27): 6,
    (1, 29): 5,
    (1, 33): 12,
    (1, 35): 5,
    (1, 37): 6,
    (1, 38): 1,
}


def rw_bind_mount_writes_leak(version: tuple[int, int, int]) -> bool:
    """True when a `--mount=type=bind,from=S,rw` write is visible to later uses of S."""
    if version >= (1, 39, 0):
        return False
    fixed_patch = _RW_MOUNT_FIX.get(version[:2])
    return fixed_patch is None or version[2] < fixed_patch


def deletes_base_of_instructionless_stage(version: tuple[int, int, int]) -> bool:
    """True when `bud` without --layers deletes the image behind a stage with no
    instructions (`FROM img AS base` used by a later stage): containers/buildah#5081,
    fixed in 1.33.
    """
    return version < (1, 33, 0)


# -- base images ---------------------------------------------------------------------------

FAKEPKG_DIR = Path(__file__).with_name("fakepkg")
FAKE_PACKAGE_MANAGERS = ("apt-get", "dnf", "zypper", "apk", "pip")
# name -> the fake it runs (a symlink in /usr/bin)
FAKE_PACKAGE_MANAGER_ALIASES = {"apt": "apt-get", "yum": "dnf", "pip3": "pip"}

# Symlinks to /bin/busybox in both base images.
BUSYBOX_APPLETS = (  # noqa: SIM905 (a word list reads better than 58 lines)
    "[ ash awk basename cat chgrp chmod chown cp cut date dirname du echo env expr "
    "false find grep gunzip gzip head hostname id install ln ls md5sum mkdir mkfifo "
    "mknod mktemp mv printf pwd readlink realpath rm rmdir sed seq sh sha256sum "
    "sleep sort stat tail tar tee test touch tr true uname uniq wc which xargs"
).split()

# What buildah puts in ENV when the image config has no PATH (for example FROM scratch).
BUILDAH_DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
BUILDER_PATH = BUILDAH_DEFAULT_PATH
# Deliberately not buildah's default, so a test can tell "kept" from "defaulted".
RUNTIME_PATH = "PATH=/srv/app/bin:/usr/local/bin:/usr/bin:/bin"

# What `localhost/sl-runtime` declares; tests compare final images against it.
RUNTIME_CONFIG: dict[str, Any] = {
    "Env": ["APP_HOME=/srv/app", RUNTIME_PATH],
    "User": "app",
    "WorkingDir": "/srv/app",
    "Entrypoint": None,
    "Cmd": ["sh", "-c", "echo runtime"],
    "Labels": {"org.example.role": "runtime"},  # plus buildah's io.buildah.version
    "ExposedPorts": {"8080/tcp": {}},
    "Volumes": {"/var/lib/app": {}},
    "StopSignal": "SIGTERM",
    # `buildah config --healthcheck` fills in the defaults: 30 s interval and timeout, 3 retries.
    "Healthcheck": {
        "Test": ["CMD", "test", "-d", "/srv/app"],
        "Interval": 30_000_000_000,
        "Timeout": 30_000_000_000,
        "Retries": 3,
    },
    "Shell": None,
    "OnBuild": None,
}


def is_static_elf(path: Path) -> bool:
    """True for an ELF executable without a program interpreter (statically linked)."""
    with path.open("rb") as handle:
        header = handle.read(64)
        if header[:4] != b"\x7fELF" or header[4] != 2:  # 64-bit only, enough for CI
            return False
        order: Literal["little", "big"] = "little" if header[5] == 1 else "big"
        phoff = int.from_bytes(header[32:40], order)
        phentsize = int.from_bytes(header[54:56], order)
        phnum = int.from_bytes(header[56:58], order)
        handle.seek(phoff)
        table = handle.read(phentsize * phnum)
    pt_interp = 3
    return all(
        int.from_bytes(table[i * phentsize : i * phentsize + 4], order) != pt_interp
        for i in range(phnum)
    )


def find_static_busybox() -> Path | None:
    """Debian's busybox-static binary, or None."""
    for candidate in (Path("/bin/busybox"), Path("/usr/bin/busybox")):
        if candidate.is_file() and is_static_elf(candidate):
            return candidate
    return None


def populate_busybox_rootfs(rootfs: Path, busybox: Path) -> None:
    """The tiny root filesystem both base images share."""
    for directory, mode in (
        ("bin", 0o755),
        ("etc", 0o755),
        ("root", 0o700),
        ("tmp", 0o1777),
        ("usr/bin", 0o755),
        ("usr/sbin", 0o755),
        ("usr/local/bin", 0o755),
        ("usr/share/doc/busybox", 0o755),
        ("var/cache", 0o755),
        ("var/lib", 0o755),
        ("var/log", 0o755),
    ):
        path = rootfs / directory
        path.mkdir(parents=True, exist_ok=True)
        path.chmod(mode)
    shutil.copy2(busybox, rootfs / "bin/busybox")
    (rootfs / "bin/busybox").chmod(0o755)
    for applet in BUSYBOX_APPLETS:
        (rootfs / "bin" / applet).symlink_to("busybox")
    (rootfs / "etc/passwd").write_text(
        "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/srv/app:/bin/sh\n"
    )
    (rootfs / "etc/group").write_text("root:x:0:\napp:x:1000:\n")
    (rootfs / "usr/share/doc/busybox/README").write_text(
        "BusyBox, from Debian's busybox-static package (GPL-2.0).\n"
    )


def populate_runtime_rootfs(rootfs: Path) -> None:
    (rootfs / "etc/os-release").write_text('ID=sl-runtime\nNAME="stagelint test runtime"\n')
    app = rootfs / "srv/app"
    app.mkdir(parents=True)
    (app / "run.sh").write_text('#!/bin/sh\necho "app in $APP_HOME"\n')
    (app / "run.sh").chmod(0o755)
    for path in (app, app / "run.sh"):
        os.chown(path, 1000, 1000)
    data = rootfs / "var/lib/app"
    data.mkdir(parents=True)
    os.chown(data, 1000, 1000)


def populate_builder_rootfs(rootfs: Path) -> None:
    (rootfs / "etc/os-release").write_text('ID=sl-builder\nNAME="stagelint test builder"\n')
    lib = rootfs / "usr/lib/fakepkg"
    lib.mkdir(parents=True)
    shutil.copyfile(FAKEPKG_DIR / "common.sh", lib / "common.sh")
    (lib / "common.sh").chmod(0o644)
    for tool in FAKE_PACKAGE_MANAGERS:
        shutil.copyfile(FAKEPKG_DIR / tool, rootfs / "usr/bin" / tool)
        (rootfs / "usr/bin" / tool).chmod(0o755)
    for alias, tool in FAKE_PACKAGE_MANAGER_ALIASES.items():
        (rootfs / "usr/bin" / alias).symlink_to(tool)


def make_image(
    buildah: Buildah,
    name: str,
    populate: Sequence[Callable[[Path], None]],
    config_args: Sequence[str],
) -> None:
    """`buildah from scratch`, fill the mounted rootfs, `buildah config`, `buildah commit`."""
    container = buildah.run("from", "--name", f"{name.rsplit('/', 1)[-1]}-wc", "scratch").stdout
    container = container.strip().splitlines()[-1]
    try:
        rootfs = Path(buildah.run("mount", container).stdout.strip())
        umask = os.umask(0o022)  # modes must not depend on the CI runner's umask
        try:
            for step in populate:
                step(rootfs)
        finally:
            os.umask(umask)
        buildah.run("config", *config_args, container)
        buildah.run(
            "commit",
            "--format",
            "docker",  # keeps HEALTHCHECK, which OCI images cannot carry
            "--signature-policy",
            str(buildah.policy),
            container,
            name,
        )
    finally:
        buildah.run("rm", container, check=False)


# `buildah config` arguments that give each base image its config.
RUNTIME_CONFIG_ARGS = (
    "--env",
    "APP_HOME=/srv/app",
    "--env",
    RUNTIME_PATH,
    "--workingdir",
    "/srv/app",
    "--cmd",
    '["sh", "-c", "echo runtime"]',
    "--label",
    "org.example.role=runtime",
    "--port",
    "8080/tcp",
    "--volume",
    "/var/lib/app",
    "--stop-signal",
    "SIGTERM",
    "--healthcheck",
    "CMD test -d /srv/app",
    "--user",
    "app",
)
BUILDER_CONFIG_ARGS = (
    "--env",
    BUILDER_PATH,
    "--cmd",
    '["sh"]',
    "--label",
    "org.example.role=builder",
)


def make_base_images(buildah: Buildah, busybox: Path) -> tuple[str, str]:
    """Create `localhost/sl-runtime` and `localhost/sl-builder`; return their names.

    Both are guarded: a build that deletes one (a buildah < 1.33 bug) gets it re-made.
    """

    def runtime() -> None:
        make_image(
            buildah,
            RUNTIME_IMAGE,
            [lambda r: populate_busybox_rootfs(r, busybox), populate_runtime_rootfs],
            RUNTIME_CONFIG_ARGS,
        )

    def builder() -> None:
        make_image(
            buildah,
            BUILDER_IMAGE,
            [lambda r: populate_busybox_rootfs(r, busybox), populate_builder_rootfs],
            BUILDER_CONFIG_ARGS,
        )

    for image, make in ((RUNTIME_IMAGE, runtime), (BUILDER_IMAGE, builder)):
        make()
        buildah.guard(image, make)
    return RUNTIME_IMAGE, BUILDER_IMAGE
