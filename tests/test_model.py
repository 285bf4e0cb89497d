"""The semantic model: stages, references, scopes, mounts, the target's needs."""

from __future__ import annotations

from stagelint import parse
from stagelint.instructions import stage_instructions
from stagelint.model import Model


def model(text: str, **kwargs: object) -> Model:
    return Model(parse(text), **kwargs)  # type: ignore[arg-type]


MISSION = """\
FROM registry.example/minimal AS base
FROM registry.example/full AS pkg
RUN --mount=type=bind,from=base,target=/target,rw \\
    zypper --installroot=/target install -y ripgrep
FROM base
"""


def test_stages_and_bases() -> None:
    m = model(MISSION)
    assert [(s.index, s.name, s.base_kind) for s in m.stages] == [
        (0, "base", "image"), (1, "pkg", "image"), (2, None, "stage")
    ]  # fmt: skip
    assert m.stages[2].base_stage is m.stages[0]
    assert m.stages[2].ancestors() == [m.stages[0]]
    assert m.target is m.stages[2]


def test_references_and_needed_stages() -> None:
    m = model(MISSION)
    kinds = [(r.kind, r.stage.index, r.target.index if r.target else None) for r in m.references]
    assert kinds == [("from", 0, None), ("from", 1, None), ("mount", 1, 0), ("from", 2, 0)]
    # the pkg stage only mutates `base` through a mount: nothing needs it
    assert m.needed_stages == frozenset({0, 2})
    assert not m.is_needed(m.stages[1])


def test_mounts_are_typed() -> None:
    m = model(MISSION)
    (step,) = m.runs
    (mount,) = step.mounts
    assert (mount.type, mount.from_, mount.target, mount.readwrite) == (
        "bind",
        "base",
        "/target",
        True,
    )
    assert mount.is_bind and not mount.discards_content


def test_mount_defaults_and_errors() -> None:
    m = model(
        "FROM a\nRUN --mount=type=cache,dst=/c --mount=target=/x,ro "
        "--mount=type=bogus,traget=/y true\n"
    )
    cache, bind, bad = m.runs[0].mounts
    assert cache.type == "cache" and cache.readwrite and cache.target == "/c"
    assert bind.type == "bind" and not bind.readwrite and bind.from_ is None
    assert any("traget" in e for e in bad.errors) and any("bogus" in e for e in bad.errors)


def test_copy_from_by_name_index_and_image() -> None:
    m = model(
        "FROM a AS one\nFROM b\nCOPY --from=one /x /x\nCOPY --from=0 /y /y\n"
        "COPY --from=alpine:3 /z /z\n"
    )
    copies = [r for r in m.references if r.kind == "copy"]
    assert [r.target.index if r.target else r.raw for r in copies] == [0, 0, "alpine:3"]
    assert m.needed_stages == frozenset({0, 1})


def test_stage_names_are_case_insensitive() -> None:
    m = model("FROM a AS Build\nFROM build\n")
    assert m.stages[0].name == "build"
    assert m.stages[1].base_stage is m.stages[0]


def test_meta_args_expand_in_from_only() -> None:
    m = model("ARG V=3.20\nARG IMG=alpine\nFROM ${IMG}:${V:-1} AS x\nRUN echo $V\n")
    assert m.stages[0].base == "alpine:3.20"
    run = m.doc.instructions[3]
    assert "V" not in m.scope(run).variables()


def test_arg_import_env_inheritance_and_precedence() -> None:
    text = (
        "ARG V=1\nFROM a AS base\nARG V\nENV HOME_DIR=/srv/$V\nARG W=w\n"
        "FROM base\nENV X=${HOME_DIR}/x\nWORKDIR $X\n"
    )
    m = model(text)
    base_last = m.doc.instructions[4]
    assert m.scope(base_last).env == {"HOME_DIR": "/srv/1"}
    workdir = m.doc.instructions[-1]
    scope = m.scope(workdir)
    assert scope.env == {"HOME_DIR": "/srv/1", "X": "/srv/1/x"}
    assert scope.args == {}  # ARGs do not cross stages
    assert m.expand(workdir, "$X").value == "/srv/1/x"


def test_build_args_and_target() -> None:
    m = model("ARG V=1\nFROM a:$V AS one\nFROM b AS two\n", build_args={"V": "9"}, target="one")
    assert m.stages[0].base == "a:9"
    assert m.target is m.stages[0]
    assert m.needed_stages == frozenset({0})


def test_unknown_target_falls_back_to_last_stage() -> None:
    m = model("FROM a AS one\nFROM b AS two\n", target="nope")
    assert m.target is m.stages[1]


def test_shell_instruction_is_tracked_per_stage() -> None:
    m = model(
        'FROM a AS x\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN true\nFROM x\nRUN true\n'
    )
    assert m.runs[0].shell == ("/bin/bash", "-o", "pipefail", "-c")
    assert m.runs[1].shell == ("/bin/bash", "-o", "pipefail", "-c")


def test_stage_of_and_descendants() -> None:
    m = model("FROM a AS one\nRUN x\nFROM one AS two\nFROM two\n")
    run = m.doc.instructions[1]
    assert m.stage_of(run) is m.stages[0]
    assert m.descendants(m.stages[0]) == [m.stages[1], m.stages[2]]


def test_expansion_errors_are_collected_not_raised() -> None:
    m = model("FROM a:${V\n")
    assert m.expansion_errors


def test_required_build_arg_is_not_an_expansion_error() -> None:
    assert model("ARG V\nFROM a:${V:?required}\n").expansion_errors == []
    assert model("FROM a:${V:?undeclared}\n").expansion_errors


def test_instructions_by_keyword_are_those_of_the_walk_in_file_order() -> None:
    text = (
        "ARG V=1\nFROM a AS one\nCOPY x /x\nADD y /y\nONBUILD COPY z /z\nCOPY w /w\n"
        "FROM one\nADD v /v\nRUN true\nCOPY --from=one /x /x\n"
    )
    model = Model(parse(text))
    walk = list(stage_instructions(model))
    for keywords in (("COPY",), ("ADD",), ("COPY", "ADD"), ("ADD", "COPY"), ("EXPOSE",)):
        wanted = [(stage, node) for stage, node in walk if node.keyword in keywords]
        assert list(stage_instructions(model, *keywords)) == wanted, keywords
    assert [node.args_text for _, node in stage_instructions(model, "COPY", "ADD")] == [
        "x /x",
        "y /y",
        "w /w",
        "v /v",
        "/x /x",
    ]
