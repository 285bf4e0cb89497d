"""Target engines: the `target-engine` setting, and which engine version has which feature.

`target-engine` names the engines a Containerfile must build with, comma
separated: `buildah>=1.28`, `buildah 1.28.2`, `podman>=4.3`, `docker>=24`,
`buildkit>=0.13`, `dockerfile>=1.4` (the Dockerfile frontend itself). A file
must build on every engine listed, so a feature is reported when the oldest
version allowed of any listed engine lacks it.

What a BuildKit build understands is decided by its Dockerfile frontend, not
by the daemon: a `# syntax=docker/dockerfile:1.x` directive selects the
frontend, and without one BuildKit uses the frontend built into it. Podman
builds with buildah as a library, so a podman version stands for the buildah
it vendors. Every fact in `FEATURES`, `PODMAN_BUILDAH` and
`BUILDKIT_FRONTEND` carries its source; what no source told us is left out,
and a rule stays silent where the table has nothing to say.

Rules about missing features are made by `feature_rule`: each rule module
gives the features it covers and a function that finds their uses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from typing import NamedTuple, TypeVar

from stagelint.lazyre import lazy_pattern
from stagelint.records import Record
from stagelint.rule import Context, Diagnostic, Rule, Severity
from stagelint.tree import Document

T = TypeVar("T")

ENGINES = ("buildah", "podman", "docker", "buildkit", "dockerfile")
# Engines whose Containerfile parser is BuildKit's Dockerfile frontend.
BUILDKIT_FAMILY = frozenset({"docker", "buildkit", "dockerfile"})


class Version(NamedTuple):
    major: int
    minor: int = 0
    patch: int = 0

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"

    @property
    def short(self) -> str:
        """`1.28` for 1.28.0, `1.28.2` otherwise."""
        return f"{self.major}.{self.minor}" + (f".{self.patch}" if self.patch else "")


# A `# syntax=docker/dockerfile:1` directive (or no tag) follows the newest
# 1.x frontend: newer than any version the table names.
LATEST = Version(1, 10**6)

_VERSION = lazy_pattern(r"v?(\d+)(?:\.(\d+))?(?:\.(\d+))?")
_SPEC = lazy_pattern(r"\s*([A-Za-z]+)\s*(>=|==|=|\s)\s*(\S+)\s*")


def parse_version(text: str) -> Version:
    """`1.28`, `1.28.2` or `v1.28` (a suffix such as `-rc1` is not allowed)."""
    m = _VERSION().fullmatch(text.strip())
    if m is None:
        raise ValueError(f"{text!r} is not a version (expected e.g. 1.28 or 1.28.2)")
    return Version(int(m[1]), int(m[2] or 0), int(m[3] or 0))


class EngineSpec(Record):
    """One engine of `target-engine`: `buildah>=1.28` or `buildah 1.28.2`."""

    __slots__ = ("engine", "exact", "version")

    def __init__(
        self,
        engine: str,
        version: Version,  # the oldest version the file must build with
        exact: bool,  # `buildah 1.28.2` / `buildah==1.28.2`: only that version
    ) -> None:
        self.engine = engine
        self.version = version
        self.exact = exact

    def __str__(self) -> str:
        return f"{self.engine}{'==' if self.exact else '>='}{self.version.short}"


class TargetEngine(Record):
    __slots__ = ("specs", "text")

    def __init__(
        self,
        specs: tuple[EngineSpec, ...],
        text: str,  # as configured, for messages
    ) -> None:
        self.specs = specs
        self.text = text


def parse_target_engine(text: str) -> TargetEngine:
    """Parse a `target-engine` value; ValueError names what is wrong and the
    accepted forms."""
    forms = (
        "expected ENGINE>=VERSION or ENGINE VERSION, comma separated, with ENGINE one of "
        + ", ".join(ENGINES)
        + ' (e.g. "buildah>=1.28", "podman 4.3.1, docker>=24")'
    )
    specs: list[EngineSpec] = []
    for part in text.split(","):
        if not part.strip():
            raise ValueError(f"{text!r}: empty entry; {forms}")
        m = _SPEC().fullmatch(part)
        if m is None:
            raise ValueError(f"{text!r}: cannot read {part.strip()!r}; {forms}")
        engine = m[1].lower()
        if engine not in ENGINES:
            raise ValueError(f"{text!r}: unknown engine {m[1]!r}; {forms}")
        try:
            version = parse_version(m[3])
        except ValueError as exc:
            raise ValueError(f"{text!r}: {exc}") from None
        specs.append(EngineSpec(engine, version, m[2] != ">="))
    return TargetEngine(tuple(specs), text.strip())


@lru_cache(maxsize=64)
def _cached_parse(text: str) -> TargetEngine | str:
    try:
        return parse_target_engine(text)
    except ValueError as exc:
        return str(exc)


def target_of(ctx: Context) -> TargetEngine | None:
    """The configured target, or None when none is set or it is invalid (the
    configuration refuses an invalid value, see stagelint/config.py)."""
    value = ctx.settings.get("target-engine")
    if not isinstance(value, str) or not value.strip():
        return None
    parsed = _cached_parse(value)
    return parsed if isinstance(parsed, TargetEngine) else None


# -- version mappings ------------------------------------------------------------

_PODMAN_PR = "https://github.com/containers/podman/pull/"
_BUILDAH_PR = "https://github.com/containers/buildah/pull/"

# podman (major, minor) -> the buildah (1, minor) it vendors, with the source.
PODMAN_BUILDAH: dict[tuple[int, int], tuple[int, str]] = {
    (3, 3): (22, _PODMAN_PR + "11297"),
    (4, 0): (24, _BUILDAH_PR + "3752"),
    (4, 3): (28, _PODMAN_PR + "16588"),
    (4, 4): (29, "https://github.com/containers/podman-tui/pull/239"),
    (4, 7): (32, _PODMAN_PR + "19985"),
    (4, 9): (33, _PODMAN_PR + "21302"),
    (5, 0): (35, _PODMAN_PR + "22085"),
    (5, 1): (36, _PODMAN_PR + "22797"),
    (5, 2): (37, _BUILDAH_PR + "5681"),
    (5, 3): (38, _PODMAN_PR + "25069"),
    (5, 4): (39, _PODMAN_PR + "25208"),
    (5, 6): (41, _PODMAN_PR + "26828"),
    (5, 7): (42, _BUILDAH_PR + "6439"),
    (5, 8): (43, _PODMAN_PR + "28039"),
    (6, 0): (44, "https://github.com/containers/podman/releases/tag/v6.0.0-rc1"),
}

# buildkit (0, minor) -> the Dockerfile frontend built into it, with the source.
BUILDKIT_FRONTEND: dict[tuple[int, int], tuple[Version, str]] = {
    (0, 13): (Version(1, 7), "https://github.com/moby/buildkit/releases/tag/v0.13.2"),
    (0, 14): (Version(1, 8), "https://github.com/moby/buildkit/releases/tag/v0.14.0"),
    (0, 17): (Version(1, 11), "https://github.com/moby/buildkit/releases/tag/v0.17.0"),
}


def _floor(table: Mapping[tuple[int, int], tuple[T, str]], version: Version) -> T | None:
    """The entry of the newest listed release at or below `version`: versions
    between listed ones only grow, so this is a lower bound."""
    keys = [k for k in table if k <= (version.major, version.minor)]
    return table[max(keys)][0] if keys else None


def buildah_for(spec: EngineSpec) -> Version | None:
    """The oldest buildah a buildah or podman target may use (None: unknown)."""
    if spec.engine == "buildah":
        return spec.version
    if spec.engine == "podman":
        minor = _floor(PODMAN_BUILDAH, spec.version)
        return Version(1, minor) if minor is not None else None
    return None


class Frontend(Record):
    __slots__ = ("labs", "version")

    def __init__(
        self,
        version: Version,
        labs: bool,  # the `-labs` channel, which has features before they are stable
    ) -> None:
        self.version = version
        self.labs = labs


def syntax_frontend(doc: Document) -> Frontend | bool | None:
    """The frontend a `# syntax=` directive selects: a Frontend, None when the
    directive names an image we cannot read, False when there is no directive."""
    directive = doc.directive("syntax")
    if directive is None:
        return False
    ref = directive.value.strip().split("@", 1)[0]
    name, _, tag = ref.rpartition(":") if ":" in ref.rsplit("/", 1)[-1] else (ref, "", "")
    if name.removeprefix("docker.io/").removeprefix("index.docker.io/") not in (
        "docker/dockerfile",
        "docker/dockerfile-upstream",
    ):
        return None
    labs = tag.endswith("-labs")
    tag = tag.removesuffix("-labs")
    if tag in ("", "1", "latest", "master", "labs"):
        return Frontend(LATEST, labs or tag == "labs")
    try:
        return Frontend(parse_version(tag), labs)
    except ValueError:
        return None


def frontend_for(spec: EngineSpec, doc: Document) -> tuple[Frontend, str] | None:
    """The Dockerfile frontend a docker/buildkit target builds this file with,
    and how we know; None when we cannot tell (docker without a directive)."""
    chosen = syntax_frontend(doc)
    if isinstance(chosen, Frontend):
        directive = doc.directive("syntax")
        return chosen, f"the frontend of `# syntax={directive.value if directive else ''}`"
    if chosen is None:
        return None  # a custom frontend image: nothing known about it
    if spec.engine == "dockerfile":
        return Frontend(spec.version, False), f"target {spec}"
    if spec.engine == "buildkit":
        version = _floor(BUILDKIT_FRONTEND, spec.version)
        if version is not None:
            return Frontend(version, False), f"the frontend built into {spec}"
    return None


# -- the feature table -------------------------------------------------------------


class Support(Record):
    """When one engine gained a feature."""

    __slots__ = ("absent_in", "labs", "since", "source")

    def __init__(
        self,
        since: Version | None,  # first version with it; None: none we know of
        source: str,
        labs: Version | None = None,  # Dockerfile frontend: first `-labs` version with it
        # When `since` is unknown: the newest version known to lack it.
        absent_in: Version | None = None,
    ) -> None:
        self.since = since
        self.source = source
        self.labs = labs
        self.absent_in = absent_in

    def lacks(self, version: Version, labs: bool = False) -> bool:
        if labs and self.labs is not None and version >= self.labs:
            return False
        if self.since is not None:
            return version < self.since
        return self.absent_in is not None and version <= self.absent_in


class Feature(Record):
    __slots__ = ("buildah", "dockerfile", "title")

    def __init__(
        self,
        title: str,  # how messages name it
        buildah: Support | None,  # None: nothing known
        dockerfile: Support | None,
    ) -> None:
        self.title = title
        self.buildah = buildah
        self.dockerfile = dockerfile


MEASURED = "measured here: buildah 1.28.2"
MISSION = "stagelint's engine notes (MISSION §2), measured with buildah 1.28.2"
_DF_NOTES = "https://docs.docker.com/build/buildkit/dockerfile-release-notes/"
_BK_REL = "https://github.com/moby/buildkit/releases/tag/dockerfile%2F"
_LAST_READ = Version(1, 19)  # the newest frontend release notes read for this table

FEATURES: dict[str, Feature] = {
    "heredoc": Feature(
        "heredocs (`<<EOF`)",
        Support(Version(1, 33), MISSION + "; " + _BUILDAH_PR + "5092"),
        Support(Version(1, 4), _DF_NOTES + " (1.4.0)", labs=Version(1, 3)),
    ),
    "link": Feature(
        "`--link`",
        Support(Version(1, 41), MISSION),
        Support(Version(1, 4), _DF_NOTES + " (1.4.0)"),
    ),
    "parents": Feature(
        "`COPY --parents`",
        Support(Version(1, 40), MISSION),
        Support(None, _DF_NOTES + " (1.7.0-labs)", labs=Version(1, 7), absent_in=_LAST_READ),
    ),
    "exclude": Feature(
        "`--exclude`",
        Support(Version(1, 38), MISSION + "; " + _BUILDAH_PR + "5733"),
        Support(Version(1, 19), _DF_NOTES + " (1.19.0)", labs=Version(1, 7)),
    ),
    "checksum": Feature(
        "`ADD --checksum`",
        Support(Version(1, 33), MISSION),
        Support(Version(1, 6), _BK_REL + "1.6.0", labs=Version(1, 5)),
    ),
    "add-git": Feature(
        "`ADD` of a Git repository",
        None,
        Support(Version(1, 6), _BK_REL + "1.6.0", labs=Version(1, 5)),
    ),
    "keep-git-dir": Feature(
        "`ADD --keep-git-dir`",
        Support(None, MEASURED, absent_in=Version(1, 28, 2)),
        Support(Version(1, 6), _BK_REL + "1.6.0", labs=Version(1, 5)),
    ),
    "unpack": Feature(
        "`ADD --unpack`",
        Support(None, MEASURED, absent_in=Version(1, 28, 2)),
        Support(Version(1, 17), _DF_NOTES + " (1.17.0)"),
    ),
    "chmod-symbolic": Feature(
        "a non-octal `--chmod` (`u+x`)",
        Support(None, MEASURED, absent_in=Version(1, 28, 2)),
        Support(Version(1, 14), _DF_NOTES + " (1.14.0)", labs=Version(1, 11)),
    ),
    "network": Feature(
        "`RUN --network`",
        Support(Version(1, 30), _BUILDAH_PR + "4566 (merged for 1.30); " + MEASURED),
        Support(Version(1, 3), _DF_NOTES + " (1.3.0)", labs=Version(1, 2, 1)),
    ),
    "security": Feature(
        "`RUN --security`",
        Support(None, MEASURED, absent_in=Version(1, 28, 2)),
        Support(
            None, _DF_NOTES + " (1.1.2-experimental)", labs=Version(1, 1, 2), absent_in=_LAST_READ
        ),
    ),
    "device": Feature(
        "`RUN --device`",
        Support(None, MEASURED, absent_in=Version(1, 28, 2)),
        Support(None, _DF_NOTES + " (1.14.0-labs)", labs=Version(1, 14), absent_in=_LAST_READ),
    ),
    "mount": Feature(
        "`RUN --mount`",
        None,
        Support(Version(1, 2), _DF_NOTES + " (1.2.0)"),
    ),
    "mount-from": Feature(
        "`RUN --mount` with `from=`",
        Support(Version(1, 24), MISSION),
        None,
    ),
    "secret-env": Feature(
        "a secret mount with `env=`",
        None,
        Support(Version(1, 10), _DF_NOTES + " (1.10.0)"),
    ),
    "start-interval": Feature(
        "`HEALTHCHECK --start-interval`",
        Support(None, MEASURED, absent_in=Version(1, 28, 2)),
        Support(Version(1, 6), _DF_NOTES + " (1.6.0)"),
    ),
}

# rw bind mounts: buildah discards the writes from 1.39 and in these patch
# releases (the CVE-2024-11218 fix; MISSION §2); older releases leak them
# into the mounted stage's working container.
RW_BIND_FIXED = Version(1, 39)
RW_BIND_BACKPORTS = (
    Version(1, 26, 9),
    Version(1, 27, 6),
    Version(1, 29, 5),
    Version(1, 33, 12),
    Version(1, 35, 5),
    Version(1, 37, 6),
    Version(1, 38, 1),
)
# RUN changes under an earlier VOLUME: reverted by buildah before 1.37
# (MISSION §2); BuildKit keeps them.
VOLUME_KEEPS = Version(1, 37)


def leaks_rw_bind(buildah: Version) -> bool:
    """Does this buildah leak writes to an rw bind mount into the mounted stage?"""
    if buildah >= RW_BIND_FIXED:
        return False
    return not any(buildah[:2] == fix[:2] and buildah >= fix for fix in RW_BIND_BACKPORTS)


def reverts_volume_writes(target: TargetEngine) -> bool | None:
    """True when some targeted engine reverts RUN changes under an earlier
    VOLUME, False when none does, None when we cannot tell."""
    answers: list[bool | None] = []
    for spec in target.specs:
        buildah = buildah_for(spec)
        if buildah is not None:
            answers.append(buildah < VOLUME_KEEPS)
        else:
            answers.append(False if spec.engine in ("buildkit", "dockerfile") else None)
    if any(a is True for a in answers):
        return True
    return None if any(a is None for a in answers) else False


class Gap(Record):
    """A feature the targeted engine lacks."""

    __slots__ = ("has", "needs", "spec")

    def __init__(
        self,
        spec: EngineSpec,
        needs: str,  # e.g. "buildah 1.33" or "Dockerfile frontend 1.4 (or 1.3-labs)"
        has: str,  # what the target gives, e.g. "target buildah>=1.28"
    ) -> None:
        self.spec = spec
        self.needs = needs
        self.has = has


def _needs(support: Support, what: str) -> str:
    if support.since is not None:
        text = f"{what} {support.since.short}"
    else:
        text = f"a {what} newer than {support.absent_in.short if support.absent_in else '?'}"
    if support.labs is not None:
        text += f" (or the {support.labs.short}-labs channel)"
    return text


def gaps(feature: str, target: TargetEngine, doc: Document) -> list[Gap]:
    """The targeted engines that lack `feature`."""
    entry = FEATURES[feature]
    out: list[Gap] = []
    for spec in target.specs:
        if spec.engine in BUILDKIT_FAMILY:
            frontend = frontend_for(spec, doc)
            support = entry.dockerfile
            if frontend is None or support is None:
                continue
            chosen, how = frontend
            if support.lacks(chosen.version, chosen.labs):
                out.append(Gap(spec, _needs(support, "Dockerfile frontend"), how))
            continue
        buildah = buildah_for(spec)
        support = entry.buildah
        if buildah is None or support is None or not support.lacks(buildah):
            continue
        has = f"target {spec}" + (f" (buildah {buildah.short})" if spec.engine == "podman" else "")
        out.append(Gap(spec, _needs(support, "buildah"), has))
    return out


# -- the rule factory --------------------------------------------------------------


class Use(Record):
    """One use of a feature in the file."""

    __slots__ = ("end", "feature", "start")

    def __init__(
        self,
        feature: str,  # a key of FEATURES
        start: int,
        end: int,
    ) -> None:
        self.feature = feature
        self.start = start
        self.end = end


Finder = Callable[[Context], Iterator[Use]]


def feature_rule(doc: str | None, *, code: str, name: str, summary: str, find: Finder) -> Rule:
    """A rule reporting each use `find` yields that a targeted engine lacks.
    Without a target engine it reports nothing."""

    def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
        target = target_of(ctx)
        if target is None:
            return
        reported: set[tuple[int, int]] = set()
        for use in find(ctx):
            found = gaps(use.feature, target, ctx.doc)
            if not found or (use.start, use.end) in reported:
                continue  # one finding per spot, even when it uses several features
            reported.add((use.start, use.end))
            title = FEATURES[use.feature].title
            detail = "; ".join(f"{g.has} (needs {g.needs})" for g in found)
            yield rule.diagnostic(use.start, use.end, f"{title} is not supported by {detail}")

    return Rule(code, name, summary, Severity.ERROR, check, doc or "")


def flag_uses(doc: Document, keywords: tuple[str, ...], flag: str, feature: str) -> Iterator[Use]:
    """Each `--flag` written on an instruction of `keywords`, as a use of `feature`."""
    for ins in doc.instructions:
        if ins.keyword in keywords:
            for f in ins.flags_named(flag):
                yield Use(feature, f.start, f.end)


def flag_finder(*flags: tuple[tuple[str, ...], str, str]) -> Finder:
    """A finder for flags: each (instruction keywords, flag name, feature)."""

    def find(ctx: Context) -> Iterator[Use]:
        for keywords, flag, feature in flags:
            yield from flag_uses(ctx.doc, keywords, flag, feature)

    return find
