"""Reading base image config: parsing each engine's inspect output, and the
instructions that re-declare it."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from stagelint.imageconfig import ImageConfig, config_instructions, inspect_image, resolved_config

BUILDAH_OUTPUT = {
    "OCIv1": {
        "config": {
            "Env": ["PATH=/usr/bin:/bin", "APP_HOME=/srv/app"],
            "User": "app",
            "WorkingDir": "/srv/app",
            "Cmd": ["sh", "-c", "echo hi"],
            "Labels": {"io.buildah.version": "1.28.2", "org.example.role": "runtime"},
            "ExposedPorts": {"8080/tcp": {}},
            "Volumes": {"/data": {}},
            "StopSignal": "SIGTERM",
        }
    }
}


def fake_engine(tmp_path: Path, output: object, code: int = 0) -> tuple[str, ...]:
    script = tmp_path / "fake-inspect"
    script.write_text(f"#!/bin/sh\ncat <<'JSON'\n{json.dumps(output)}\nJSON\nexit {code}\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return (str(script),)


def test_buildah_inspect_output(tmp_path: Path) -> None:
    config = inspect_image("img:1", fake_engine(tmp_path, BUILDAH_OUTPUT))
    assert config is not None
    assert config.user == "app" and config.cmd == ("sh", "-c", "echo hi")
    text = config_instructions(config)
    assert text.splitlines() == [
        'ENV PATH="/usr/bin:/bin"',
        'ENV APP_HOME="/srv/app"',
        'LABEL org.example.role="runtime"',
        "EXPOSE 8080/tcp",
        'VOLUME ["/data"]',
        "WORKDIR /srv/app",
        "USER app",
        "STOPSIGNAL SIGTERM",
        'CMD ["sh", "-c", "echo hi"]',
    ]


def test_podman_output_and_failures(tmp_path: Path) -> None:
    podman = [{"Config": {"Env": ["A=1"], "Entrypoint": ["/init"]}}]
    config = inspect_image("img:2", fake_engine(tmp_path, podman))
    assert config is not None and config.entrypoint == ("/init",) and config.cmd is None
    (tmp_path / "missing").mkdir()
    assert inspect_image("img:3", fake_engine(tmp_path / "missing", {}, code=125)) is None
    assert inspect_image("img:4", ("/nonexistent/engine",)) is None


def test_rules_read_a_base_config_only_through_the_settings_lookup() -> None:
    known = ImageConfig(env=("PATH=/bin",))
    asked: list[str] = []

    def lookup(image: str) -> ImageConfig | None:
        asked.append(image)
        return known if image == "localhost/base" else None

    settings = {"resolve-image": lookup}
    assert resolved_config(settings, "localhost/base") == known
    assert resolved_config(settings, "localhost/missing") is None
    assert resolved_config(settings, "") is None  # nothing to ask about
    assert resolved_config({"resolve-image": None}, "localhost/base") is None  # lookups off
    assert asked == ["localhost/base", "localhost/missing"]
