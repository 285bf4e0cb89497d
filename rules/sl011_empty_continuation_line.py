"""Empty line inside a continuation

## What it does
Reports an empty line inside a line continuation. The instruction goes on after
it, which is easy to misread as a new instruction.

## Why is this bad?
BuildKit warns (NoEmptyContinuation) and has announced that it will become an
error; a reader sees two instructions where the engine sees one.

## Example
```dockerfile
FROM alpine:3.20
RUN apk add \\

    curl
```

Use instead:
```dockerfile
FROM alpine:3.20
RUN apk add \\
    curl
```

## Fix safety
The fix deletes the empty lines. It is safe: BuildKit and buildah skip them
already, so the instruction the engine sees does not change.
"""

from stagelint.rule import Edit, Fix, Severity, problem_rule
from stagelint.tree import Document, Problem


def remove_empty_lines(doc: Document, problem: Problem) -> Fix | None:
    for node in doc.instructions:
        if node.start <= problem.start < node.end:
            edits = tuple(Edit(x.start, x.end, "") for x in node.inner_lines if not x.is_comment)
            return Fix("Remove the empty lines inside the continuation", edits) if edits else None
    return None


RULE = problem_rule(
    __doc__,
    code="SL011",
    name="empty-continuation-line",
    summary="Empty line inside a continuation",
    kinds=("empty-continuation",),
    severity=Severity.WARNING,
    aliases=("NoEmptyContinuation",),
    fixer=remove_empty_lines,
    fix_title="Remove the empty lines inside the continuation",
)
