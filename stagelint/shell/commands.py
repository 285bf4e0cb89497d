"""The units rules look at: simple commands, their redirections, and pipelines."""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.records import Record
from stagelint.shell.words import Word
from stagelint.shell.wrappers import strip_wrappers

__all__ = ["Pipeline", "Redirect", "SimpleCommand", "descriptor"]


def descriptor(text: str) -> int | None:
    """The file descriptor `text` (the `2` of `2>`) names, or None when it is
    not a plain number of at most nine digits."""
    return int(text) if text.isdigit() and len(text) < 10 else None


class Redirect(Record):
    """One redirection (immutable by convention).

    ``op`` is the operator token as written without the descriptor: ``>``,
    ``>>``, ``<``, ``>&``, ``<&``, ``&>``, ``&>>``, ``>|``, ``>&-``, ``<<``,
    ``<<-`` or ``<<<``.  ``fd`` is the explicit descriptor (``2`` in ``2>``),
    ``None`` when implicit.  ``target`` is the file, descriptor number,
    here-string or here-document delimiter (an empty word for ``>&-``).
    ``heredoc`` holds a here-document's body (static value when the delimiter
    is quoted or the body has no expansions).
    """

    __slots__ = ("fd", "heredoc", "op", "target")

    def __init__(self, op: str, fd: int | None, target: Word, heredoc: Word | None = None) -> None:
        self.op = op
        self.fd = fd
        self.target = target
        self.heredoc = heredoc


class SimpleCommand(Record, ignore=("_effective", "name")):
    """One simple command: ``NAME=v cmd arg... >redir`` (immutable by convention).

    ``argv`` excludes prefix assignments and redirections and may be empty
    (``FOO=1`` alone, ``> file``).  ``depth`` is 0 at top level and grows by
    one inside each subshell ``( )``, command or process substitution,
    function body, and nested script (``sh -c '...'``, ``bash <<EOF``).
    ``in_condition`` is true where a failure does not fail the script: an
    ``if``/``elif``/``while``/``until`` condition, anything left of ``||``, a
    ``!`` negated pipeline.
    ``start``/``end`` span the command in the script given to ``parse_script``.
    """

    __slots__ = (
        "_effective", "argv", "assignments", "depth", "end", "in_condition", "name", "redirects",
        "start",
    )  # fmt: skip

    def __init__(
        self,
        argv: tuple[Word, ...],
        assignments: tuple[tuple[str, Word], ...],
        redirects: tuple[Redirect, ...],
        start: int,
        end: int,
        depth: int,
        in_condition: bool,
    ) -> None:
        self.argv = argv
        self.assignments = assignments
        self.redirects = redirects
        self.start = start
        self.end = end
        self.depth = depth
        self.in_condition = in_condition
        # effective() is asked for by every rule that looks at commands: kept once made.
        self._effective: SimpleCommand | None = None
        # The static basename of argv[0] (`/usr/bin/apt-get` -> `apt-get`), or
        # None; wrappers are not skipped here: use effective() for that. Set
        # once: rules ask for it hundreds of times per file.
        self.name: str | None = None
        if argv and argv[0].value is not None:
            value = argv[0].value
            self.name = value.rsplit("/", 1)[-1] or value

    @property
    def args(self) -> tuple[Word, ...]:
        """``argv`` without the command name."""
        return self.argv[1:]

    def assignment(self, name: str) -> Word | None:
        """The value of the last prefix assignment to ``name``, if any."""
        found: Word | None = None
        for key, value in self.assignments:
            if key == name:
                found = value
        return found

    def effective(self) -> SimpleCommand:
        """This command with wrappers stripped.

        ``sudo``, ``doas``, ``env``, ``command``, ``builtin``, ``exec``,
        ``nice``, ``nohup``, ``time``, ``stdbuf``, ``timeout``, ``ionice``,
        ``gosu``, ``su-exec``, ``eatmydata`` and ``busybox`` (with their
        options) are removed from ``argv``; ``env``/``sudo`` ``NAME=value``
        words are appended to ``assignments``.  Everything else (span, depth,
        redirects) is unchanged.  Returns ``self`` when nothing is stripped.
        """
        if self._effective is not None:
            return self._effective
        argv, extra = strip_wrappers(self.argv)
        result = self
        if len(argv) != len(self.argv):
            result = SimpleCommand(
                argv,
                self.assignments + extra,
                self.redirects,
                self.start,
                self.end,
                self.depth,
                self.in_condition,
            )
        self._effective = result  # a cache, not a change of value
        return result


class Pipeline(Record):
    """A pipeline ``a | b | c`` (two or more stages); immutable by convention.

    ``stages[i]`` holds every simple command run by the i-th stage (one for a
    plain command, several for ``( ... )`` or ``{ ...; }`` stages, including
    those of nested ``sh -c`` scripts; not those inside command substitutions).
    ``operators`` are the ``|``/``|&`` tokens between stages.  Iterating,
    ``len()`` and indexing go over :attr:`commands`, so a pipeline can be used
    as the tuple of its commands.
    """

    __slots__ = ("depth", "end", "in_condition", "negated", "operators", "stages", "start")

    def __init__(
        self,
        stages: tuple[tuple[SimpleCommand, ...], ...],
        operators: tuple[str, ...],
        start: int,
        end: int,
        depth: int,
        in_condition: bool,
        negated: bool,
    ) -> None:
        self.stages = stages
        self.operators = operators
        self.start = start
        self.end = end
        self.depth = depth
        self.in_condition = in_condition
        self.negated = negated

    @property
    def commands(self) -> tuple[SimpleCommand, ...]:
        """Every simple command of every stage, in order."""
        return tuple(command for stage in self.stages for command in stage)

    def __iter__(self) -> Iterator[SimpleCommand]:
        return iter(self.commands)

    def __len__(self) -> int:
        return len(self.commands)

    def __getitem__(self, index: int) -> SimpleCommand:
        return self.commands[index]
