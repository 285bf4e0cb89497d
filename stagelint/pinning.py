"""Packages installed without a version: the shared logic of the pinning rules.

Each pinning rule names the managers and subcommands it checks, how a pinned
package is written for that manager, and which operands are not registry
packages at all (local files, URLs, groups). A word holding a variable
(`curl=$CURL_VERSION`, `$PACKAGES`) is never reported: its value is unknown,
and a version given through a build argument is the usual way to pin.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from stagelint.lazyre import lazy_pattern
from stagelint.pm_calls import calls_of, names, redirect_hint, word_span
from stagelint.records import Record
from stagelint.rule import Context, Diagnostic, Rule, Severity
from stagelint.shell import PackageManagerCall, Word

_URL_RE = lazy_pattern(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_RPM_VERSION_RE = re.compile(r"\d")
# Go module queries that name no fixed version.
_FLOATING = frozenset({"latest", "upgrade", "patch", ""})


class PinSpec(Record):
    __slots__ = (
        "foreign",
        "managers",
        "pinned",
        "pinning_options",
        "skip_when",
        "subcommands",
        "usage",
    )

    def __init__(
        self,
        managers: frozenset[str],
        subcommands: frozenset[str],
        pinned: Callable[[str], bool],  # is this operand (a static word) version-pinned?
        foreign: Callable[[str], bool],  # not a registry package: a file, URL, group...
        usage: str,  # how a pinned install is written, for the message
        # Options that pin every package of the call (`gem install x -v 1`) or may
        # (`pip install -c constraints.txt x`: the file can hold the versions).
        pinning_options: tuple[str, ...] = (),
        # Options that select something else than packages (`zypper in -t pattern`).
        skip_when: Callable[[PackageManagerCall], bool] | None = None,
    ) -> None:
        self.managers = managers
        self.subcommands = subcommands
        self.pinned = pinned
        self.foreign = foreign
        self.usage = usage
        self.pinning_options = pinning_options
        self.skip_when = skip_when


def unpinned(spec: PinSpec, call: PackageManagerCall) -> list[Word]:
    """The operands of `call` that name a registry package without a version."""
    if call.has_option(*spec.pinning_options):
        return []
    if spec.skip_when is not None and spec.skip_when(call):
        return []
    return [
        word
        for word in call.packages
        if word.value is not None
        and word.value
        and not spec.foreign(word.value)
        and not spec.pinned(word.value)
    ]


def pin_rule(
    doc: str | None,
    *,
    code: str,
    name: str,
    summary: str,
    spec: PinSpec,
    aliases: tuple[str, ...] = (),
    severity: Severity = Severity.WARNING,
) -> Rule:
    """A rule reporting `spec`'s installs of packages without a version."""

    def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
        for step, call in calls_of(ctx.model, spec.managers, spec.subcommands):
            words = unpinned(spec, call)
            if not words:
                continue
            start, end = word_span(step, words[0])
            verb = "is" if len(words) == 1 else "are"
            hints = "".join(redirect_hint(call.command, w) for w in words)
            yield rule.diagnostic(
                start,
                end,
                f"{names(words)} {verb} not pinned to a version{hints}: use `{spec.usage}`",
            )

    return Rule(code, name, summary, severity, check, doc or "", aliases=aliases)


# -- what a pin and a foreign operand look like, per manager ---------------


def is_path(value: str) -> bool:
    """A file or directory operand: `./x.deb`, `/tmp/x.rpm`, `~/pkg`, `.`."""
    return value.startswith((".", "/", "~")) or "/" in value


def is_url(value: str) -> bool:
    return _URL_RE().match(value) is not None


def file_operand(*suffixes: str) -> Callable[[str], bool]:
    """Paths, URLs and files named `*<suffix>` are not registry packages."""

    def foreign(value: str) -> bool:
        return is_path(value) or is_url(value) or value.endswith(suffixes)

    return foreign


def contains_any(*marks: str) -> Callable[[str], bool]:
    """Pinned when the operand holds one of `marks` after the name."""

    def pinned(value: str) -> bool:
        return any(mark in value[1:] for mark in marks)

    return pinned


def rpm_pinned(value: str) -> bool:
    """`name-version` or `name-version-release` (versions start with a digit,
    names like `python3-pip` or `java-11-openjdk` do not end with one), or a
    capability with an operator (`'httpd >= 2.4'`)."""
    if any(op in value for op in ("=", "<", ">")):
        return True
    parts = value.split("-")
    if len(parts) < 2:
        return False
    last = parts[-1]
    if last[:1].isdigit():
        return True
    # name-version-release with a release such as `1.fc40`, `97.el7.centos`.
    return len(parts) >= 3 and parts[-2][:1].isdigit() and _RPM_VERSION_RE.search(last) is not None


def at_version(value: str) -> str | None:
    """The version after `@` of `name@version` / `@scope/name@version`."""
    at = value.rfind("@")
    return value[at + 1 :] if at > 0 else None


def npm_pinned(value: str) -> bool:
    if _is_git_spec(value):
        return "#" in value  # a commit, tag or semver range after `#`
    version = at_version(value)
    return version is not None and version not in _FLOATING


def npm_foreign(value: str) -> bool:
    """Local folders and tarballs, tarball URLs and `file:` specs; git specs
    are packages (pinned by a `#ref`)."""
    if _is_git_spec(value):
        return False
    if value.startswith(("file:", ".", "/", "~")) or value.endswith((".tgz", ".tar.gz", ".tar")):
        return True
    return is_url(value)


def _is_git_spec(value: str) -> bool:
    if value.startswith(("git+", "git://", "github:", "gitlab:", "bitbucket:", "gist:")):
        return True
    # `user/repo` is a GitHub shorthand; `@scope/name` is a registry package.
    return not value.startswith(("@", ".", "/", "~")) and "/" in value and not is_url(value)


def pip_pinned(value: str) -> bool:
    """A version specifier (`==`, `~=`, `>=`...) or a direct reference
    (`name @ url`); a VCS URL is pinned by `@ref` after its path."""
    if value.startswith(("git+", "hg+", "svn+", "bzr+")):
        path = value.split("://", 1)[-1].split("/", 1)
        return len(path) == 2 and "@" in path[1]
    return any(op in value for op in ("==", "~=", ">=", "<=", "!=", "<", ">", "@"))


def pip_foreign(value: str) -> bool:
    """Local projects, wheels, sdists and archive URLs (not VCS URLs)."""
    if value.startswith(("git+", "hg+", "svn+", "bzr+")):
        return False
    return is_path(value) or is_url(value) or value.endswith((".whl", ".tar.gz", ".zip"))


def go_pinned(value: str) -> bool:
    version = at_version(value)
    return version is not None and version not in _FLOATING


def go_foreign(value: str) -> bool:
    """Local packages (`.`, `./...`) and paths without a domain (the standard
    library, the current module): only remote modules need a version."""
    first = value.split("/", 1)[0].split("@", 1)[0]
    return value.startswith((".", "/")) or "." not in first


def rpm_foreign(value: str) -> bool:
    """Local or remote `.rpm` files, file paths and `@group`/`@module` specs."""
    return value.startswith("@") or file_operand(".rpm")(value)


def zypper_not_packages(call: PackageManagerCall) -> bool:
    """`zypper in -t pattern|patch|product ...`: those have no versions to pin."""
    kind = call.option_value("-t", "--type")
    return kind is not None and kind != "package"
