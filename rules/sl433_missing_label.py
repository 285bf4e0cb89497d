"""Label required by the label schema is missing from the image

## What it does
With a `label-schema` configured, reports each label of the schema that no
LABEL sets in the image that ships: the target stage (the last one, or the
configured target) and the stages it is built on. A label of the external
base image counts when a local engine (buildah, podman) can tell. The
finding is on the target stage's `FROM`.

```toml
[tool.stagelint]
label-schema = { "org.opencontainers.image.source" = "url", maintainer = "email" }
```

## Why is this bad?
The schema is the team's contract for image metadata (provenance, owner,
license); an image without a required label breaks the tools that read it.

## Example
With the schema above:
```dockerfile
FROM alpine:3.20
LABEL maintainer="ops@example.com"
```

Use instead:
```dockerfile
FROM alpine:3.20
LABEL maintainer="ops@example.com" \\
      org.opencontainers.image.source="https://example.com/app"
```
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.labels import Finding, base_image_labels, label_rule, label_uses, schema
from stagelint.rule import Context, Severity


def findings(ctx: Context) -> Iterator[Finding]:
    wanted = schema(ctx)
    target = ctx.model.target
    if not wanted or target is None:
        return
    present = {use.key for use in label_uses(ctx)}
    missing = [label for label in wanted if label not in present]
    # The base image is asked only when the file leaves a label out.
    inherited = (base_image_labels(ctx) or frozenset()) if missing else frozenset()
    node = target.from_instruction
    for label in missing:
        if label not in inherited:
            yield node.keyword_start, node.keyword_end, f"Label `{label}` is missing"


RULE = label_rule(
    __doc__,
    code="SL433",
    name="missing-label",
    summary="Label required by the label schema is missing from the image",
    severity=Severity.INFO,
    alias="DL3049",
    findings=findings,
)
