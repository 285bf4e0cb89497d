"""Variable used where the builder expands it, but never defined

## What it does
Reports a `$VAR` or `${VAR}` in a part of an instruction that the builder
expands itself (ENV and LABEL values, ARG defaults, WORKDIR, USER, EXPOSE,
STOPSIGNAL, VOLUME, COPY/ADD arguments and their `--from`, `--chown`,
`--chmod`, `--checksum` flags, RUN `--mount` values) when no ARG or ENV in
scope defines it. The shell text of RUN, CMD and ENTRYPOINT is not checked:
the shell expands it at run time, with the container's environment. `FROM`
is checked by its own rule.

The message suggests the closest defined name (`$PAHT`: did you mean
`$PATH`?), and says so when the variable is a global ARG or a predefined
platform ARG (`TARGETARCH`...) that the stage did not redeclare: those are
not visible inside a stage without `ARG NAME`.

Not reported:
* `${VAR:-default}`, `${VAR-default}`, `${VAR:+alt}` and `${VAR+alt}`, which
  exist to cope with an unset variable (`${VAR:?msg}` is SL013's business);
* an ARG declared without a value (`ARG VERSION`): it is defined, its value
  comes from `--build-arg`;
* the predefined proxy ARGs (`HTTP_PROXY`, `no_proxy`...), and `PATH`, which
  every base image but `scratch` defines;
* ONBUILD triggers, which are expanded in the image that is built on them.

Base images define environment variables this file cannot show (`FROM
python` defines `PYTHON_VERSION`). When the base image is available to a
local engine (buildah or podman, never a registry) its ENV is read and the
check is exact. Otherwise a stage built on an image does not report names
written in upper case (the convention for image ENV), unless they are one
edit away from a defined name; lower-case names are reported, as are all
names in stages built on `scratch`.

## Why is this bad?
BuildKit and buildah expand an undefined variable to the empty string
without an error: `COPY $SRC /app/` copies the whole context, `WORKDIR
$HOME/app` is `/app`. A typo silently changes the image.

## Example
```dockerfile
FROM alpine:3.20
ARG VERSION=1.2
ENV APP_VERSION=$VERSOIN
COPY dist/$TARGETARCH/app /usr/bin/app
```

Use instead:
```dockerfile
FROM alpine:3.20
ARG VERSION=1.2
ARG TARGETARCH
ENV APP_VERSION=$VERSION
COPY dist/$TARGETARCH/app /usr/bin/app
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from stagelint.expand import ExpansionError, expand_word
from stagelint.imageconfig import resolved_config
from stagelint.model import PLATFORM_ARGS, PROXY_ARGS, Model, Stage
from stagelint.rule import Context, Diagnostic, Rule, Severity
from stagelint.tree import Instruction

# Instructions whose plain arguments the builder expands.
_EXPANDED_ARGUMENTS = frozenset(
    {"WORKDIR", "USER", "STOPSIGNAL", "EXPOSE", "VOLUME", "COPY", "ADD"}
)
# Flags whose values the builder expands, per instruction.
_EXPANDED_FLAGS: Mapping[str, frozenset[str]] = {
    "COPY": frozenset({"from", "chown", "chmod"}),
    "ADD": frozenset({"chown", "chmod", "checksum"}),
    "RUN": frozenset({"mount"}),
}
_ALWAYS_DEFINED = frozenset(PROXY_ARGS) | {"PATH"}
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class _Scope:
    """What one instruction can see, and the stage whose base image may hide more."""

    def __init__(
        self, variables: Mapping[str, str], declared: frozenset[str], stage: Stage | None
    ) -> None:
        self.variables = variables
        self.declared = declared
        self.stage = stage  # None before the first FROM


class _Images:
    """The ENV names of each stage's base image, read only when a finding
    depends on them (reading asks a local engine, which takes time)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.cache: dict[int, tuple[frozenset[str], bool]] = {}

    def env(self, stage: Stage | None) -> tuple[frozenset[str], bool]:
        """The names the image defines, and whether they are unknown."""
        if stage is None:
            return frozenset(), False
        if stage.index not in self.cache:
            self.cache[stage.index] = _image_env(self.ctx, stage)
        return self.cache[stage.index]


def _pieces(node: Instruction) -> Iterator[tuple[str, int, int]]:
    """The words the builder expands, each with the source span to search."""
    kw = node.keyword
    if kw in ("ENV", "LABEL"):
        for kv in node.key_values:
            yield kv.value, kv.start, kv.end
    elif kw == "ARG":
        for kv in node.key_values:
            _, eq, default = kv.key.partition("=")
            if eq:
                yield default, kv.start, kv.end
    elif kw in _EXPANDED_ARGUMENTS:
        for word in node.arguments:
            if not (node.heredocs and word.startswith("<<")):
                yield word, node.args_start, node.args_end
    for flag in node.flags:
        if flag.value is not None and flag.name in _EXPANDED_FLAGS.get(kw, ()):
            yield flag.value, flag.value_start, flag.value_end


