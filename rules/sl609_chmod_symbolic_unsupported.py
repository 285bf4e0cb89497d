"""Non-octal `--chmod` the target engine lacks

## What it does
Reports `COPY --chmod` and `ADD --chmod` with a symbolic mode (`u+x`,
`a=rX`) when the configured `target-engine` lacks it: Dockerfile frontend
before 1.14 (1.11-labs); buildah 1.28.2 rejects it (measured: "Error parsing
chmod u+x"). Octal modes (`0755`) and modes from variables are not reported.

When no `target-engine` is configured, this rule reports nothing.

## Why is this bad?
The engine cannot read the mode and the build stops.

## Example
With `target-engine = "buildah>=1.28"`:
```dockerfile
FROM alpine:3.20
COPY --chmod=u+x run.sh /run.sh
```

Use instead:
```dockerfile
FROM alpine:3.20
COPY --chmod=0755 run.sh /run.sh
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stagelint.engines import Use, feature_rule
from stagelint.rule import Context

_OCTAL = re.compile(r"[0-7]+")


def find(ctx: Context) -> Iterator[Use]:
    for ins in ctx.doc.instructions:
        if ins.keyword not in ("COPY", "ADD"):
            continue
        flag = ins.flag("chmod")
        if flag is None or not flag.value or "$" in flag.value:
            continue  # a variable's value is not known here
        if not _OCTAL.fullmatch(flag.value):
            yield Use("chmod-symbolic", flag.start, flag.end)


RULE = feature_rule(
    __doc__,
    code="SL609",
    name="chmod-symbolic-unsupported",
    summary="Non-octal `--chmod` the target engine lacks",
    find=find,
)
