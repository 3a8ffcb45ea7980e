"""YAML with positions: values as yaml.safe_load reads them, positions, both parsers alike."""

from __future__ import annotations

import datetime
import math

import pytest
import yaml

from archlint.loader import load_texts
from archlint.yaml_reader import YMap, YSeq, compose, compose_documents, mark_position, to_value

SAFE_LOAD_ALIKE = [
    "a: 1\nb: -0x1f\nc: 0o17\nd: 017\ne: 1_000\nf: 0b101\ng: 1:30\n",
    "a: 1.5\nb: .inf\nc: -.Inf\nd: 1e3\ne: 6.8523015e+5\nf: 1_0.5\ng: 1:30.5\n",
    "a: yes\nb: No\nc: on\nd: OFF\ne: true\nf: False\ng: y\nh: n\n",
    "a: ~\nb: null\nc:\nd: Null\ne: ''\nf: 'null'\n",
    "a: !!str 12\nb: !!int '12'\nc: !!float '1'\nd: !!bool 'yes'\ne: \"12\"\n",
    "a: [1, two, {three: 3}]\nb: {x: [y, z]}\nc: []\nd: {}\n",
    'a: |\n  line one\n  line two\nb: >\n  folded\n  text\nc: "esc\\taped\\u00e9"\n',
    "base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n",
    "a: &a {x: 1}\nb: &b {x: 2, z: 2}\nm:\n  <<: [*a, *b]\n  w: 0\n",
    "seq: &s [1, 2]\nref: *s\n",
    "- a\n- [b, c]\n- {d: e}\n",
    "plain text\n",
    "'quoted'\n",
]


def converted(text: str, fast: bool | None = None):
    nodes, problem = compose_documents(text.encode("utf-8"), fast=fast)
    assert problem is None
    values = []
    for node in nodes:
        value, problems = to_value(node)
        assert problems == []
        values.append(value)
    return values


@pytest.mark.parametrize("text", SAFE_LOAD_ALIKE)
@pytest.mark.parametrize("fast", [True, False], ids=["libyaml", "python"])
def test_values_are_what_safe_load_gives(text, fast):
    if fast and not compose.HAVE_LIBYAML:
        pytest.skip("PyYAML without libyaml")
    expected = list(yaml.safe_load_all(text))
    got = converted(text, fast)
    assert _plain(got) == _plain(expected)


