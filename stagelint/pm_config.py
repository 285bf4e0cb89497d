"""Package-manager settings written to configuration files by earlier commands.

`apt-get install` honours `APT::Install-Recommends "0";` in a file under
/etc/apt/apt.conf.d, dnf honours `assumeyes=1` in /etc/dnf/dnf.conf. A rule
that wants an option on the command line accepts the setting when a RUN
of the same stage (or of a base stage) wrote it earlier with a static text:
`echo ... > file`, `printf ... >> file`, `cat > file <<EOF`, `... | tee file`.
A file copied in with COPY is not read (its content is not in the
Containerfile), so such a setting is not seen.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from stagelint.effects import is_under
from stagelint.lazyre import lazy_pattern
from stagelint.records import Record
from stagelint.shell import PackageManagerCall, SimpleCommand

if TYPE_CHECKING:
    from stagelint.model import Model, RunStep
    from stagelint.shell import Script

_WRITE_OPS = frozenset({">", ">>", ">|", "&>", "&>>"})
_STDIN_OPS = frozenset({"<<", "<<-", "<<<"})
_TEE_VALUE_OPTIONS = frozenset({"--output-error"})
_OFF = "(?:0|false|no|off)"
_ON = "(?:1|true|yes|on)"


class ConfigSetting(Record):
    __slots__ = ("option_pattern", "options", "paths", "pattern")

    def __init__(
        self,
        paths: tuple[str, ...],  # config files, or directories of config files
        pattern: Callable[[], re.Pattern[str]],  # the setting as written in such a file
        # `KEY=VALUE` given to an option
        option_pattern: Callable[[], re.Pattern[str]] | None = None,
        options: tuple[str, ...] = (),  # the options taking `KEY=VALUE` (apt `-o`)
    ) -> None:
        self.paths = paths
        self.pattern = pattern
        self.option_pattern = option_pattern
        self.options = options


APT_NO_RECOMMENDS = ConfigSetting(
    ("/etc/apt/apt.conf", "/etc/apt/apt.conf.d"),
    lazy_pattern(rf'APT::Install-Recommends\s+"?{_OFF}"?\s*;', re.IGNORECASE),
    lazy_pattern(rf"APT::Install-Recommends\s*=\s*{_OFF}", re.IGNORECASE),
    ("-o", "--option"),
)
APT_ASSUME_YES = ConfigSetting(
    ("/etc/apt/apt.conf", "/etc/apt/apt.conf.d"),
    lazy_pattern(rf'APT::Get::Assume-Yes\s+"?{_ON}"?\s*;', re.IGNORECASE),
)
DNF_ASSUME_YES = ConfigSetting(
    ("/etc/dnf/dnf.conf", "/etc/yum.conf", "/etc/yum/yum.conf"),
    lazy_pattern(rf"^\s*assumeyes\s*=\s*{_ON}\s*$", re.IGNORECASE | re.MULTILINE),
)


def setting_applies(
    model: Model, step: RunStep, call: PackageManagerCall, setting: ConfigSetting
) -> bool:
    """Is `setting` in force for `call`: given on its command line, or written
    to a config file earlier in its RUN, its stage or a base stage?"""
    if setting.option_pattern is not None:
        for option in call.parsed_options:
            if (
                option.name in setting.options
                and option.value is not None
                and setting.option_pattern().fullmatch(option.value.strip())
            ):
                return True
    base = step.stage.base_stage
    if base is not None and _written_by_chain(model, setting)[id(base)]:
        return True
    for other in model.runs_of(step.stage):
        if other is step:
            return _run_writes(other, setting, call.command.start)
        if _run_writes(other, setting, None):
            return True
    return False


def _run_writes(step: RunStep, setting: ConfigSetting, limit: int | None) -> bool:
    """Does the RUN (before script offset `limit`, if given) write `setting`?"""
    script = step.script.script
    return script is not None and any(
        setting.pattern().search(text) for text in _written(script, setting.paths, limit)
    )


def _written_by_chain(model: Model, setting: ConfigSetting) -> dict[int, bool]:
    """For each stage (by `id`): did a RUN of it or of a stage it is built on
    write `setting`? Base stages come first in the file: one pass, once per lint."""

    def compute() -> dict[int, bool]:
        found: dict[int, bool] = {}
        for stage in model.stages:
            inherited = stage.base_stage is not None and found[id(stage.base_stage)]
            found[id(stage)] = inherited or any(
                _run_writes(run, setting, None) for run in model.runs_of(stage)
            )
        return found

    return model.shared(f"pm_config.written.{setting.pattern().pattern}", compute)


def _written(script: Script, paths: tuple[str, ...], limit: int | None) -> Iterator[str]:
    """The static texts the script writes into files under `paths`, from
    commands that start before script offset `limit`."""
    for command in script.commands:
        if limit is not None and command.start >= limit:
            break
        effective = command.effective()
        targets = [
            r.target.value
            for r in command.redirects
            if r.op in _WRITE_OPS and r.fd in (None, 1) and r.target.value is not None
        ]
        if any(_under(t, paths) for t in targets):
            yield from _content(script, effective, include_args=True)
        elif effective.name == "tee" and any(
            w.value is not None and _under(w.value, paths) for w in effective.args
        ):
            yield from _content(script, effective, include_args=False)


def _under(path: str, paths: tuple[str, ...]) -> bool:
    return any(is_under(path, p) for p in paths)


def _content(script: Script, command: SimpleCommand, *, include_args: bool) -> Iterator[str]:
    """What a writing command puts out: its arguments (echo, printf), its
    here-document, or for `tee` what the pipeline feeds it."""
    if include_args and all(w.value is not None for w in command.args):
        yield " ".join(w.value for w in command.args if w.value is not None)
    for redirect in command.redirects:
        if redirect.op not in _STDIN_OPS:
            continue
        body = redirect.target if redirect.op == "<<<" else redirect.heredoc
        if body is not None and body.value is not None:
            yield body.value
    for pipeline in script.pipelines:
        for previous, stage in zip(pipeline.stages, pipeline.stages[1:], strict=False):
            if any(c.start == command.start and c.end == command.end for c in stage):
                for feeder in previous:
                    if all(w.value is not None for w in feeder.args):
                        yield " ".join(w.value for w in feeder.args if w.value is not None)
