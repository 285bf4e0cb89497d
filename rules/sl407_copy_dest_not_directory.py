"""COPY or ADD of several sources to a destination without a trailing `/`

## What it does
Reports `COPY` or `ADD` with more than one source (heredocs included) whose
destination, after variable expansion, does not end with `/`.

## Why is this bad?
Several sources can only go into a directory. The classic builder and
buildah stop with "When using COPY with more than one source file, the
destination must be a directory and end with a /"; the trailing slash also
tells the reader that the destination is a directory.

## Example
```dockerfile
FROM node:22-slim
COPY package.json package-lock.json /app
```

Use instead:
```dockerfile
FROM node:22-slim
COPY package.json package-lock.json /app/
```

## Fix safety
The fix appends `/` to the destination as written (inside the last string
of the JSON form). It is safe: the builders that reject the instruction now
accept it, and a builder that already copied the sources into the directory
still does.
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.instructions import known_value, sources_and_dest, stage_instructions
from stagelint.rule import Context, Diagnostic, Edit, Fix, FixAvailability, Rule, Severity
from stagelint.tree import Instruction

TITLE = "Append `/` to the destination"


def _append_slash(node: Instruction) -> Fix | None:
    text = node.args_text.rstrip()
    if not node.json:
        return Fix(TITLE, (Edit(node.args_end, node.args_end, "/"),))
    quote = text.rfind('"')
    if quote < 0 or text[quote + 1 :].strip() != "]":
        return None
    at, _ = node.args_span(quote, quote)
    return Fix(TITLE, (Edit(at, at, "/"),))


def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    for _, node in stage_instructions(ctx.model, "COPY", "ADD"):
        parts = sources_and_dest(node)
        if parts is None or len(parts[0]) < 2:
            continue
        dest = known_value(ctx.model, node, parts[1]) if not node.json else parts[1]
        if dest is None or dest.endswith(("/", "\\")):
            continue
        yield rule.diagnostic(
            node.args_start,
            node.args_end,
            f"{node.keyword} of {len(parts[0])} sources needs a directory destination "
            f"ending with `/`: `{dest}/`",
            _append_slash(node),
        )


RULE = Rule(
    code="SL407",
    name="copy-dest-not-directory",
    summary="COPY or ADD of several sources to a destination without a trailing `/`",
    severity=Severity.ERROR,
    check=check,
    doc=__doc__ or "",
    fix=FixAvailability.SOMETIMES,
    aliases=("DL3021",),
    fix_title=TITLE,
)
