"""Heredoc that is never terminated

## What it does
Reports a heredoc (`<<EOF`) on RUN, COPY or ADD whose delimiter line never
appears, so the body runs to the end of the file.

## Why is this bad?
BuildKit refuses the file ("unterminated heredoc"); every instruction after the
marker has been swallowed into the body.

## Example
```dockerfile
FROM alpine:3.20
RUN <<EOF
apk add curl
EOF_
CMD ["sh"]
```

Use instead:
```dockerfile
FROM alpine:3.20
RUN <<EOF
apk add curl
EOF
CMD ["sh"]
```
"""

from stagelint.rule import Severity, problem_rule

RULE = problem_rule(
    __doc__,
    code="SL005",
    name="unterminated-heredoc",
    summary="Heredoc that is never terminated",
    kinds=("unterminated-heredoc",),
    severity=Severity.ERROR,
    aliases=(),
)
