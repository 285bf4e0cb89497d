"""EXPOSE protocol not in lower case

## What it does
Reports an `EXPOSE` protocol written in upper or mixed case (`80/TCP`).

## Why is this bad?
The builder lower-cases the protocol anyway; writing it in lower case keeps
the file consistent with the image config and with BuildKit's
ExposeProtoCasing check.

## Example
```dockerfile
FROM nginx:1.27
EXPOSE 80/TCP
```

Use instead:
```dockerfile
FROM nginx:1.27
EXPOSE 80/tcp
```

## Fix safety
The fix lower-cases the protocol where it is written. It is safe: the
builder stores the protocol in lower case, so the image config is the same.
It is offered only when the protocol is written literally (not produced by a
variable).
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.instructions import expose_ports, parse_port
from stagelint.rule import Context, Diagnostic, Edit, Fix, FixAvailability, Rule, Severity

TITLE = "Lower-case the protocol"


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    for _, word, value in expose_ports(ctx.model):
        proto = parse_port(value).proto
        if proto == proto.lower():
            continue
        fix = None
        head, slash, written = word.text.rpartition("/")
        # The source text covers the word exactly only when it is on one line.
        if slash and written == proto and word.end - word.start == len(word.text):
            start = word.start + len(head) + 1
            fix = Fix(TITLE, (Edit(start, word.end, proto.lower()),))
        yield rule.diagnostic(
            word.start,
            word.end,
            f"Protocol `{proto}` in `EXPOSE {value}` should be lower case: `{proto.lower()}`",
            fix,
        )


RULE = Rule(
    code="SL404",
    name="expose-proto-casing",
    summary="EXPOSE protocol not in lower case",
    severity=Severity.INFO,
    check=check,
    doc=__doc__ or "",
    fix=FixAvailability.SOMETIMES,
    aliases=("ExposeProtoCasing",),
    fix_title=TITLE,
)
