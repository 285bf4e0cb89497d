"""Pipe in RUN without `pipefail`

## What it does
Reports a pipeline in a RUN (`curl -fsSL URL | tar -xz`) whose shell does
not have the `pipefail` option on. `pipefail` is on when:
- the SHELL in effect has it: `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`
  (any shell: one that does not know the option fails at once);
- the script turns it on before the pipe: `set -o pipefail && ...`,
  `set -euo pipefail` at the top of a heredoc script;
- the pipe runs in a nested `bash -o pipefail -c '...'`.

Options are not inherited by a nested shell, so a pipe inside `sh -c '...'`
is reported even under a pipefail SHELL; a heredoc with a shebang
(`#!/bin/bash`) and an exec-form RUN do not use SHELL at all.

Not reported: a pipe whose failure is tolerated anyway (in an `if` or
`while` condition, left of `||`, negated with `!`), and a pipe whose left
side cannot fail (`echo`, `printf`, `true`, `yes`): `echo "$SUM  file" |
sha256sum -c` is fine. (With `pipefail`, `yes | cmd` would even fail when
`cmd` stops reading.)

## Why is this bad?
A pipeline's exit status is that of its last command: in
`curl -fsSL URL | tar -xz` a failed download gives `tar` an empty input,
and depending on the tool the RUN succeeds with nothing installed. The
build goes on and fails later, or not at all.

## Example
```dockerfile
FROM debian:12
RUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local
```

Use instead:
```dockerfile
FROM debian:12
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local
```

## Fix safety
The fix inserts `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (on Alpine:
`["/bin/ash", "-o", "pipefail", "-c"]`) before the first RUN of the stage
that needs it. It is offered only where the shell is known to exist: the
stage starts from an official Debian, Ubuntu, Fedora... based image, or
Alpine, or installs `bash` in an earlier RUN, and still uses the default
`/bin/sh -c`. It is unsafe: every later RUN of the stage (and of stages
built on it) then runs with that shell and with `pipefail`, which may
change their behaviour (bash reads some scripts differently than dash, and
`cmd | head -1` can fail when `cmd` is killed by SIGPIPE).
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.model import Model, RunStep, Stage
from stagelint.records import Record
from stagelint.rule import (
    Applicability,
    Context,
    Diagnostic,
    Edit,
    Fix,
    FixAvailability,
    Rule,
    Severity,
)
from stagelint.shell import Pipeline, Script, SimpleCommand, parse_options
from stagelint.shell.nested import SHELLS, nested_script_words
from stagelint.shellrules import base_family, installed_before, sets_pipefail

_TITLE = "Set a SHELL with `-o pipefail`"
_CANNOT_FAIL = frozenset({"echo", "printf", "true", ":", "yes"})
_DEFAULT_SHELL = ("/bin/sh", "-c")


class Finding(Record):
    __slots__ = ("fixable", "message", "pipeline", "step")

    def __init__(
        self,
        step: RunStep,
        pipeline: Pipeline,
        message: str,
        fixable: bool,  # the SHELL decides: a SHELL instruction would fix it
    ) -> None:
        self.step = step
        self.pipeline = pipeline
        self.message = message
        self.fixable = fixable


def _shell_words(command: SimpleCommand) -> list[str | None]:
    return [w.value for w in command.args]


def _runner(script: Script, pipeline: Pipeline) -> SimpleCommand | None:
    """The innermost command running a nested script that holds `pipeline`."""
    found: SimpleCommand | None = None
    for command in script.commands:
        if (
            command.start <= pipeline.start
            and pipeline.end <= command.end
            and command.depth < pipeline.depth
            and nested_script_words(command.effective()) is not None
            and command.effective().name != "eval"  # eval runs in the same shell
        ):
            found = command
    return found


def _set_before(script: Script, pipeline: Pipeline, scope: SimpleCommand | None) -> bool:
    """Is there a `set -o pipefail` before `pipeline`, in the same shell?"""
    low, high = (scope.start, scope.end) if scope is not None else (0, len(script.text))
    for command in script.commands:
        effective = command.effective()
        if effective.name != "set" or not (low <= command.start < pipeline.start <= high):
            continue
        if command.depth > pipeline.depth:
            continue
        option = parse_options(effective.args, {"-o"}).option("-o")
        if option is not None and option.value == "pipefail":
            return True
    return False


def _cannot_fail(pipeline: Pipeline) -> bool:
    left = [command for stage in pipeline.stages[:-1] for command in stage]
    return all(command.effective().name in _CANNOT_FAIL for command in left)


def _own_interpreter(step: RunStep) -> tuple[str, ...] | None:
    """The command line the script runs with when SHELL does not apply: an
    exec-form argv, or a heredoc's shebang line."""
    run = step.script
    if run.kind == "exec":
        return run.interpreter
    if run.kind == "heredoc" and run.text.startswith("#!"):
        return tuple(run.text.split("\n", 1)[0][2:].split())
    return None


