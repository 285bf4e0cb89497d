"""The .dockerignore matcher (stagelint/ignorematch.py) and where the ignore
file is found (stagelint/ignorefile.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from stagelint.ignorefile import context_ignore_patterns, ignore_file_for
from stagelint.ignorematch import BadPattern, IgnoreMatcher, clean


@pytest.mark.parametrize(
    ("path", "cleaned"),
    [
        ("", "."),
        ("./a//b/", "a/b"),
        ("/a", "a"),
        ("//a/b", "a/b"),
        ("a/../b", "b"),
        ("/", "/"),
        (".", "."),
    ],
)
def test_clean(path: str, cleaned: str) -> None:
    assert clean(path) == cleaned


@pytest.mark.parametrize(
    ("patterns", "path", "excluded"),
    [
        # Docker's documented examples
        (["*/temp*"], "somedir/temporary.txt", True),
        (["*/temp*"], "somedir/temp", True),
        (["*/temp*"], "temp", False),
        (["*/*/temp*"], "somedir/subdir/temporary.txt", True),
        (["*/*/temp*"], "somedir/temporary.txt", False),
        (["temp?"], "tempa", True),
        (["temp?"], "temp", False),
        (["temp?"], "dir/tempa", False),
        (["**/*.go"], "main.go", True),
        (["**/*.go"], "a/b/c.go", True),
        (["*.md", "!README.md"], "README.md", False),
        (["*.md", "!README.md"], "CHANGES.md", True),
        (["*.md", "!README*.md", "README-secret.md"], "README-secret.md", True),
        (["*.md", "!README*.md", "README-secret.md"], "README-x.md", False),
        (["*.md", "README-secret.md", "!README*.md"], "README-secret.md", False),
        # leading slash and cleaning
        (["/foo/bar"], "foo/bar", True),
        (["./foo/bar/"], "foo/bar", True),
        (["foo/bar"], "bar", False),
        # a parent directory that matches excludes its children
        (["node_modules"], "node_modules/x/y.js", True),
        (["node_modules"], "src/node_modules", False),
        (["**/node_modules"], "src/node_modules/a", True),
        (["build", "!build/keep"], "build/keep/file", False),
        (["build", "!build/keep"], "build/other", True),
        # `*` and `?` stop at `/`
        (["*"], "a/b", True),  # through the parent `a`
        (["a*"], "ab/c", True),
        (["a?c"], "a/c", False),
        # trailing `**`
        (["foo/**"], "foo/x/y", True),
        (["foo/**"], "foo", False),
        # classes and escapes
        (["[abc].txt"], "b.txt", True),
        (["[^abc].txt"], "b.txt", False),
        (["[^abc].txt"], "d.txt", True),
        (["[a-c]x"], "bx", True),
        (["\\*.txt"], "*.txt", True),
        (["\\*.txt"], "a.txt", False),
        (["a.b"], "axb", False),
        (["a+b"], "a+b", True),
        (["(x)"], "(x)", True),
        # an exception cannot re-include what is not excluded; order matters
        (["!a", "a"], "a", True),
        (["a", "!a", "a"], "a", True),
        (["*", "!src"], "src/main.go", False),
        (["*", "!src"], "docs", True),
        # the context root
        (["*"], ".", True),
        (["*.md"], ".", False),
    ],
)
def test_excluded(patterns: list[str], path: str, excluded: bool) -> None:
    assert IgnoreMatcher(patterns).excluded(path) is excluded


@pytest.mark.parametrize("pattern", ["[abc", "abc\\", "[z-a]"])
def test_bad_patterns(pattern: str) -> None:
    with pytest.raises(BadPattern):
        IgnoreMatcher([pattern])


@pytest.mark.parametrize(
    ("patterns", "source", "excluded"),
    [
        # literal sources
        (["secret.txt"], "secret.txt", True),
        (["secret.txt"], "./secret.txt", True),
        (["secret.txt"], "/secret.txt", True),
        (["node_modules"], "node_modules/pkg", True),
        (["*.md", "!README.md"], "NOTES.md", True),
        (["*.md", "!README.md"], "README.md", False),
        (["*.md", "!README*.md", "README-secret.md"], "README-secret.md", True),
        (["logs", "!logs/keep.txt"], "logs/other.txt", True),
        # a directory whose children an exception re-includes
        (["build", "!build/keep"], "build", False),
        (["*", "!src/"], ".", False),
        (["*", "!go.*", "!*.go"], ".", False),
        (["*"], ".", True),
        (["*", "!src"], "docs", True),
        (["**/*.log", "!keep/**"], "logs", False),
        # glob sources: reported only when every match is certainly excluded
        (["*.md"], "*.md", True),
        (["*.md"], "README*.md", True),
        (["*.md"], "docs/*.md", False),
        (["**/*.md"], "docs/*.md", True),
        (["docs"], "docs/*.md", True),
        (["*.md"], "*.m?", False),
        (["*.md", "!README.md"], "*.md", False),
        (["build*"], "build-*", True),
        (["*"], "src/*", True),
        (["*/tmp"], "*/tmp", True),
        (["tmp"], "*/tmp", False),
        (["foo/**"], "foo/*", True),
    ],
)
def test_source_excluded(patterns: list[str], source: str, excluded: bool) -> None:
    assert IgnoreMatcher(patterns).source_excluded(source) is excluded


def test_context_ignore_patterns_finds_dockerignore(tmp_path: Path) -> None:
    (tmp_path / "Containerfile").write_text("FROM scratch\n")
    assert context_ignore_patterns(str(tmp_path / "Containerfile")) is None
    (tmp_path / ".dockerignore").write_text("# comment\n  *.md  \n\n!README.md\n")
    assert context_ignore_patterns(str(tmp_path / "Containerfile")) == ("*.md", "!README.md")


def test_context_ignore_patterns_prefers_the_files_own(tmp_path: Path) -> None:
    (tmp_path / ".dockerignore").write_text("general\n")
    (tmp_path / "Containerfile.dockerignore").write_text("specific\n")
    assert context_ignore_patterns(str(tmp_path / "Containerfile")) == ("specific",)


def test_an_ignore_file_made_later_is_found(tmp_path: Path) -> None:
    """The directory listing is remembered per directory state: a server
    that keeps running sees an ignore file created after its first look."""
    containerfile = tmp_path / "Containerfile"
    containerfile.write_text("FROM scratch\n")
    assert ignore_file_for(str(containerfile)) is None
    (tmp_path / ".dockerignore").write_text("*.log\n")
    assert ignore_file_for(str(containerfile)) == tmp_path / ".dockerignore"
    (tmp_path / "Containerfile.containerignore").write_text("tmp\n")
    assert ignore_file_for(str(containerfile)) == tmp_path / "Containerfile.containerignore"
