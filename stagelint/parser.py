"""The lossless Containerfile parser.

It follows BuildKit's parser (moby/buildkit frontend/dockerfile/parser) line
by line: parser directives at the top, the escape character, continuation
lines with comment and empty lines inside them, heredocs on RUN/COPY/ADD, the
JSON form, and flags. Where BuildKit gives up with an error, this parser
records a `Problem` and carries on, so that every input yields a tree whose
nodes cover the text exactly.
"""

from __future__ import annotations

import re

from stagelint.arguments import parse_arguments
from stagelint.flags import check_flags
from stagelint.gcpause import gc_paused
from stagelint.text import (
    ASCII_BLANKS,
    LineIndex,
    Segment,
    SourceMap,
    go_trim_left,
    go_trim_space,
    leading_space_len,
)
from stagelint.tree import (
    BlankLine,
    ByteOrderMark,
    Comment,
    Directive,
    Document,
    Flag,
    Heredoc,
    InnerLine,
    Instruction,
    KeyValue,
    Problem,
    TopNode,
)
from stagelint.validate import validate_document, validate_instruction
from stagelint.words import split_flags, split_shell_words, unquote

KNOWN_KEYWORDS = frozenset(
    {
        "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM",
        "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL",
        "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
    }
)  # fmt: skip
HEREDOC_KEYWORDS = frozenset({"RUN", "COPY", "ADD"})
DIRECTIVE_NAMES = frozenset({"syntax", "escape", "check"})

# A continuation is one escape character (not an escaped one) at the end of a
# line, optionally followed by blanks.
# Go's regexp `\s` is [\t\n\f\r ]; BuildKit's directive pattern.
_DIRECTIVE = re.compile(
    r"^#[\t\n\f\r ]*([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*(.+?)[\t\n\f\r ]*$", re.S
)
_HEREDOC = re.compile(r"^(\d*)<<(-?)([^<]*)$", re.S)
_CONTINUATION = {
    "\\": re.compile(r"(?<!\\)\\[ \t]*$"),
    "`": re.compile(r"(?<!`)`[ \t]*$"),
}


class _Line:
    __slots__ = ("end", "next", "start")

    def __init__(self, start: int, end: int, next: int) -> None:
        self.start = start  # first character (after a BOM on line 1)
        self.end = end  # end of content, line break excluded
        self.next = next  # start of the next line


_NO_LINE = _Line(0, 0, 0)


def _split_lines(text: str, start: int) -> list[_Line]:
    lines: list[_Line] = []
    n = len(text)
    pos = start
    find = text.find
    while pos < n:
        nl = find("\n", pos)
        if nl < 0:
            lines.append(_Line(pos, n, n))
            break
        lines.append(_Line(pos, nl, nl + 1))
        pos = nl + 1
    return lines


def _trim_newline_end(text: str, start: int, end: int) -> int:
    """BuildKit trims trailing CR and LF characters from every line."""
    while end > start and text[end - 1] in "\r\n":
        end -= 1
    return end


class _DirectiveState:
    def __init__(self) -> None:
        self.done = False
        self.seen: set[str] = set()

    def match(self, token: str) -> tuple[str, re.Match[str]] | None:
        if self.done:
            return None
        m = _DIRECTIVE.match(token)
        if m is None or m.group(1).lower() not in DIRECTIVE_NAMES:
            self.done = True
            return None
        return m.group(1).lower(), m


_NODE_CACHE: dict[tuple[str, str, tuple[tuple[int, int, int], ...]], Instruction] = {}
_NODE_CACHE_SIZE = 8192


