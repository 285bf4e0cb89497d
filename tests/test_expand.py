"""Tests for stagelint.expand, BuildKit-compatible variable expansion.

The tables re-express BuildKit's own golden data (``envVarTest``, the
``TestProcessWithMatches`` table and ``TestShellParserMandatoryEnvVars`` in
``frontend/dockerfile/shell``), the examples on the Dockerfile reference page,
and behaviour read off ``lex.go`` where BuildKit has no test for it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stagelint.expand import (
    MAX_NESTING,
    Expansion,
    ExpansionError,
    expand_word,
    expand_words,
)

ERROR = object()  # marks a case that BuildKit rejects

# The environment BuildKit's envVarTest runs with.
GOLDEN_ENV = {"PWD": "/home", "SHELL": "bash", "KOREAN": "한국어", "NULL": ""}

# (word, expected value or ERROR), all with GOLDEN_ENV and "\" as escape.
GOLDEN_CASES: list[tuple[str, object]] = [
    # quoting and escapes
    ("hello", "hello"),
    ("he'll'o", "hello"),
    ("he'llo", ERROR),
    ("he\\'llo", "he'llo"),
    ("he\\\\'llo", ERROR),
    ("abc\\tdef", "abctdef"),
    ('"abc\\tdef"', "abc\\tdef"),
    ('"abc\\\\tdef"', "abc\\tdef"),
    ("'abc\\tdef'", "abc\\tdef"),
    ("hello\\", "hello"),
    ("hello\\\\", "hello\\"),
    ('"hello', ERROR),
    ('"hello\\"', ERROR),
    ('"hel\'lo"', "hel'lo"),
    ("'hello", ERROR),
    ("'hello\\'", "hello\\"),
    ("'hello\\there'", "hello\\there"),
    ("'hello\\\\there'", "hello\\\\there"),
    ("\"''\"", "''"),
    ("'\"hello\"'", '"hello"'),
    # $ that is not an expansion, positional parameters
    ("$.", "$."),
    ("$1", ""),
    ("he$1x", "hex"),
    ("he$.x", "he$.x"),
    ("he$pwd.", "he."),
    # simple references and escaping them
    ("he$PWD", "he/home"),
    ("he\\$PWD", "he$PWD"),
    ("he\\\\$PWD", "he\\/home"),
    ('"he\\$PWD"', "he$PWD"),
    ('"he\\\\$PWD"', "he\\/home"),
    ("'he\\$PWD'", "he\\$PWD"),
    ("\\${}", "${}"),
    ("\\${}aaa", "${}aaa"),
    ("he\\${}xx", "he${}xx"),
    ("${}", ERROR),
    ("he${}xx", ERROR),
    ("he${hi}xx", "hexx"),
    ("he${PWD}", "he/home"),
    ("he${.}", ERROR),
    ("'he${XX}'", "he${XX}"),
    ('"he${PWD}"', "he/home"),
    ("\"he'$PWD'\"", "he'/home'"),
    ("'$PWD'", "$PWD"),
    ("he${PWD", ERROR),
    # :- and :+ with nesting
    ("he${XXX:-000}xx", "he000xx"),
    ("he${PWD:-000}xx", "he/homexx"),
    ("he${XXX:-$PWD}xx", "he/homexx"),
    ("he${XXX:-${PWD:-yyy}}xx", "he/homexx"),
    ("he${XXX:-${YYY:-yyy}}xx", "heyyyxx"),
    ("he${XXX:YYY}", ERROR),
    ("he${XXX:+${PWD}}xx", "hexx"),
    ("he${PWD:+${XXX}}xx", "hexx"),
    ("he${PWD:+${SHELL}}xx", "hebashxx"),
    ("he${XXX:+000}xx", "hexx"),
    ("he${PWD:+000}xx", "he000xx"),
    ("he${PWD:=000}xx", ERROR),
    ("he${PWD:+${PWD}:}xx", "he/home:xx"),
    ("he${XXX:-\\$PWD:}xx", "he$PWD:xx"),
    ("he${XXX:-\\${PWD}z}xx", "he${PWDz}xx"),
    # non-ASCII text and values
    ("안녕하세요", "안녕하세요"),
    ("안'녕'하세요", "안녕하세요"),
    ("안녕\\'하세요", "안녕'하세요"),
    ("$KOREAN", "한국어"),
    ("안녕$KOREAN", "안녕한국어"),
    # brace matching
    ("${{aaa}", ERROR),
    ("${aaa}}", "}"),
    ("${aaa", ERROR),
    ("${{aaa:-bbb}", ERROR),
    ("${aaa:-bbb}}", "bbb}"),
    ("${aaa:-bbb", ERROR),
    ("${aaa:-bbb}", "bbb"),
    ("${aaa:-${bbb:-ccc}}", "ccc"),
    ("${aaa:-bbb ${foo}", ERROR),
    ("${aaa:-bbb {foo}", "bbb {foo"),
    ("${:}", ERROR),
    ("${:-bbb}", ERROR),
    ("${:+bbb}", ERROR),
    # unset versus empty
    ("${NULL:-x}", "x"),
    ("${NULL-x}", ""),
    ("${NULL:+x}", ""),
    ("${NULL+x}", "x"),
    ("${NULL?}", ""),
    ("${NULL:?}", ERROR),
    ("${XXX-x}", "x"),
    ("${XXX+x}", ""),
]


@pytest.mark.parametrize(("word", "expected"), GOLDEN_CASES)
def test_golden(word: str, expected: object) -> None:
    if expected is ERROR:
        with pytest.raises(ExpansionError):
            expand_word(word, GOLDEN_ENV)
    else:
        assert expand_word(word, GOLDEN_ENV).value == expected


# (word, env, value, used, unset).  `unset` leaves out names only tested by a
# default/alternative form; otherwise it is BuildKit's Unmatched set.
TRACKING_CASES: list[tuple[str, dict[str, str], str, set[str], set[str]]] = [
    ("x", {"DUMMY": "dummy"}, "x", set(), set()),
    ("x ${UNUSED}", {"DUMMY": "dummy"}, "x ", {"UNUSED"}, {"UNUSED"}),
    ("x ${FOO}", {"FOO": "y"}, "x y", {"FOO"}, set()),
    ("x $FOO$BAR", {"FOO": "y"}, "x y", {"FOO", "BAR"}, {"BAR"}),
    (
        "${FOO-aaa} ${BAR-bbb} ${BAZ-ccc}",
        {"FOO": "xxx", "BAR": ""},
        "xxx  ccc",
        {"FOO", "BAR", "BAZ"},
        set(),
    ),
    (
        "${FOO:-aaa} ${BAR:-bbb} ${BAZ:-ccc}",
        {"FOO": "xxx", "BAR": ""},
        "xxx bbb ccc",
        {"FOO", "BAR", "BAZ"},
        set(),
    ),
    ("${FOO:-}", {"FOO": "xxx", "BAR": ""}, "xxx", {"FOO"}, set()),
    ("${FOO:-}", {}, "", {"FOO"}, set()),
    (
        "${FOO+aaa} ${BAR+bbb} ${BAZ+ccc}",
        {"FOO": "xxx", "BAR": ""},
        "aaa bbb ",
        {"FOO", "BAR", "BAZ"},
        set(),
    ),
    (
        "${FOO:+aaa} ${BAR:+bbb} ${BAZ:+ccc}",
        {"FOO": "xxx", "BAR": ""},
        "aaa  ",
        {"FOO", "BAR", "BAZ"},
        set(),
    ),
    ("${FOO?aaa}", {"FOO": "xxx"}, "xxx", {"FOO"}, set()),
    ("${BAR?bbb}", {"BAR": ""}, "", {"BAR"}, set()),
    ("${FOO:?aaa}", {"FOO": "xxx"}, "xxx", {"FOO"}, set()),
    # A name referenced plainly anywhere counts, even beside a default.
    ("${A:-x}$A", {}, "x", {"A"}, {"A"}),
    # The default word is expanded whether or not it is needed.
    ("${A:-$B}", {"A": "a"}, "a", {"A", "B"}, {"B"}),
    ("${A:+${B}}", {}, "", {"A", "B"}, {"B"}),
    # Pattern operations (trim, replace) on an unset variable do count.
    ("${A#x}", {}, "", {"A"}, {"A"}),
    ("${A//x/y}", {}, "", {"A"}, {"A"}),
    ("${FOO#$BAR}", {"FOO": "xxyy", "BAR": "x"}, "xyy", {"FOO", "BAR"}, set()),
    ("${ABC:-.}${FOO%x}${ABC:-.}", {"FOO": "xxyy"}, ".xxyy.", {"ABC", "FOO"}, set()),
    # Special and positional parameters are looked up like any name.
    ("a$$b$1$@", {}, "ab", {"$", "1", "@"}, {"$", "1", "@"}),
    ("$12x", {"12": "twelve"}, "twelvex", {"12"}, set()),
    ("${0}", {"0": "zero"}, "zero", {"0"}, set()),
    ("$_x", {"_x": "u"}, "u", {"_x"}, set()),
    # Names are Unicode letters and digits, as with Go's unicode package.
    ("$한국어!", {"한국어": "k"}, "k!", {"한국어"}, set()),
    (
        "something-${VERSION}.${TARGETOS}-${TARGETARCH}${TARGETVARIANT:+-${TARGETVARIANT}}.tgz",
        {"VERSION": "v1.2.3", "TARGETOS": "linux", "TARGETARCH": "arm", "TARGETVARIANT": "v7"},
        "something-v1.2.3.linux-arm-v7.tgz",
        {"VERSION", "TARGETOS", "TARGETARCH", "TARGETVARIANT"},
        set(),
    ),
    (
        "something-${VERSION}.${TARGETOS}-${TARGETARCH}${TARGETVARIANT:+-${TARGETVARIANT}}.tgz",
        {"VERSION": "v1.2.3", "TARGETOS": "linux", "TARGETARCH": "arm64"},
        "something-v1.2.3.linux-arm64.tgz",
        {"VERSION", "TARGETOS", "TARGETARCH", "TARGETVARIANT"},
        {"TARGETVARIANT"},
    ),
]


@pytest.mark.parametrize(("word", "env", "value", "used", "unset"), TRACKING_CASES)
def test_tracking(
    word: str, env: dict[str, str], value: str, used: set[str], unset: set[str]
) -> None:
    assert expand_word(word, env) == Expansion(value, frozenset(used), frozenset(unset))


# (word, env, expected value or ERROR) for the glob-pattern operations.
PATTERN_CASES: list[tuple[str, dict[str, str], object]] = [
    # the Dockerfile reference's own examples
    ("${str#f*b}", {"str": "foobarbaz"}, "arbaz"),
    ("${str##f*b}", {"str": "foobarbaz"}, "az"),
    ("${str%b*}", {"str": "foobarbaz"}, "foobar"),
    ("${str%%b*}", {"str": "foobarbaz"}, "foo"),
    ("${str/ba/fo}", {"str": "foobarbaz"}, "fooforbaz"),
    ("${str//ba/fo}", {"str": "foobarbaz"}, "fooforfoz"),
    # BuildKit's TestProcessWithMatches
    ("${FOO#()[]{\\}^$.\\*\\?|\\\\}", {"FOO": "()[]{}^$.*?|\\x"}, "x"),
    ("${FOO%%\\**}", {"FOO": "xx**"}, "xx"),
    ("${FOO#*x*y}", {"FOO": "xxyy"}, "y"),
    ("${FOO#*}", {"FOO": "xxyy"}, "xxyy"),
    ("${FOO#$BAR}", {"FOO": "xxyy", "BAR": ""}, "xxyy"),
    ("${FOO#}", {"FOO": "xxyy"}, "xxyy"),
    ("${FOO##*x}", {"FOO": "xxyy"}, "yy"),
    ("${FOO##}", {"FOO": "xxyy"}, "xxyy"),
    ("${FOO#?\\?}", {"FOO": "???y"}, "?y"),
    ("${FOO%%\\**\\*}", {"FOO": "a***yy*"}, "a"),
    ("${FOO%}", {"FOO": "xxyy"}, "xxyy"),
    ("${FOO%%$BAR}", {"FOO": "xxyy", "BAR": ""}, "xxyy"),
    (
        "${FOO/$NEEDLE/.} - ${FOO//$NEEDLE/.}",
        {"FOO": "/foo*/*/*.txt", "NEEDLE": "\\*/"},
        "/foo.*/*.txt - /foo..*.txt",
    ),
    (
        "${FOO/$NEEDLE/} - ${FOO//$NEEDLE/}",
        {"FOO": "/tmp/tmp/bar.txt", "NEEDLE": "/tmp"},
        "/tmp/bar.txt - /bar.txt",
    ),
    (
        "${FOO/$NEEDLE/$REPLACEMENT} - ${FOO//$NEEDLE/$REPLACEMENT}",
        {"FOO": "/a/foo/b/c.txt", "NEEDLE": "/?/", "REPLACEMENT": "/"},
        "/foo/b/c.txt - /foo/c.txt",
    ),
    (
        "${FOO/$NEEDLE/$REPLACEMENT}",
        {"FOO": "http://google.de", "NEEDLE": "http://", "REPLACEMENT": "https://"},
        "https://google.de",
    ),
    ("${FOO//\\//\\/}", {"FOO": "/tmp/foo.txt"}, "\\/tmp\\/foo.txt"),
    ("${FOO/$BAR/ww}", {"FOO": "xxyy", "BAR": ""}, "wwxxyy"),
    ("${FOO//ww}", {"FOO": "xxyy"}, ERROR),
    ("${FOO//}", {"FOO": "xxyy"}, ERROR),
    ("${FOO///}", {"FOO": "xxyy"}, "xxyy"),
    ("${FOO///}", {}, ""),
    # everyday uses
    ("${VERSION#v}", {"VERSION": "v1.2.3"}, "1.2.3"),
    ("${f%.*}", {"f": "a.tar.gz"}, "a.tar"),
    ("${f%%.*}", {"f": "a.tar.gz"}, "a"),
    ("${f##*/}", {"f": "/usr/local/bin/tool"}, "tool"),
    ("${f#*/}", {"f": "/usr/local/bin/tool"}, "usr/local/bin/tool"),
    ("${f%/*}", {"f": "/usr/local/bin/tool"}, "/usr/local/bin"),
    ("${f:#/usr}", {"f": "/usr/bin"}, "/bin"),
    # Go's ReplaceAllString: empty matches, $0 templates, greedy stars
    ("${V//$E/-}", {"V": "ab", "E": ""}, "-a-b-"),
    ("${V///x}", {}, "x"),
    ("${V//b/'<$0>'}", {"V": "abcb"}, "a<b>c<b>"),
    ("${V/b/'<$0>'}", {"V": "abcb"}, "a<$0>cb"),
    ("${V//b/'$$|$1|${0}'}", {"V": "ab"}, "a$||b"),
    ("${V/x*/-}", {"V": "axbxc"}, "a-"),
    # brackets are literal, not character classes
    ("${V#[ab]}", {"V": "[ab]x"}, "x"),
    ("${V#[ab]}", {"V": "ax"}, "ax"),
    # * and ? do not match a newline (Go's "."); a literal newline does
    ("${V##*b}", {"V": "a\nb"}, "a\nb"),
    ("${V#?}", {"V": "\nb"}, "\nb"),
    ("${V#$N}", {"V": "\nb", "N": "\n"}, "b"),
    # a variable can supply the doubling operator, as BuildKit checks late
    ("${V#$P}", {"V": "aab", "P": "#*a"}, "b"),
    # quoting does not make wildcards literal inside a pattern
    ("${V#'*'}", {"V": "abc"}, "abc"),
    ("${V##'*'}", {"V": "abc"}, ""),
    # escapes the glob translator rejects
    ("${V#\\x}", {"V": "x"}, ERROR),
    ("${V#'\\'}", {"V": "x"}, ERROR),
    ("${V/\\x/y}", {"V": "x"}, ERROR),
]


@pytest.mark.parametrize(("word", "env", "expected"), PATTERN_CASES)
def test_patterns(word: str, env: dict[str, str], expected: object) -> None:
    if expected is ERROR:
        with pytest.raises(ExpansionError):
            expand_word(word, env)
    else:
        assert expand_word(word, env).value == expected


# (word, expected) with the backtick escape of "# escape=`".
BACKTICK_ENV = {"PWD": "C:\\home", "X": "x"}
BACKTICK_CASES: list[tuple[str, object]] = [
    ("he`$PWD", "he$PWD"),
    ("c:\\windows\\$X", "c:\\windows\\x"),
    ("a``b", "a`b"),
    ("hello`", "hello"),
    ('"he`"llo"', 'he"llo'),
    ('"a\\b"', "a\\b"),
    ('"a`tb"', "a`tb"),
    ('"a``b"', "a`b"),
    ('"`$X"', "$X"),
    ("${Y:-`}}", "}"),
    ("${X:+a`}b}", "a}b"),
    ("'a`b'", "a`b"),
    ('"he`"', ERROR),
    # The glob translator only ever knows "\" as its escape.
    ("${V#\\*}", "x"),
]


@pytest.mark.parametrize(("word", "expected"), BACKTICK_CASES)
def test_backtick_escape(word: str, expected: object) -> None:
    env = {**BACKTICK_ENV, "V": "*x"}
    if expected is ERROR:
        with pytest.raises(ExpansionError):
            expand_word(word, env, escape="`")
    else:
        assert expand_word(word, env, escape="`").value == expected


WORDS_ENV = {"hi": "hi", "space": "abc  def", "leading": "  ab c", "trailing": "ab c   "}
# (text, expected words or ERROR), the shape of BuildKit's wordsTest.
WORDS_CASES: list[tuple[str, object]] = [
    ("hello", ["hello"]),
    ("hello${hi}bye", ["hellohibye"]),
    ("hello${nope}bye", ["hellobye"]),
    ("hello${space}bye", ["helloabc", "defbye"]),
    ('hello"${space}"bye', ["helloabc  defbye"]),
    ('hello "${space}"bye', ["hello", "abc  defbye"]),
    ("hello${leading}def", ["hello", "ab", "cdef"]),
    ('hello"${leading}" def', ["hello  ab c", "def"]),
    ("hello${trailing}d", ["helloab", "c", "d"]),
    ('hel"lo${trailing}"', ["helloab c   "]),
    ('hello" there  "', ["hello there  "]),
    ("hello there     ", ["hello", "there"]),
    ("  hello \t there\n", ["hello", "there"]),
    ("hello\\ there", ["hello there"]),
    ('hello\\" there', ['hello"', "there"]),
    ('hello"\\\\there"', ["hello\\there"]),
    ('hello"\\there"', ["hello\\there"]),
    ("hello'\\\\there'", ["hello\\\\there"]),
    ("hello'$there'", ["hello$there"]),
    ('hello" there', ERROR),
    ("${nope:-x y}", ["x", "y"]),
    ('${nope:-"x y"}', ["x", "y"]),
    ('"${nope:-x y}"', ["x y"]),
    # an empty quoted string makes no word of its own
    ('a "" b', ["a", "b"]),
    ('""', []),
    ("", []),
    ("   ", []),
    # Go's unicode.IsSpace: NBSP splits, U+001F does not
    ("a\u00a0b", ["a", "b"]),
    ("a\x1fb", ["a\x1fb"]),
]


@pytest.mark.parametrize(("text", "expected"), WORDS_CASES)
def test_words(text: str, expected: object) -> None:
    if expected is ERROR:
        with pytest.raises(ExpansionError):
            expand_words(text, WORDS_ENV)
    else:
        assert expand_words(text, WORDS_ENV) == expected


# (word, env, a fragment of the message) for BuildKit's error messages.
ERROR_CASES: list[tuple[str, dict[str, str], str]] = [
    ("${VAR:?message here$ARG}", {"VAR": "", "ARG": "x"}, "VAR: message herex"),
    ("${VAR:?message here$ARG}", {"ARG": "x"}, "VAR: message herex"),
    ("${VAR?message here$ARG}", {"ARG": "x"}, "VAR: message herex"),
    ("${VAR:?}", {}, "VAR: is not allowed to be unset"),
    ("${VAR?}", {}, "VAR: is not allowed to be unset"),
    ("${VAR:?}", {"VAR": ""}, "VAR: is not allowed to be empty"),
    ("${FOO=aaa}", {"FOO": "x"}, "unsupported modifier (=) in substitution"),
    ("${FOO=:aaa}", {"FOO": "x"}, "unsupported modifier (=)"),
    ("${FOO:=aaa}", {}, "unsupported modifier (:=) in substitution"),
    ("${#FOO}", {"FOO": "x"}, "unsupported modifier (F) in substitution"),
    ("${FOO:0:1}", {"FOO": "x"}, "unsupported modifier (:0)"),
    ("${FOO^^}", {"FOO": "x"}, "unsupported modifier (^)"),
    ("${}", {}, "bad substitution"),
    ("${:-x}", {}, "bad substitution"),
    ("${{x}", {}, "bad substitution"),
    ("${", {}, "missing '}'"),
    ("${x", {}, "missing '}'"),
    ("${x:-abc", {}, "missing '}'"),
    ("${x:-'abc}", {}, "missing '}'"),
    ("${x/abc", {}, "missing '/' in ${}"),
    ("${x/a/b", {}, "missing '}'"),
    ("'abc", {}, "looking for matching single-quote"),
    ('"abc', {}, "looking for matching double-quote"),
    ("${V#\\q}", {"V": "x"}, "invalid pattern (\\q) in substitution"),
]


@pytest.mark.parametrize(("word", "env", "fragment"), ERROR_CASES)
def test_errors(word: str, env: dict[str, str], fragment: str) -> None:
    with pytest.raises(ExpansionError) as caught:
        expand_word(word, env)
    assert fragment in caught.value.reason
    assert caught.value.word == word
    assert str(caught.value).startswith("failed to process ")


def test_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="bad substitution"):
        expand_word("${}", {})


def test_invalid_escape_argument() -> None:
    with pytest.raises(ExpansionError):
        expand_word("x", {}, escape="ab")
    with pytest.raises(ExpansionError):
        expand_words("x", {}, escape="$")


def test_byte_order_mark_at_start_is_dropped() -> None:
    # Go's text/scanner skips a leading BOM; elsewhere it is ordinary text.
    assert expand_word("\ufeffa\ufeff", {}).value == "a\ufeff"


def test_env_is_not_modified() -> None:
    env = {"A": "1"}
    expand_word("${A:-2}${B:-3}", env)
    assert env == {"A": "1"}


# -- limits: no hangs, no RecursionError --------------------------------------


def test_deep_nesting_is_an_expansion_error() -> None:
    depth = 5000
    with pytest.raises(ExpansionError, match="nested deeper"):
        expand_word("${a:-" * depth + "x" + "}" * depth, {})
    with pytest.raises(ExpansionError):
        expand_word('"${a:-' * depth, {})


def test_nesting_up_to_the_limit_works() -> None:
    depth = MAX_NESTING
    word = "${a:-" * depth + "x" + "}" * depth
    assert expand_word(word, {}).value == "x"


def test_pathological_pattern_is_fast() -> None:
    # A backtracking regexp needs O(n^5) steps for this; the table does not.
    value = "a" * 20_000
    started = time.perf_counter()
    assert expand_word("${V##*a*a*a*a*b}", {"V": value}).value == value
    assert expand_word("${V//*a*a*a*b/x}", {"V": value}).value == value
    assert time.perf_counter() - started < 5


def test_match_budget_is_an_expansion_error() -> None:
    started = time.perf_counter()
    with pytest.raises(ExpansionError, match="pattern matching"):
        expand_word("${V##*a*a*a*a*a*a*b}", {"V": "a" * 1_000_000})
    assert time.perf_counter() - started < 5


def test_long_input_is_linear() -> None:
    started = time.perf_counter()
    result = expand_word("$a" * 100_000, {"a": "x"})
    words = expand_words("$a " * 50_000, {"a": "x y"})
    assert result.value == "x" * 100_000
    assert len(words) == 100_000
    assert time.perf_counter() - started < 5


# -- properties -----------------------------------------------------------------

SPECIALS = list("${}:-+?#%/\\'\"`*[] \t\nab_01@")
word_text = st.text(alphabet=st.one_of(st.sampled_from(SPECIALS), st.characters()), max_size=60)
env_maps = st.dictionaries(
    keys=st.one_of(st.sampled_from(["a", "b", "_", "1", "$", "@", "ab"]), st.text(max_size=3)),
    values=st.text(alphabet=st.one_of(st.sampled_from(SPECIALS), st.characters()), max_size=12),
    max_size=5,
)


@settings(max_examples=400, deadline=None)
@given(word=word_text, env=env_maps, escape=st.sampled_from(["\\", "`"]))
def test_only_expansion_errors_escape(word: str, env: Mapping[str, str], escape: str) -> None:
    try:
        result = expand_word(word, env, escape=escape)
    except ExpansionError:
        pass
    else:
        assert isinstance(result.value, str)
        assert result.unset <= result.used
        assert not result.unset & env.keys()
    try:
        words = expand_words(word, env, escape=escape)
    except ExpansionError:
        pass
    else:
        assert all(words)


@given(word=st.text(alphabet=st.characters(exclude_characters="$'\"\\`"), max_size=40))
def test_plain_text_is_unchanged(word: str) -> None:
    expected = word[1:] if word.startswith("\ufeff") else word
    assert expand_word(word, {}) == Expansion(expected, frozenset(), frozenset())


def reference_regex(pattern: str, greedy: bool) -> str:
    """BuildKit's convertShellPatternToRegex, for Python's (backtracking) re."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        i += 1
        if ch == "*":
            out.append(".*" if greedy else ".*?")
        elif ch == "?":
            out.append(".")
        elif ch == "\\":
            out.append(re.escape(pattern[i]))
            i += 1
        else:
            out.append(re.escape(ch))
    return "".join(out)


