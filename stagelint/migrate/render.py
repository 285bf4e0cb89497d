"""Writing single Containerfile instructions for the migrated operations.

`buildah run CTR -- cmd args` executes argv directly; a RUN in shell form
runs `/bin/sh -c`, so each word is quoted for the shell. `sh -c "script"`
becomes the script itself. A word holding a newline cannot be written in
shell form without a heredoc (which buildah < 1.33 lacks), so such commands
use the JSON form, which passes argv unchanged.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Sequence

from stagelint.migrate import ir

_SHELLS = frozenset({"sh", "/bin/sh"})
_PLAIN_PATH = re.compile(r"[^\s\"'\\\[\]]+")


def _shell_safe(text: str) -> bool:
    return "\n" not in text and "\r" not in text and not text.rstrip().endswith("\\")


def run_parts(
    argv: Sequence[str],
    env: Sequence[str] = (),
    mounts: Sequence[str] = (),
    workdir: str | None = None,
) -> tuple[str, str | None, str]:
    """`buildah run -e ENV -v ... CTR -- ARGV` as RUN flags, a shell script (None
    when only the JSON form says it), and the JSON form. With `workdir`
    (`--workingdir`), the script makes the directory, as buildah does, and
    runs there; there is no JSON form of that."""
    if workdir is not None:
        flags, script, _ = run_parts(argv, env, mounts)
        if script is None:
            return flags, None, ""
        where = shlex.quote(workdir)
        # a subshell: a later RUN joined to this one must not run there too
        inner = f"mkdir -p {where} && (cd {where} && {script})"
        return flags, inner, json.dumps(["/bin/sh", "-c", inner])
    flags = "".join(f"--mount={mount} " for mount in mounts)
    words = ["env", *env, *argv] if env else list(argv)
    exec_form = json.dumps(words)
    shell = len(argv) == 3 and argv[0] in _SHELLS and argv[1] == "-c" and not env
    if shell and _shell_safe(argv[2]) and argv[2].strip():
        return flags, argv[2].strip(), exec_form
    # a first word like `--user` would read as a flag of RUN itself
    if all(_shell_safe(word) for word in [*argv, *env]) and not argv[0].startswith("-"):
        prefix = "".join(f"{k}={shlex.quote(v)} " for k, _, v in (e.partition("=") for e in env))
        return flags, prefix + shlex.join(argv), exec_form
    return flags, None, exec_form


def join_runs(previous: str, script: str) -> str:
    """Two consecutive RUNs with the same flags as one: the image is the same
    when each command succeeds (as the script needed), with one layer less."""
    return f"{previous} \\\n && {script}"


def bind_mount(source: str, target: str) -> str:
    """A `--mount` value for a host directory of the build context."""
    return f"type=bind,source={source},target={target},rw"


def copy_instruction(
    sources: Sequence[str],
    dest: str,
    *,
    add: bool = False,
    origin: str = "",
    chown: str = "",
    chmod: str = "",
) -> str:
    """`COPY`/`ADD` with its flags; JSON form when a path needs quoting."""
    flags = ""
    for name, value in (("from", origin), ("chown", chown), ("chmod", chmod)):
        if value:
            flags += f"--{name}={value} "
    paths = [*sources, dest]
    if all(_PLAIN_PATH.fullmatch(p) for p in paths):
        operands = " ".join(paths)
    else:
        operands = json.dumps(paths)
    return f"{'ADD' if add else 'COPY'} {flags}{operands}"


_ARCHIVE = re.compile(r"\.(tar|tgz|tbz2?|txz|tar\.(gz|bz2|xz|zst|lz4))$", re.IGNORECASE)


def needs_add(source: str) -> bool:
    """Whether `buildah add SOURCE` does more than a copy: fetch a URL, unpack an archive."""
    return "://" in source or bool(_ARCHIVE.search(source))


def under(prefix: str, path: str) -> str:
    """`path` of a rootfs that lives at `prefix` (`/` or a builder's `/target`)."""
    if prefix == "/":
        return path
    return prefix.rstrip("/") + ("" if path == "/" else path)


def host_run(op: ir.HostRunOp, prefix: str) -> tuple[str, str | None, str]:
    """The RUN for a host command that wrote into a mounted rootfs."""
    words = [under(prefix, w.path) if isinstance(w, ir.RootPath) else w for w in op.argv]
    script = shlex.join(words)
    if op.redirect is not None:
        script += f" {op.redirect[0]} {shlex.quote(under(prefix, op.redirect[1].path))}"
    return run_parts(["/bin/sh", "-c", script])


def comment(op: ir.Untranslated, source: str) -> str:
    """The comment that keeps an untranslated line in the output."""
    text = " ".join(op.at.text.split())
    return f"# stagelint migrate: {source}:{op.at.line}: {ir.show(text)} ({op.reason})"
