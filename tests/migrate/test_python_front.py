"""The Python front end: subprocess calls, helpers, f-strings, loops."""

from __future__ import annotations

import pytest

from stagelint.migrate import MigrateError
from tests.migrate.helpers import body, reasons, run

HELPERS = '''
import shlex
import subprocess as sp
from subprocess import check_output

BASE = "localhost/base"


def buildah(*args):
    """Run buildah."""
    return sp.run(["buildah", *args], check=True, capture_output=True, text=True).stdout.strip()
'''


def test_helpers_fstrings_loops_and_captures() -> None:
    result = run(
        HELPERS
        + """
def main():
    ctr = check_output(["buildah", "from", BASE], text=True).strip()
    for pkg in ["a", "b"]:
        buildah("run", ctr, "--", "apk", "add", f"py3-{pkg}")
    buildah("run", ctr, "--", *shlex.split("sh -c 'echo x > /x'"))
    cmd = ["buildah", "config"] + ["--label", "k=v"]
    cmd.append(ctr)
    sp.check_call(cmd)
    buildah("commit", ctr, "out")


if __name__ == "__main__":
    main()
""",
        "build.py",
    )
    assert body(result) == [
        "FROM localhost/base AS ctr",
        "RUN apk add py3-a \\",
        " && apk add py3-b \\",
        " && echo x > /x",
        'LABEL k="v"',
    ]
    assert result.untranslated == ()


def test_shell_strings() -> None:
    result = run(
        "import os, subprocess\n"
        'c = subprocess.check_output("buildah from localhost/base", shell=True, text=True)\n'
        "c = c.strip()\n"
        'm = subprocess.check_output(["buildah", "mount", c], text=True).strip()\n'
        'os.system(f"mkdir -p {m}/opt && buildah run {c} -- touch /y")\n'
        'os.system("buildah commit %s out" % c)\n',
        "build.py",
    )
    assert body(result) == ["FROM localhost/base AS c", "RUN mkdir -p /opt \\", " && touch /y"]


def test_what_cannot_be_followed_is_reported_at_the_callers_line() -> None:
    result = run(
        HELPERS
        + """
ctr = buildah("from", BASE)
if os_environ_thing():
    buildah("run", ctr, "--", "true")
value = compute()
buildah("run", ctr, "--", "--user")
buildah("run", "--cap-add", "CAP_NET_ADMIN", ctr, "--", "id")
while True:
    break
buildah("commit", ctr, "out")
""",
        "build.py",
    )
    assert reasons(result) == [
        (14, "an if statement whose condition is not known"),
        (16, "calls something whose effect is not known"),
        (18, "option --cap-add is not supported"),
        (19, "a `While` statement is not followed"),
    ]


def test_not_python_is_an_error() -> None:
    with pytest.raises(MigrateError, match=r"build\.py"):
        run("def (:\n", "build.py")


def test_guards_that_stop_the_script_are_not_reported() -> None:
    result = run(
        "import shutil, subprocess, sys\n"
        "if shutil.which('buildah') is None:\n"
        "    print('buildah is required', file=sys.stderr)\n"
        "    sys.exit(1)\n"
        "if not shutil.which('buildah'):\n"
        "    raise SystemExit('no buildah')\n"
        "ctr = subprocess.check_output(['buildah', 'from', 'localhost/base'], text=True).strip()\n"
        "subprocess.run(['buildah', 'run', ctr, '--', 'true'], check=True)\n"
        "if shutil.which('podman'):\n"
        "    subprocess.run(['buildah', 'run', ctr, '--', 'false'], check=True)\n"
        "subprocess.run(['buildah', 'commit', ctr, 'out'], check=True)\n",
        "build.py",
    )
    assert body(result)[:2] == ["FROM localhost/base AS ctr", "RUN true"]
    # an `if` that does more than stop is still reported (and kept as a comment)
    assert [line for line, _ in reasons(result)] == [9]