def _describe(pipeline: Pipeline) -> str:
    names = [c.effective().name for stage in pipeline.stages for c in stage[:1]]
    first, last = names[0] or "the first command", names[-1] or "the last command"
    return f"if `{first}` fails, the RUN does not notice (only `{last}`'s status counts)"


def _findings(step: RunStep) -> Iterator[Finding]:
    run = step.script
    script = run.script
    if script is None:
        return
    for pipeline in script.pipelines:
        if pipeline.in_condition or len(pipeline.stages) < 2 or _cannot_fail(pipeline):
            continue
        runner = _runner(script, pipeline)
        if _set_before(script, pipeline, runner):
            continue
        if runner is not None:
            shell = runner.effective()
            if shell.name in SHELLS and sets_pipefail(_shell_words(shell)):
                continue
            message = f"Pipe in a nested `{shell.name}` script without `-o pipefail`: "
            yield Finding(step, pipeline, message + _describe(pipeline), False)
            continue
        own = _own_interpreter(step)
        if own is not None:
            if sets_pipefail(list(own[1:])):
                continue
            message = f"Pipe run by `{' '.join(own)}` without `-o pipefail`: "
            yield Finding(step, pipeline, message + _describe(pipeline), False)
            continue
        if sets_pipefail(list(step.shell[1:])):
            continue
        message = "Pipe without `-o pipefail` in SHELL: "
        yield Finding(step, pipeline, message + _describe(pipeline), True)


def _shell_for(model: Model, step: RunStep) -> str | None:
    """The shell a SHELL instruction may name in this stage, if one is sure to exist."""
    if step.shell != _DEFAULT_SHELL:
        return None  # a SHELL of the file's own is in effect: the author chose it
    if installed_before(model, step, "bash"):
        return "/bin/bash"
    family = base_family(step.stage)
    return {"gnu": "/bin/bash", "alpine": "/bin/ash"}.get(family or "")


def _fix(model: Model, step: RunStep) -> Fix | None:
    shell = _shell_for(model, step)
    if shell is None:
        return None
    node = step.instruction
    source = node.source
    line_start = source.rfind("\n", 0, node.keyword_start) + 1
    indent = source[line_start : node.keyword_start]
    if indent.strip():
        return None  # the RUN does not start its line (an ONBUILD trigger)
    newline = "\r\n" if source[node.start : node.end].find("\r\n") >= 0 else "\n"
    text = f'{indent}SHELL ["{shell}", "-o", "pipefail", "-c"]{newline}'
    return Fix(_TITLE, (Edit(line_start, line_start, text),), Applicability.UNSAFE)


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    findings = [f for step in ctx.model.runs for f in _findings(step)]
    # One SHELL per stage fixes every finding of the stage and of the stages
    # built on it: offer it at the first fixable finding only.
    fixed: set[int] = set()
    for finding in findings:
        stage: Stage = finding.step.stage
        fix = None
        if finding.fixable and not {id(s) for s in [stage, *stage.ancestors()]} & fixed:
            fix = _fix(ctx.model, finding.step)
            if fix is not None:
                fixed.add(id(stage))
        start, end = finding.step.script.span(finding.pipeline.start, finding.pipeline.end)
        yield rule.diagnostic(start, end, finding.message, fix)


RULE = Rule(
    code="SL537",
    name="pipe-without-pipefail",
    summary="Pipe in RUN without `pipefail`",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__ or "",
    fix=FixAvailability.SOMETIMES,
    aliases=("DL4006",),
    fix_title=_TITLE,
)