def _moved(node: Instruction, delta: int, source: str) -> Instruction:
    """A copy of `node`, `delta` characters further into `source`.

    An editor's keystroke copies every node of the file (the text they point
    into is new), so this is the incremental parse's main cost: the copy is
    made field by field without going through `__init__`, and parts that hold
    no offset, or empty ones, are shared rather than rebuilt."""
    copy: Instruction = object.__new__(Instruction)
    copy.keyword = node.keyword
    copy.args_text = node.args_text
    copy.arguments = node.arguments
    copy.json = node.json
    copy.start_line = node.start_line
    copy.end_line = node.end_line
    copy.comments = node.comments
    copy.source = source
    trigger = node.trigger
    moved_trigger = None if trigger is None else _moved(trigger, delta, source)
    copy.trigger = moved_trigger
    if not delta:
        copy.start = node.start
        copy.end = node.end
        copy.content_end = node.content_end
        copy.keyword_start = node.keyword_start
        copy.keyword_end = node.keyword_end
        copy.args_start = node.args_start
        copy.args_end = node.args_end
        copy.args_map = node.args_map
        copy.flags = node.flags
        copy.key_values = node.key_values
        copy.heredocs = node.heredocs
        copy.inner_lines = node.inner_lines
        copy.problems = list(node.problems)
        return copy
    copy.start = node.start + delta
    copy.end = node.end + delta
    copy.content_end = node.content_end + delta
    copy.keyword_start = node.keyword_start + delta
    copy.keyword_end = node.keyword_end + delta
    copy.args_start = node.args_start + delta
    copy.args_end = node.args_end + delta
    copy.args_map = node.args_map.moved(delta)
    flags = node.flags
    copy.flags = (
        tuple(
            Flag(
                f.name,
                f.value,
                f.start + delta,
                f.end + delta,
                f.value_start + delta,
                f.value_end + delta,
            )
            for f in flags
        )
        if flags
        else flags
    )
    pairs = node.key_values
    copy.key_values = (
        tuple(
            KeyValue(kv.key, kv.value, kv.separator, kv.start + delta, kv.end + delta)
            for kv in pairs
        )
        if pairs
        else pairs
    )
    heredocs = node.heredocs
    copy.heredocs = (
        tuple(
            h.replace(
                body_start=h.body_start + delta,
                body_end=h.body_end + delta,
                terminator_start=h.terminator_start + delta,
                terminator_end=h.terminator_end + delta,
                marker_start=h.marker_start + delta,
                marker_end=h.marker_end + delta,
            )
            for h in heredocs
        )
        if heredocs
        else heredocs
    )
    inner = node.inner_lines
    copy.inner_lines = (
        tuple(InnerLine(x.start + delta, x.end + delta, x.is_comment) for x in inner)
        if inner
        else inner
    )
    problems = node.problems
    copy.problems = (
        [Problem(p.kind, p.message, p.start + delta, p.end + delta) for p in problems]
        if problems
        else []
    )
    if moved_trigger is not None and trigger is not None and trigger.heredocs is heredocs:
        moved_trigger.heredocs = copy.heredocs  # ONBUILD shares its trigger's heredocs
    return copy


_DIRECTIVE_PROBLEMS = frozenset({"duplicate-directive", "invalid-directive"})


class _Reuse:
    """What an earlier parse of a similar text offers to this one.

    The text is compared with the earlier one: they share a beginning of
    `prefix` characters and an end of `suffix` characters. A node is decided
    by its own lines and by the parser's state where it starts (the escape
    character, whether parser directives are still read, the comment lines
    above it), never by the lines after it, except when it runs to the end of
    the text (an unterminated heredoc, a continuation on the last line). So:

    * the earlier nodes that end inside the shared beginning, not at the end
      of the earlier text, are the same nodes now, once the directives are
      behind (`prefix_nodes` of them);
    * where the parse reaches a line of the shared end at which an earlier
      node started, in the same state, that node and every one after it are
      the same nodes, `delta` characters further on.
    """

    __slots__ = ("delta", "earlier", "node_at", "prefix", "prefix_nodes", "suffix_from")

    def __init__(self, earlier: Document, text: str) -> None:
        old = earlier.source
        limit = min(len(old), len(text))
        prefix = _common_prefix(old, text, limit)
        suffix = _common_suffix(old, text, limit - prefix)
        self.earlier = earlier
        self.prefix = prefix
        self.delta = len(text) - len(old)
        self.suffix_from = len(text) - suffix
        nodes = earlier.nodes
        count = 0
        past_directives = False
        while count < len(nodes) and nodes[count].end <= prefix and nodes[count].end < len(old):
            past_directives = past_directives or not isinstance(
                nodes[count], (Directive, ByteOrderMark)
            )
            count += 1
        self.prefix_nodes = count if past_directives else 0
        # where each earlier node of the shared end starts
        old_from = len(old) - suffix
        self.node_at = {
            node.start: index
            for index, node in enumerate(nodes)
            if node.start >= old_from and not isinstance(node, (Directive, ByteOrderMark))
        }

    def line_index(self, text: str) -> LineIndex:
        """The new text's line index: the earlier one's line starts in the
        shared beginning and end (the latter moved), and the line breaks of
        the part in between."""
        old = self.earlier.lines
        middle_end = self.suffix_from
        old_suffix_from = middle_end - self.delta
        return old.edited(self.prefix, old_suffix_from, text, middle_end)


