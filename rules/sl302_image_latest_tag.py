"""Base image tagged `latest`

## What it does
Reports a `FROM` image whose tag is `latest` (and no digest pins it). Like
SL301, a `FROM ${IMAGE}` is resolved through the meta ARGs' defaults and the
configured build args; unknown values are not reported.

## Why is this bad?
`latest` moves: the same file builds a different image from one day to the
next, and a new major version of the base can break the build or the
application without any change in the repository.

## Example
```dockerfile
FROM node:latest
```

Use instead:
```dockerfile
FROM node:22.11
```

## Differences from hadolint
hadolint's DL3007 does not look through variables (`ARG IMAGE=node:latest`
then `FROM $IMAGE`); this rule does. Both accept `image:latest@sha256:...`,
which the digest pins.
"""

from collections.abc import Mapping

from stagelint.stagerefs import BaseImage, ImageRef, base_image_rule


def latest(base: BaseImage, ref: ImageRef, settings: Mapping[str, object]) -> str | None:
    if ref.tag != "latest" or ref.digest is not None:
        return None
    return f"Image {base.describe()} uses the `latest` tag; pin a release tag instead"


RULE = base_image_rule(
    __doc__,
    code="SL302",
    name="image-latest-tag",
    summary="Base image tagged `latest`",
    problem=latest,
    aliases=("DL3007",),
)
