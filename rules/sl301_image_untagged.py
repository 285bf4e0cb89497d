"""Base image without a tag

## What it does
Reports a `FROM` image that has neither a tag nor a digest. A `FROM ${IMAGE}`
is resolved through the meta ARGs' defaults (and the configured build
args); when the value comes only from the command line or the platform
ARGs, nothing is reported. `scratch` and stage names are not images.

## Why is this bad?
Without a tag the engine pulls `latest`, whatever it is on the day of the
build: builds are not reproducible and break when the image moves on to a
new major version.

## Example
```dockerfile
ARG BASE=ubuntu
FROM ${BASE}
```

Use instead:
```dockerfile
ARG BASE=ubuntu:24.04
FROM ${BASE}
```

## Differences from hadolint
hadolint's DL3006 skips every `FROM` that uses a variable, and misses
`FROM localhost:5000/app` (it reads the port as a tag); this rule resolves
the variable and reads the reference with Docker's grammar.
"""

from collections.abc import Mapping

from stagelint.stagerefs import BaseImage, ImageRef, base_image_rule


def untagged(base: BaseImage, ref: ImageRef, settings: Mapping[str, object]) -> str | None:
    if ref.tag is not None or ref.digest is not None:
        return None
    return f"Image {base.describe()} has no tag; pin one, e.g. `{ref.name}:<version>`"


RULE = base_image_rule(
    __doc__,
    code="SL301",
    name="image-untagged",
    summary="Base image without a tag",
    problem=untagged,
    aliases=("DL3006",),
)
