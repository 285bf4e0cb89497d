"""`zypper install` without `-n` or `-y`

## What it does
Reports `zypper install`, `remove`, `update`, `patch`, `dist-upgrade` and the
other subcommands that ask for confirmation, run without the global
`-n`/`--non-interactive` or the subcommand's `-y`/`--no-confirm`. `yes |`
feeding the command counts as answered.

## Why is this bad?
zypper asks "Continue? [y/n/v/...? shows all options] (y)" before changing
anything. A RUN has no terminal and an empty standard input: zypper reads
end-of-file and the build fails.

## Example
```dockerfile
FROM opensuse/leap:15.6
RUN zypper install curl=8.6.0 && zypper clean --all
```

Use instead:
```dockerfile
FROM opensuse/leap:15.6
RUN zypper install -y curl=8.6.0 && zypper clean --all
```

## Fix safety
The fix adds `-y` (`--no-confirm`) after the subcommand. It is safe: it
only answers the confirmation prompt that the build cannot answer. It does
not add the global `-n`, which also answers other questions (such as trusting
a new repository key) with their default.
"""

from stagelint.pm_prompts import PromptSpec, prompt_rule

RULE = prompt_rule(
    __doc__,
    code="SL512",
    name="zypper-missing-yes",
    summary="`zypper install` without `-n` or `-y`",
    spec=PromptSpec(
        managers=frozenset({"zypper"}),
        subcommands=frozenset(
            [
                "install",
                "remove",
                "update",
                "patch",
                "dist-upgrade",
                "source-install",
                "install-new-recommends",
                "inr",
                "verify",
            ]
        ),
        option="-y",
        spelled="`-n` or `-y`",
    ),
    aliases=("DL3034",),
)