def reference_replace_all(regex: re.Pattern[str], value: str, repl: str) -> str:
    """Go's ReplaceAllString loop (Python's re.sub treats empty matches differently)."""
    out: list[str] = []
    last_end = search = 0
    while search <= len(value):
        found = regex.search(value, search)
        if found is None:
            break
        start, end = found.span()
        out.append(value[last_end:start])
        if end > last_end or start == 0:
            out.append(repl)
        last_end = end
        search = search + 1 if search + 1 > end else end
    out.append(value[last_end:])
    return "".join(out)


glob_text = st.lists(st.sampled_from(["a", "b", "*", "?", "\\*", "\n"]), max_size=7).map("".join)
value_text = st.text(alphabet="ab*\n", max_size=12)


@settings(max_examples=300, deadline=None)
@given(pattern=glob_text, value=value_text, op=st.sampled_from(["#", "##", "%", "%%"]))
def test_trim_agrees_with_a_backtracking_matcher(pattern: str, value: str, op: str) -> None:
    greedy = len(op) == 2
    if op[0] == "#":
        found = re.match(reference_regex(pattern, greedy), value)
        expected = value[found.end() :] if found else value
    else:
        reversed_pattern = "".join(reversed(re.findall(r"\\.|.", pattern, re.DOTALL)))
        found = re.match(reference_regex(reversed_pattern, greedy), value[::-1])
        expected = (value[::-1][found.end() :] if found else value[::-1])[::-1]
    got = expand_word("${V" + op + "$P}", {"V": value, "P": pattern}).value
    assert got == expected


@settings(max_examples=300, deadline=None)
@given(pattern=glob_text, value=value_text, replace_all=st.booleans())
def test_replace_agrees_with_a_backtracking_matcher(
    pattern: str, value: str, replace_all: bool
) -> None:
    regex = re.compile(reference_regex(pattern, greedy=True))
    if replace_all:
        expected = reference_replace_all(regex, value, "<>")
    else:
        found = regex.search(value)
        expected = value[: found.start()] + "<>" + value[found.end() :] if found else value
    word = "${V" + ("//" if replace_all else "/") + "$P/<>}"
    assert expand_word(word, {"V": value, "P": pattern}).value == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab $'\"\\`{}:-=\ufeff\t", max_size=12), st.sampled_from(["\\", "`"]))
def test_the_shortcut_for_plain_words_changes_nothing(word: str, escape: str) -> None:
    """expand_word skips the lexer for words without `$`, quotes or the escape
    character; the lexer must agree on every word."""
    from stagelint.expand import _run

    try:
        slow = _run(word, {"a": "x"}, escape).value
    except ExpansionError:
        with pytest.raises(ExpansionError):
            expand_word(word, {"a": "x"}, escape=escape)
        return
    assert expand_word(word, {"a": "x"}, escape=escape).value == slow
