"""Image labels: the shared logic of the label rules (SL432-SL441).

The rules read the LABEL instructions of the stages whose labels end up in
the image that ships: the target stage (the last one, or `--target`) and the
stages it is built on. A builder stage's labels never reach a registry, so
they are not judged. Keys and values are compared after quote removal and
variable expansion; a value that depends on an undefined variable or on an
ARG without a default is unknown and not judged.

The `label-schema` setting maps a label to the kind of value it must hold
(`text`, `url`, `hash`, `rfc3339`, `semver`, `spdx`, `email`);
`strict-labels` makes labels outside the schema a finding. `label_rule`
builds a rule from a function that lists findings; `value_rule` builds the
rule for one kind of value from a validator.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping

from stagelint.expand import is_plain
from stagelint.imageconfig import resolved_config
from stagelint.lazyre import lazy_pattern
from stagelint.model import Stage
from stagelint.records import Record
from stagelint.rule import Context, Diagnostic, Rule, Severity
from stagelint.tree import Instruction


class LabelUse(Record):
    """One `key=value` of a LABEL in the shipped image's stages."""

    __slots__ = ("key", "key_end", "key_start", "node", "value", "value_end", "value_start")

    def __init__(
        self,
        node: Instruction,
        key: str,  # expanded, quotes removed
        value: str | None,  # expanded, quotes removed; None when unknown
        key_start: int,
        key_end: int,
        value_start: int,
        value_end: int,
    ) -> None:
        self.node = node
        self.key = key
        self.value = value
        self.key_start = key_start
        self.key_end = key_end
        self.value_start = value_start
        self.value_end = value_end


Finding = tuple[int, int, str]
Findings = Callable[[Context], Iterator[Finding]]


def image_stages(ctx: Context) -> list[Stage]:
    """The target stage and its base stages, base first."""
    target = ctx.model.target
    return [] if target is None else [*reversed(target.ancestors()), target]


def schema(ctx: Context) -> Mapping[str, str]:
    value = ctx.settings.get("label-schema")
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, Mapping) else {}


def label_uses(ctx: Context) -> list[LabelUse]:
    """The LABEL pairs of the image's stages, expanded (shared by the label rules)."""
    return ctx.model.shared("labels.uses", lambda: list(_label_uses(ctx)))


def _label_uses(ctx: Context) -> Iterator[LabelUse]:
    model = ctx.model
    escape = model.doc.escape
    for stage in image_stages(ctx):
        for node in stage.instructions:
            if node.keyword != "LABEL":
                continue
            for kv in node.key_values:
                key = kv.key if is_plain(kv.key, escape) else model.expand(node, kv.key).value
                if is_plain(kv.value, escape):  # most labels: nothing to expand
                    value: str | None = kv.value
                else:
                    expansion = model.expand(node, kv.value)
                    args = model.scope(node).args
                    # A build argument without a default makes the value unknown.
                    unknown = bool(expansion.unset) or any(
                        n in args and args[n] is None for n in expansion.used
                    )
                    value = None if unknown else expansion.value
                key_end = kv.start + len(kv.key)
                value_start = key_end + len(kv.separator) if kv.separator else kv.start
                yield LabelUse(
                    node,
                    key,
                    value,
                    kv.start,
                    key_end,
                    value_start,
                    kv.end,
                )


def base_image_labels(ctx: Context) -> frozenset[str] | None:
    """Labels of the external image the target is built on, when a local
    engine can tell (None when unknown)."""
    stages = image_stages(ctx)
    if not stages or stages[0].base_kind != "image":
        return frozenset()
    config = resolved_config(ctx.settings, stages[0].base)
    return frozenset(k for k, _ in config.labels) if config is not None else None


def label_rule(
    doc: str | None,
    *,
    code: str,
    name: str,
    summary: str,
    severity: Severity,
    alias: str,
    findings: Findings,
) -> Rule:
    """A label rule whose findings come from `findings(ctx)`."""

    def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
        for start, end, message in findings(ctx):
            yield rule.diagnostic(start, end, message)

    return Rule(code, name, summary, severity, check, doc or "", aliases=(alias,))