def _plain(value):
    """Compare floats by text (nan != nan) and drop the YMap/YSeq subclasses."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return ("float", repr(value))
    return (type(value).__name__, value)


def test_documented_differences_from_safe_load():
    [value] = converted(
        "1: a\non: b\n2024-01-01: c\nd: 2024-01-01\ne: 2001-12-14t21:59:43.10-05:00\n"
    )
    assert value == {
        "1": "a",
        "on": "b",
        "2024-01-01": "c",
        "d": "2024-01-01",
        "e": "2001-12-14t21:59:43.10-05:00",
    }
    safe = yaml.safe_load("1: a\non: b\nd: 2024-01-01\n")
    assert safe == {1: "a", True: "b", "d": datetime.date(2024, 1, 1)}  # noqa: F601  1 and True differ in YAML


def test_unknown_tags_are_read_as_what_they_are_written_as_never_constructed():
    [value] = converted(
        "a: !Ref Bucket\nb: !GetAtt [x, y]\nc: !!python/object/apply:os.system ['echo hacked']\n"
        "d: !!python/name:os.system\ne: !custom {k: v}\nf: !!binary aGVsbG8=\ng: !!timestamp 2001-12-14\n"
    )
    assert value == {
        "a": "Bucket",
        "b": ["x", "y"],
        "c": ["echo hacked"],
        "d": "",
        "e": {"k": "v"},
        "f": "aGVsbG8=",
        "g": "2001-12-14",
    }


def test_explicit_tags_that_do_not_fit_keep_their_text():
    [value] = converted("a: !!int abc\nb: !!int ''\nc: !!float x\nd: !!bool maybe\ne: !!float ''\n")
    assert value == {"a": "abc", "b": "", "c": "x", "d": "maybe", "e": ""}


def test_nan_is_read_as_nan():
    [value] = converted("a: .nan\n")
    assert math.isnan(value["a"])


def test_mappings_and_sequences_keep_their_nodes():
    [doc] = converted("top:\n  key: value\n  list:\n    - first\n    - {k: v}\n")
    assert isinstance(doc, YMap) and isinstance(doc["top"]["list"], YSeq)
    inner = doc["top"]
    key_node, value_node = inner.pair("key")
    assert mark_position(key_node) == (2, 3)
    assert mark_position(value_node) == (2, 8)
    items = inner["list"].node.value
    assert [mark_position(n) for n in items] == [(4, 7), (5, 7)]
    assert mark_position(inner["list"][1].node) == (5, 7)


def test_duplicate_keys_keep_the_first_value_and_report_each_repeat():
    [node], _ = compose_documents(b"a: 1\nb: 2\na: 3\na: 4\n")
    value, problems = to_value(node)
    assert value == {"a": 1, "b": 2}
    assert [(p.code, p.line, p.column) for p in problems] == [("AL003", 3, 1), ("AL003", 4, 1)]
    assert all("already given on line 1" in p.message for p in problems)


def test_merged_keys_never_count_as_duplicates_and_keep_their_place():
    [node], _ = compose_documents(b"base: &b {x: 1, y: 1}\nm:\n  <<: *b\n  x: 2\n")
    value, problems = to_value(node)
    assert problems == [] and value["m"] == {"x": 2, "y": 1}
    assert mark_position(value["m"].value_node("x")) == (4, 6)
    assert mark_position(value["m"].value_node("y")) == (1, 20)


def test_an_empty_value_is_located_at_its_key():
    [node], _ = compose_documents(b"a:\n  b:\n  c: 1\n")
    value, _ = to_value(node)
    assert mark_position(value["a"].value_node("b")) == (2, 3)


def test_columns_count_characters_not_bytes_in_both_parsers():
    text = "a: 'Zürich – 東京'\nb: [x, \n".encode()
    for fast in [True, False] if compose.HAVE_LIBYAML else [False]:
        _, problem = compose_documents(text + b"  ]: oops\n", fast=fast)
        assert problem is not None and problem.code == "AL001"
    text = "a: 'Zürich – 東京'\nb: {x: 1, x: 2}\n".encode()
    for fast in [True, False] if compose.HAVE_LIBYAML else [False]:
        [node], _ = compose_documents(text, fast=fast)
        _, problems = to_value(node)
        assert [(p.line, p.column) for p in problems] == [(2, 11)]
    for fast in [True, False] if compose.HAVE_LIBYAML else [False]:
        _, problem = compose_documents(
            "a: 'Zürich'\nb: \xff\n".encode().replace(b"\xc3\xbf", b"\xff"), fast=fast
        )
        assert (problem.line, problem.column) == (2, 4)


LOADER_CASES = {
    "good.yaml": "apiVersion: archlint/v1\nkind: Service\nmetadata: {name: a, context: b}\nspec:\n  owns: [t]\n",
    "syntax.yaml": "apiVersion: archlint/v1\nkind: Service\nmetadata: {name: a, context: b\n",
    "schema.yaml": "apiVersion: archlint/v1\nkind: Service\nmetadata: {name: B, context: b, x: 1}\n",
    "dup.yaml": "apiVersion: archlint/v1\nkind: Topic\nmetadata: {name: t}\nspec: {owner: a, owner: b}\n",
    "utf8.yaml": b"apiVersion: archlint/v1\nkind: Topic\nmetadata: {name: t\xe9}\n",
    "tab.yaml": "apiVersion: archlint/v1\nkind: Topic\n\tmetadata: {}\n",
}


@pytest.mark.skipif(not compose.HAVE_LIBYAML, reason="PyYAML without libyaml")
def test_the_python_parser_finds_what_libyaml_finds(monkeypatch):
    with_c = load_texts(LOADER_CASES)
    monkeypatch.setattr(compose, "HAVE_LIBYAML", False)
    without_c = load_texts(LOADER_CASES)
    assert with_c.estate == without_c.estate
    assert [(f.code, f.location) for f in with_c.findings] == [
        (f.code, f.location) for f in without_c.findings
    ]


def test_a_composed_document_is_never_a_constructed_object():
    """A tag that would run code under yaml.load stays text: nothing is ever imported or called."""
    text = "!!python/object/new:os.system [echo pwned]\n"
    nodes, problem = compose_documents(text.encode())
    assert problem is None
    value, _ = to_value(nodes[0])
    assert value == ["echo pwned"]


def _shape(node):
    """A node as (tag, value, line, column), recursively, to compare two composers."""
    mark = (node.start_mark.line, node.start_mark.column)
    if isinstance(node, yaml.ScalarNode):
        return (node.tag, node.value, mark)
    if isinstance(node, yaml.SequenceNode):
        return (node.tag, [_shape(item) for item in node.value], mark)
    return (node.tag, [(_shape(k), _shape(v)) for k, v in node.value], mark)


@pytest.mark.parametrize("fast", [True, False], ids=["libyaml", "python"])
def test_the_caching_resolver_composes_exactly_what_the_safe_loader_composes(fast):
    if fast and not compose.HAVE_LIBYAML:
        pytest.skip("PyYAML without libyaml")
    loader = yaml.CSafeLoader if fast else yaml.SafeLoader
    text = "\n---\n".join(
        SAFE_LOAD_ALIKE + ["a: !Ref x\nb: !!str 1\nc: '1'\nd: \"yes\"\ne: yes\n<<: {f: 1}\n"]
    )
    for _ in range(2):  # the second time from the cache
        ours, problem = compose_documents(text.encode("utf-8"), fast=fast)
        assert problem is None
        assert [_shape(n) for n in ours] == [
            _shape(n) for n in yaml.compose_all(text, Loader=loader)
        ]
