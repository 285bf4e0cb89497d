"""Image references and stage references, for the SL3xx rules.

`parse_reference` reads an image reference with the grammar of Docker's
distribution/reference package (written from its documented grammar):

    reference  := name [ ":" tag ] [ "@" digest ]
    name       := [ domain "/" ] path
    domain     := host [ ":" port ]        (host: DNS labels, or [IPv6])
    path       := component ( "/" component )*
    component  := [a-z0-9]+ ( ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ )*
    tag        := [A-Za-z0-9_] [A-Za-z0-9_.-]{0,127}
    digest     := algorithm ":" hex      (hex: 32 or more hex digits)

The first path element is a registry only when it contains `.` or `:` or is
`localhost` (or has upper-case letters, which a repository cannot); otherwise
the image lives on Docker Hub (`docker.io`, which `index.docker.io` also
names). The rest of the module gives rules what they share: the words of a
FROM with their spans, the base image of each stage resolved through the meta
ARGs (with "unknown" when a value comes from the command line or the
platform), and close-name suggestions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Literal, NamedTuple

from stagelint.expand import ExpansionError, expand_word
from stagelint.model import PLATFORM_ARGS, Model, Reference, Stage
from stagelint.rule import Context, Diagnostic, Rule, Severity
from stagelint.tree import Instruction

DOCKER_HUB = "docker.io"
# Names Docker itself rewrites to Docker Hub.
_HUB_ALIASES = frozenset({"docker.io", "index.docker.io"})
MAX_NAME_LENGTH = 255

_COMPONENT = r"[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*"
_PATH = re.compile(rf"{_COMPONENT}(?:/{_COMPONENT})*")
_LABEL = r"(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])"
_DOMAIN = re.compile(rf"(?:{_LABEL}(?:\.{_LABEL})*|\[[0-9A-Fa-f:]+\])(?::[0-9]+)?")
_TAG = re.compile(r"[\w][\w.-]{0,127}", re.ASCII)
_DIGEST = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}")
_WORD = re.compile(r"[^\t\v\f\r ]+")  # FROM splits its arguments on these
_VARIABLE = r"\$(?:\{{)?{name}(?![\w])"


class InvalidReference(ValueError):
    """Not an image reference; the message says why."""


class ImageRef(NamedTuple):
    domain: str | None  # as written; None for a Docker Hub short name
    path: str
    tag: str | None
    digest: str | None

    @property
    def registry(self) -> str:
        """The registry the image is pulled from, Docker Hub spelled `docker.io`."""
        if self.domain is None or self.domain.lower() in _HUB_ALIASES:
            return DOCKER_HUB
        return self.domain.lower()

    @property
    def name(self) -> str:
        """The repository as written, without tag or digest."""
        return f"{self.domain}/{self.path}" if self.domain else self.path


def _split_domain(name: str) -> tuple[str | None, str]:
    first, slash, rest = name.partition("/")
    if slash and ("." in first or ":" in first or first == "localhost" or first != first.lower()):
        return first, rest
    return None, name


def parse_reference(text: str) -> ImageRef:
    """Parse an image reference; raises InvalidReference with the reason."""
    if not text:
        raise InvalidReference("the image reference is empty")
    rest, at, digest = text.partition("@")
    if at and not _DIGEST.fullmatch(digest):
        raise InvalidReference(f"`{digest}` is not a valid digest (algorithm:hex)")
    # A tag is what follows the last `:` unless that `:` belongs to a port.
    tag: str | None = None
    colon = rest.rfind(":")
    if colon > rest.rfind("/"):
        rest, tag = rest[:colon], rest[colon + 1 :]
        if not tag:
            raise InvalidReference("the tag after `:` is empty")
        if not _TAG.fullmatch(tag):
            raise InvalidReference(f"`{tag}` is not a valid tag")
    if not rest:
        raise InvalidReference("the repository name is empty")
    if len(rest) > MAX_NAME_LENGTH:
        raise InvalidReference(f"the repository name is longer than {MAX_NAME_LENGTH} characters")
    domain, path = _split_domain(rest)
    if domain is not None and not _DOMAIN.fullmatch(domain):
        raise InvalidReference(f"`{domain}` is not a valid registry host")
    if not _PATH.fullmatch(path):
        if path != path.lower():
            raise InvalidReference(f"the repository name `{path}` must be lower-case")
        raise InvalidReference(f"`{path}` is not a valid repository name")
    return ImageRef(domain, path, tag, digest if at else None)


class Word(NamedTuple):
    text: str
    start: int  # source span
    end: int


def from_words(node: Instruction) -> list[Word]:
    """The arguments of a FROM (image, `AS`, name) with their source spans."""
    out: list[Word] = []
    for m in _WORD.finditer(node.args_text):
        start, end = node.args_span(m.start(), m.end())
        out.append(Word(m.group(), start, end))
    return out


def stage_words(model: Model, stage: Stage) -> list[Word]:
    """`from_words` of the stage's FROM, worked out once per lint for every
    stage (seven rules read them). Not to be changed by the caller."""
    words = model.shared(
        "stagerefs.stage_words", lambda: [from_words(s.from_instruction) for s in model.stages]
    )
    return words[stage.index]


def name_word(model: Model, stage: Stage) -> Word | None:
    """The stage-name word of `FROM image AS name`, as written."""
    words = stage_words(model, stage)
    if len(words) == 3 and words[1].text.upper() == "AS":
        return words[2]
    return None


def variable_span(text: str, start: int, name: str) -> tuple[int, int] | None:
    """Span of the first `$name` or `${name` in `text`, which starts at `start`."""
    m = re.search(_VARIABLE.format(name=re.escape(name)), text)
    return (start + m.start(), start + m.end()) if m else None


class Resolved(NamedTuple):
    """A word of a FROM, expanded the way the build sees it."""

    value: str
    used: frozenset[str]  # variables it reads
    known: bool  # False when a value comes from the command line or the platform


def resolve_from_word(model: Model, word: str) -> Resolved:
    """Expand a FROM word with the meta ARGs (and configured build args).

    An ARG declared without a default, an undeclared name and the platform
    ARGs make the value unknown: it is whatever the build is given."""
    variables = {k: v for k, v in model.meta_args.items() if v is not None}
    try:
        exp = expand_word(word, variables, escape=model.doc.escape)
    except ExpansionError:
        return Resolved(word, frozenset(), False)
    known = not exp.unset and not (exp.used & set(PLATFORM_ARGS))
    return Resolved(exp.value, exp.used, known)


class BaseImage(NamedTuple):
    """A stage built FROM an image (not a stage, not scratch)."""

    stage: Stage
    word: Word
    resolved: Resolved

    def describe(self) -> str:
        """The image for messages, saying where a resolved value came from."""
        value = self.resolved.value
        return f"`{value}` (from `{self.word.text}`)" if value != self.word.text else f"`{value}`"


def base_images(model: Model) -> Iterator[BaseImage]:
    """The image each stage starts from, when the file says which one."""
    for stage in model.stages:
        words = stage_words(model, stage)
        if not words or stage.base_kind != "image":
            continue
        yield BaseImage(stage, words[0], resolve_from_word(model, words[0].text))


def known_refs(model: Model) -> list[tuple[BaseImage, ImageRef]]:
    """Base images whose value is known and parses as an image reference
    (worked out once per lint: several rules look at them)."""
    return model.shared("stagerefs.known_refs", lambda: list(_known_refs(model)))


def _known_refs(model: Model) -> Iterator[tuple[BaseImage, ImageRef]]:
    for base in base_images(model):
        if not base.resolved.known:
            continue
        try:
            yield base, parse_reference(base.resolved.value)
        except InvalidReference:
            continue  # SL312 or the engine reports it; nothing to say about its tag


ImageProblem = Callable[[BaseImage, ImageRef, Mapping[str, object]], str | None]


def base_image_rule(
    doc: str | None,
    *,
    code: str,
    name: str,
    summary: str,
    problem: ImageProblem,
    severity: Severity = Severity.WARNING,
    aliases: tuple[str, ...] = (),
) -> Rule:
    """A rule reporting the base images for which `problem` gives a message."""

    def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
        for base, ref in known_refs(ctx.model):
            message = problem(base, ref, ctx.settings)
            if message is not None:
                yield rule.diagnostic(base.word.start, base.word.end, message)

    return Rule(code, name, summary, severity, check, doc or "", aliases=aliases)


def close_name(name: str, candidates: list[str]) -> str | None:
    """The candidate closest to `name` (case-insensitive), if one is close."""
    import difflib  # only when a reference is wrong

    by_lower = {c.lower(): c for c in candidates}
    found = difflib.get_close_matches(name.lower(), list(by_lower), n=1, cutoff=0.75)
    return by_lower[found[0]] if found else None


TargetKind = Literal["stage", "self", "later", "out-of-range", "image", "bare-name", "invalid"]


class StageRef(NamedTuple):
    """A `COPY --from=` or `RUN --mount=...,from=` value and where it points."""

    reference: Reference
    value: str  # after expansion
    start: int  # source span of the value as written (the flag for a mount)
    end: int
    kind: TargetKind
    stage: Stage | None  # the stage it names, whatever its position


def _kind(model: Model, here: Stage, value: str) -> tuple[TargetKind, Stage | None]:
    lowered = value.lower()
    found: Stage | None
    if value.isdigit():
        index = int(value)
        if index >= len(model.stages):
            return "out-of-range", None
        found = model.stages[index]
    else:
        named = model.stages_named(lowered)
        earlier = [s for s in named if s.index < here.index]
        found = earlier[-1] if earlier else named[0] if named else None
    if found is not None:
        if found is here:
            return "self", found
        return ("stage" if found.index < here.index else "later"), found
    if "/" not in value and ":" not in value and "@" not in value:
        return "bare-name", None
    try:
        parse_reference(value)
    except InvalidReference:
        return "invalid", None
    return "image", None


def stage_refs(model: Model) -> Iterator[StageRef]:
    """Every `--from` of COPY and of RUN mounts whose value the file determines."""
    source = model.doc.source
    for ref in model.references:
        node = ref.instruction
        if ref.kind == "copy":
            flag = node.flag("from")
        elif ref.kind == "mount" and ref.mount is not None:
            flag = ref.mount.flag
        else:
            continue
        if flag is None or flag.value is None or not ref.raw:
            continue
        if "$" in flag.value and model.expand(node, flag.value).unset:
            continue  # the value comes from the command line
        start, end = flag.value_start, flag.value_end
        if ref.kind == "mount":
            found = re.search(r"from=", source[start:end], re.IGNORECASE)
            if found is not None:
                start += found.end()
                end = start + len(ref.raw) if source[start:end].startswith(ref.raw) else end
        kind, target = _kind(model, ref.stage, ref.raw)
        yield StageRef(ref, ref.raw, start, end, kind, target)


RefMessage = Callable[[Model, StageRef], str | None]


def stage_ref_rule(
    doc: str | None,
    *,
    code: str,
    name: str,
    summary: str,
    message: RefMessage,
    severity: Severity,
    aliases: tuple[str, ...] = (),
) -> Rule:
    """A rule reporting the `--from` values for which `message` has something to say."""

    def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
        for sref in stage_refs(ctx.model):
            text = message(ctx.model, sref)
            if text is not None:
                yield rule.diagnostic(sref.start, sref.end, text)

    return Rule(code, name, summary, severity, check, doc or "", aliases=aliases)


def line_of(model: Model, stage: Stage) -> int:
    return model.doc.position(stage.from_instruction.start)[0]
