"""`RUN --mount=...` values parsed into typed mounts, as BuildKit reads them.

A mount is a comma-separated list of `key=value` fields (CSV quoting allowed);
`type` defaults to `bind`. Bind mounts are read-only unless `rw`/`readwrite`;
cache mounts are writable. Malformed fields are kept as error messages, which
become SL0xx findings.
"""

from __future__ import annotations

from stagelint.records import Record
from stagelint.tree import Flag

MOUNT_TYPES = frozenset({"bind", "cache", "tmpfs", "secret", "ssh"})
_BOOL_KEYS = {"readonly": False, "ro": False, "readwrite": True, "rw": True}
_KEYS = frozenset(
    {
        "type", "from", "source", "src", "target", "dst", "destination", "id",
        "sharing", "mode", "uid", "gid", "required", "size", "env",
        "readonly", "ro", "readwrite", "rw",
    }
)  # fmt: skip
_TRUE = frozenset({"1", "t", "T", "TRUE", "true", "True"})
_FALSE = frozenset({"0", "f", "F", "FALSE", "false", "False"})


class Mount(Record, ignore=("options", "flag")):  # options and flag: not compared
    __slots__ = (
        "errors", "flag", "from_", "id", "options", "readwrite", "sharing", "source", "target",
        "type",
    )  # fmt: skip
    __hash__ = None  # type: ignore[assignment]  # mutable: unhashable, as the dataclass was

    def __init__(
        self,
        type: str,
        target: str | None,
        source: str | None,
        from_: str | None,  # a stage name, stage index or image; None: the build context
        readwrite: bool,  # writes allowed during the step (they never persist)
        id: str | None,
        sharing: str | None,
        options: dict[str, str] | None = None,
        flag: Flag | None = None,
        errors: tuple[str, ...] = (),
    ) -> None:
        self.type = type
        self.target = target
        self.source = source
        self.from_ = from_
        self.readwrite = readwrite
        self.id = id
        self.sharing = sharing
        self.options: dict[str, str] = {} if options is None else options
        self.flag = flag
        self.errors = errors

    @property
    def is_bind(self) -> bool:
        return self.type == "bind"

    @property
    def discards_content(self) -> bool:
        """Writes under a cache or tmpfs mount never reach the image."""
        return self.type in ("cache", "tmpfs")


def parse_mount(value: str, flag: Flag | None = None) -> Mount:
    """Parse one `--mount` value. Never raises."""
    import csv  # BuildKit reads the value as one CSV record; only files with mounts need it

    errors: list[str] = []
    try:
        fields = next(csv.reader([value]), [])
    except csv.Error as exc:
        fields = value.split(",")
        errors.append(f"cannot read mount {value!r}: {exc}")
    options: dict[str, str] = {}
    readwrite: bool | None = None
    for raw in fields:
        key, eq, val = raw.partition("=")
        key_l = key.strip().lower()
        if key_l == "":
            continue
        if key_l not in _KEYS:
            errors.append(f"unexpected key {key.strip()!r} in mount {value!r}")
            continue
        if key_l in _BOOL_KEYS:
            if eq and val not in _TRUE | _FALSE:
                errors.append(f"invalid value {val!r} for {key_l} in mount")
                continue
            flag_on = (not eq) or val in _TRUE
            readwrite = _BOOL_KEYS[key_l] == flag_on
            continue
        if not eq:
            errors.append(f"mount option {key_l!r} needs a value ({key_l}=...)")
            continue
        canonical = {"src": "source", "dst": "target", "destination": "target"}.get(key_l, key_l)
        options[canonical] = val
    kind = options.get("type", "bind").lower()
    if kind not in MOUNT_TYPES:
        errors.append(f"unsupported mount type {kind!r} (bind, cache, tmpfs, secret or ssh)")
    target = options.get("target")
    if target is None and kind in ("bind", "cache", "tmpfs"):
        errors.append(f"a {kind} mount needs a target (target=/path)")
    if readwrite is None:
        readwrite = kind in ("cache", "tmpfs")
    return Mount(
        type=kind,
        target=target,
        source=options.get("source"),
        from_=options.get("from"),
        readwrite=readwrite,
        id=options.get("id"),
        sharing=options.get("sharing"),
        options=options,
        flag=flag,
        errors=tuple(errors),
    )