def _common_prefix(a: str, b: str, limit: int) -> int:
    """The length of the longest common beginning of `a` and `b`, at most
    `limit`. A bisection that compares only the part not yet known to be
    equal: slice comparisons (memcmp), O(n) characters in all, no loop per
    character."""
    low, high = 0, limit
    while low < high:
        mid = (low + high + 1) // 2
        if a[low:mid] == b[low:mid]:
            low = mid
        else:
            high = mid - 1
    return low


def _common_suffix(a: str, b: str, limit: int) -> int:
    """The length of the longest common end of `a` and `b`, at most `limit`."""
    low, high = 0, limit
    na, nb = len(a), len(b)
    while low < high:
        mid = (low + high + 1) // 2
        if a[na - mid : na - low] == b[nb - mid : nb - low]:
            low = mid
        else:
            high = mid - 1
    return low


def _shifted(
    node: Instruction, delta: int, line_delta: int, source: str, comments: tuple[Comment, ...]
) -> Instruction:
    """A copy of a parsed node, `delta` characters and `line_delta` lines
    further into `source`, with `comments` above it."""
    copy = _moved(node, delta, source)
    copy.start_line = node.start_line + line_delta
    copy.end_line = node.end_line + line_delta
    copy.comments = comments
    return copy


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.escape = "\\"
        self.continuation = _CONTINUATION["\\"]
        self.directives = _DirectiveState()
        self.problems: list[Problem] = []
        self.nodes: list[TopNode] = []

    def run(self, earlier: Document | None = None) -> Document:
        text = self.text
        start = 0
        if text.startswith("\ufeff"):
            self.nodes.append(ByteOrderMark(0, 1))
            start = 1
        comments: list[Comment] = []
        i = 0
        reuse = _Reuse(earlier, text) if earlier is not None else None
        if reuse is not None and reuse.prefix_nodes:
            self.nodes = []  # the earlier parse's BOM is among the reused nodes
            i, comments = self._take_prefix(reuse)
            # The lines before line `i` are never looked at again: placeholders.
            start = self.nodes[-1].end
            lines: list[_Line] = [_NO_LINE] * i + _split_lines(text, start)
        else:
            lines = _split_lines(text, start)
        count = len(lines)
        while i < count:
            line = lines[i]
            if (
                reuse is not None
                and line.start >= reuse.suffix_from
                and self.directives.done
                and self._take_suffix(reuse, line.start, i + 1, comments)
            ):
                break
            end = _trim_newline_end(text, line.start, line.end)
            lead = leading_space_len(text[line.start : end])
            token = text[line.start + lead : end]
            directive = self._directive(token, line, lead, end)
            if directive is not None:
                self.nodes.append(directive)
                i += 1
                continue
            if token.startswith("#"):
                comment = Comment(line.start, line.next, token[1:].strip())
                self.nodes.append(comment)
                comments = [*comments, comment] if comment.text else []
                i += 1
                continue
            if token == "":
                self.nodes.append(BlankLine(line.start, line.next))
                i += 1
                continue
            i = self._instruction(lines, i, lead, end, comments)
            comments = []
        doc = Document(
            source=text,
            nodes=self.nodes,
            escape=self.escape,
            problems=self.problems,
            lines=LineIndex(text) if reuse is None else reuse.line_index(text),
        )
        self.problems.extend(validate_document(doc))
        return doc

    def _take_prefix(self, reuse: _Reuse) -> tuple[int, list[Comment]]:
        """Copy the earlier parse's nodes of the unchanged beginning and set
        the state the parser would have after them; return the line to go on
        from and the comment lines waiting for the next instruction."""
        earlier = reuse.earlier
        self.escape = earlier.escape
        self.continuation = _CONTINUATION[earlier.escape]
        self.directives.done = True  # the prefix holds a line that is not a directive
        self.problems = [p for p in earlier.problems if p.kind in _DIRECTIVE_PROBLEMS]
        comments: list[Comment] = []
        for node in earlier.nodes[: reuse.prefix_nodes]:
            if isinstance(node, Instruction):
                node = _moved(node, 0, self.text)  # same place and lines, new text
                self.problems.extend(node.problems)
                comments = []
            elif isinstance(node, Comment):
                comments = [*comments, node] if node.text else []
            self.nodes.append(node)
        resume = self.nodes[-1].end
        return earlier.lines.position(resume)[0] - 1, comments

    def _take_suffix(
        self, reuse: _Reuse, offset: int, line_number: int, comments: list[Comment]
    ) -> bool:
        """At a line of the unchanged end of the text: if the earlier parse
        had a node starting there, in the same state, take that node and all
        after it, moved to their new place. Whether it did."""
        earlier = reuse.earlier
        first = reuse.node_at.get(offset - reuse.delta)
        if first is None or earlier.escape != self.escape:
            return False
        delta = reuse.delta
        line_delta = line_number - earlier.lines.position(offset - delta)[0]
        text = self.text
        for node in earlier.nodes[first:]:
            moved: TopNode
            if isinstance(node, Instruction):
                moved = _shifted(node, delta, line_delta, text, tuple(comments))
                self.problems.extend(moved.problems)
                comments = []
            elif isinstance(node, Comment):
                moved = Comment(node.start + delta, node.end + delta, node.text)
                comments = [*comments, moved] if moved.text else []
            else:  # a blank line: directives and the BOM only come first
                moved = BlankLine(node.start + delta, node.end + delta)
            self.nodes.append(moved)
        return True

    def _directive(self, token: str, line: _Line, lead: int, end: int) -> Directive | None:
        found = self.directives.match(token)
        if found is None:
            return None
        name, m = found
        base = line.start + lead
        value = m.group(2)
        value_start, value_end = base + m.start(2), base + m.end(2)
        if name in self.directives.seen:
            self.problems.append(
                Problem(
                    "duplicate-directive",
                    f"only one {name} parser directive can be used; this one is ignored",
                    line.start,
                    end,
                )
            )
            return None
        self.directives.seen.add(name)
        if name == "escape":
            if value in _CONTINUATION:
                self.escape = value
                self.continuation = _CONTINUATION[value]
            else:
                self.problems.append(
                    Problem(
                        "invalid-directive",
                        f"invalid escape token {value!r}: it must be ` or \\",
                        value_start,
                        value_end,
                    )
                )
        return Directive(line.start, line.next, name, value, value_start, value_end)

    def _instruction(
        self, lines: list[_Line], i: int, lead: int, end: int, comments: list[Comment]
    ) -> int:
        """Parse the instruction starting at line `i`; return the next line index."""
        text = self.text
        first = lines[i]
        segments: list[Segment] = []
        pieces: list[str] = []
        logical_len = 0

        def add(src_start: int, piece: str) -> None:
            nonlocal logical_len
            if piece:
                segments.append(Segment(logical_len, src_start, len(piece)))
                pieces.append(piece)
                logical_len += len(piece)

        inner: list[InnerLine] = []
        token = text[first.start + lead : end]
        m = self.continuation.search(token)
        add(first.start + lead, token[: m.start()] if m else token)
        last = i
        j = i + 1
        while m is not None and j < len(lines):
            line = lines[j]
            lend = _trim_newline_end(text, line.start, line.end)
            raw = text[line.start : lend]
            self.directives.match(raw)  # BuildKit feeds every line to the directive parser
            stripped = go_trim_left(raw)
            last = j
            j += 1
            if stripped.startswith("#"):
                inner.append(InnerLine(line.start, line.next, True))
                continue
            if stripped == "":
                inner.append(InnerLine(line.start, line.next, False))
                continue
            m = self.continuation.search(raw)
            add(line.start, raw[: m.start()] if m else raw)
        logical = "".join(pieces)
        lmap = SourceMap(segments, first.start + lead)
        problems: list[Problem] = []
        if any(not x.is_comment for x in inner):
            blank = next(x for x in inner if not x.is_comment)
            problems.append(
                Problem(
                    "empty-continuation",
                    "empty continuation line: the instruction goes on after it, "
                    "which future versions of BuildKit will reject",
                    blank.start,
                    blank.start,
                )
            )
        node = self._line_node(logical, segments, first.start + lead)
        # Heredoc bodies follow the instruction's last line.
        target = node.trigger if node.keyword == "ONBUILD" and node.trigger else node
        heredocs: list[Heredoc] = []
        if target.keyword in HEREDOC_KEYWORDS and not target.json and "<<" in logical:
            for word in split_shell_words(logical):
                hm = _HEREDOC.match(word.text)
                if hm is None or hm.group(3) == "":
                    continue
                raw_name = hm.group(3)
                name = unquote(raw_name)
                chomp = hm.group(2) == "-"
                body_start = lines[j].start if j < len(lines) else len(text)
                terminated = False
                term_start = term_end = len(text)
                parts: list[str] = []
                while j < len(lines):
                    line = lines[j]
                    last = j
                    j += 1
                    candidate = text[line.start : _trim_newline_end(text, line.start, line.end)]
                    if chomp:
                        candidate = candidate.lstrip("\t")
                    if candidate == name:
                        terminated = True
                        term_start, term_end = line.start, line.next
                        break
                    parts.append(text[line.start : line.next])
                body_end = term_start if terminated else len(text)
                mstart, mend = lmap.span(word.start, word.end)
                heredocs.append(
                    Heredoc(
                        name=name,
                        chomp=chomp,
                        expand=("'" not in raw_name and '"' not in raw_name),
                        fd=int(hm.group(1)) if hm.group(1) else 0,
                        content="".join(parts),
                        body_start=body_start,
                        body_end=body_end,
                        terminator_start=term_start,
                        terminator_end=term_end,
                        terminated=terminated,
                        marker_start=mstart,
                        marker_end=mend,
                    )
                )
                if not terminated:
                    problems.append(
                        Problem(
                            "unterminated-heredoc",
                            f"heredoc <<{raw_name} is never terminated: "
                            f"no line reads {name!r} before the end of the file",
                            mstart,
                            mend,
                        )
                    )
        last_line = lines[last]
        node.start = first.start
        node.end = last_line.next
        node.content_end = _trim_newline_end(text, last_line.start, last_line.end)
        node.start_line = i + 1
        node.end_line = last + 1
        node.heredocs = tuple(heredocs)
        if node.trigger is not None:
            node.trigger.heredocs = node.heredocs
        node.inner_lines = tuple(inner)
        node.comments = tuple(comments)
        node.problems = problems + node.problems
        self.problems.extend(node.problems)
        self.nodes.append(node)
        return j

    def _line_node(self, logical: str, segments: list[Segment], base: int) -> Instruction:
        """The node of a logical line that starts at `base` in the file.

        An editor re-lints the whole file on every keystroke while all but one
        instruction stay the same text, only moved: the node is built once per
        text (with offsets from 0) and moved into place afterwards.
        """
        layout = tuple((s.logical, s.source - base, s.length) for s in segments)
        key = (logical, self.escape, layout)
        template = _NODE_CACHE.get(key)
        if template is None:
            relative = SourceMap([Segment(*s) for s in layout], 0)
            template = self._node_from_line(logical, relative, [])
            if len(_NODE_CACHE) >= _NODE_CACHE_SIZE:
                _NODE_CACHE.clear()
            _NODE_CACHE[key] = template
        return _moved(template, base, self.text)

    def _node_from_line(
        self, logical: str, lmap: SourceMap, problems: list[Problem], nested: bool = False
    ) -> Instruction:
        """BuildKit's newNodeFromLine over a logical line."""
        text = self.text
        lead = leading_space_len(logical)
        body = go_trim_space(logical)
        k_end = 0
        while k_end < len(body) and body[k_end] not in ASCII_BLANKS:
            k_end += 1
        rest_start = k_end
        while rest_start < len(body) and body[rest_start] in ASCII_BLANKS:
            rest_start += 1
        keyword = body[:k_end].upper()
        rest = body[rest_start:]
        flag_words, after = split_flags(rest)
        args_raw = rest[after:]
        args_lead = leading_space_len(args_raw)
        args = go_trim_space(args_raw)
        base = lead + rest_start
        args_at = base + after + args_lead
        flags: list[Flag] = []
        for w in flag_words:
            s, e = lmap.span(base + w.start, base + w.end)
            body_text = w.text[2:]
            name, eq, value = body_text.partition("=")
            raw_word = logical[base + w.start : base + w.end]
            eq_at = raw_word.find("=")
            if eq and eq_at >= 0:
                vs, ve = lmap.span(base + w.start + eq_at + 1, base + w.end)
            else:
                vs = ve = e
            flags.append(Flag(name, value if eq else None, s, e, vs, ve))
        kw_start, kw_end = lmap.span(lead, lead + k_end)
        args_map = lmap.shifted(args_at)
        a_start, a_end = lmap.span(args_at, args_at + len(args))
        node = Instruction(
            start=kw_start,
            end=a_end,
            content_end=a_end,
            start_line=0,
            end_line=0,
            keyword=keyword,
            keyword_start=kw_start,
            keyword_end=kw_end,
            flags=tuple(flags),
            args_text=args,
            args_map=args_map,
            args_start=a_start,
            args_end=max(a_start, a_end),
            arguments=(),
            json=False,
            source=text,
        )
        own: list[Problem] = []
        if keyword == "ONBUILD":
            if args:
                node.trigger = self._node_from_line(args, args_map, own, nested=True)
                node.arguments = (args,)
        else:
            parsed = parse_arguments(keyword, args, self.escape)
            node.arguments = parsed.values
            node.json = parsed.json
            node.key_values = tuple(
                KeyValue(key, value, sep, *args_map.span(ks, ke))
                for key, value, sep, ks, ke in parsed.pairs
            )
            if parsed.error == "not-string-array":
                own.append(
                    Problem(
                        "invalid-json",
                        f"{keyword} arguments are JSON but not an array of strings",
                        a_start,
                        a_end,
                    )
                )
            elif parsed.error:
                own.append(Problem("invalid-arguments", parsed.error, a_start, a_end))
        if not keyword:
            own.append(
                Problem(
                    "unknown-instruction",
                    "a line continuation with no instruction after it",
                    kw_start,
                    kw_start,
                )
            )
        elif keyword not in KNOWN_KEYWORDS:
            own.append(
                Problem(
                    "unknown-instruction",
                    f"unknown instruction: {body[:k_end]}",
                    kw_start,
                    kw_end,
                )
            )
        own.extend(check_flags(keyword, node.flags))
        if not any(p.kind == "invalid-arguments" for p in own):
            own.extend(validate_instruction(node, nested))
        node.problems = own
        if nested:
            problems.extend(own)
        return node


def parse(text: str, earlier: Document | None = None) -> Document:
    """Parse `text` into a lossless tree. Never raises for any string.

    `earlier`, the parse of an earlier version of the text (before an
    editor's keystroke, or before a round of fixes), lets the nodes of the
    unchanged beginning and end be copied instead of parsed again: the
    result is the same as without it (tests/test_reparse.py)."""
    with gc_paused():
        return _Parser(text).run(earlier)
