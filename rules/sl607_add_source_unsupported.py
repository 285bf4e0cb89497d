"""`ADD` of a Git repository, `--keep-git-dir` or `--unpack` the target engine lacks

## What it does
Reports, when the configured `target-engine` lacks them: `ADD` of a Git
repository (`https://host/repo.git#ref`, `git@host:repo.git`), and the
`ADD --keep-git-dir` and `ADD --unpack` flags. The Dockerfile frontend has Git
sources and `--keep-git-dir` from 1.6 (1.5-labs) and `--unpack` from 1.17;
buildah 1.28.2 rejects both flags (measured).

When no `target-engine` is configured, this rule reports nothing.

## Why is this bad?
An engine without the flag stops the build; an older frontend without Git
sources downloads the URL as a plain file instead of cloning the repository.

## Example
With `target-engine = "dockerfile>=1.4"`:
```dockerfile
FROM alpine:3.20
ADD --keep-git-dir=true https://github.com/moby/buildkit.git#v0.13.0 /src
```

Use instead:
```dockerfile
FROM alpine:3.20
RUN apk add git && git clone --branch v0.13.0 https://github.com/moby/buildkit.git /src
```
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.engines import Use, feature_rule, flag_uses
from stagelint.lazyre import lazy_pattern
from stagelint.rule import Context

# BuildKit's reading of a Git source: an scp-like or git:// address, or an
# http(s) URL whose path ends in `.git` (before a `#ref` or `?query`).
_GIT = lazy_pattern(r"(git@[^:\s]+:|git://|ssh://)\S+|https?://[^\s#?]+\.git([#?]\S*)?")


def find(ctx: Context) -> Iterator[Use]:
    yield from flag_uses(ctx.doc, ("ADD",), "keep-git-dir", "keep-git-dir")
    yield from flag_uses(ctx.doc, ("ADD",), "unpack", "unpack")
    for ins in ctx.doc.instructions:
        if ins.keyword != "ADD" or ins.heredocs:
            continue
        for source in ins.arguments[:-1]:
            at = ins.args_text.find(source)
            if _GIT().fullmatch(source) and at >= 0:
                start, end = ins.args_span(at, at + len(source))
                yield Use("add-git", start, end)


RULE = feature_rule(
    __doc__,
    code="SL607",
    name="add-source-unsupported",
    summary="`ADD` of a Git repository, `--keep-git-dir` or `--unpack` the target engine lacks",
    find=find,
)