def _edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance (a swap of neighbours costs 1)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def closest(name: str, candidates: frozenset[str]) -> str | None:
    """The defined name `name` is most likely a typo of, if any is close."""
    limit = max(1, min(2, len(name) // 4))
    best: tuple[int, str] | None = None
    for candidate in sorted(candidates):
        if candidate == name:
            continue
        distance = _edit_distance(name.lower(), candidate.lower())
        if distance <= limit and (best is None or distance < best[0]):
            best = (distance, candidate)
    return best[1] if best else None


def _image_env(ctx: Context, stage: Stage) -> tuple[frozenset[str], bool]:
    """The ENV names of the image at the root of `stage`'s chain, and whether
    the stage is built on an image whose ENV could not be read."""
    root = stage.root
    if root.base_kind != "image":
        return frozenset(), False
    config = resolved_config(ctx.settings, root.base)
    if config is not None:
        return frozenset(e.partition("=")[0] for e in config.env), False
    return frozenset(), True


def _meta_scope(meta: Mapping[str, str | None]) -> _Scope:
    """The scope of an instruction before the first FROM."""
    values = {n: v for n, v in meta.items() if v is not None}
    variables = {**{n: "" for n in PLATFORM_ARGS}, **values}
    return _Scope(variables, frozenset(meta) | set(PLATFORM_ARGS), None)


def _stage_scope(model: Model, node: Instruction, stage: Stage) -> _Scope:
    scope = model.scope(node)
    declared = frozenset(scope.env) | frozenset(scope.args)
    return _Scope(scope.variables(), declared, stage)


def _message(name: str, scope: _Scope, images: _Images, model: Model) -> str | None:
    if scope.stage is not None and (name in PLATFORM_ARGS or name in model.meta_args):
        kind = "a predefined platform ARG" if name in PLATFORM_ARGS else "a global ARG"
        return (
            f"`${name}` is {kind} but this stage does not declare it; "
            f"add `ARG {name}` after FROM to use it"
        )
    image_env, unknown = images.env(scope.stage)
    if name in image_env:
        return None
    suggestion = closest(name, scope.declared | image_env | {"PATH"})
    if unknown and not any(c.islower() for c in name) and suggestion is None:
        return None  # may well come from the base image's ENV
    hint = f" (did you mean `${suggestion}`?)" if suggestion else ""
    return f"Usage of undefined variable `${name}`{hint}"


def _uses_dollar(node: Instruction, source: str) -> bool:
    """Could a word of `node` use a variable? Every use starts with `$`, and
    outside the JSON form (where `\\u0024` is one) a word's `$` is in the text."""
    return node.json or source.find("$", node.start, node.end) >= 0


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    source = ctx.doc.source
    model: Model = ctx.model
    images = _Images(ctx)
    meta: dict[str, str | None] = {}  # the global ARGs declared so far
    for node in ctx.doc.instructions:
        uses = node.keyword not in ("FROM", "ONBUILD") and _uses_dollar(node, source)
        if not uses and node.keyword != "ARG":
            continue  # most instructions: no variable, no global ARG
        stage = model.stage_of(node)
        if uses:
            pieces = [piece for piece in _pieces(node) if "$" in piece[0]]
            if pieces:
                scope = _stage_scope(model, node, stage) if stage is not None else _meta_scope(meta)
                yield from _undefined(rule, pieces, scope, images, ctx)
        if stage is None and node.keyword == "ARG":
            for kv in node.key_values:
                name, eq, default = kv.key.partition("=")
                meta[name] = default if eq else None


def _undefined(
    rule: Rule,
    pieces: list[tuple[str, int, int]],
    scope: _Scope,
    images: _Images,
    ctx: Context,
) -> Iterator[Diagnostic]:
    """The undefined variables the words of one instruction use."""
    escape = ctx.doc.escape
    source = ctx.doc.source
    seen: set[str] = set()
    for word, start, end in pieces:
        try:
            expansion = expand_word(word, scope.variables, escape=escape)
        except ExpansionError:
            continue  # SL013 reports words the builder cannot expand
        for name in sorted(expansion.unset - scope.declared):
            if name in seen or name in _ALWAYS_DEFINED or not _NAME.fullmatch(name):
                continue
            message = _message(name, scope, images, ctx.model)
            if message is None:
                continue
            seen.add(name)
            found = re.compile(
                r"\$(?:\{" + re.escape(name) + r"\}?|" + re.escape(name) + r")(?![A-Za-z0-9_])"
            ).search(source, start, end)
            span = (found.start(), found.end()) if found else (start, end)
            yield rule.diagnostic(span[0], span[1], message)


RULE = Rule(
    code="SL430",
    name="undefined-variable",
    summary="Variable used where the builder expands it, but never defined",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__ or "",
    aliases=("UndefinedVar",),
)
