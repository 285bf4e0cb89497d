"""CMD or ENTRYPOINT in shell form

## What it does
Reports `CMD` and `ENTRYPOINT` written in shell form (`CMD nginx -g ...`)
instead of the JSON (exec) form. Like BuildKit's JSONArgsRecommended, a
stage that sets its own `SHELL` (or whose base stage does) is left alone:
there the shell form is a deliberate choice.

## Why is this bad?
The shell form runs `/bin/sh -c "<command>"`: the shell is PID 1, and it
does not pass SIGTERM on to the program, so `docker stop` waits for its
timeout and then kills the program. A shell-form ENTRYPOINT also ignores
`CMD` and the arguments of `docker run`.

## Example
```dockerfile
FROM nginx:1.27
CMD nginx -g daemon off;
```

Use instead:
```dockerfile
FROM nginx:1.27
CMD ["nginx", "-g", "daemon off;"]
```

## Fix safety
The fix rewrites the command in JSON form, only when it is a plain list of
words: no variables, quotes, escapes, globs, redirections, operators or
comments, no variable assignments, no shell builtins, on one line, under
the default shell. It is unsafe: the program becomes PID 1 (it receives the
signals, and must reap child processes), it is looked up in PATH without a
shell, and a JSON ENTRYPOINT passes `CMD` and `docker run` arguments to the
program, which the shell form dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stagelint.instructions import shell_declared, single_line, stage_instructions
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
from stagelint.tree import Instruction

TITLE = "Use the JSON (exec) form"
# Characters that mean nothing to the shell inside a word.
_PLAIN_WORD = re.compile(r"^[A-Za-z0-9_@%+=:,./-]+$")
_BUILTINS = frozenset(
    {
        ".", ":", "alias", "bg", "break", "cd", "command", "continue", "eval", "exec", "exit",
        "export", "fg", "getopts", "hash", "jobs", "read", "readonly", "return", "set", "shift",
        "source", "times", "trap", "type", "ulimit", "umask", "unalias", "unset", "wait",
    }
)  # fmt: skip


def _exec_form(node: Instruction) -> Fix | None:
    words = node.args_text.split()
    if not words or not all(_PLAIN_WORD.match(w) for w in words):
        return None
    if words[0] in _BUILTINS or "=" in words[0]:
        return None
    if not single_line(node, node.args_start, node.args_end):
        return None
    import json  # only when there is a fix to offer

    text = "[" + ", ".join(json.dumps(w, ensure_ascii=False) for w in words) + "]"
    return Fix(TITLE, (Edit(node.args_start, node.args_end, text),), Applicability.UNSAFE)


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    for stage, node in stage_instructions(ctx.model, "CMD", "ENTRYPOINT"):
        if node.json or not node.args_text:
            continue
        if shell_declared(stage, node):
            continue  # a SHELL of the file is in effect: the shell form is deliberate
        yield rule.diagnostic(
            node.keyword_start,
            node.args_end,
            f"{node.keyword} in shell form runs under `/bin/sh -c`, which does not pass "
            "signals on; use the JSON form",
            _exec_form(node),
        )


RULE = Rule(
    code="SL408",
    name="shell-form-cmd",
    summary="CMD or ENTRYPOINT in shell form",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__ or "",
    fix=FixAvailability.SOMETIMES,
    aliases=("DL3025", "JSONArgsRecommended"),
    fix_title=TITLE,
)
