"""`dnf install` without `-y`

## What it does
Reports `dnf` (also `dnf5`, `microdnf` and `tdnf`) `install`, `remove`,
`upgrade`, `group install`, `module enable` and the other subcommands that
ask for confirmation, run without `-y` (`--assumeyes`). `yes |` feeding the
command, `--setopt=assumeyes=1` and `assumeyes=1` written to
/etc/dnf/dnf.conf by an earlier RUN of the stage or a base stage count as
answered.

## Why is this bad?
dnf asks "Is this ok [y/N]" before changing anything. A RUN has no terminal
and an empty standard input: dnf reads end-of-file, answers no and the
build fails.

## Example
```dockerfile
FROM fedora:40
RUN dnf install httpd-2.4.62 && dnf clean all
```

Use instead:
```dockerfile
FROM fedora:40
RUN dnf install -y httpd-2.4.62 && dnf clean all
```

## Fix safety
The fix adds `-y` after the subcommand (after the action of `dnf group` and
`dnf module`). It is safe: it only answers a prompt that the build cannot
answer. microdnf versions that never prompt accept `-y` as well.
"""

from stagelint.pm_config import DNF_ASSUME_YES
from stagelint.pm_prompts import DNF_ACTIONS, DNF_PROMPTING, PromptSpec, prompt_rule

RULE = prompt_rule(
    __doc__,
    code="SL513",
    name="dnf-missing-yes",
    summary="`dnf install` without `-y`",
    spec=PromptSpec(
        managers=frozenset({"dnf", "dnf5", "microdnf", "tdnf"}),
        subcommands=DNF_PROMPTING,
        option="-y",
        spelled="`-y`",
        setting=DNF_ASSUME_YES,
        actions=DNF_ACTIONS,
    ),
    aliases=("DL3038",),
)
