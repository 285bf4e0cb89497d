"""Comment above a stage or ARG that is not its description

## What it does
Reports a comment directly above `FROM ... AS name` or `ARG name` (no blank
line between) whose first word is not that name. `docker buildx build
--call=outline` and `--call=targets` take such a comment as the description
of the stage or argument. Opt-in, like BuildKit's experimental
InvalidDefinitionDescription: select `SL415` by its code, name or alias.

## Why is this bad?
A note such as `# pinned for CVE-2024-1234` right above `ARG VERSION` is
shown as the description of `VERSION`. Starting the comment with the name
makes it a description on purpose; a blank line keeps it a plain comment.

## Example
```dockerfile
# install the toolchain
FROM golang:1.23 AS build
```

Use instead:
```dockerfile
# build compiles the binary with the Go toolchain
FROM golang:1.23 AS build
```
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.rule import Context, Diagnostic, Rule, Severity
from stagelint.tree import Comment, Instruction


def _defined_name(node: Instruction) -> str | None:
    if node.keyword == "FROM" and len(node.arguments) == 3 and node.arguments[1].upper() == "AS":
        return node.arguments[2]
    if node.keyword == "ARG" and node.key_values:
        return node.key_values[0].key.partition("=")[0]
    return None


def _adjacent_block(node: Instruction) -> list[Comment]:
    """The comment lines directly above `node`, with no blank line between."""
    block: list[Comment] = []
    end = node.start
    for comment in reversed(node.comments):
        if comment.end != end:
            break
        block.insert(0, comment)
        end = comment.start
    return block


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    for node in ctx.doc.instructions:
        name = _defined_name(node)
        block = _adjacent_block(node)
        if name is None or not block:
            continue
        first = block[0]
        word = first.text.split(maxsplit=1)[0] if first.text else ""
        matches = word.lower() == name.lower() if node.keyword == "FROM" else word == name
        if not matches:
            kind = "stage" if node.keyword == "FROM" else "argument"
            # The comment's span includes its line break; point at the text only.
            end = first.end - 1 if ctx.doc.source.endswith("\n", 0, first.end) else first.end
            yield rule.diagnostic(
                first.start,
                end,
                f"The comment above {kind} `{name}` becomes its description; start it with "
                f"`{name}`, or separate it with a blank line",
            )


RULE = Rule(
    code="SL415",
    name="invalid-definition-description",
    summary="Comment above a stage or ARG that is not its description",
    severity=Severity.INFO,
    check=check,
    doc=__doc__ or "",
    aliases=("InvalidDefinitionDescription",),
    opt_in=True,
)
