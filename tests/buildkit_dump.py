"""Render a parsed document the way BuildKit's parser tests print their AST,
so our parser can be compared with BuildKit's expected results."""

from __future__ import annotations

from stagelint.tree import Document, Instruction

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\a": "\\a", "\b": "\\b", "\f": "\\f",
            "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v"}  # fmt: skip


def go_quote(s: str) -> str:
    """Go's strconv.Quote."""
    out = ['"']
    for ch in s:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ch < " " or ch == "\x7f":
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) >= 0x80 and not ch.isprintable():
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def dump_instruction(node: Instruction) -> str:
    out = node.keyword.lower()
    if node.flags:
        words = ["--" + f.name + ("" if f.value is None else "=" + f.value) for f in node.flags]
        out += " [" + " ".join(go_quote(w) for w in words) + "]"
    if node.keyword == "ONBUILD" and node.trigger is not None:
        out += " (" + dump_instruction(node.trigger) + ")"
    else:
        for value in node.arguments:
            out += " " + go_quote(value)
    return out.strip()


def dump(doc: Document) -> str:
    return "".join("(" + dump_instruction(n) + ")\n" for n in doc.instructions)
