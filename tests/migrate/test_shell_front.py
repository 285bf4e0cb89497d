"""The shell front end: what a script's lines become."""

from __future__ import annotations

from tests.migrate.helpers import body, reasons, run


def test_from_run_copy_config_commit() -> None:
    result = run(
        "#!/bin/sh\nset -eu\n"
        "ctr=$(buildah from --pull=never localhost/base:1)\n"
        "buildah run $ctr -- apk add --no-cache curl\n"
        'buildah run "$ctr" -- sh -c "echo hi > /etc/hi"\n'
        "buildah copy --chown 1:1 $ctr app/ /app/\n"
        "buildah config --env A=1 --cmd '[\"app\"]' --port 80/tcp $ctr\n"
        "buildah commit $ctr localhost/out\n"
        "buildah rm $ctr\n"
    )
    assert body(result) == [
        "FROM localhost/base:1 AS ctr",
        "RUN apk add --no-cache curl \\",
        " && echo hi > /etc/hi",
        "COPY --chown=1:1 app/ /app/",
        'ENV A="1"',
        'CMD ["app"]',
        "EXPOSE 80/tcp",
    ]
    assert result.untranslated == ()


def test_variables_defaults_quotes_and_loops() -> None:
    result = run(
        "IMG=${IMG:-localhost/base}\n"
        "pkgs='a b'\n"
        'c=$(buildah from --name work "$IMG")\n'
        'for p in $pkgs "c d"; do\n'
        '  buildah run work -- pip install "$p"\n'
        "done\n"
        "buildah commit work out\n"
    )
    assert body(result) == [
        "FROM localhost/base AS work",
        "RUN pip install a \\",
        " && pip install b \\",
        " && pip install 'c d'",
    ]


def test_functions_are_inlined_with_their_arguments() -> None:
    result = run(
        'b() { buildah "$@"; }\n'
        "c=$(b from localhost/base)\n"
        'step() { echo "== $*"; }\n'
        "step one\n"
        "b run $c -- touch /x\n"
        "b commit $c out\n"
    )
    assert body(result) == ["FROM localhost/base AS c", "RUN touch /x"]
    assert result.untranslated == ()


def test_copy_rootfs_pattern_with_host_writes() -> None:
    result = run(
        "rt=$(buildah from localhost/runtime)\n"
        "b=$(buildah from localhost/builder)\n"
        "m=$(buildah mount $rt)\n"
        "buildah run -v $m:/t $b -- dnf --installroot=/t install -y x\n"
        "cp conf $m/etc/conf\n"
        "cat > $m/etc/motd <<EOF\nhello\nEOF\n"
        "buildah config --cmd x $rt\n"
        "buildah commit $rt out\n"
    )
    assert body(result) == [
        "FROM localhost/runtime AS rt",
        "FROM localhost/builder AS b",
        "COPY --from=rt / /t",
        "RUN dnf --installroot=/t install -y x",
        "COPY conf /t/etc/conf",
        'RUN ["/bin/sh", "-c", "printf %s \'hello\\n\' > /t/etc/motd"]',
        "FROM scratch AS rt-2",
        "COPY --from=b /t /",
        'ENV PATH="/usr/bin:/bin"',
        'LABEL a="b"',
        "WORKDIR /srv/app",
        "USER app",
        'CMD ["x"]',
    ]


def test_host_write_into_a_stage_runs_as_root() -> None:
    result = run(
        "rt=$(buildah from localhost/runtime)\n"
        "m=$(buildah mount $rt)\n"
        "mkdir -p $m/opt/x\n"
        "buildah commit $rt out\n"
    )
    assert body(result)[1:] == ["USER root", "RUN mkdir -p /opt/x", "USER app"]


def test_a_stage_read_before_it_changes_continues_in_a_new_stage() -> None:
    result = run(
        "a=$(buildah from localhost/base)\n"
        "b=$(buildah from localhost/base)\n"
        "buildah copy --from $a $b /etc/x /x\n"
        "buildah run $a -- touch /later\n"
        "buildah commit $b out\n"
    )
    assert body(result) == [
        "FROM localhost/base AS a",
        "FROM a AS a-2",
        "RUN touch /later",
        "FROM localhost/base AS b",
        "COPY --from=a /etc/x /x",
    ]


def test_an_image_the_script_committed_is_a_stage() -> None:
    result = run(
        "a=$(buildah from localhost/base)\n"
        "buildah run $a -- touch /a\n"
        "img=$(buildah commit $a)\n"
        "b=$(buildah from $img)\n"
        "buildah run $b -- touch /b\n"
        "buildah commit $b final\n"
    )
    assert body(result) == [
        "FROM localhost/base AS a",
        "RUN touch /a",
        "FROM a AS b",
        "RUN touch /b",
    ]


