"""The checks of the linters stagelint replaces, for the compatibility page.

Every hadolint DL rule (2.15) and every BuildKit build check, described in our
own words. Which stagelint rule covers each is not written here: docgen reads
it from the rules' aliases, so docs/compat.md cannot claim a rule that does not
exist. `note` says where stagelint differs, or why a check is not planned.
"""

from __future__ import annotations

from stagelint.records import Record


class PeerCheck(Record):
    __slots__ = ("key", "note", "summary", "tool")

    def __init__(
        self,
        key: str,  # the DL code or the BuildKit check name (what aliases use)
        tool: str,  # "hadolint" or "buildkit"
        summary: str,
        note: str = "",
    ) -> None:
        self.key = key
        self.tool = tool
        self.summary = summary
        self.note = note


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


# Where stagelint differs from the peer check, or why a check is not covered.
NOTES: dict[str, str] = {
    "ConsistentInstructionCasing": (
        "majority of all-upper vs all-lower keywords, tie to upper; ONBUILD triggers not counted."
    ),
    "CopyIgnoredFile": (
        "exact .dockerignore semantics (stagelint/ignorematch.py); reports only when "
        "everything the source names is excluded, so `COPY . /src/` with `*` + `!src/` is not "
        "reported (BuildKit warns, moby/buildkit#6512); glob sources reported only when one "
        "pattern covers every match"
    ),
    "DL1001": (
        "also reports stagelint's own `# stagelint: ignore=` (hadolint only knows its "
        "pragma); file-wide forms (`global ignore`, `ignore-file`, `# check=skip=`) are not "
        "reported, as in hadolint"
    ),
    "DL3000": (
        "BuildKit semantics: only a relative WORKDIR before any WORKDIR of the stage (or of "
        "its base stages in the file) is reported; later relative ones have a known result. "
        "Variables expanded (`$HOME/app` with an absolute HOME passes); unknown values not "
        "reported."
    ),
    "DL3001": (
        "Only commands that are run (wrappers like sudo stripped, inside `sh -c`, heredocs); "
        "not `apt-get install vim`/`which ps`. Differs: `service X start` followed by other "
        "commands in the same RUN (and its `service stop`/`kill`) is fine; `ssh` is fine with "
        "`--mount=type=ssh`; hadolint misses `sudo ps`, `sh -c 'free'` and heredoc scripts."
    ),
    "DL3002": (
        "Only the image that ships: the target stage (`--target`/last stage) with USER "
        "inherited through `FROM <stage>`; build stages may end as root (hadolint flags every "
        "stage's last USER). `root`, `0`, `root:root`, `0:0` and ARG defaults resolving to "
        "them."
    ),
    "DL3003": (
        "Once per RUN, at the first top-level `cd`; a `cd` that ends the RUN is reported as "
        "having no effect. Differs: `cd` in a subshell `( cd x && make )`, a command "
        'substitution, a function, and `cd "$(mktemp -d)"` are fine (WORKDIR cannot replace '
        'them); exec form `["sh","-c","cd /x && ..."]` is checked like shell form.'
    ),
    "DL3004": (
        "Also `doas`, and `sudo` inside `sh -c` (hadolint misses it). Unsafe fix removes an "
        "option-less `sudo` when the RUN runs as root (USER root or no USER): sudo resets the "
        "environment, and a non-root base user would lose privileges."
    ),
    "DL3006": (
        "Resolves `FROM ${IMAGE}` through meta ARG defaults and configured build-args "
        "(hadolint skips every FROM with a variable); silent when the value comes from the "
        "command line or platform ARGs; catches `localhost:5000/app`, which hadolint reads as "
        "a tag."
    ),
    "DL3007": ("Same ARG resolution as SL301; `:latest@sha256:` is accepted by both."),
    "DL3008": (
        "also `apt install`/`aptitude install` and `sh -c` scripts (hadolint: apt-get only, "
        "no nested scripts); words holding a variable (`pkg=$V`, `$PKGS`, `gcp-ruby-$V`) are "
        "never reported, hadolint reports the unpinned-looking ones; `pkg/release` accepted "
        "like hadolint; local `.deb` not reported (same)"
    ),
    "DL3009": (
        "A cache or tmpfs mount over the cache directory counts as clean (hadolint #1139); "
        "only stages that ship are checked; the fix adds the cleanup. `apt-get clean` alone "
        "does not remove the lists."
    ),
    "DL3010": (
        "Not planned: rewriting `COPY x.tar` + `RUN tar -x...` into ADD changes results "
        "(tar options such "
        "as --strip-components, ownership, the archive file kept or deleted); the better "
        "remedy today is `RUN --mount=type=bind,source=x.tar,... tar -x`, not ADD. A sound "
        "check with a sound fix is not possible statically."
    ),
    "DL3011": ("variables (ARG defaults) expanded; unknown values not reported."),
    "DL3012": ("HEALTHCHECK NONE counts."),
    "DL3013": (
        "local projects/wheels/archive URLs not reported (hadolint reports some); VCS URL "
        "pinned by `@ref`; `-r`/`-c` in the call accepted like hadolint; unquoted `flask>=1` "
        "reported with a hint that it is a redirection (hadolint reports it silently)"
    ),
    "DL3014": (
        "also remove/purge/upgrade/dist-upgrade/autoremove... (hadolint: install only), also "
        "`apt`/`aptitude`; `yes \\| `, `-o APT::Get::Assume-Yes=true` and "
        '`APT::Get::Assume-Yes "true";` written to apt.conf.d by an earlier RUN of the stage '
        "chain accepted (hadolint reports them)"
    ),
    "DL3015": (
        '`-o APT::Install-Recommends=false` accepted (same); `APT::Install-Recommends "0";` '
        "written to /etc/apt/apt.conf.d by echo/printf/cat-heredoc/tee earlier in the RUN or "
        "an earlier RUN of the stage or a base stage accepted (hadolint reports); also `apt "
        "install` (hadolint: apt-get only); a COPY'd apt.conf.d file is not seen"
    ),
    "DL3016": (
        "`npm i`/`npm add` checked (hadolint: the spelling `install` only); `@latest` "
        "reported (hadolint accepts any tag); `github:user/repo#ref` accepted (hadolint "
        "reports); local folders/tarballs/tarball URLs not reported (same)"
    ),
    "DL3018": (
        "`~`, `>=`, quoted `<`/`>` constraints accepted; unquoted `pkg>1` reported with the "
        "redirection hint; exec-form `sh -c` read (hadolint does not)"
    ),
    "DL3019": (
        "A cache or tmpfs mount over the cache directory counts as clean (hadolint #1139); "
        "only stages that ship are checked; the fix adds the cleanup. Removing "
        "/var/cache/apk/* in the same RUN also counts (hadolint wants --no-cache regardless)."
    ),
    "DL3020": (
        "not reported: git@ sources, ADD-only flags (--checksum, --keep-git-dir, --unpack), "
        "ARG values resolving to archives, unknown variables (may be URL/archive), a mix of "
        "file and archive sources. Reported: heredoc sources. ADD detects archives by "
        "content, so a file source is never provably equivalent."
    ),
    "DL3021": (
        "also ADD (same builder error), heredoc sources counted, destination expanded; "
        "unknown destination not reported (hadolint reports it)."
    ),
    "DL3022": (
        "Also `RUN --mount from=`; case-insensitive names (hadolint flags `AS Builder` + "
        "`--from=builder`, which works); references with a registry/path/tag/digest are "
        "images (hadolint flags `--from=docker.io/library/busybox`); variables resolved, "
        "command-line values skipped; suggests a close stage name; index past the end or of a "
        "later stage reported (as hadolint). Bare words that are images or named build "
        "contexts are reported by both."
    ),
    "DL3023": ("Also the stage's own index, another letter case, and `RUN --mount from=`."),
    "DL3024": ("Case-insensitive as in BuildKit (hadolint misses `AS Builder` / `AS builder`)."),
    "DL3025": (
        "like BuildKit, not reported when a SHELL of the file applies (stage or base stage); "
        "HEALTHCHECK CMD not reported (hadolint does)."
    ),
    "DL3026": (
        "Setting `allowed-registries`; `*` matches any run of characters (`*.gcr.io` needs a "
        "subdomain, as in hadolint); `index.docker.io` = `docker.io` (hadolint flags it); ARG "
        "defaults resolved; images named only on the command line not reported (hadolint "
        "reports them)."
    ),
    "DL3027": ("same findings as hadolint, plus nested `sh -c`"),
    "DL3028": (
        "`-v=7.0` accepted (hadolint reports); local `.gem` files not reported (hadolint reports)"
    ),
    "DL3029": (
        "Only constants, like BuildKit's FromPlatformFlagConstDisallowed: hadolint also flags "
        "`$TARGETOS/$TARGETARCH` and ARG values; stages named for their OS/arch (`AS "
        "build-arm64`) are not reported (BuildKit's documented exception)."
    ),
    "DL3030": (
        "also update/remove/groupinstall/downgrade...; `--setopt=assumeyes=1` and "
        "`assumeyes=1` written to /etc/yum.conf by an earlier RUN accepted"
    ),
    "DL3032": (
        "A cache or tmpfs mount over the cache directory counts as clean (hadolint #1139); "
        "only stages that ship are checked; the fix adds the cleanup. yum is the dnf family "
        "here: one rule for dnf, yum, microdnf and tdnf."
    ),
    "DL3033": (
        "`.rpm` files, URLs, `@group` and `pkg-$VERSION` not reported (hadolint reports "
        "them); `name-version[-release]` read by its last dash parts, so `java-11-openjdk` is "
        "unpinned (same)"
    ),
    "DL3034": ("also `zypper update`/`up` and `dist-upgrade` (hadolint skips them)"),
    "DL3035": ("also in nested `sh -c`"),
    "DL3036": (
        "A cache or tmpfs mount over the cache directory counts as clean (hadolint #1139); "
        "only stages that ship are checked; the fix adds the cleanup. `zypper --installroot` "
        "keeps its cache in the builder (measured): see SL207."
    ),
    "DL3037": (
        "`-t pattern/patch/product` and `.rpm` files not reported (hadolint reports "
        "patterns); `pkg-1.0` is not a pin (same)"
    ),
    "DL3038": (
        "also dnf5/tdnf, upgrade/remove/`module enable`/`group install`...; `assumeyes` in "
        "dnf.conf or `--setopt` accepted"
    ),
    "DL3040": (
        "A cache or tmpfs mount over the cache directory counts as clean (hadolint #1139); "
        "only stages that ship are checked; the fix adds the cleanup. One rule for dnf, yum, "
        "microdnf and tdnf."
    ),
    "DL3041": (
        "also dnf5/tdnf; `'pkg >= 1'` capabilities, `.rpm` files and `@module:stream` specs "
        "accepted (hadolint reports)"
    ),
    "DL3042": (
        "A cache or tmpfs mount over the cache directory counts as clean (hadolint #1139); "
        "only stages that ship are checked; the fix adds the cleanup. `PIP_NO_CACHE_DIR` in "
        "ENV counts."
    ),
    "DL3043": (
        "Reported by the parser as SL007 invalid-arguments (ONBUILD ONBUILD, ONBUILD FROM and "
        "ONBUILD MAINTAINER are build errors); no separate rule, so nothing is reported "
        "twice."
    ),
    "DL3044": (
        "single-quoted `'$A'` is not a reference (hadolint reports it); self-reference "
        "`PATH=/x:$PATH` fine."
    ),
    "DL3045": (
        "WORKDIR of base stages counts (as hadolint); scratch stages not reported (work in "
        "/); unknown destination not reported; external image base counts as unknown as in "
        "hadolint."
    ),
    "DL3046": (
        "UID >= 100000 as hadolint; also `--uid` (hadolint misses it); `-u $UID` resolved "
        "through ARG/ENV defaults (a low default passes; an unknown value is reported). Fix "
        "adds `-l` (unsafe only because lastlog/faillog records change)."
    ),
    "DL3047": (
        "`--progress*`, `-q`, `-nv`, `--no-verbose`, `-o`/`-a` log files count as fine (same "
        "as hadolint). Fix adds `--progress=dot:giga`: safe when the stage installs the "
        "`wget` package or starts from an official GNU-userland image, unsafe on unknown "
        "images, none on Alpine without the wget package (BusyBox wget rejects `--progress`)."
    ),
    "DL3048": (
        "same key grammar as hadolint (lower-case start, letter/digit end, `[a-z0-9._/-]`, no "
        "`..`/`--`, Docker's reserved namespaces); keys judged after expansion; only the "
        "shipped image's stages (target + its base stages)"
    ),
    "DL3049": (
        "labels inherited from base stages count, and the external base image's labels when a "
        "local engine can read them; one finding per label on the target's FROM"
    ),
    "DL3050": (
        "one finding per superfluous key (hadolint: one per LABEL); only the shipped image's stages"
    ),
    "DL3051": (
        "schema labels only (as hadolint); judged after expansion (`LABEL a=$EMPTY`); unknown "
        "values (ARG without default) not judged"
    ),
    "DL3052": (
        "RFC 3986 absolute URI; `http://` without a host is rejected (hadolint accepts); "
        "values expanded first"
    ),
    "DL3053": (
        "same results on hadolint's cases; checks the calendar date (Feb 29 in a non-leap "
        "year); `$BUILD_DATE` from a build arg is unknown, not reported (hadolint reports it)"
    ),
    "DL3054": (
        "accepts SPDX expressions (AND/OR/WITH, parentheses, `+`, LicenseRef-), ids "
        "case-insensitive, deprecated ids; hadolint accepts only one current id in exact "
        "case. Ids checked against an embedded list of ~200 common ids"
    ),
    "DL3055": ("7..40 lower-case hex or 64 (SHA-256 repos); hadolint accepts only exactly 7 or 40"),
    "DL3056": (
        "strict SemVer 2.0.0: rejects leading zeros (`01.2.3`) and an empty pre-release "
        "(`1.2.3-`), which hadolint accepts"
    ),
    "DL3057": (
        "only the target stage (with its base stages, ONBUILD HEALTHCHECK of a base stage "
        "included) is judged; hadolint reports every stage, builders included"
    ),
    "DL3058": (
        "RFC 5322 addr-spec (dot-atom or quoted local part, dot-atom or `[literal]` domain); "
        "no display names"
    ),
    "DL3059": (
        "adjacent RUNs of a stage with identical flags; comments/blank lines do not separate. "
        "No fix: `&&` merge changes cwd/env/comment semantics."
    ),
    "DL3060": (
        "A cache or tmpfs mount over the cache directory counts as clean (hadolint #1139); "
        "only stages that ship are checked; the fix adds the cleanup. Also npm and pnpm "
        "caches (DL3060 looks at yarn only)."
    ),
    "DL3061": (
        "(existing rule) stagelint reports the first misplaced instruction, hadolint every one."
    ),
    "DL3062": (
        "`@latest`/`@upgrade`/`@patch` unpinned (same for @latest); standard-library and "
        "local paths not reported (hadolint reports `cmd/vet`); `go get` checked like "
        "hadolint"
    ),
    "DL3063": ("`scratch`, `context`, compared case-insensitively (hadolint misses `AS Scratch`)."),
    "DL3064": (
        "BuildKit's word matching (split at `_`: apikey, auth, credential(s), key, password, "
        "pword, passwd, secret, token; allowed: public, file, version). hadolint matches "
        "substrings (`MYSECRET`, `PASSWORD_FILE`, `GITHUB-TOKEN`) and misses `GPG_KEY`, "
        "`PASSWD`, `*_AUTH`"
    ),
    "DL3065": (
        'Also sees through quotes (`"$TARGETPLATFORM"`); no fix when a meta `ARG '
        "TARGETPLATFORM=...` is declared."
    ),
    "DL3066": (
        "Info, as in hadolint; it matters to orchestrators checking runAsNonRoot. Only the "
        "image's final USER (target stage chain); root is "
        "left to SL703; ARG with a numeric default counts as numeric."
    ),
    "DL3067": (
        "Only over a non-scratch base (the copy stored twice, deletions lost); `FROM scratch` "
        "+ `COPY --from=X / /` (squash) and SL101's rewrite (`/ /target`, `/target /`) are "
        "fine; root spellings like `/.` and `//` recognised."
    ),
    "DL4000": (
        "value quoted so the label equals the MAINTAINER text; unsafe because the image's "
        "Author field goes away."
    ),
    "DL4001": (
        "Per image: a stage together with the stages it is built on (hadolint: per stage, "
        "ignoring `FROM <stage>`). Reported once, at the first use of the second tool "
        "(hadolint: every later RUN using either). Only tools that are run, not installed."
    ),
    "DL4003": (
        "reported on the overriding (later) instruction like hadolint; the fix deletes the "
        "earlier one. One rule for CMD/ENTRYPOINT/HEALTHCHECK."
    ),
    "DL4004": ("severity warning (hadolint: error): the build works, the earlier one is dead."),
    "DL4005": (
        "`ln` whose link name is `/bin/sh` or `/usr/bin/sh`; differs: `ln -s /bin/sh "
        "/elsewhere` (a link *to* sh) is fine."
    ),
    "DL4006": (
        "Per pipeline. Fine: SHELL with `-o pipefail` (any shell, incl. `/bin/sh`), `set -o "
        "pipefail` earlier in the script (same shell), nested `bash -o pipefail -c`, pipes in "
        "conditions / left of ` \\|  \\| ` / negated, pipes whose left side is only "
        "`echo`/`printf`/`true`/`yes`. Reported though hadolint does not: pipes in nested `sh "
        "-c` (options are not inherited). Exec form and shebang heredocs use their own "
        'interpreter. Unsafe fix inserts `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` '
        "(Alpine: `/bin/ash`) once per stage, only when the shell is the default and bash/ash "
        "is known to exist (official GNU image, Alpine, or `bash` installed earlier)."
    ),
    "ExposeInvalidFormat": ("hadolint cannot parse `EXPOSE 8080:80` (DL1000)."),
    "ExposeProtoCasing": ("fix only where the protocol is written literally."),
    "FromAsCasing": ("Mixed-case `From` left to the instruction-casing rule."),
    "InvalidDefaultArgInFrom": (
        "Configured build-args count as defaults; platform ARGs take linux/amd64 values; "
        "reasons from Docker's reference grammar (empty name, empty tag, upper case...)."
    ),
    "InvalidDefinitionDescription": (
        "opt-in (experimental in BuildKit); only the first line of the comment block directly "
        "above counts."
    ),
    "JSONArgsRecommended": (
        "BuildKit also reads the base image's Shell config; we only see the file."
    ),
    "LegacyKeyValueFormat": (
        "ENV and LABEL; fix keeps a one-word value byte for byte, or wraps a value with "
        "unquoted spaces in double quotes only when it has no quote/escape character; "
        "otherwise no fix."
    ),
    "NoEmptyContinuation": ("Safe fix: the empty lines are removed."),
    "SecretsUsedInArgOrEnv": (
        "BuildKit's word matching (split at `_`: apikey, auth, credential(s), key, password, "
        "pword, passwd, secret, token; allowed: public, file, version). hadolint matches "
        "substrings (`MYSECRET`, `PASSWORD_FILE`, `GITHUB-TOKEN`) and misses `GPG_KEY`, "
        "`PASSWD`, `*_AUTH`"
    ),
    "StageNameCasing": (
        "Fix lower-cases the name and every literal reference (`FROM x`, `COPY --from=x`, "
        "`--mount from=x`); no fix when a reference is through a variable or quoted. Unsafe: "
        "buildah 1.28 compares stage names and `--target` exactly (measured), so an external "
        "`--target Builder` stops matching."
    ),
    "UndefinedArgInFrom": (
        "Image and `--platform` value; platform ARGs predefined; suggests a close name; also "
        "`${X:-default}` with X undeclared (the default always wins)."
    ),
    "UndefinedVar": (
        "checks ENV/LABEL values, ARG defaults (global ones too), WORKDIR, USER, EXPOSE, "
        "STOPSIGNAL, VOLUME, COPY/ADD args and flags, RUN --mount; not FROM (own rule), not "
        "ONBUILD triggers; did-you-mean suggestion; specific hint for platform/global ARGs "
        "not redeclared in the stage; base image ENV read from a local engine when available, "
        "otherwise upper-case names in image-based stages are assumed to be image ENV unless "
        "one edit from a defined name"
    ),
    "WorkdirRelativePath": (
        "also counts a WORKDIR of a base stage in the file; expands variables."
    ),
}
