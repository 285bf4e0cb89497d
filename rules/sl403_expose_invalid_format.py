"""EXPOSE with an IP address or a host-port mapping

## What it does
Reports an `EXPOSE` argument that names an IP address or a host port
(`127.0.0.1:80:80`, `8080:80`), after variable expansion.

## Why is this bad?
`EXPOSE` only documents which ports the container listens on; which host
address and port they are published on is decided at `run` time
(`-p 127.0.0.1:8080:80`). The builder ignores the address and the host port
today and has announced that this form will become an error.

## Example
```dockerfile
FROM nginx:1.27
EXPOSE 127.0.0.1:8080:80
```

Use instead:
```dockerfile
FROM nginx:1.27
EXPOSE 80
```
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.instructions import expose_ports, parse_port
from stagelint.rule import Context, Diagnostic, Rule, Severity


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    for _, word, value in expose_ports(ctx.model):
        spec = parse_port(value)
        if spec.ip or spec.host_port:
            what = "an IP address and a host port" if spec.ip else "a host port"
            yield rule.diagnostic(
                word.start,
                word.end,
                f"EXPOSE `{value}` names {what}; expose only the container port "
                f"`{spec.container_port}` and publish it with `-p` at run time",
            )


RULE = Rule(
    code="SL403",
    name="expose-invalid-format",
    summary="EXPOSE with an IP address or a host-port mapping",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__ or "",
    aliases=("ExposeInvalidFormat",),
)
