"""ENV value that uses a variable set by the same ENV

## What it does
Reports an `ENV` pair whose value refers to a variable that another pair of
the same `ENV` instruction sets, as in `ENV A=1 B=$A`. Referring to the
pair's own variable (`ENV PATH=/opt/bin:$PATH`) is fine, and so is text in
single quotes, which is not expanded.

## Why is this bad?
All values of one `ENV` are expanded with the variables as they were before
the instruction: `B` gets the old value of `A` (often empty), not `1`.

## Example
```dockerfile
FROM alpine:3.20
ENV APP_HOME=/srv/app APP_BIN=$APP_HOME/bin
```

Use instead:
```dockerfile
FROM alpine:3.20
ENV APP_HOME=/srv/app
ENV APP_BIN=$APP_HOME/bin
```
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.expand import ExpansionError, expand_word
from stagelint.instructions import stage_instructions
from stagelint.rule import Context, Diagnostic, Rule, Severity


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    model = ctx.model
    for _, node in stage_instructions(model, "ENV"):
        if len(node.key_values) < 2:
            continue
        variables = model.scope(node).variables()
        keys = {kv.key for kv in node.key_values}
        for kv in node.key_values:
            try:
                used = expand_word(kv.value, variables, escape=model.doc.escape).used
            except ExpansionError:
                continue  # reported by SL013
            for name in sorted((used & keys) - {kv.key}):
                old = variables.get(name)
                before = f"its value before this ENV (`{old}`)" if old is not None else "nothing"
                yield rule.diagnostic(
                    kv.start,
                    kv.end,
                    f"`{kv.key}` uses `${name}`, which this ENV sets too; it gets {before}. "
                    f"Set `{name}` in an earlier ENV",
                )


RULE = Rule(
    code="SL409",
    name="env-same-statement-reference",
    summary="ENV value that uses a variable set by the same ENV",
    severity=Severity.ERROR,
    check=check,
    doc=__doc__ or "",
    aliases=("DL3044",),
)