def value_rule(
    doc: str | None,
    *,
    code: str,
    name: str,
    summary: str,
    alias: str,
    kind: str,
    valid: Callable[[str], bool],
    expected: str,
) -> Rule:
    """The rule for labels the schema declares of `kind`: each known,
    non-empty value must pass `valid` (empty values are SL435's)."""

    def findings(ctx: Context) -> Iterator[Finding]:
        wanted = schema(ctx)
        if kind not in wanted.values():
            return  # the schema asks for no label of this kind
        for use in label_uses(ctx):
            if wanted.get(use.key) == kind and use.value and not valid(use.value):
                yield (
                    use.value_start,
                    use.value_end,
                    f"Label `{use.key}` is not {expected}: `{use.value}`",
                )

    return label_rule(
        doc,
        code=code,
        name=name,
        summary=summary,
        severity=Severity.WARNING,
        alias=alias,
        findings=findings,
    )


# -- keys -------------------------------------------------------------------

_KEY = re.compile(r"[a-z](?:[a-z0-9._/-]*[a-z0-9])?")
RESERVED_PREFIXES = ("com.docker.", "io.docker.", "org.dockerproject.")


def key_problem(key: str) -> str | None:
    """Why `key` breaks Docker's label key guidelines, or None."""
    if key.startswith(RESERVED_PREFIXES):
        return "is in a namespace reserved for Docker"
    if not _KEY.fullmatch(key):
        return (
            "should start with a lower-case letter, end with a lower-case letter or "
            "digit, and hold only lower-case letters, digits, `.`, `-`, `_` and `/`"
        )
    if ".." in key or "--" in key:
        return "should not repeat `.` or `-`"
    return None


# -- values -----------------------------------------------------------------

