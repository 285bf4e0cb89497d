"""`go install` of a remote package without a version

## What it does
Reports `go install` and `go get` of a remote package (a path whose first
element is a domain, `github.com/...`) without an `@version`, or with a
floating query (`@latest`, `@upgrade`, `@patch`). Local packages (`.`,
`./...`), the standard library and words holding a variable are not reported.

## Why is this bad?
`go install example.com/cmd/tool@latest` builds whatever the module's newest
release is on the day of the build: the image changes from build to build
and a new release can break it with no change to the Containerfile.

## Example
```dockerfile
FROM golang:1.23
RUN go install golang.org/x/tools/gopls@latest
```

Use instead:
```dockerfile
FROM golang:1.23
RUN go install golang.org/x/tools/gopls@v0.16.2
```
"""

from stagelint.pinning import PinSpec, go_foreign, go_pinned, pin_rule

RULE = pin_rule(
    __doc__,
    code="SL509",
    name="go-version-unpinned",
    summary="`go install` of a remote package without a version",
    spec=PinSpec(
        managers=frozenset({"go"}),
        subcommands=frozenset({"install", "get"}),
        pinned=go_pinned,
        foreign=go_foreign,
        usage="go install <package>@<version>",
    ),
    aliases=("DL3062",),
)
