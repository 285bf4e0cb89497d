"""`apt-get install` without `-y`

## What it does
Reports `apt-get` (and `apt`, `aptitude`) `install`, `remove`, `purge`,
`upgrade`, `dist-upgrade`, `autoremove` and the like run without `-y`
(`--yes`, `--assume-yes`). `-qq` (which implies `-y`), `yes |` feeding the
command, `-o APT::Get::Assume-Yes=true` and an `APT::Get::Assume-Yes "true";`
written to /etc/apt/apt.conf.d by an earlier RUN of the stage or a base
stage count as answered.

## Why is this bad?
apt-get asks "Do you want to continue? [Y/n]" whenever it installs more
than the packages named, or removes anything. A RUN has no terminal and an
empty standard input: apt-get reads end-of-file, answers no and the build
fails. The command may pass today only because the package has no new
dependency, and fail the day one is added.

## Example
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install --no-install-recommends curl
```

Use instead:
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl
```

## Fix safety
The fix adds `-y` after the subcommand. It is safe: it only answers a
prompt that the build cannot answer, so a build that worked installs
exactly the same packages, and one that failed at the prompt now proceeds.
"""

from stagelint.pm_config import APT_ASSUME_YES
from stagelint.pm_prompts import PromptSpec, prompt_rule

RULE = prompt_rule(
    __doc__,
    code="SL510",
    name="apt-missing-yes",
    summary="`apt-get install` without `-y`",
    spec=PromptSpec(
        managers=frozenset({"apt-get", "apt", "aptitude"}),
        subcommands=frozenset(
            [
                "install",
                "reinstall",
                "remove",
                "purge",
                "upgrade",
                "dist-upgrade",
                "full-upgrade",
                "safe-upgrade",
                "autoremove",
                "autopurge",
                "build-dep",
                "satisfy",
            ]
        ),
        option="-y",
        spelled="`-y`",
        setting=APT_ASSUME_YES,
    ),
    aliases=("DL3014",),
)
