"""`yum install` without `-y`

## What it does
Reports `yum install`, `remove`, `update`, `groupinstall` and the other
subcommands that ask for confirmation, run without `-y` (`--assumeyes`).
`yes |` feeding the command, `--setopt=assumeyes=1` and `assumeyes=1`
written to /etc/yum.conf by an earlier RUN of the stage or a base stage
count as answered.

## Why is this bad?
yum asks "Is this ok [y/d/N]" before changing anything. A RUN has no
terminal and an empty standard input: yum reads end-of-file, exits with
"Exiting on user command" and the build fails.

## Example
```dockerfile
FROM centos:7
RUN yum install httpd-2.4.6 && yum clean all
```

Use instead:
```dockerfile
FROM centos:7
RUN yum install -y httpd-2.4.6 && yum clean all
```

## Fix safety
The fix adds `-y` after the subcommand. It is safe: it only answers a
prompt that the build cannot answer.
"""

from stagelint.pm_config import DNF_ASSUME_YES
from stagelint.pm_prompts import DNF_ACTIONS, DNF_PROMPTING, PromptSpec, prompt_rule

RULE = prompt_rule(
    __doc__,
    code="SL511",
    name="yum-missing-yes",
    summary="`yum install` without `-y`",
    spec=PromptSpec(
        managers=frozenset({"yum"}),
        subcommands=DNF_PROMPTING,
        option="-y",
        spelled="`-y`",
        setting=DNF_ASSUME_YES,
        actions=DNF_ACTIONS,
    ),
    aliases=("DL3030",),
)