_SCHEME = lazy_pattern(r"[A-Za-z][A-Za-z0-9+.-]*:")
_URI_CHARS = lazy_pattern(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*")


def is_url(value: str) -> bool:
    """An absolute URI (RFC 3986): a scheme, then URI characters only; with
    `//` an authority (host) must follow."""
    scheme = _SCHEME().match(value)
    if scheme is None:
        return False
    rest = value[scheme.end() :]
    if not rest or not _URI_CHARS().fullmatch(rest):
        return False
    if rest.startswith("//"):
        authority = re.split(r"[/?#]", rest[2:], maxsplit=1)[0]
        host = authority.rpartition("@")[2]
        return bool(host) and not host.startswith(":")
    return True


_RFC3339 = lazy_pattern(
    r"(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))"
)


def is_rfc3339(value: str) -> bool:
    """An RFC 3339 date-time: `2024-05-01T12:00:00Z`, with a zone, `T` (a
    space is not accepted), a real calendar date and leap seconds allowed."""
    m = _RFC3339().fullmatch(value)
    if m is None:
        return False
    year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
    import calendar  # only when a schema asks for a date

    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return False
    if hour > 23 or minute > 59 or second > 60:
        return False
    zone_hour, zone_minute = m.group(7), m.group(8)
    return zone_hour is None or (int(zone_hour) <= 23 and int(zone_minute or 0) <= 59)


def is_git_hash(value: str) -> bool:
    """A git object name as git prints it: 7 to 40 lower-case hex digits
    (abbreviated or full SHA-1), or 64 (SHA-256 repositories)."""
    return bool(re.fullmatch(r"[0-9a-f]{7,40}|[0-9a-f]{64}", value))


_NUM = r"(?:0|[1-9][0-9]*)"
_PRE = r"(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)"
_SEMVER = lazy_pattern(
    rf"{_NUM}\.{_NUM}\.{_NUM}(?:-{_PRE}(?:\.{_PRE})*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?"
)


def is_semver(value: str) -> bool:
    """Semantic Versioning 2.0.0: `1.2.3`, `1.2.3-rc.1+build.5`; no `v`
    prefix, no leading zeros."""
    return bool(_SEMVER().fullmatch(value))


_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_DOT_ATOM = rf"{_ATEXT}(?:\.{_ATEXT})*"
_QUOTED = r'"(?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\[\x20-\x7e])*"'
_DOMAIN_LITERAL = r"\[[\x21-\x5a\x5e-\x7e]*\]"
_EMAIL = lazy_pattern(rf"(?:{_DOT_ATOM}|{_QUOTED})@(?:{_DOT_ATOM}|{_DOMAIN_LITERAL})")


def is_email(value: str) -> bool:
    """An RFC 5322 addr-spec: `local@domain`, where the local part is a
    dot-atom or a quoted string and the domain a dot-atom or `[literal]`
    (no comments, no display name)."""
    return bool(_EMAIL().fullmatch(value))


def _lower_words(text: str) -> frozenset[str]:
    return frozenset(word.lower() for word in text.split())


# SPDX license list identifiers (a selection of the common ones, deprecated
# ids included since they remain valid) and exception identifiers.
SPDX_LICENSES = _lower_words(
    """
    0BSD AAL AFL-1.1 AFL-1.2 AFL-2.0 AFL-2.1 AFL-3.0 AGPL-1.0 AGPL-1.0-only
    AGPL-1.0-or-later AGPL-3.0 AGPL-3.0-only AGPL-3.0-or-later Apache-1.0
    Apache-1.1 Apache-2.0 APSL-1.0 APSL-1.1 APSL-1.2 APSL-2.0 Artistic-1.0
    Artistic-1.0-Perl Artistic-2.0 BlueOak-1.0.0 BSD-1-Clause BSD-2-Clause
    BSD-2-Clause-Patent BSD-3-Clause BSD-3-Clause-Clear BSD-3-Clause-LBNL
    BSD-4-Clause BSD-Source-Code BSL-1.0 BUSL-1.1 bzip2-1.0.6 CAL-1.0 CC-BY-1.0
    CC-BY-2.0 CC-BY-2.5 CC-BY-3.0 CC-BY-4.0 CC-BY-NC-4.0 CC-BY-NC-ND-4.0
    CC-BY-NC-SA-4.0 CC-BY-ND-4.0 CC-BY-SA-3.0 CC-BY-SA-4.0 CC0-1.0 CDDL-1.0
    CDDL-1.1 CDLA-Permissive-1.0 CDLA-Permissive-2.0 CDLA-Sharing-1.0
    CECILL-2.1 CECILL-B CECILL-C ClArtistic CNRI-Python CPAL-1.0 CPL-1.0
    Creative-Commons-0 curl ECL-2.0 EFL-2.0 Elastic-2.0 EPL-1.0 EPL-2.0
    EUPL-1.1 EUPL-1.2 FSFAP FSFUL FSFULLR FTL GFDL-1.1 GFDL-1.2 GFDL-1.3
    GFDL-1.3-only GFDL-1.3-or-later GPL-1.0 GPL-1.0-only GPL-1.0-or-later
    GPL-1.0+ GPL-2.0 GPL-2.0-only GPL-2.0-or-later GPL-2.0+ GPL-3.0
    GPL-3.0-only GPL-3.0-or-later GPL-3.0+ HPND ICU IJG Imlib2 Info-ZIP
    Intel IPL-1.0 ISC JasPer-2.0 JSON LGPL-2.0 LGPL-2.0-only LGPL-2.0-or-later
    LGPL-2.0+ LGPL-2.1 LGPL-2.1-only LGPL-2.1-or-later LGPL-2.1+ LGPL-3.0
    LGPL-3.0-only LGPL-3.0-or-later LGPL-3.0+ libpng-2.0 Libpng libtiff LPL-1.02
    LPPL-1.3c MirOS MIT MIT-0 MIT-CMU MIT-Modern-Variant MPL-1.0 MPL-1.1
    MPL-2.0 MPL-2.0-no-copyleft-exception MS-PL MS-RL MulanPSL-2.0 NCSA
    Nokia NPL-1.1 NTP OFL-1.0 OFL-1.1 OpenSSL OSL-1.0 OSL-2.0 OSL-2.1 OSL-3.0
    PHP-3.0 PHP-3.01 PostgreSQL PSF-2.0 Python-2.0 Python-2.0.1 QPL-1.0
    Ruby SGI-B-2.0 SISSL Sleepycat SMLNJ SPL-1.0 SSPL-1.0 TCL Unicode-3.0
    Unicode-DFS-2015 Unicode-DFS-2016 Unlicense UPL-1.0 Vim W3C W3C-20150513
    WTFPL X11 XFree86-1.1 Xnet Zend-2.0 Zlib zlib-acknowledgement ZPL-1.1
    ZPL-2.0 ZPL-2.1
    """
)
SPDX_EXCEPTIONS = _lower_words(
    """
    Autoconf-exception-2.0 Autoconf-exception-3.0 Bison-exception-2.2
    Bootloader-exception Classpath-exception-2.0 CLISP-exception-2.0
    eCos-exception-2.0 Font-exception-2.0 freertos-exception-2.0
    GCC-exception-2.0 GCC-exception-3.1 GPL-3.0-linking-exception
    GPL-3.0-linking-source-exception GPL-CC-1.0 LGPL-3.0-linking-exception
    Libtool-exception Linux-syscall-note LLVM-exception
    OCaml-LGPL-linking-exception OpenJDK-assembly-exception-1.0
    openvpn-openssl-exception Qt-GPL-exception-1.0 Qt-LGPL-exception-1.1
    Qwt-exception-1.0 Swift-exception u-boot-exception-2.0
    Universal-FOSS-exception-1.0 WxWindows-exception-3.1
    """
)
_SPDX_TOKEN = lazy_pattern(r"\s*(\(|\)|[A-Za-z0-9.:+-]+)")
_IDSTRING = r"[A-Za-z0-9.-]+"
_LICENSE_REF = lazy_pattern(rf"(?:DocumentRef-{_IDSTRING}:)?LicenseRef-{_IDSTRING}")


def _spdx_tokens(value: str) -> list[str] | None:
    tokens: list[str] = []
    pos = 0
    while pos < len(value):
        m = _SPDX_TOKEN().match(value, pos)
        if m is None:
            return None if value[pos:].strip() else tokens
        tokens.append(m.group(1))
        pos = m.end()
    return tokens


def _simple_license(token: str) -> bool:
    if _LICENSE_REF().fullmatch(token):
        return True
    base = token[:-1] if token.endswith("+") else token
    return base.lower() in SPDX_LICENSES


def is_spdx(value: str) -> bool:
    """An SPDX license expression: known license ids (case-insensitive, `+`
    allowed), `LicenseRef-...`, `WITH` an exception id, `AND`/`OR` and
    parentheses."""
    tokens = _spdx_tokens(value)
    if not tokens:
        return False
    pos = 0

    def operator(token: str) -> str:
        return token.upper() if token in ("AND", "OR", "WITH", "and", "or", "with") else ""

    def primary() -> bool:
        nonlocal pos
        if pos >= len(tokens):
            return False
        token = tokens[pos]
        pos += 1
        if token == "(":
            if not expression() or pos >= len(tokens) or tokens[pos] != ")":
                return False
            pos += 1
            return True
        if token == ")" or operator(token) or not _simple_license(token):
            return False
        if pos < len(tokens) and operator(tokens[pos]) == "WITH":
            pos += 1
            if pos >= len(tokens) or tokens[pos].lower() not in SPDX_EXCEPTIONS:
                return False
            pos += 1
        return True

    def expression() -> bool:
        nonlocal pos
        if not primary():
            return False
        while pos < len(tokens) and operator(tokens[pos]) in ("AND", "OR"):
            pos += 1
            if not primary():
                return False
        return True

    return expression() and pos == len(tokens)
