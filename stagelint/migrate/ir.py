"""The intermediate representation `stagelint migrate` builds from a script.

Both front ends (shell and Python) run the script symbolically and hand every
buildah command they meet to a :class:`~stagelint.migrate.recorder.Recorder`,
which turns it into one of the operations below. The back end
(:mod:`stagelint.migrate.stages`) only ever sees these operations, so it does
not care which language the script was written in.

What a command prints (`buildah from` prints a container, `buildah mount` a
path) is not known before it runs; the front ends carry it around as a
*token*, a string no real script contains, so that `$ctr`, `f"{mnt}/etc"`
and `"$mnt/etc"` all keep working as ordinary string operations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

_TOKEN = re.compile("\x00([CMI])([0-9]+)\x00")


def container_token(cid: int) -> str:
    """What `buildah from` printed, for container `cid`."""
    return f"\x00C{cid}\x00"


def mount_token(cid: int) -> str:
    """What `buildah mount` printed: the host path of container `cid`'s rootfs."""
    return f"\x00M{cid}\x00"


def image_token(cid: int) -> str:
    """What `buildah commit` printed: the ID of the image committed from `cid`."""
    return f"\x00I{cid}\x00"


# An image name `buildah commit` gets from the script's run (`"${2:-$USER/app}"`).
UNKNOWN_NAME = "\x00U\x00"


def has_token(text: str) -> bool:
    return "\x00" in text


def whole_token(text: str, kind: str) -> int | None:
    """The container behind `text` when it is exactly one token of `kind`."""
    match = _TOKEN.fullmatch(text)
    return int(match.group(2)) if match and match.group(1) == kind else None


def in_mount(text: str) -> tuple[int, str] | None:
    """`(container, path inside its rootfs)` for a host path under a mount
    token (`$mnt`, `$mnt/etc/x`), else None."""
    match = _TOKEN.match(text)
    if match is None or match.group(1) != "M":
        return None
    rest = text[match.end() :]
    if rest and not rest.startswith("/"):
        return None
    if has_token(rest):
        return None
    return int(match.group(2)), rest or "/"


def as_variables(text: str) -> tuple[str, dict[str, str]]:
    """`text` with each token replaced by a shell variable reference, and the
    variables: a command line built by Python can then be parsed as shell."""
    variables: dict[str, str] = {}

    def name(match: re.Match[str]) -> str:
        key = f"__stagelint_{match.group(1)}{match.group(2)}"
        variables[key] = match.group(0)
        return "${" + key + "}"

    return _TOKEN.sub(name, text), variables


def show(text: str) -> str:
    """A value for messages: tokens shown as the variable-like `$ctr1`/`$mnt1`."""
    names = {"C": "ctr", "M": "mnt", "I": "img"}
    return _TOKEN.sub(lambda m: f"${names[m.group(1)]}{m.group(2)}", text)


class At(NamedTuple):
    """Where an operation came from: the script's 1-based line and its text."""

    line: int
    text: str


class RootPath(NamedTuple):
    """A path inside a container's rootfs, written by a host command through
    the container's mount; rendered with the prefix of wherever that rootfs
    lives in the Containerfile (`/` in its own stage, `/target` in a builder)."""

    path: str


@dataclass(frozen=True)
class FromOp:
    """`buildah from IMAGE`: a new working container."""

    at: At
    cid: int
    image: str  # "scratch" for an empty rootfs, or an image the script committed
    hint: str  # what to call its stage


@dataclass(frozen=True)
class RunOp:
    """`buildah run CTR -- ARGV`; `rootfs_mounts` are `-v $mnt:/target`
    volumes of other containers' mounted rootfs, `binds` host directories in
    the build context."""

    at: At
    cid: int
    argv: tuple[str, ...]
    env: tuple[str, ...] = ()
    rootfs_mounts: tuple[tuple[int, str], ...] = ()
    binds: tuple[tuple[str, str], ...] = ()
    workdir: str | None = None  # `--workingdir`: buildah creates it, then runs there
    user: str | None = None  # `--user`: this command only


@dataclass(frozen=True)
class CopyOp:
    """`buildah copy|add CTR SRC... DEST`, or a host `cp` into a mount."""

    at: At
    cid: int
    add: bool
    sources: tuple[str, ...]
    dest: str
    chown: str = ""
    chmod: str = ""
    from_cid: int | None = None  # sources are inside this container's rootfs
    from_image: str = ""  # sources are inside this image (or one the script committed)


@dataclass(frozen=True)
class ConfigOp:
    """`buildah config`: the Containerfile instructions it amounts to."""

    at: At
    cid: int
    lines: tuple[str, ...]
    user: str | None = None  # the new default user, when it changes


@dataclass(frozen=True)
class HostRunOp:
    """A host command that writes into a container's mounted rootfs
    (`mkdir -p $mnt/x`, `echo ... > $mnt/etc/x`), run inside the build."""

    at: At
    cid: int
    argv: tuple[str | RootPath, ...]
    redirect: tuple[str, RootPath] | None = None  # (">" or ">>", file)


@dataclass(frozen=True)
class CommitOp:
    """`buildah commit CTR [IMAGE]`: the image the script produces."""

    at: At
    cid: int
    image: str  # the name given, or "" when it has none
    token: str  # what the commit printed (the image ID), for `FROM $img`
    docker: bool = False  # committed in Docker format (keeps HEALTHCHECK, SHELL, ONBUILD)


@dataclass(frozen=True)
class Untranslated:
    """A line the migration could not translate; kept as a comment."""

    at: At
    reason: str
    cid: int | None = None  # the container it concerns, when known


Op = FromOp | RunOp | CopyOp | ConfigOp | HostRunOp | CommitOp | Untranslated
