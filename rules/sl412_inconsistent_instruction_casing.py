"""Instruction keyword not in the file's majority case

## What it does
Reports an instruction keyword written in mixed case (`Run`), or in upper
case in a file whose keywords are mostly lower case, or the reverse. As in
BuildKit's ConsistentInstructionCasing, the case that most all-upper or
all-lower keywords of the file use wins; a tie goes to upper case.

## Why is this bad?
Keywords are case-insensitive to the builder, so mixed case only costs the
reader: instructions are harder to spot, and `grep ^RUN` misses some.

## Example
```dockerfile
FROM alpine:3.20
Run apk add --no-cache curl
```

Use instead:
```dockerfile
FROM alpine:3.20
RUN apk add --no-cache curl
```

## Fix safety
The fix rewrites the keyword in the majority case. It is safe: the builder
reads keywords without regard to case.
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.instructions import keyword_as_written
from stagelint.parser import KNOWN_KEYWORDS
from stagelint.rule import Context, Diagnostic, Edit, Fix, FixAvailability, Rule, Severity

TITLE = "Write the keyword in the file's case"


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    nodes = [n for n in ctx.doc.instructions if n.keyword in KNOWN_KEYWORDS]
    written = [keyword_as_written(n) for n in nodes]
    upper = sum(1 for w in written if w.isupper())
    lower = sum(1 for w in written if w.islower())
    majority_lower = lower > upper
    for node, word in zip(nodes, written, strict=True):
        if (word.islower() if majority_lower else word.isupper()) or len(word) != len(node.keyword):
            continue  # in the majority case, or a keyword split by a line continuation
        wanted = word.lower() if majority_lower else word.upper()
        case = "lower" if majority_lower else "upper"
        yield rule.diagnostic(
            node.keyword_start,
            node.keyword_end,
            f"`{word}` should be `{wanted}`, the {case} case most keywords of the file use",
            Fix(TITLE, (Edit(node.keyword_start, node.keyword_end, wanted),)),
        )


RULE = Rule(
    code="SL412",
    name="inconsistent-instruction-casing",
    summary="Instruction keyword not in the file's majority case",
    severity=Severity.INFO,
    check=check,
    doc=__doc__ or "",
    fix=FixAvailability.ALWAYS,
    aliases=("ConsistentInstructionCasing",),
    fix_title=TITLE,
)
