"""Package-manager commands that stop at a confirmation prompt.

A RUN has no terminal and its standard input is empty: apt-get, yum, dnf and
zypper read end-of-file at "Do you want to continue? [Y/n]" and abort, so the
build fails (or, for `apt-get install` of a package with no new dependency,
passes by luck until a dependency is added). The rules built here report the
prompting subcommands run without the manager's assume-yes switch
(`PackageManagerCall.assume_yes` knows the switches, `yes |` and apt's
`-qq`) and without the setting in a config file an earlier RUN wrote.
"""

from __future__ import annotations

from collections.abc import Iterator

from stagelint.pm_calls import add_option, calls_of, command_span, shown, word_span
from stagelint.pm_config import ConfigSetting, setting_applies
from stagelint.records import Record
from stagelint.rule import Context, Diagnostic, Fix, FixAvailability, Rule, Severity
from stagelint.shell import PackageManagerCall, Word

# dnf/yum subcommands whose second word decides whether it prompts.
_ACTION_SUBCOMMANDS = frozenset({"group", "groups", "module"})

# yum/dnf subcommands (normalised: `update` is `upgrade`, `erase` is
# `remove`) that ask before changing anything, and the prompting actions of
# `dnf group`/`dnf module`.
DNF_PROMPTING = frozenset(
    [
        "install",
        "reinstall",
        "remove",
        "upgrade",
        "downgrade",
        "distro-sync",
        "autoremove",
        "swap",
        "upgrade-minimal",
        "update-minimal",
        "groupinstall",
        "groupremove",
        "groupupdate",
        "groupupgrade",
        "localupdate",
    ]
)
DNF_ACTIONS = frozenset(
    ["install", "remove", "erase", "upgrade", "update", "enable", "disable", "reset", "switch-to"]
)


class PromptSpec(Record):
    __slots__ = ("actions", "managers", "option", "setting", "spelled", "subcommands")

    def __init__(
        self,
        managers: frozenset[str],
        subcommands: frozenset[str],  # normalised subcommands that ask for confirmation
        option: str,  # the switch the fix adds after the subcommand
        spelled: str,  # the switches the message names
        setting: ConfigSetting | None = None,  # a config file setting that answers yes
        # `dnf group install` prompts, `dnf group list` does not.
        actions: frozenset[str] = frozenset(),
    ) -> None:
        self.managers = managers
        self.subcommands = subcommands
        self.option = option
        self.spelled = spelled
        self.setting = setting
        self.actions = actions


def _prompts(spec: PromptSpec, call: PackageManagerCall) -> bool:
    if call.subcommand in _ACTION_SUBCOMMANDS:
        action = call.args[0].value if call.args else None
        return action in spec.actions
    return True


def _anchor(call: PackageManagerCall) -> Word | None:
    """The word the switch goes after: the subcommand, or its action word
    (`dnf group install -y`)."""
    if not call.subcommand_words:
        return None
    if call.subcommand in _ACTION_SUBCOMMANDS and call.args:
        return call.args[0]
    return call.subcommand_words[-1]


def prompt_rule(
    doc: str | None,
    *,
    code: str,
    name: str,
    summary: str,
    spec: PromptSpec,
    aliases: tuple[str, ...] = (),
    severity: Severity = Severity.WARNING,
) -> Rule:
    """A rule reporting `spec`'s prompting commands run without assume-yes."""
    subcommands = spec.subcommands | _ACTION_SUBCOMMANDS if spec.actions else spec.subcommands

    def check(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
        for step, call in calls_of(ctx.model, spec.managers, subcommands):
            if call.assume_yes or not _prompts(spec, call):
                continue
            if spec.setting is not None and setting_applies(ctx.model, step, call, spec.setting):
                continue
            anchor = _anchor(call)
            if anchor is None:
                continue
            words = " ".join(shown(w) for w in call.subcommand_words)
            if anchor is not call.subcommand_words[-1]:
                words += f" {shown(anchor)}"
            edit = add_option(step, anchor, spec.option)
            fix = Fix(f"Add `{spec.option}` to `{call.manager} {words}`", (edit,)) if edit else None
            start = command_span(step, call.command)[0]
            end = word_span(step, anchor)[1]
            yield rule.diagnostic(
                start,
                end,
                f"`{call.manager} {words}` without {spec.spelled} stops at a confirmation "
                f"prompt the build cannot answer",
                fix,
            )

    return Rule(
        code,
        name,
        summary,
        severity,
        check,
        doc or "",
        FixAvailability.SOMETIMES,
        aliases,
        "Add the assume-yes switch",
    )
