"""The `target-engine` setting, the feature table, and the SL101 rewrite
against the SL6xx engine-compatibility rules."""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

import pytest

from stagelint.checker import lint_source, settings_for
from stagelint.config import parse_config
from stagelint.engines import (
    FEATURES,
    EngineSpec,
    Frontend,
    Version,
    buildah_for,
    gaps,
    leaks_rw_bind,
    parse_target_engine,
    parse_version,
    reverts_volume_writes,
    syntax_frontend,
)
from stagelint.fixer import fix_source
from stagelint.parser import parse

CASES = Path(__file__).parent / "rules"


def test_parse_version() -> None:
    assert parse_version("1.28") == Version(1, 28, 0)
    assert parse_version("v1.28.2") == Version(1, 28, 2)
    assert parse_version("24") == Version(24, 0, 0)
    with pytest.raises(ValueError, match="not a version"):
        parse_version("1.28-rc1")


def test_parse_target_engine() -> None:
    target = parse_target_engine("buildah>=1.28, podman 4.3.1,docker==24, DockerFile>=1.4")
    assert target.specs == (
        EngineSpec("buildah", Version(1, 28), exact=False),
        EngineSpec("podman", Version(4, 3, 1), exact=True),
        EngineSpec("docker", Version(24), exact=True),
        EngineSpec("dockerfile", Version(1, 4), exact=False),
    )
    assert str(target.specs[0]) == "buildah>=1.28"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("kaniko>=1.9", "unknown engine 'kaniko'"),
        ("buildah", "cannot read 'buildah'"),
        ("buildah>1.28", "cannot read"),
        ("buildah>=1.28,", "empty entry"),
        ("buildah 1.28-debian", "is not a version"),
        ("", "empty entry"),
    ],
)
def test_bad_target_engine(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message) as info:
        parse_target_engine(text)
    assert "ENGINE>=VERSION" in str(info.value) or "version" in str(info.value)


def test_podman_maps_to_the_buildah_it_vendors() -> None:
    def buildah(text: str) -> Version | None:
        return buildah_for(parse_target_engine(text).specs[0])

    assert buildah("podman>=4.3") == Version(1, 28)
    assert buildah("podman 4.9.4") == Version(1, 33)
    assert buildah("podman>=5.3") == Version(1, 38)
    # 4.5 is not in the table: the newest known release below it is a lower bound
    assert buildah("podman>=4.5") == Version(1, 29)
    assert buildah("podman>=3.0") is None
    assert buildah("docker>=24") is None


def test_buildah_feature_versions_from_the_engine_notes() -> None:
    # MISSION §2: heredocs and ADD --checksum 1.33, --exclude 1.38, --parents 1.40, --link 1.41
    expected = {"heredoc": 33, "checksum": 33, "exclude": 38, "parents": 40, "link": 41}
    for feature, minor in expected.items():
        support = FEATURES[feature].buildah
        assert support is not None and support.since == Version(1, minor), feature
        assert support.lacks(Version(1, 28, 2)) and not support.lacks(Version(1, minor))


def test_every_entry_has_a_source() -> None:
    for name, feature in FEATURES.items():
        for support in (feature.buildah, feature.dockerfile):
            if support is not None:
                assert support.source, name
                assert support.since is not None or support.absent_in is not None, name


@pytest.mark.parametrize(
    ("directive", "expected"),
    [
        ("docker/dockerfile:1.4", Frontend(Version(1, 4), False)),
        ("docker.io/docker/dockerfile:1.7-labs", Frontend(Version(1, 7), True)),
        ("docker/dockerfile:1.4.3@sha256:abc", Frontend(Version(1, 4, 3), False)),
        ("docker/dockerfile-upstream:master-labs", Frontend(Version(1, 10**6), True)),
        ("docker/dockerfile:1", Frontend(Version(1, 10**6), False)),
        ("docker/dockerfile", Frontend(Version(1, 10**6), False)),
        ("example.com/my/frontend:2", None),
    ],
)
def test_syntax_directive(directive: str, expected: Frontend | None) -> None:
    assert syntax_frontend(parse(f"# syntax={directive}\nFROM alpine\n")) == expected
    assert syntax_frontend(parse("FROM alpine\n")) is False


def test_directive_decides_for_buildkit_targets_only() -> None:
    doc = parse("# syntax=docker/dockerfile:1.3\nFROM alpine\n")
    target = parse_target_engine("buildah>=1.33, docker>=24")
    found = gaps("link", target, doc)
    assert [g.spec.engine for g in found] == ["buildah", "docker"]
    assert gaps("heredoc", target, doc)[0].spec.engine == "docker"


def test_rw_bind_leak_versions() -> None:
    assert leaks_rw_bind(Version(1, 28, 2))
    assert leaks_rw_bind(Version(1, 38, 0))
    assert not leaks_rw_bind(Version(1, 38, 1))
    assert not leaks_rw_bind(Version(1, 33, 12))
    assert leaks_rw_bind(Version(1, 33, 11))
    assert not leaks_rw_bind(Version(1, 39))


def test_volume_revert_answer() -> None:
    def answer(text: str) -> bool | None:
        return reverts_volume_writes(parse_target_engine(text))

    assert answer("buildah>=1.28") is True
    assert answer("buildah>=1.37, buildkit>=0.13") is False
    assert answer("docker>=24") is None


def _sl101_fail_cases() -> list[str]:
    data = tomllib.loads((CASES / "SL101.toml").read_text(encoding="utf-8"))
    return [case["text"] for case in data.get("fail", [])]


@pytest.mark.parametrize("text", _sl101_fail_cases())
def test_sl101_rewrite_stays_within_buildah_1_28(text: str) -> None:
    """The copy-rootfs rewrite must not introduce syntax buildah 1.28 lacks."""
    config = parse_config({"target-engine": "buildah>=1.28"}, None)
    settings = settings_for(config, "Containerfile", select=("SL101",)).replace(
        resolve_base_config=False
    )
    fixed = fix_source(text, "Containerfile", settings).source
    check = settings_for(config, "Containerfile", select=("SL6",)).replace(
        resolve_base_config=False
    )
    before = Counter(d.code for d in lint_source(text, "Containerfile", check).diagnostics)
    after = Counter(d.code for d in lint_source(fixed, "Containerfile", check).diagnostics)
    assert after - before == Counter(), fixed
