"""ARG or ENV whose name says it holds a secret

## What it does
Reports an `ARG` or `ENV` whose name marks it as a secret, the way
BuildKit's SecretsUsedInArgOrEnv check reads names: the name is split at
`_` and, ignoring case, one of its words is `apikey`, `auth`,
`credential`, `credentials`, `key`, `password`, `pword`, `passwd`,
`secret` or `token` (`AWS_SECRET_ACCESS_KEY`, `API_TOKEN`, `GPG_KEY`), and
none of its words is `public`, `file` or `version` (`PUBLIC_KEY`,
`PASSWORD_FILE`, `AUTH_VERSION` are fine: they name a public key, a path, a
version).

hadolint's DL3064 matches differently: it looks for `secret`, `token` and
`password` anywhere in the name (`MYSECRET`, `PASSWORD_FILE`,
`GITHUB-TOKEN`) and for a few `*_KEY` names (`API_KEY`, `PRIVATE_KEY`),
but not `GPG_KEY` or `PASSWD`. stagelint follows BuildKit, whose word
matching avoids hadolint's substring false positives (`TOKENIZER_PATH`)
and whose exceptions document intent.

## Why is this bad?
ARG and ENV values are recorded in the image: ENV in its config, ARG in the
build history of every layer that uses it and in provenance attestations.
Anyone who can pull the image can read them.

## Example
```dockerfile
FROM alpine:3.20
ARG NPM_TOKEN
RUN echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc && npm ci
```

Use instead: a secret mount, which leaves nothing in the image.
```dockerfile
FROM alpine:3.20
RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \\
    echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc && npm ci && rm ~/.npmrc
```
and build with `--secret id=npm_token,env=NPM_TOKEN`.
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.rule import Context, Diagnostic, Rule, Severity

SECRET_WORDS = frozenset(
    {"apikey", "auth", "credential", "credentials", "key", "password", "pword", "passwd"}
    | {"secret", "token"}
)
ALLOWED_WORDS = frozenset({"public", "file", "version"})


def is_secret_name(name: str) -> bool:
    words = {w.lower() for w in name.split("_")}
    return bool(words & SECRET_WORDS) and not words & ALLOWED_WORDS


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    for node in ctx.doc.instructions:
        if node.keyword not in ("ARG", "ENV"):
            continue
        for kv in node.key_values:
            name = kv.key.partition("=")[0] if node.keyword == "ARG" else kv.key
            if is_secret_name(name):
                yield rule.diagnostic(
                    kv.start,
                    kv.start + len(name),
                    f"`{name}` looks like a secret; {node.keyword} values stay in the image's "
                    "metadata. Use a secret mount (`RUN --mount=type=secret,...`)",
                )


RULE = Rule(
    code="SL701",
    name="secret-in-arg-or-env",
    summary="ARG or ENV whose name says it holds a secret",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__ or "",
    aliases=("DL3064", "SecretsUsedInArgOrEnv"),
)
