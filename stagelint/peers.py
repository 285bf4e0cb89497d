"""The checks of the linters stagelint replaces, for the compatibility page.

Every hadolint DL rule (2.15) and every BuildKit build check, described in our
own words. Which stagelint rule covers each is not written here: docgen reads
it from the rules' aliases, so docs/compat.md cannot claim a rule that does not
exist. `note` says where stagelint differs, or why a check is not planned.
"""

from __future__ import annotations

from typing import NamedTuple


class PeerCheck(NamedTuple):
    key: str  # the DL code or the BuildKit check name (what aliases use)
    tool: str  # "hadolint" or "buildkit"
    summary: str
    note: str = ""


def _h(key: str, summary: str, note: str = "") -> PeerCheck:
    return PeerCheck(key, "hadolint", summary, note)


def _b(key: str, summary: str, note: str = "") -> PeerCheck:
    return PeerCheck(key, "buildkit", summary, note)


HADOLINT = (
    _h("DL1001", "Inline `# hadolint ignore` pragmas used (off by default)"),
    _h("DL3000", "WORKDIR is not absolute"),
    _h("DL3001", "RUN uses a command that makes no sense in a build (ssh, vim, service, ...)"),
    _h("DL3002", "The last USER is root"),
    _h("DL3003", "`cd` in RUN instead of WORKDIR"),
    _h("DL3004", "`sudo` in RUN"),
    _h("DL3006", "FROM image without a tag"),
    _h("DL3007", "FROM image with the `latest` tag"),
    _h("DL3008", "`apt-get install` without versions"),
    _h("DL3009", "apt lists not removed after installing"),
    _h("DL3010", "An archive copied and then extracted, where ADD extracts it"),
    _h("DL3011", "EXPOSE port outside 0-65535"),
    _h("DL3012", "More than one HEALTHCHECK"),
    _h("DL3013", "`pip install` without versions"),
    _h("DL3014", "`apt-get` without `-y`"),
    _h("DL3015", "`apt-get install` without `--no-install-recommends`"),
    _h("DL3016", "`npm install` without versions"),
    _h("DL3018", "`apk add` without versions"),
    _h("DL3019", "`apk add` without `--no-cache`"),
    _h("DL3020", "ADD used for plain files and folders"),
    _h("DL3021", "COPY of several sources to a destination without a trailing `/`"),
    _h("DL3022", "`COPY --from` names no earlier stage"),
    _h("DL3023", "`COPY --from` names its own stage"),
    _h("DL3024", "Stage names are not unique"),
    _h("DL3025", "CMD or ENTRYPOINT in shell form"),
    _h("DL3026", "FROM image from a registry that is not allowed (configured)"),
    _h("DL3027", "`apt` used instead of `apt-get`/`apt-cache`"),
    _h("DL3028", "`gem install` without versions"),
    _h("DL3029", "FROM with `--platform`"),
    _h("DL3030", "`yum` without `-y`"),
    _h("DL3032", "`yum clean all` missing"),
    _h("DL3033", "`yum install` without versions"),
    _h("DL3034", "`zypper` without a non-interactive switch"),
    _h("DL3035", "`zypper dist-upgrade` used"),
    _h("DL3036", "`zypper clean` missing"),
    _h("DL3037", "`zypper install` without versions"),
    _h("DL3038", "`dnf` without `-y`"),
    _h("DL3040", "`dnf clean all` missing"),
    _h("DL3041", "`dnf install` without versions"),
    _h("DL3042", "`pip install` without `--no-cache-dir`"),
    _h("DL3043", "ONBUILD triggering ONBUILD, FROM or MAINTAINER"),
    _h("DL3044", "ENV refers to a variable it defines itself"),
    _h("DL3045", "COPY to a relative destination with no WORKDIR set"),
    _h("DL3046", "`useradd` with a high UID without `-l`"),
    _h("DL3047", "`wget` without `--progress`"),
    _h("DL3048", "Invalid label key"),
    _h("DL3049", "A required label is missing (configured)"),
    _h("DL3050", "A label outside the schema (configured, strict labels)"),
    _h("DL3051", "A label is empty (configured)"),
    _h("DL3052", "A label is not a URL (configured)"),
    _h("DL3053", "A label is not an RFC 3339 time (configured)"),
    _h("DL3054", "A label is not an SPDX license (configured)"),
    _h("DL3055", "A label is not a git hash (configured)"),
    _h("DL3056", "A label is not a semantic version (configured)"),
    _h("DL3057", "No HEALTHCHECK (off by default)"),
    _h("DL3058", "A label is not an e-mail address (configured)"),
    _h("DL3059", "Consecutive RUN instructions"),
    _h("DL3060", "`yarn cache clean` missing"),
    _h("DL3061", "An instruction other than ARG before the first FROM"),
    _h("DL3062", "`go install` without a version"),
    _h("DL3063", "A reserved word as stage name"),
    _h("DL3064", "Sensitive data in ARG or ENV"),
    _h("DL3065", "`FROM --platform=$TARGETPLATFORM`, which is the default"),
    _h("DL3066", "USER with a name instead of a numeric id"),
    _h("DL3067", "A whole file system copied from another stage"),
    _h("DL4000", "MAINTAINER is deprecated"),
    _h("DL4001", "Both wget and curl used"),
    _h("DL4003", "More than one CMD"),
    _h("DL4004", "More than one ENTRYPOINT"),
    _h("DL4005", "`/bin/sh` replaced by a link instead of using SHELL"),
    _h("DL4006", "A pipe in RUN without `-o pipefail`"),
)

BUILDKIT = (
    _b("StageNameCasing", "Stage name not in lower case"),
    _b("FromAsCasing", "`AS` and `FROM` in different case"),
    _b("NoEmptyContinuation", "Empty line inside a continuation"),
    _b("ConsistentInstructionCasing", "Instruction keywords in mixed case"),
    _b("DuplicateStageName", "Two stages with the same name"),
    _b("ReservedStageName", "A reserved word as stage name"),
    _b("JSONArgsRecommended", "CMD or ENTRYPOINT in shell form"),
    _b("MaintainerDeprecated", "MAINTAINER is deprecated"),
    _b("UndefinedArgInFrom", "FROM uses an ARG not declared before it"),
    _b("WorkdirRelativePath", "Relative WORKDIR before any absolute one"),
    _b("UndefinedVar", "A variable used but never defined"),
    _b("MultipleInstructionsDisallowed", "More than one CMD, ENTRYPOINT or HEALTHCHECK"),
    _b("LegacyKeyValueFormat", "`ENV key value` instead of `ENV key=value`"),
    _b(
        "InvalidBaseImagePlatform",
        "Base image platform differs from the target platform",
        "Not planned: needs the image's manifest (a registry); the build reports it.",
    ),
    _b("RedundantTargetPlatform", "`--platform=$TARGETPLATFORM`, which is the default"),
    _b("SecretsUsedInArgOrEnv", "Secrets in ARG or ENV"),
    _b("InvalidDefaultArgInFrom", "ARG defaults make the FROM image invalid"),
    _b("FromPlatformFlagConstDisallowed", "FROM `--platform` with a constant value"),
    _b("CopyIgnoredFile", "COPY/ADD of a file the ignore file excludes"),
    _b("InvalidDefinitionDescription", "Description comment not starting with the name"),
    _b("ExposeProtoCasing", "EXPOSE protocol not in lower case"),
    _b("ExposeInvalidFormat", "EXPOSE with an IP address or a host port"),
)

# hadolint codes that version 2.15 no longer has (kept for old ignore lists).
RETIRED = ("DL3005", "DL3017", "DL3031", "DL3039", "DL4002")
