"""`pip install` of a package without a version

## What it does
Reports `pip install` (also `pip3`, `python -m pip`) of a requirement with no
version specifier (`==`, `~=`, `>=`...) or direct reference. Local projects
(`.`, `-e .`, `./pkg`), wheels, archives and URLs are not registry packages
and are not reported; a VCS URL is pinned by an `@ref` (`git+https://...@v1.2`).
A call that reads a requirements or constraints file (`-r`, `-c`) is not
reported: the file can hold the versions of everything it installs.

## Why is this bad?
An unpinned requirement installs the newest release on the day of the build:
the image changes from one build to the next, and a new release can break it
with no change to the Containerfile.

An unquoted `flask>=2` is a shell redirection to a file named `=2`: the
version never reaches pip. The message points this out.

## Example
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir requests
```

Use instead:
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir requests==2.32.3
```

Or, better, install from a requirements file with hashes:
```dockerfile
FROM python:3.12-slim
COPY requirements.txt .
RUN pip install --no-cache-dir --require-hashes -r requirements.txt
```
"""

from stagelint.pinning import PinSpec, pin_rule, pip_foreign, pip_pinned

RULE = pin_rule(
    __doc__,
    code="SL502",
    name="pip-version-unpinned",
    summary="`pip install` of a package without a version",
    spec=PinSpec(
        managers=frozenset({"pip"}),
        subcommands=frozenset({"install"}),
        pinned=pip_pinned,
        foreign=pip_foreign,
        usage="pip install <package>==<version>",
        pinning_options=("-r", "--requirement", "-c", "--constraint"),
    ),
    aliases=("DL3013",),
)
