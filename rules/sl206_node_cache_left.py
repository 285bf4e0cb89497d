"""npm, yarn or pnpm install that leaves its package cache in the layer

## What it does
Reports `npm install`/`npm ci`, `yarn install`/`yarn add` and
`pnpm install`/`pnpm add` in a RUN that does not also clean the cache
(`npm cache clean --force`, `yarn cache clean`, `pnpm store prune`, or
removing the cache directory). A cache or tmpfs mount over the cache
directory counts as clean.

## Why is this bad?
The package managers keep a copy of every downloaded tarball (`~/.npm`,
yarn's cache, pnpm's store) next to `node_modules`; it stays in the layer.

## Example
```dockerfile
FROM node:20-slim
RUN yarn install --frozen-lockfile
```

Use instead:
```dockerfile
FROM node:20-slim
RUN yarn install --frozen-lockfile && yarn cache clean
```

## Fix safety
The fix adds the manager's cache cleanup after its last command in the RUN.
It is safe: the installed `node_modules` are untouched.
"""

from stagelint.caches import CacheSpec, cache_rule

RULE = cache_rule(
    __doc__,
    code="SL206",
    name="node-cache-left",
    summary="npm, yarn or pnpm install that leaves its package cache in the layer",
    spec=CacheSpec(
        remedies={
            "npm": "npm cache clean --force",
            "yarn": "yarn cache clean",
            "pnpm": "pnpm store prune",
        },
        fills=frozenset({"install", "ci", "add"}),
    ),
    aliases=("DL3060",),
)
