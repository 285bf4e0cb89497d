"""ENV or LABEL in the legacy `key value` form

## What it does
Reports `ENV key value` and `LABEL key value`, the legacy form without `=`,
which sets one variable or label to the whole rest of the line.

## Why is this bad?
The legacy form is deprecated (BuildKit's LegacyKeyValueFormat). It reads
like a list of words but sets a single value containing the spaces:
`ENV DEPS curl git` sets `DEPS` to `curl git`. The `key=value` form is
explicit and allows several pairs per instruction.

## Example
```dockerfile
FROM alpine:3.20
ENV LANG C.UTF-8
ENV DEPS curl git make
```

Use instead:
```dockerfile
FROM alpine:3.20
ENV LANG=C.UTF-8
ENV DEPS="curl git make"
```

## Fix safety
The fix writes `key=value`, and adds double quotes only when the value has
white space outside quotes. It is offered only when the stored value is
provably the same: the value is kept byte for byte when it is one word, and
quoted only when it holds no quote or escape character (inside double
quotes, `$` expands exactly as outside them; continuation lines are joined
before the quotes are read). It is safe then.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stagelint.arguments import parse_arguments
from stagelint.expand import ExpansionError, expand_word
from stagelint.instructions import single_line, stage_instructions
from stagelint.rule import Context, Diagnostic, Edit, Fix, FixAvailability, Rule, Severity
from stagelint.tree import Instruction
from stagelint.words import split_words

TITLE = "Use key=value"
_PLAIN_KEY = re.compile(r"^[^\s\"'`\\$=]+$")


def _new_value(value: str, escape: str) -> str | None:
    """The text to write after `key=`, stored exactly as `value` is."""
    try:
        expand_word(value, {}, escape=escape)
    except ExpansionError:
        return None  # the builder refuses the value either way (SL013)
    words = split_words(value, escape)
    if len(words) == 1 and words[0].start == 0 and words[0].end == len(value):
        return value  # one word: the very same text
    if any(c in value for c in ('"', "'", escape)):
        return None
    return f'"{value}"'


def _fix(node: Instruction, escape: str) -> Fix | None:
    kv = node.key_values[0]
    if not _PLAIN_KEY.match(kv.key):
        return None
    new = _new_value(kv.value, escape)
    if new is None:
        return None
    # Belt and braces: the builder's split of the new text must give the same pair.
    parsed = parse_arguments(node.keyword, f"{kv.key}={new}", escape)
    if parsed.error or [p[:2] for p in parsed.pairs] != [(kv.key, new)]:
        return None
    text = node.args_text
    value_at = len(text) - len(kv.value)
    sep_start, sep_end = node.args_span(len(kv.key), value_at)
    if not single_line(node, sep_start, sep_end):
        return None  # the separator crosses a continuation: keep its lines
    if new == kv.value:
        return Fix(TITLE, (Edit(sep_start, sep_end, "="),))
    return Fix(TITLE, (Edit(sep_start, sep_end, '="'), Edit(node.args_end, node.args_end, '"')))


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    for _, node in stage_instructions(ctx.model, "ENV", "LABEL"):
        if len(node.key_values) != 1:
            continue
        kv = node.key_values[0]
        if kv.separator:
            continue
        yield rule.diagnostic(
            node.args_start,
            node.args_end,
            f"Legacy `{node.keyword} {kv.key} value` form; write `{node.keyword} {kv.key}=...`",
            _fix(node, ctx.doc.escape),
        )


RULE = Rule(
    code="SL413",
    name="legacy-key-value-format",
    summary="ENV or LABEL in the legacy `key value` form",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__ or "",
    fix=FixAvailability.SOMETIMES,
    aliases=("LegacyKeyValueFormat",),
    fix_title=TITLE,
)
