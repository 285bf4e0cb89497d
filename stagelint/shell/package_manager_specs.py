"""Per-package-manager tables: which options take values, subcommand aliases,
and which options mean "install root", "assume yes" or "no cache".

Everything manager-specific lives here as data so that
:mod:`stagelint.shell.package_managers` has a single code path.  The option
tables cannot be complete; they list the options seen in Containerfiles.  An
unknown option that takes a separate value makes that value look like a
package, so add it here when one turns up.
"""

from __future__ import annotations

from collections.abc import Mapping

from stagelint.records import Record

__all__ = ["MANAGERS", "ManagerSpec"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


class ManagerSpec(Record):
    """How to read one package manager's command line (immutable by convention).

    ``prompting`` lists the (normalised) subcommands that ask for
    confirmation unless told not to; ``None`` means any subcommand may.
    ``config_options`` take ``KEY=VALUE`` (apt ``-o``, dnf ``--setopt``); the
    ``config_*_keys`` are lower-case keys with that meaning.
    ``two_word`` maps a subcommand followed by a word (``cache clean``) to a
    normalised subcommand; ``prefixes`` are words skipped before the
    subcommand (``yarn global add``).
    """

    __slots__ = (
        "aliases", "config_options", "config_root_keys", "config_yes_keys", "family",
        "no_cache_env", "no_cache_options", "package_subcommands", "prefixes", "prompting",
        "quiet_implies_yes", "root_options", "takes_value", "two_word", "yes_options",
    )  # fmt: skip

    def __init__(
        self,
        family: str,
        takes_value: frozenset[str],
        aliases: Mapping[str, str] | None = None,
        two_word: Mapping[tuple[str, str], str] | None = None,
        prefixes: frozenset[str] = frozenset(),
        package_subcommands: frozenset[str] = frozenset(),
        yes_options: frozenset[str] = frozenset(),
        prompting: frozenset[str] | None = None,
        root_options: frozenset[str] = frozenset(),
        config_options: frozenset[str] = frozenset(),
        config_root_keys: frozenset[str] = frozenset(),
        config_yes_keys: frozenset[str] = frozenset(),
        no_cache_options: frozenset[str] = frozenset(),
        no_cache_env: frozenset[str] = frozenset(),
        # apt-get: "quiet level 2 implies -y".
        quiet_implies_yes: bool = False,
    ) -> None:
        self.family = family
        self.takes_value = takes_value
        self.aliases: Mapping[str, str] = {} if aliases is None else aliases
        self.two_word: Mapping[tuple[str, str], str] = {} if two_word is None else two_word
        self.prefixes = prefixes
        self.package_subcommands = package_subcommands
        self.yes_options = yes_options
        self.prompting = prompting
        self.root_options = root_options
        self.config_options = config_options
        self.config_root_keys = config_root_keys
        self.config_yes_keys = config_yes_keys
        self.no_cache_options = no_cache_options
        self.no_cache_env = no_cache_env
        self.quiet_implies_yes = quiet_implies_yes


_APT = ManagerSpec(
    family="apt",
    takes_value=_words(
        "-o --option -c --config-file -t --target-release --default-release "
        "-a --host-architecture -P --build-profiles"
    ),
    package_subcommands=_words(
        "install remove purge reinstall upgrade full-upgrade dist-upgrade build-dep source "
        "download markauto unmarkauto hold unhold show"
    ),
    yes_options=_words("-y --yes --assume-yes"),
    config_options=_words("-o --option"),
    config_root_keys=_words("dir rootdir"),
    config_yes_keys=_words("apt::get::assume-yes"),
    quiet_implies_yes=True,
)

_DNF = ManagerSpec(
    family="dnf",
    takes_value=_words(
        "--installroot --releasever --setopt -c --config --repo --repoid --enablerepo "
        "--disablerepo -x --exclude --forcearch -d --debuglevel -e --errorlevel "
        "--rpmverbosity --color --downloaddir --destdir --comment --advisory --advisories "
        "--bz --bzs --cve --cves --sec-severity --secseverity --repofrompath "
        "--disableplugin --enableplugin --platform_id --setopt"
    ),
    aliases={
        "in": "install",
        "localinstall": "install",
        "rm": "remove",
        "erase": "remove",
        "up": "upgrade",
        "update": "upgrade",
        "mc": "makecache",
        "rei": "reinstall",
        "dsync": "distro-sync",
        "dg": "downgrade",
        "if": "info",
        "se": "search",
    },
    package_subcommands=_words(
        "install remove upgrade reinstall downgrade distro-sync autoremove info groupinstall "
        "groupremove"
    ),
    yes_options=_words("-y --assumeyes --yes"),
    root_options=_words("--installroot"),
    config_options=_words("--setopt"),
    config_yes_keys=_words("assumeyes"),
)

_ZYPPER = ManagerSpec(
    family="zypper",
    takes_value=_words(
        "-R --root --installroot -c --config -D --reposd-dir -C --cache-dir --raw-cache-dir "
        "--solv-cache-dir --pkg-cache-dir --userdata -r --repo --from -t --type "
        "-p --plus-repo --download"
    ),
    aliases={
        "in": "install",
        "rm": "remove",
        "ref": "refresh",
        "cc": "clean",
        "up": "update",
        "dup": "dist-upgrade",
        "se": "search",
        "if": "info",
        "ar": "addrepo",
        "rr": "removerepo",
        "lr": "repos",
        "ve": "verify",
        "si": "source-install",
    },
    package_subcommands=_words("install remove update info source-install"),
    yes_options=_words("-n --non-interactive -y --no-confirm"),
    root_options=_words("-R --root --installroot"),
)

_APK = ManagerSpec(
    family="apk",
    takes_value=_words(
        "-p --root -X --repository --repositories-file --keys-dir --cache-dir --arch "
        "-t --virtual --progress-fd --wait --timeout"
    ),
    two_word={("cache", "clean"): "clean", ("cache", "purge"): "clean"},
    package_subcommands=_words("add del fix upgrade info"),
    prompting=frozenset(),
    root_options=_words("-p --root"),
    no_cache_options=_words("--no-cache"),
)

_PIP = ManagerSpec(
    family="pip",
    takes_value=_words(
        "-r --requirement -c --constraint -e --editable -t --target --prefix --root "
        "-i --index-url --extra-index-url -f --find-links --platform --python-version "
        "--implementation --abi --src --upgrade-strategy --progress-bar --cache-dir --log "
        "--log-file --proxy --retries --timeout --exists-action --trusted-host --cert "
        "--client-cert --no-binary --only-binary --global-option --install-option "
        "-C --config-settings --report --python --root-user-action --use-feature "
        "--use-deprecated --keyring-provider -d --dest --group"
    ),
    two_word={("cache", "purge"): "clean", ("cache", "remove"): "clean"},
    package_subcommands=_words("install uninstall download wheel"),
    yes_options=_words("-y --yes"),
    prompting=_words("uninstall"),
    root_options=_words("-t --target --prefix --root"),
    no_cache_options=_words("--no-cache-dir"),
    no_cache_env=_words("PIP_NO_CACHE_DIR"),
)

_NPM = ManagerSpec(
    family="npm",
    takes_value=_words(
        "--prefix -C --registry --cache --tag -w --workspace --omit --include --loglevel "
        "--userconfig --globalconfig --install-strategy --before --location"
    ),
    aliases={
        **dict.fromkeys(
            _words("i in ins inst insta instal isnt isnta isntal isntall add"), "install"
        ),
        **dict.fromkeys(_words("clean-install ic install-clean isntall-clean"), "ci"),
        **dict.fromkeys(_words("un uninstall unlink remove rm r"), "remove"),
        **dict.fromkeys(_words("up upgrade udpate"), "update"),
    },
    two_word={("cache", "clean"): "clean"},
    package_subcommands=_words("install remove update"),
    prompting=frozenset(),
    root_options=_words("--prefix -C"),
)

_YARN = ManagerSpec(
    family="yarn",
    takes_value=_words(
        "--cwd --modules-folder --cache-folder --registry --network-timeout --mutex "
        "--prefix --global-folder --link-folder --network-concurrency"
    ),
    two_word={("cache", "clean"): "clean"},
    prefixes=_words("global"),
    package_subcommands=_words("add remove upgrade"),
    prompting=frozenset(),
    root_options=_words("--modules-folder --cwd"),
)

_PNPM = ManagerSpec(
    family="pnpm",
    takes_value=_words(
        "-C --dir -F --filter --store-dir --reporter --loglevel --registry "
        "--virtual-store-dir --modules-dir"
    ),
    aliases={
        "i": "install",
        "rm": "remove",
        "uninstall": "remove",
        "un": "remove",
        "up": "update",
        "upgrade": "update",
    },
    two_word={("store", "prune"): "clean"},
    package_subcommands=_words("add install remove update"),
    prompting=frozenset(),
    root_options=_words("-C --dir"),
)

_GEM = ManagerSpec(
    family="gem",
    takes_value=_words(
        "-i --install-dir -n --bindir -v --version -s --source -p --http-proxy --platform "
        "-g --file -P --trust-policy --build-root -B --bulk-threshold --config-file"
    ),
    aliases={"i": "install", "cleanup": "clean"},
    package_subcommands=_words("install uninstall update fetch"),
    prompting=frozenset(),
    root_options=_words("-i --install-dir"),
)

_BUNDLER = ManagerSpec(
    family="bundler",
    takes_value=_words("--path --gemfile -j --jobs --retry --without --with --standalone"),
    package_subcommands=_words("add remove update"),
    prompting=frozenset(),
    root_options=_words("--path"),
)

MANAGERS: Mapping[str, ManagerSpec] = {
    "apt-get": _APT,
    "apt": _APT,
    "aptitude": _APT,
    "dnf": _DNF,
    "dnf5": _DNF,
    "yum": _DNF,
    "microdnf": _DNF,
    "tdnf": _DNF,
    "zypper": _ZYPPER,
    "apk": _APK,
    "pip": _PIP,
    "npm": _NPM,
    "yarn": _YARN,
    "pnpm": _PNPM,
    "gem": _GEM,
    "bundle": _BUNDLER,
    "bundler": _BUNDLER,
}
"""Manager name (``pip`` also stands for ``pip3``, ``python -m pip``...) -> spec."""
