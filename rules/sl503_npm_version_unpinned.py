"""`npm install` of a package without a version

## What it does
Reports `npm install` (and its aliases `npm i`, `npm add`) of a package named
without a version (`express`, `@scope/pkg`) or with the floating `@latest`
tag. A git dependency (`github:user/repo`, `git+https://...`) needs a `#ref`.
`npm install` and `npm ci` without package names install what the lockfile
says and are fine; local folders, tarballs and tarball URLs are not
reported, nor are words holding a variable.

## Why is this bad?
Without a version npm installs the newest release on the day of the build:
two builds of the same Containerfile differ, and a new release can break the
image with no change to its source.

## Example
```dockerfile
FROM node:22-slim
RUN npm install -g typescript
```

Use instead:
```dockerfile
FROM node:22-slim
RUN npm install -g typescript@5.6.3
```
"""

from stagelint.pinning import PinSpec, npm_foreign, npm_pinned, pin_rule

RULE = pin_rule(
    __doc__,
    code="SL503",
    name="npm-version-unpinned",
    summary="`npm install` of a package without a version",
    spec=PinSpec(
        managers=frozenset({"npm"}),
        subcommands=frozenset({"install"}),
        pinned=npm_pinned,
        foreign=npm_foreign,
        usage="npm install <package>@<version>",
    ),
    aliases=("DL3016",),
)
