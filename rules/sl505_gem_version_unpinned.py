"""`gem install` of a gem without a version

## What it does
Reports `gem install` of a gem written without a version (`rails` instead of
`rails:7.2.1`) when the call has no `-v`/`--version`. Local `.gem` files and
words holding a variable are not reported.

## Why is this bad?
Without a version, gem installs the newest release on the day of the build:
the image changes from build to build and a new release can break it with no
change to the Containerfile.

## Example
```dockerfile
FROM ruby:3.3-slim
RUN gem install bundler
```

Use instead:
```dockerfile
FROM ruby:3.3-slim
RUN gem install bundler:2.5.22
```
"""

from stagelint.pinning import PinSpec, contains_any, file_operand, pin_rule

RULE = pin_rule(
    __doc__,
    code="SL505",
    name="gem-version-unpinned",
    summary="`gem install` of a gem without a version",
    spec=PinSpec(
        managers=frozenset({"gem"}),
        subcommands=frozenset({"install"}),
        pinned=contains_any(":"),
        foreign=file_operand(".gem"),
        usage="gem install <gem>:<version>",
        pinning_options=("-v", "--version"),
    ),
    aliases=("DL3028",),
)
