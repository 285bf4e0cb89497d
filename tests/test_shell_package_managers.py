"""Tests for package manager recognition and cache cleanup detection."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stagelint.shell import (
    PackageManagerCall,
    cleanup_actions,
    is_cleanup,
    package_manager_calls,
    parse_script,
    path_covers,
    rm_targets,
)


def calls(text: str) -> list[PackageManagerCall]:
    return package_manager_calls(parse_script(text))


def one(text: str) -> PackageManagerCall:
    (call,) = calls(text)
    return call


def raws(words: tuple[Any, ...]) -> list[str]:
    return [w.raw for w in words]


# (script, manager, family, subcommand, packages as written)
IDENTITY_CASES: list[tuple[str, str, str, str | None, list[str]]] = [
    ("apt-get install -y curl", "apt-get", "apt", "install", ["curl"]),
    ("apt install -y curl=7.88.1-10", "apt", "apt", "install", ["curl=7.88.1-10"]),
    ("aptitude install -y vim", "aptitude", "apt", "install", ["vim"]),
    ("/usr/bin/apt-get update", "apt-get", "apt", "update", []),
    ("apt-get -qqy install a b", "apt-get", "apt", "install", ["a", "b"]),
    ("apt-get install -t bookworm-backports -y pkg", "apt-get", "apt", "install", ["pkg"]),
    ("apt-get -o Acquire::Retries=3 install x", "apt-get", "apt", "install", ["x"]),
    ("dnf install -y gcc-12.1", "dnf", "dnf", "install", ["gcc-12.1"]),
    ("dnf --installroot /r --releasever 9 install x", "dnf", "dnf", "install", ["x"]),
    ("dnf in x", "dnf", "dnf", "install", ["x"]),
    ("dnf update -y", "dnf", "dnf", "upgrade", []),
    ("yum install -y httpd", "yum", "dnf", "install", ["httpd"]),
    ("yum --enablerepo epel install -y x", "yum", "dnf", "install", ["x"]),
    ("microdnf install -y shadow-utils", "microdnf", "dnf", "install", ["shadow-utils"]),
    ("tdnf install -y tar", "tdnf", "dnf", "install", ["tar"]),
    ("dnf clean all", "dnf", "dnf", "clean", []),
    ("zypper in -y curl", "zypper", "zypper", "install", ["curl"]),
    ("zypper --non-interactive install curl", "zypper", "zypper", "install", ["curl"]),
    ("zypper -n in -t pattern devel_basis", "zypper", "zypper", "install", ["devel_basis"]),
    ("zypper ref", "zypper", "zypper", "refresh", []),
    ("zypper rm -y x", "zypper", "zypper", "remove", ["x"]),
    ("zypper cc -a", "zypper", "zypper", "clean", []),
    ("apk add --no-cache curl=8.0-r0", "apk", "apk", "add", ["curl=8.0-r0"]),
    ("apk add --virtual .build-deps gcc", "apk", "apk", "add", ["gcc"]),
    ("apk add -t .deps gcc", "apk", "apk", "add", ["gcc"]),
    ("apk del .build-deps", "apk", "apk", "del", [".build-deps"]),
    ("apk cache clean", "apk", "apk", "clean", []),
    (
        "pip install flask==2.0 'requests>=2'",
        "pip",
        "pip",
        "install",
        ["flask==2.0", "'requests>=2'"],
    ),
    ("pip3 install -r requirements.txt", "pip", "pip", "install", []),
    ("pip3.11 install x", "pip", "pip", "install", ["x"]),
    ("python -m pip install -U pip", "pip", "pip", "install", ["pip"]),
    ("python3 -m pip install --user x", "pip", "pip", "install", ["x"]),
    ("python3.12 -mpip install x", "pip", "pip", "install", ["x"]),
    ("pip install -e . -c constraints.txt", "pip", "pip", "install", []),
    ("pip cache purge", "pip", "pip", "clean", []),
    ("npm install -g typescript@5.4", "npm", "npm", "install", ["typescript@5.4"]),
    ("npm i express", "npm", "npm", "install", ["express"]),
    ("npm ci --omit dev", "npm", "npm", "ci", []),
    ("npm cache clean --force", "npm", "npm", "clean", []),
    ("yarn add lodash@4", "yarn", "yarn", "add", ["lodash@4"]),
    ("yarn global add serve", "yarn", "yarn", "add", ["serve"]),
    ("yarn install --frozen-lockfile", "yarn", "yarn", "install", []),
    ("pnpm add -D vite", "pnpm", "pnpm", "add", ["vite"]),
    ("pnpm store prune", "pnpm", "pnpm", "clean", []),
    ("gem install rails -v 7.1 --no-document", "gem", "gem", "install", ["rails"]),
    ("gem cleanup", "gem", "gem", "clean", []),
    ("bundle install --jobs 4", "bundle", "bundler", "install", []),
    ("sudo -E apt-get install -y x", "apt-get", "apt", "install", ["x"]),
    ("env DEBIAN_FRONTEND=noninteractive apt-get install -y x", "apt-get", "apt", "install", ["x"]),
    ("sh -c 'apk add x'", "apk", "apk", "add", ["x"]),
    ("apt-get $ACTION x", "apt-get", "apt", None, []),
]


@pytest.mark.parametrize(("text", "manager", "family", "subcommand", "packages"), IDENTITY_CASES)
def test_identifies_manager_and_packages(
    text: str, manager: str, family: str, subcommand: str | None, packages: list[str]
) -> None:
    call = one(text)
    assert (call.manager, call.family, call.subcommand) == (manager, family, subcommand)
    assert raws(call.packages) == packages


def test_not_package_managers() -> None:
    assert calls("python3 -c 'import pip' && python -m venv /v && echo apt-get") == []
    assert calls("apt-cache policy x && dpkg -i x.deb") == []


# (script, install_root)
ROOT_CASES: list[tuple[str, str | None]] = [
    ("apt-get install x", None),
    ("apt-get -o Dir=/target install x", "/target"),
    ("apt-get -o RootDir=/target install x", "/target"),
    ("apt-get --option=Dir=/t install x", "/t"),
    ("dnf --installroot /sysroot install -y x", "/sysroot"),
    ("dnf --installroot=/sysroot install -y x", "/sysroot"),
    ("yum install --installroot=/r x", "/r"),
    ("microdnf --installroot=/mnt/rootfs install x", "/mnt/rootfs"),
    ("tdnf --installroot /r install x", "/r"),
    ("zypper --root /r in -y x", "/r"),
    ("zypper -R /r in -y x", "/r"),
    ("zypper --installroot /r in -y x", "/r"),
    ("apk --root /r add x", "/r"),
    ("apk -p /r add x", "/r"),
    ("pip install --prefix /install x", "/install"),
    ("pip install --target=/deps x", "/deps"),
    ("pip install -t /deps x", "/deps"),
    ("pip install --root /staging x", "/staging"),
    ("npm install --prefix /opt/app x", "/opt/app"),
    ("gem install -i /gems x", "/gems"),
    ("gem install --install-dir /gems x", "/gems"),
    ("DESTDIR=/pkg pip install x", "/pkg"),
    ('dnf --installroot "$ROOT" install x', '"$ROOT"'),
    ("dnf --installroot=$ROOT install x", "$ROOT"),
]


@pytest.mark.parametrize(("text", "root"), ROOT_CASES)
def test_install_root(text: str, root: str | None) -> None:
    call = one(text)
    assert call.install_root == root
    # The root value is never mistaken for a package.
    assert [w.value for w in call.packages] == ["x"]


# (script, assume_yes)
YES_CASES: list[tuple[str, bool]] = [
    ("apt-get install x", False),
    ("apt-get install -y x", True),
    ("apt-get install --yes x", True),
    ("apt-get install --assume-yes x", True),
    ("apt-get -qy install x", True),
    ("apt-get -qq install x", True),
    ("apt-get -q install x", False),
    ("apt-get -q=2 install x", True),
    ("apt-get -o APT::Get::Assume-Yes=true install x", True),
    ("apt install -y x", True),
    ("yes | apt-get install x", True),
    ("yes n | apt-get install x", False),
    ("dnf install x", False),
    ("dnf install -y x", True),
    ("yum --assumeyes install x", True),
    ("microdnf install x", False),
    ("dnf --setopt=assumeyes=True install x", True),
    ("zypper install x", False),
    ("zypper -n install x", True),
    ("zypper --non-interactive in x", True),
    ("zypper in -y x", True),
    ("zypper install --no-confirm x", True),
    ("apk add x", True),
    ("pip install x", True),
    ("pip uninstall x", False),
    ("pip uninstall -y x", True),
    ("npm install x", True),
    ("gem install x", True),
]


@pytest.mark.parametrize(("text", "expected"), YES_CASES)
def test_assume_yes(text: str, expected: bool) -> None:
    assert one(text).assume_yes is expected


# (script, no_cache)
NO_CACHE_CASES: list[tuple[str, bool]] = [
    ("apk add x", False),
    ("apk add --no-cache x", True),
    ("apk --no-cache add x", True),
    ("pip install x", False),
    ("pip install --no-cache-dir x", True),
    ("PIP_NO_CACHE_DIR=1 pip install x", True),
    ("PIP_NO_CACHE_DIR=off pip install x", False),
    ("env PIP_NO_CACHE_DIR=yes pip install x", True),
    ("export PIP_NO_CACHE_DIR=1 && pip install x", True),
    ("pip install x && export PIP_NO_CACHE_DIR=1", False),
    ("python3 -m pip install --no-cache-dir x", True),
]


@pytest.mark.parametrize(("text", "expected"), NO_CACHE_CASES)
def test_no_cache(text: str, expected: bool) -> None:
    (call,) = [c for c in calls(text) if c.subcommand == "install" or c.subcommand == "add"]
    assert call.no_cache is expected


def test_no_cache_from_caller_environment() -> None:
    script = parse_script("pip install x")
    assert package_manager_calls(script, env={"PIP_NO_CACHE_DIR": "1"})[0].no_cache
    assert not package_manager_calls(script, env={"PIP_NO_CACHE_DIR": "0"})[0].no_cache


def test_options_and_accessors() -> None:
    call = one("apt-get -qqy install --no-install-recommends -o Dpkg::Options::=--force-confnew x")
    assert raws(call.options) == ["-qqy", "--no-install-recommends", "-o"]
    assert call.has_option("--no-install-recommends")
    assert call.has_option("-y")
    assert not call.has_option("--yes")
    assert call.option_value("-o") == "Dpkg::Options::=--force-confnew"
    option = call.option("-o")
    assert option is not None and option.value_word is not None
    assert raws(call.subcommand_words) == ["install"]
    assert call.command.name == "apt-get"


def test_calls_in_order_across_nesting() -> None:
    text = "apt-get update && sudo sh -c 'apt-get install -y a' && (cd / && pip install b)"
    assert [(c.manager, c.subcommand) for c in calls(text)] == [
        ("apt-get", "update"),
        ("apt-get", "install"),
        ("pip", "install"),
    ]


# (script, [(family, kind, path, install_root)])
CLEANUP_CASES: list[tuple[str, list[tuple[str, str, str | None, str | None]]]] = [
    ("apt-get clean", [("apt", "clean", None, None)]),
    ("rm -rf /var/lib/apt/lists/*", [("apt", "rm", "/var/lib/apt/lists", None)]),
    ("rm -rf /var/lib/apt/lists", [("apt", "rm", "/var/lib/apt/lists", None)]),
    ("rm -rf /target/var/lib/apt/lists/*", [("apt", "rm", "/var/lib/apt/lists", "/target")]),
    ("dnf clean all", [("dnf", "clean", None, None)]),
    ("dnf clean metadata", []),
    ("dnf --installroot /r clean all", [("dnf", "clean", None, "/r")]),
    ("yum clean all", [("dnf", "clean", None, None)]),
    ("microdnf clean all", [("dnf", "clean", None, None)]),
    ("rm -rf /var/cache/yum", [("dnf", "rm", "/var/cache/yum", None)]),
    ("zypper clean -a", [("zypper", "clean", None, None)]),
    ("zypper cc --all", [("zypper", "clean", None, None)]),
    ("apk cache clean", [("apk", "clean", None, None)]),
    ("rm -rf /var/cache/apk/*", [("apk", "rm", "/var/cache/apk", None)]),
    ("rm -rf /root/.cache/pip", [("pip", "rm", "~/.cache/pip", None)]),
    (
        "rm -rf ~/.cache",
        [
            ("pip", "rm", "~/.cache/pip", None),
            ("yarn", "rm", "~/.cache/yarn", None),
            ("pnpm", "rm", "~/.cache/pnpm", None),
        ],
    ),
    ("rm -rf $HOME/.npm", [("npm", "rm", "~/.npm", None)]),
    ("pip cache purge", [("pip", "clean", None, None)]),
    ("npm cache clean --force", [("npm", "clean", None, None)]),
    ("yarn cache clean", [("yarn", "clean", None, None)]),
    ("pnpm store prune", [("pnpm", "clean", None, None)]),
    ("gem cleanup", [("gem", "clean", None, None)]),
    ("rm -rf ~/.gem", [("gem", "rm", "~/.gem", None)]),
    ("rm -rf /tmp/*", []),
    ("rm -rf /root/*", []),
    ("rm -rf /var/lib/apt/lists/partial", []),
    ("rm -rf /tmp/var", []),
    (
        "sudo rm -fr /var/lib/apt/lists/* /var/cache/apk",
        [
            ("apt", "rm", "/var/lib/apt/lists", None),
            ("apk", "rm", "/var/cache/apk", None),
        ],
    ),
    ("rm -rf '/var/lib/apt/lists/'*", [("apt", "rm", "/var/lib/apt/lists", None)]),
    ("rm -rf /var/lib/apt/lists/'*'", []),
]


@pytest.mark.parametrize(("text", "expected"), CLEANUP_CASES)
def test_cleanup_actions(
    text: str, expected: list[tuple[str, str, str | None, str | None]]
) -> None:
    got = [(a.family, a.kind, a.path, a.install_root) for a in cleanup_actions(parse_script(text))]
    assert got == expected


def test_is_cleanup_and_rm_targets() -> None:
    script = parse_script("apt-get clean && rm -f /a && rm -r /b && rm -rf -- -c /d")
    assert [is_cleanup(c) for c in package_manager_calls(script)] == [True]
    assert [w.value for w in rm_targets(script)] == ["/a", "/b", "-c", "/d"]
    assert [w.value for w in rm_targets(script, recursive_only=True)] == ["/b", "-c", "/d"]


@pytest.mark.parametrize(
    ("pattern", "directory", "expected"),
    [
        ("/var/lib/apt/lists", "/var/lib/apt/lists", True),
        ("/var/lib/apt/lists/*", "/var/lib/apt/lists", True),
        ("/var/lib/apt", "/var/lib/apt/lists", True),
        ("/var/lib/*/lists", "/var/lib/apt/lists", True),
        ("/var/lib/apt/lists/*.lz4", "/var/lib/apt/lists", False),
        ("/var/lib/apt/lists/partial", "/var/lib/apt/lists", False),
        ("~/.cache", "~/.cache/pip", True),
        ("~/*", "~/.cache/pip", False),
        ("/var/cache/apk", "~/.cache/pip", False),
    ],
)
def test_path_covers(pattern: str, directory: str, expected: bool) -> None:
    assert path_covers(pattern, directory) is expected


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_package_manager_calls_never_raise(text: str) -> None:
    script = parse_script(text)
    package_manager_calls(script)
    cleanup_actions(script)


PM_ALPHABET = st.sampled_from(
    [
        "apt-get ",
        "dnf ",
        "zypper ",
        "apk ",
        "pip ",
        "python -m pip ",
        "npm ",
        "yarn ",
        "gem ",
        "install ",
        "clean ",
        "cache ",
        "-y ",
        "-qq ",
        "--installroot ",
        "--root=",
        "-o ",
        "Dir=/r ",
        "x ",
        "'q' ",
        "$V ",
        "&& ",
        "| ",
        "; ",
        "sudo ",
        "env A=1 ",
        "rm -rf ",
        "/var/lib/apt/lists/* ",
        "~/.cache ",
        "-- ",
        "\\\n",
        "sh -c '",
        "' ",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(PM_ALPHABET, max_size=25).map("".join))
def test_package_manager_calls_never_raise_on_commandish_text(text: str) -> None:
    script = parse_script(text)
    for call in package_manager_calls(script):
        assert call.family
        assert all(0 <= w.start <= w.end <= len(text) for w in call.packages)
    cleanup_actions(script)
