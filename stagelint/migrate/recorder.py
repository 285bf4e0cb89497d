"""Turning the commands a script runs into the operations of :mod:`.ir`.

The front ends evaluate the script's words and call :meth:`Recorder.buildah`
for each buildah command and :meth:`Recorder.host` for any other command; the
recorder keeps the containers, their names and mounts, and returns what the
command prints (a token) when that output matters to the script.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from stagelint.migrate import config_args, ir
from stagelint.migrate.options import OptionError, Parsed, parse, spellings, split_global

_FROM_VALUED = spellings(
    "--name",
    "--signature-policy",
    "--creds",
    "--cert-dir",
    "--authfile",
    "--arch",
    "--os",
    "--variant",
    "--platform",
    "--isolation",
    "--retry",
    "--retry-delay",
)
_FROM_FLAGS = spellings("--pull", "--pull-always", "--pull-never", "-q --quiet", "--tls-verify")
_RUN_VALUED = spellings(
    "-v --volume",
    "--mount",
    "-e --env",
    "--isolation",
    "--runtime",
    "--network",
    "--hostname",
    "--workingdir",
    "--user",
)
_RUN_FLAGS = spellings("-t --terminal", "--no-pivot", "--no-hosts", "--add-history")
_COPY_VALUED = spellings("--chown", "--chmod", "--from", "--contextdir", "--ignorefile")
_COPY_FLAGS = spellings("-q --quiet", "--add-history", "--remove-signatures")
_COMMIT_VALUED = spellings(
    "-f --format",
    "--signature-policy",
    "--iidfile",
    "--authfile",
    "--cert-dir",
    "--creds",
    "--sign-by",
)
_COMMIT_FLAGS = spellings(
    "--squash",
    "--rm",
    "-q --quiet",
    "-D --disable-compression",
    "--omit-timestamp",
    "--tls-verify",
)
# Subcommands with no effect on any image the script builds.
_NO_EFFECT = frozenset(
    {"umount", "unmount", "rm", "containers", "images", "inspect", "version", "info", "pull", "tag"}
)
_OTHER_ENGINES = frozenset({"podman", "docker", "nerdctl", "kaniko", "img", "docker-compose"})
# Host commands that change nothing a build could see.
_HARMLESS = frozenset(
    {"echo", "printf", "set", "true", ":", "sleep", "exit", "shopt", "trap", "shift", "unset"}
)
# Host commands that may write into a mounted rootfs: run inside the build instead.
_IN_BUILD = frozenset(
    {"mkdir", "chmod", "chown", "ln", "rm", "touch", "echo", "printf", "cat", "sed", "mv", "cp"}
)
_CP_FLAGS = frozenset({"-a", "-p", "-r", "-R", "-f", "-rf", "-pr", "-rp", "-ar", "--archive"})


def _stage_hint(text: str) -> str:
    name = text.rsplit("/", 1)[-1].split(":", 1)[0].split("@", 1)[0]
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


class Recorder:
    """Collects the operations of one script, in the order the script runs them."""

    def __init__(self) -> None:
        self.ops: list[ir.Op] = []
        self._names: dict[str, int] = {}
        self._containers = 0

    # -- reporting ----------------------------------------------------------------

    def untranslated(self, at: ir.At, reason: str, cid: int | None = None) -> None:
        last = self.ops[-1] if self.ops else None
        if isinstance(last, ir.Untranslated) and last.at == at:
            return  # the line is already reported, with the first (most precise) reason
        self.ops.append(ir.Untranslated(at, reason, cid))

    def _container(self, word: str) -> int:
        cid = ir.whole_token(word, "C")
        if cid is None:
            cid = self._names.get(word)
        if cid is None:
            raise OptionError(f"{ir.show(word)!r} is not a container this script made")
        return cid

    # -- buildah ------------------------------------------------------------------

    def buildah(self, argv: Sequence[str], at: ir.At, hint: str = "") -> str | None:
        """Record `buildah ARGV...` (without `buildah`); return what it prints,
        when the migration can stand for it, else None."""
        try:
            args = split_global(argv)
            if not args:
                raise OptionError("buildah without a subcommand")
            command, rest = args[0], args[1:]
            if command in _NO_EFFECT:
                return None if command in ("containers", "images", "inspect", "info") else ""
            handler = getattr(self, f"_do_{command}", None)
            if command in ("bud", "build", "build-using-dockerfile"):
                raise OptionError(
                    "builds another Containerfile; build that image first, "
                    "the migrated file uses it by name"
                )
            if handler is None:
                raise OptionError(f"`buildah {command}` is not translated")
            result: str = handler(rest, at, hint)
            return result
        except OptionError as exc:
            self.untranslated(at, str(exc))
            return None

    def _do_from(self, argv: Sequence[str], at: ir.At, hint: str) -> str:
        parsed = parse(argv, _FROM_VALUED, _FROM_FLAGS)
        if len(parsed.operands) != 1:
            raise OptionError("buildah from takes one image")
        image = parsed.operands[0]
        if ir.has_token(image) and ir.whole_token(image, "I") is None:
            raise OptionError(f"the image {ir.show(image)!r} is not known")
        self._containers += 1
        cid = self._containers
        name = parsed.last("--name")
        if name:
            self._names[name] = cid
        label = _stage_hint(name or hint or ("" if ir.has_token(image) else image)) or "stage"
        self.ops.append(ir.FromOp(at, cid, image, label))
        return ir.container_token(cid)

    def _do_mount(self, argv: Sequence[str], at: ir.At, hint: str) -> str:
        parsed = parse(argv, {}, {})
        if len(parsed.operands) != 1:
            raise OptionError("buildah mount of other than one container")
        return ir.mount_token(self._container(parsed.operands[0]))

    def _do_run(self, argv: Sequence[str], at: ir.At, hint: str) -> str:
        parsed = parse(argv, _RUN_VALUED, _RUN_FLAGS, stop_at_operand=1)
        if not parsed.operands:
            raise OptionError("buildah run without a container")
        cid = self._container(parsed.operands[0])
        command = list(parsed.operands[1:])
        if command[:1] == ["--"]:
            command = command[1:]
        if not command:
            raise OptionError("buildah run without a command")
        if any(ir.has_token(word) for word in command):
            raise OptionError("the command uses a container or mount of the script")
        rootfs: list[tuple[int, str]] = []
        binds: list[tuple[str, str]] = []
        for source, target in [
            *map(_volume, parsed.values("--volume")),
            *map(_mount, parsed.values("--mount")),
        ]:
            inside = ir.in_mount(source)
            if inside is not None:
                if inside[1] != "/":
                    raise OptionError("a volume of part of a mounted rootfs is not translated")
                rootfs.append((inside[0], target))
            elif ir.has_token(source) or source.startswith("/"):
                raise OptionError(f"the volume {ir.show(source)} is outside the build context")
            else:
                binds.append((source, target))
        workdir = parsed.last("--workingdir")
        if workdir is not None and (ir.has_token(workdir) or not workdir.startswith("/")):
            raise OptionError("a --workingdir that is not an absolute path is not translated")
        user = parsed.last("--user")
        if user is not None and (ir.has_token(user) or not user.strip()):
            raise OptionError("the --user value is not known")
        self.ops.append(
            ir.RunOp(
                at,
                cid,
                tuple(command),
                tuple(parsed.values("--env")),
                tuple(rootfs),
                tuple(binds),
                workdir,
                user,
            )
        )
        return ""

    def _do_copy(self, argv: Sequence[str], at: ir.At, hint: str, add: bool = False) -> str:
        parsed = parse(argv, _COPY_VALUED, _COPY_FLAGS)
        if parsed.last("--contextdir", "--ignorefile"):
            raise OptionError("--contextdir/--ignorefile are not translated")
        if len(parsed.operands) < 3:
            raise OptionError("buildah copy needs a container, a source and a destination")
        cid = self._container(parsed.operands[0])
        *sources, dest = parsed.operands[1:]
        from_cid: int | None = None
        from_image = ""
        origin = parsed.last("--from")
        if origin is not None:
            if ir.whole_token(origin, "C") is not None or origin in self._names:
                from_cid = self._container(origin)
            elif ir.has_token(origin) and ir.whole_token(origin, "I") is None:
                raise OptionError(f"--from {ir.show(origin)} is not known")
            else:
                from_image = origin
        paths = [ir.in_mount(source) for source in sources]
        if all(paths) and origin is None:
            owners = {p[0] for p in paths if p}
            if len(owners) != 1:
                raise OptionError("sources from several mounted containers")
            from_cid = owners.pop()
            sources = [p[1] for p in paths if p]
        for source in sources:
            if ir.has_token(source) or (from_cid is None and not from_image and source[:1] == "/"):
                raise OptionError(f"the source {ir.show(source)} is outside the build context")
        self.ops.append(
            ir.CopyOp(
                at,
                cid,
                add,
                tuple(sources),
                dest,
                parsed.last("--chown") or "",
                parsed.last("--chmod") or "",
                from_cid,
                from_image,
            )
        )
        return ""

    def _do_add(self, argv: Sequence[str], at: ir.At, hint: str) -> str:
        return self._do_copy(argv, at, hint, add=True)

    def _do_config(self, argv: Sequence[str], at: ir.At, hint: str) -> str:
        parsed: Parsed = parse(argv, config_args.VALUED, config_args.FLAGS)
        if not parsed.operands:
            raise OptionError("buildah config without a container")
        cid = self._container(parsed.operands[0])
        lines = config_args.config_lines(parsed)
        self.ops.append(ir.ConfigOp(at, cid, tuple(lines), parsed.last("--user")))
        return ""

    def _do_commit(self, argv: Sequence[str], at: ir.At, hint: str) -> str:
        parsed = parse(argv, _COMMIT_VALUED, _COMMIT_FLAGS)
        if not 1 <= len(parsed.operands) <= 2:
            raise OptionError("buildah commit takes a container and an image name")
        cid = self._container(parsed.operands[0])
        image = parsed.operands[1] if len(parsed.operands) == 2 else ""
        if image == ir.UNKNOWN_NAME:
            image = ""  # named only when the script runs; the Containerfile needs no name
        if ir.has_token(image):
            raise OptionError("the image name uses a value of the script")
        token = ir.image_token(cid)
        docker = parsed.last("--format") in ("docker", "v2s2")
        self.ops.append(ir.CommitOp(at, cid, image, token, docker))
        return token

    # -- other commands -------------------------------------------------------------

    def host(
        self,
        argv: Sequence[str],
        at: ir.At,
        redirect: tuple[str, str] | None = None,
        stdin: str | None = None,
    ) -> None:
        """Record a command that is not buildah. Only writes into a mounted
        rootfs become part of the build; the rest is reported or ignored."""
        name = argv[0].rsplit("/", 1)[-1] if argv else ""
        touches = [w for w in [*argv, *(redirect[1:] if redirect else ())] if ir.has_token(w)]
        if not touches:
            if name in _OTHER_ENGINES:
                self.untranslated(at, f"another engine's command ({name})")
            elif name not in _HARMLESS or redirect is not None:
                self.untranslated(at, "runs on the host, outside any container")
            return
        if name not in _IN_BUILD:
            self.untranslated(at, f"{name} writes into a mounted rootfs; not translated")
            return
        try:
            self._write_into_mount(name, list(argv), at, redirect, stdin)
        except OptionError as exc:
            self.untranslated(at, str(exc))

    def _write_into_mount(
        self,
        name: str,
        argv: list[str],
        at: ir.At,
        redirect: tuple[str, str] | None,
        stdin: str | None,
    ) -> None:
        if name == "cp" and argv[-1:] and ir.in_mount(argv[-1]):
            sources = [w for w in argv[1:-1] if w not in _CP_FLAGS]
            if sources and not any(ir.has_token(s) or s.startswith("/") for s in sources):
                dest = ir.in_mount(argv[-1])
                assert dest is not None
                self.ops.append(ir.CopyOp(at, dest[0], False, tuple(sources), dest[1]))
                return
        owners: set[int] = set()
        words: list[str | ir.RootPath] = []
        for word in argv:
            inside = ir.in_mount(word)
            if inside is not None:
                owners.add(inside[0])
                words.append(ir.RootPath(inside[1]))
            elif ir.has_token(word):
                raise OptionError(f"{ir.show(word)} is not a path in a mounted rootfs")
            else:
                words.append(word)
        target: tuple[str, ir.RootPath] | None = None
        if redirect is not None:
            inside = ir.in_mount(redirect[1])
            if inside is None or redirect[0] not in (">", ">>"):
                raise OptionError("a redirection other than > or >> into a mounted rootfs")
            owners.add(inside[0])
            target = (redirect[0], ir.RootPath(inside[1]))
        if stdin is not None:
            if words != ["cat"]:
                raise OptionError("input to a command other than cat")
            words = ["printf", "%s", stdin]
        if len(owners) != 1:
            raise OptionError("writes into several mounted rootfs at once")
        self.ops.append(ir.HostRunOp(at, owners.pop(), tuple(words), target))


def _volume(spec: str) -> tuple[str, str]:
    parts = spec.split(":")
    if len(parts) < 2 or not parts[1]:
        raise OptionError(f"volume {ir.show(spec)!r} has no target")
    return parts[0], parts[1]


def _mount(spec: str) -> tuple[str, str]:
    fields = dict(item.partition("=")[::2] for item in spec.split(","))
    if fields.get("type", "bind") != "bind":
        raise OptionError(f"--mount {spec}: only bind mounts are translated")
    source = fields.get("source") or fields.get("src") or ""
    target = fields.get("target") or fields.get("destination") or fields.get("dst") or ""
    if not source or not target:
        raise OptionError(f"--mount {ir.show(spec)} needs a source and a target")
    return source, target