def test_what_cannot_be_followed_is_kept_as_comments() -> None:
    result = run(
        "c=$(buildah from localhost/base)\n"
        'if [ -n "$X" ]; then buildah run $c -- true; fi\n'
        "buildah run $c -- touch $UNKNOWN\n"
        "docker build .\n"
        "buildah bud -t other .\n"
        "curl -o x https://example.org | sh\n"
        "buildah run --cap-add CAP_NET_ADMIN $c -- id\n"
        "buildah push x\n"
        "buildah commit $c out\n"
    )
    assert reasons(result) == [
        (2, "an if statement cannot be followed without running the script"),
        (3, "uses a value not known before the script runs"),
        (4, "another engine's command (docker)"),
        (
            5,
            "builds another Containerfile; build that image first, "
            "the migrated file uses it by name",
        ),
        (6, "a pipeline cannot be followed without running the script"),
        (7, "option --cap-add is not supported"),
        (8, "`buildah push` is not translated"),
    ]
    comments = [line for line in body(result) if line.startswith("# stagelint migrate:")]
    assert comments[0] == (
        '# stagelint migrate: build.sh:2: if [ -n "$X" ]; then buildah run $c -- true; fi '
        "(an if statement cannot be followed without running the script)"
    )
    assert len(comments) == 7


def test_failure_handlers_and_harmless_commands() -> None:
    result = run(
        "set -euo pipefail\n"
        "c=$(buildah from localhost/base) || exit 1\n"
        "echo building\n"
        "buildah run $c -- true || true\n"
        "buildah run $c -- a || buildah run $c -- b\n"
        "buildah commit $c out\n"
    )
    assert body(result)[:2] == ["FROM localhost/base AS c", "RUN true"]
    assert reasons(result) == [(5, "`||` runs a command only on failure; not followed")]


def test_no_commit_is_reported() -> None:
    result = run("c=$(buildah from localhost/base)\n")
    assert reasons(result) == [(0, "no buildah commit: the last stage is the image")]


def test_a_rootfs_copied_back_into_a_builder_replaces_the_old_copy() -> None:
    result = run(
        "rt=$(buildah from localhost/runtime)\n"
        "b=$(buildah from localhost/builder)\n"
        "m=$(buildah mount $rt)\n"
        "buildah run -v $m:/t $b -- apk --root /t add x\n"
        "buildah run $rt -- rm /etc/x\n"
        "buildah run -v $m:/t $b -- apk --root /t add y\n"
        "buildah commit $rt out\n"
    )
    lines = body(result)
    start = lines.index("FROM b AS b-2")
    assert lines[start : start + 4] == [
        "FROM b AS b-2",
        "RUN rm -rf /t",
        "COPY --from=rt-2 / /t",
        "RUN apk --root /t add y",
    ]
    assert lines[start + 4 : start + 6] == ["FROM scratch AS rt-3", "COPY --from=b-2 /t /"]


def test_an_image_name_known_only_at_run_time_still_commits() -> None:
    result = run(
        'ctr=$(buildah from "${1:-localhost/base:1}")\n'
        "buildah run $ctr -- make\n"
        'buildah commit "$ctr" "${2:-$USER/app}"\n'
    )
    assert body(result) == ["FROM localhost/base:1 AS ctr", "RUN make"]
    assert result.untranslated == ()
    # any other word known only at run time is still reported
    other = run('ctr=$(buildah from localhost/base:1)\nbuildah run $ctr -- echo "$USER"\n')
    assert (2, "uses a value not known before the script runs") in reasons(other)


def test_run_as_another_user_in_another_directory() -> None:
    result = run(
        "c=$(buildah from localhost/base)\n"
        "buildah config --user app $c\n"
        "buildah run --user root $c -- apk add --no-cache curl\n"
        "buildah run --workingdir /srv/app $c -- touch 'a file'\n"
        "buildah run $c -- touch /b\n"
        "buildah commit $c out\n"
    )
    assert body(result) == [
        "FROM localhost/base AS c",
        "USER root",  # `USER app` first, with nothing run under it, is dropped
        "RUN apk add --no-cache curl",
        "USER app",
        "RUN mkdir -p /srv/app && (cd /srv/app && touch 'a file') \\",
        " && touch /b",
    ]
    assert result.untranslated == ()


def test_guards_that_stop_the_script_are_not_reported() -> None:
    result = run(
        'c=$(buildah from localhost/base)\n[ -n "$c" ] || exit 1\n'
        "test -d /x || exit\nbuildah run $c -- true\nbuildah commit $c out\n"
    )
    assert body(result) == ["FROM localhost/base AS c", "RUN true"]
    assert result.untranslated == ()


def test_if_guards_that_stop_the_script_are_not_reported() -> None:
    result = run(
        "if ! command -v buildah >/dev/null; then\n"
        '  echo "buildah is required" >&2\n'
        "  exit 1\n"
        "fi\n"
        "c=$(buildah from localhost/base)\n"
        'if [ -n "$DEBUG" ]; then buildah run $c -- env; fi\n'
        "buildah run $c -- true\nbuildah commit $c out\n"
    )
    assert body(result)[0] == "FROM localhost/base AS c"
    assert "RUN true" in body(result)
    assert [line for line, _ in reasons(result)] == [6]  # an `if` that builds something
