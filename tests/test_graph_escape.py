"""Every name is escaped: DOT that the real Graphviz reads back as written, and Mermaid
whose labels decode back to the names. Names come from model objects built directly, since
AsyncAPI-derived names, events and topics are not held to the manifest's name pattern."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET

import graphviz
import pytest
from helpers.model_estates import HOSTILE, INJECT, SCRIPT, estate, hostile_estate, result, svc

from archlint.diagram.build import build
from archlint.diagram.dot import dot_id, quote, quote_left, to_dot
from archlint.diagram.mermaid import escape, label, to_mermaid

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("plain", '"plain"'),
        ('say "hi"', '"say \\"hi\\""'),
        ("back\\slash", '"back\\\\slash"'),
        ("ends with \\", '"ends with \\\\"'),
        ("\\N \\G \\l", '"\\\\N \\\\G \\\\l"'),
        ("two\nlines", '"two\\nlines"'),
        ("cr\rtab\t", '"cr tab "'),
        ("<b>{x}|y</b>", '"<b>{x}|y</b>"'),  # plain labels: markup and record syntax are text
        (INJECT, '"x\\"; rankdir=LR; \\""'),
        ("\ud800lone", '"\ufffdlone"'),
    ],
)
def test_dot_quote(text, expected):
    assert quote(text) == expected


def test_dot_left_justified_lines():
    assert quote_left(['a"b', "c"]) == '"a\\"b\\lc\\l"'


@pytest.mark.parametrize(
    "text, expected",
    [
        ("plain name-1.x", "plain name-1.x"),
        ('say "hi"', "say #quot;hi#quot;"),
        (SCRIPT, "#lt;script#gt;alert#40;1#41;#lt;/script#gt;"),
        (INJECT, "x#quot;#59; rankdir=LR#59; #quot;"),
        ("#35;", "#35;35#59;"),
        ("a & b", "a #amp; b"),
        ("{x}[y]|`z`", "#123;x#125;#91;y#93;#124;#96;z#96;"),
        ("%%{init}%%", "#37;#37;#123;init#125;#37;#37;"),
        ("back\\slash", "back#92;slash"),
        ("two\nlines", "two<br>lines"),
        ("tab\tcr\r", "tab cr "),
        ("é ü 漢", "é ü 漢"),
    ],
)
def test_mermaid_escape(text, expected):
    assert escape(text) == expected


def _decode_mermaid(text: str) -> str:
    """What Mermaid shows for a label: entity codes decoded, <br> a line break."""
    text = text.replace("<br>", "\n")
    text = re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), text)
    return re.sub(r"#([a-z]+);", lambda m: html.unescape(f"&{m.group(1)};"), text)


@pytest.mark.parametrize("name", HOSTILE)
def test_mermaid_escape_round_trips(name):
    escaped = escape(name)
    assert '"' not in escaped and "\n" not in escaped and "<" not in escaped.replace("<br>", "")
    assert _decode_mermaid(escaped) == name.replace("\t", " ")
    assert label([name, name]) == f'"{escaped}<br>{escaped}"'


@pytest.fixture(scope="module")
def hostile():
    return result(hostile_estate())


def _texts(svg: bytes) -> list[str]:
    root = ET.fromstring(svg)
    return [t.text or "" for t in root.iter(f"{SVG}text")]


@pytest.mark.parametrize(
    "options",
    [{}, {"level": "context"}, {"context": f"ctx {SCRIPT}"}, {"service": INJECT, "hops": 1}],
)
def test_hostile_names_give_dot_that_graphviz_reads_back_as_written(hostile, options):
    diagram = build(hostile.interactions, hostile.findings, **options)
    dot = to_dot(diagram)
    layout = json.loads(graphviz.pipe("dot", "json", dot.encode()))
    # nothing injected: the graph keeps its own attributes and exactly its own nodes
    assert layout["rankdir"] == "LR"
    named = {o["name"] for o in layout.get("objects", []) if "nodes" not in o}
    # an id is only lexed (a label is then read as escString): `\"` is its one escape
    assert named == {dot_id(str(n.id)) for n in diagram.nodes}
    assert len(layout.get("edges", [])) == len(diagram.edges)
    svg = graphviz.pipe("dot", "svg", dot.encode())
    texts = _texts(svg)  # a valid XML document, whose texts are the names as written
    for node in diagram.nodes:
        for line in node.name.split("\n"):
            assert line.replace("\t", " ") in texts, (node.name, line)
    assert b"<script" not in svg and b"onerror=" not in svg.replace(b"onerror=alert", b"")


def test_hostile_names_give_mermaid_with_only_generated_ids(hostile):
    text = to_mermaid(build(hostile.interactions, hostile.findings))
    lines = text.splitlines()
    node = re.compile(r'^ +[stcx]\d+(\(".*"\)|>".*"\]|\[".*"\]):::[a-z]+$')
    edge = re.compile(r'^  [stcxg]\d+ (-->|-\.->)(\|".*"\|)? [stcxg]\d+$')
    subgraph = re.compile(r'^  subgraph g\d+\[".*"\]$')
    for line in lines[2:]:
        assert (
            node.match(line)
            or edge.match(line)
            or subgraph.match(line)
            or line in ("  end",)
            or line.startswith(("  classDef ", "  linkStyle ", "  %% "))
        ), line
        for quoted in re.findall(r'"([^"]*)"', line):
            assert "<" not in quoted.replace("<br>", "") and "\\" not in quoted
    shown = {_decode_mermaid(q) for line in lines for q in re.findall(r'"([^"]*)"', line)}
    for name in HOSTILE:
        assert name.replace("\t", " ") in shown
    assert SCRIPT not in text and INJECT not in text


def test_names_that_quote_alike_stay_two_nodes_and_labels_keep_entities():
    """A tab and a space are both drawn as a space, but `a\tb` and `a b` are two services:
    their ids differ (dot_id); and `&amp;` in a name is drawn as written, not decoded."""
    names = ("a\tb", "a b", "fish &amp; chips", "a%09b")
    services = [svc(n, "ctx", produces={f"t {i}": ["Ev"]}) for i, n in enumerate(names)]
    linted = result(estate(*services))
    diagram = build(linted.interactions, linted.findings)
    dot = to_dot(diagram)
    layout = json.loads(graphviz.pipe("dot", "json", dot.encode()))
    named = {o["name"] for o in layout.get("objects", []) if "nodes" not in o}
    assert len(named) == len(diagram.nodes) == 8  # 4 services, 4 topics
    texts = _texts(graphviz.pipe("dot", "svg", dot.encode()))
    assert "fish &amp; chips" in texts and "a%09b" in texts
