"""Commands that run another command given in their arguments.

``sudo -u app env FOO=1 nice -n 5 apt-get install x`` runs ``apt-get``; rules
want to see that.  :func:`strip_wrappers` peels such wrappers off an argv using
the table below.  ``xargs`` and ``find -exec`` are deliberately *not* wrappers:
the command they run receives extra arguments not visible in the script.
"""

from __future__ import annotations

from stagelint.records import Record
from stagelint.shell.options import parse_options
from stagelint.shell.words import Word, split_assignment

__all__ = ["WRAPPERS", "WrapperSpec", "strip_wrappers"]


class WrapperSpec(Record):
    """How to find the wrapped command in a wrapper's arguments (immutable by convention).

    ``takes_value``: options consuming an argument.  ``operands``: operands
    before the command (``timeout 5 cmd``, ``gosu user cmd``).
    ``assignments``: ``NAME=value`` words before the command set its
    environment (``env``, ``sudo``).  ``not_wrapping``: options with which the
    wrapper runs nothing (``command -v``, ``sudo -l``).
    """

    __slots__ = ("assignments", "not_wrapping", "operands", "takes_value")

    def __init__(
        self,
        takes_value: frozenset[str] = frozenset(),
        operands: int = 0,
        assignments: bool = False,
        not_wrapping: frozenset[str] = frozenset(),
    ) -> None:
        self.takes_value = takes_value
        self.operands = operands
        self.assignments = assignments
        self.not_wrapping = not_wrapping


def _spec(
    takes_value: str = "",
    *,
    operands: int = 0,
    assignments: bool = False,
    not_wrapping: str = "",
) -> WrapperSpec:
    return WrapperSpec(
        frozenset(takes_value.split()), operands, assignments, frozenset(not_wrapping.split())
    )


WRAPPERS: dict[str, WrapperSpec] = {
    "sudo": _spec(
        "-u --user -g --group -C --close-from -D --chdir -p --prompt -r --role -t --type "
        "-T --command-timeout -U --other-user -R --chroot",
        assignments=True,
        not_wrapping="-l --list -v --validate -e --edit -V --version -K --remove-timestamp",
    ),
    "doas": _spec("-u -C"),
    "env": _spec(
        "-u --unset -C --chdir",
        assignments=True,
        # -S splits a string into words: we do not re-split it.
        not_wrapping="-S --split-string --help --version",
    ),
    "command": _spec(not_wrapping="-v -V"),
    "builtin": _spec(),
    "exec": _spec("-a"),
    "nice": _spec("-n --adjustment"),
    "nohup": _spec(),
    "time": _spec("-f --format -o --output"),
    "stdbuf": _spec("-i -o -e --input --output --error"),
    "timeout": _spec("-s --signal -k --kill-after", operands=1),
    "ionice": _spec("-c --class -n --classdata", not_wrapping="-p --pid -P --pgid -u --uid"),
    "gosu": _spec(operands=1),
    "su-exec": _spec(operands=1),
    "eatmydata": _spec(),
    "busybox": _spec(),
}


def _basename(word: Word) -> str | None:
    if word.value is None:
        return None
    return word.value.rsplit("/", 1)[-1] or word.value


def strip_wrappers(
    argv: tuple[Word, ...],
) -> tuple[tuple[Word, ...], tuple[tuple[str, Word], ...]]:
    """Return the argv of the innermost wrapped command and the environment
    assignments the wrappers added.  An argv that is not a wrapper invocation
    (or wraps nothing) comes back unchanged."""
    assignments: list[tuple[str, Word]] = []
    # Each round removes at least one word, so this terminates.
    while argv:
        spec = WRAPPERS.get(_basename(argv[0]) or "")
        if spec is None:
            break
        rest = argv[1:]
        parsed = parse_options(rest, spec.takes_value, stop_at_operand=True)
        if any(option.name in spec.not_wrapping for option in parsed.options):
            break
        index = parsed.stop
        added: list[tuple[str, Word]] = []
        if spec.assignments:
            while index < len(rest):
                split = split_assignment(rest[index])
                if split is None:
                    break
                added.append(split)
                index += 1
        index += spec.operands
        if index >= len(rest):
            break  # nothing is wrapped: `env`, `sudo -i`, `timeout 5`
        assignments.extend(added)
        argv = rest[index:]
    return argv, tuple(assignments)
