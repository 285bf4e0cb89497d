"""Writing a fixed file without ever leaving it half-written.

The new text goes to a temporary file in the same directory, is flushed to
disk, gets the original's permission bits (and owner, where allowed), and
then replaces the original in one rename. A crash before the rename leaves
the original untouched. Before the rename the original is read again: if it
changed since it was linted (another process fixed it meanwhile), nothing is
written. A symbolic link is followed: the file it points to is replaced and
the link stays a link.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


class WriteError(Exception):
    """The file could not be written; the message is for the user."""


def _new_file_mode() -> int:
    """What `open()` would give a new file: 0o666 less the umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(
    path: Path, text: str, *, expected: bytes | None = None, create: bool = False
) -> None:
    """Replace `path` with `text` (UTF-8). With `expected`, refuse when the
    file no longer holds those bytes. With `create`, a missing file is made
    (same rename, with the modes a new file gets)."""
    target = Path(os.path.realpath(path))
    data = text.encode("utf-8")
    try:
        info: os.stat_result | None = target.stat()
    except FileNotFoundError:
        if not create:
            raise WriteError("cannot write: No such file or directory") from None
        info = None
    except OSError as exc:
        raise WriteError(f"cannot write: {exc.strerror or exc}") from None
    if info is not None and not info.st_mode & stat.S_IWUSR:
        raise WriteError("the file is read-only; not written")
    try:
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".stagelint", dir=target.parent
        )
    except OSError as exc:
        raise WriteError(f"cannot write: {exc.strerror or exc}") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if info is None:
            os.chmod(tmp, _new_file_mode())
        else:
            os.chmod(tmp, stat.S_IMODE(info.st_mode))
            with contextlib.suppress(OSError):
                os.chown(tmp, info.st_uid, info.st_gid)
        if expected is not None and target.read_bytes() != expected:
            raise WriteError("the file changed while it was being fixed; not written")
        os.replace(tmp, target)
    except OSError as exc:
        raise WriteError(f"cannot write: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
