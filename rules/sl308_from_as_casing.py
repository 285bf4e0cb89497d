"""`AS` keyword in another case than `FROM`

## What it does
Reports `FROM image as name` (and `from image AS name`): the `AS` keyword
written in another case than the `FROM` keyword, like BuildKit's
FromAsCasing check. A `FROM` keyword in mixed case is left to the
instruction-casing rule.

## Why is this bad?
Keywords are case-insensitive, but mixing styles in one instruction makes
the file harder to read and to search.

## Example
```dockerfile
FROM debian:12 as builder
```

Use instead:
```dockerfile
FROM debian:12 AS builder
```

## Fix safety
The fix rewrites `AS` in the case of `FROM`. It is safe: the keyword is
case-insensitive for every engine.
"""

from collections.abc import Iterator

from stagelint.rule import Context, Diagnostic, Edit, Fix, FixAvailability, Rule, Severity
from stagelint.stagerefs import stage_words

TITLE = "Write `AS` in the case of `FROM`"


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    source = ctx.doc.source
    for stage in ctx.model.stages:
        node = stage.from_instruction
        words = stage_words(ctx.model, stage)
        if len(words) != 3 or words[1].text.upper() != "AS":
            continue
        keyword = source[node.keyword_start : node.keyword_end]
        wanted = "AS" if keyword.isupper() else "as" if keyword.islower() else None
        as_word = words[1]
        if wanted is None or as_word.text == wanted:
            continue
        yield rule.diagnostic(
            as_word.start,
            as_word.end,
            f"`{as_word.text}` and `{keyword}` keywords' casing do not match; write `{wanted}`",
            Fix(TITLE, (Edit(as_word.start, as_word.end, wanted),)),
        )


RULE = Rule(
    code="SL308",
    name="from-as-casing",
    summary="`AS` keyword in another case than `FROM`",
    severity=Severity.INFO,
    check=check,
    doc=__doc__ or "",
    fix=FixAvailability.ALWAYS,
    aliases=("FromAsCasing",),
    fix_title=TITLE,
)
