"""EXPOSE port outside 0-65535

## What it does
Reports an `EXPOSE` port (or port range) with a number above 65535, after
variable expansion.

## Why is this bad?
TCP and UDP ports are 16-bit numbers. The builder rejects the port, or a
runtime fails when it tries to publish it; either way the number is a typo.

## Example
```dockerfile
FROM nginx:1.27
EXPOSE 80800
```

Use instead:
```dockerfile
FROM nginx:1.27
EXPOSE 8080
```
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.instructions import expose_ports, parse_port
from stagelint.rule import Context, Diagnostic, Rule, Severity

MAX_PORT = 65535


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    for _, word, value in expose_ports(ctx.model):
        spec = parse_port(value)
        numbers = [p for p in spec.container_port.split("-") if p.isdigit()]
        if any(int(p) > MAX_PORT for p in numbers):
            yield rule.diagnostic(
                word.start,
                word.end,
                f"Port `{spec.container_port}` is outside the valid range 0-{MAX_PORT}",
            )


RULE = Rule(
    code="SL402",
    name="expose-port-out-of-range",
    summary="EXPOSE port outside 0-65535",
    severity=Severity.ERROR,
    check=check,
    doc=__doc__ or "",
    aliases=("DL3011",),
)
