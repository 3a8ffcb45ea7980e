"""`$ref`s: local and external ones resolve (relative to the file they are written in);
a broken or circular one is one finding at that `$ref`, and never an exception."""

from __future__ import annotations

import pytest
import yaml
from helpers.asyncapi import FIXTURES, edges, load_doc

from archlint.asyncapi import load_asyncapi
from archlint.yaml_reader import compose_documents

DOC = """\
asyncapi: 3.0.0
info: {title: Svc, version: '1'}
channels:
  c:
    address: a
    messages:
      m: {$ref: 'REF'}
operations:
  o: {action: send, channel: {$ref: '#/channels/c'}}
components:
  messages:
    Local: {name: LocalMessage}
    Alias: {$ref: '#/components/messages/Local'}
    Loop1: {$ref: '#/components/messages/Loop2'}
    Loop2: {$ref: '#/components/messages/Loop1'}
    Self: {$ref: '#/components/messages/Self'}
    'a/b~c': {name: Escaped}
"""


def sent(ref: str, **kwargs):
    services, findings = load_doc(DOC.replace("REF", ref), **kwargs)
    return (edges(services[0])["produces"] if services else None), findings


@pytest.mark.parametrize(
    "ref, events",
    [
        ("#/components/messages/Local", ("LocalMessage",)),
        ("#/components/messages/Alias", ("LocalMessage",)),  # a $ref to a $ref
        ("#/components/messages/a~1b~0c", ("Escaped",)),  # JSON pointer escapes
        ("#/components/messages/a%7E1b~0c", ("Escaped",)),  # percent-encoded
    ],
)
def test_local_refs_resolve(ref, events):
    produces, findings = sent(ref)
    assert findings == [] and produces == [("a", events)]


FILES = {
    "../common/messages.yaml": """\
        userSignedUp:
          payload: {$ref: './schemas.yaml#/user'}
        named: {$ref: 'more/deeper.yaml#/x'}
        toDocument: {$ref: '#/nothing/here'}
        """,
    "../common/more/deeper.yaml": "x: {name: DeepName}\n",
    "../common/one-message.yaml": "payload: {type: object}\n",
}


@pytest.mark.parametrize(
    "ref, events",
    [
        ("../common/messages.yaml#/userSignedUp", ("userSignedUp",)),
        # relative to the file the $ref is written in (common/), not to the document
        ("../common/messages.yaml#/named", ("DeepName",)),
        ("../common/one-message.yaml", ("one-message",)),  # a whole file: its name
    ],
)
def test_external_refs_resolve_relative_to_their_file(ref, events):
    produces, findings = sent(ref, files=FILES)
    assert findings == [] and produces == [("a", events)]


@pytest.mark.parametrize(
    "ref, where, words",
    [
        (
            "#/components/messages/Nope",
            "svc/asyncapi.yaml:7:17",
            "'/components/messages/Nope' is not in this document",
        ),
        ("#/components/messages/Loop1", "svc/asyncapi.yaml:15:19", "is circular"),
        ("#/components/messages/Self", "svc/asyncapi.yaml:16:18", "is circular"),
        ("#components", "svc/asyncapi.yaml:7:17", "not a JSON pointer"),
        ("https://example.com/m.yaml#/x", "svc/asyncapi.yaml:7:17", "remote document"),
        (
            "../common/missing.yaml#/x",
            "svc/asyncapi.yaml:7:17",
            "'common/missing.yaml' cannot be read",
        ),
        # a broken $ref inside the other file is reported where it is written, in that file
        (
            "../common/messages.yaml#/toDocument",
            "common/messages.yaml:4:20",
            "'/nothing/here' is not in common/messages.yaml",
        ),
    ],
)
def test_broken_refs_are_one_finding_at_the_ref(ref, where, words):
    produces, findings = sent(ref, files=FILES)
    assert [(f.code, str(f.location)) for f in findings] == [("AL002", where)]
    assert words in findings[0].message, findings[0].message
    assert produces == [("a", None)]  # the operation still counts; its message is unknown


# Other files are read by the one YAML reader: its problems are reported in that file, at its
# own line and column, in the words a manifest gets; a file it cannot read breaks the $ref.
UNREADABLE = [
    (
        b"a: [unclosed\n",
        "common/other.yaml:2:1",
        "invalid YAML: did not find expected ',' or ']'; close the list with ']' or separate "
        "its entries with ','",
    ),
    (b"a:\n\tb: 1\n", "common/other.yaml:2:1", "indent with spaces, not tabs"),
    (b"a: caf\xe9\n", "common/other.yaml:1:7", "invalid UTF-8 (byte 0xe9); save the file as UTF-8"),
    ("a: b".encode("utf-16"), "common/other.yaml:1:1", "the file is UTF-16; save it as UTF-8"),
    (b"a: &a [*a]\n", "common/other.yaml:1:4", "a recursive alias"),
]


@pytest.mark.parametrize("data, where, words", UNREADABLE)
def test_a_file_the_reader_cannot_read_is_its_al001_and_breaks_the_ref(data, where, words):
    services, findings = load_doc(
        DOC.replace("REF", "../common/other.yaml"), files={"../common/other.yaml": data}
    )
    assert [(f.code, str(f.location)) for f in findings] == [
        ("AL001", where),
        ("AL002", "svc/asyncapi.yaml:7:17"),
    ]
    assert words in findings[0].message, findings[0].message
    assert findings[1].message == (
        f"$ref '../common/other.yaml' cannot be followed: '{where}' is not valid YAML "
        "(its AL001 says how to fix it)"
    )
    assert edges(services[0])["produces"] == [("a", None)]


def test_a_repeated_key_in_another_file_is_al003_there_and_the_first_value_is_read():
    other = "Msg:\n  name: First\n  name: Second\n"
    services, findings = load_doc(
        DOC.replace("REF", "../common/other.yaml#/Msg"), files={"../common/other.yaml": other}
    )
    assert [(f.code, str(f.location)) for f in findings] == [("AL003", "common/other.yaml:3:3")]
    assert findings[0].message == (
        "duplicate key 'name': it is already given on line 2 of this mapping, whose value is "
        "the one used; remove one of them"
    )
    assert edges(services[0])["produces"] == [("a", ("First",))]


def test_external_ref_without_files_is_a_finding():
    _produces, findings = sent("../common/messages.yaml#/userSignedUp", reader=False)
    assert ["only in-memory texts" in f.message for f in findings] == [True]


def test_a_broken_channel_ref_drops_only_that_operation():
    text = DOC.replace("REF", "#/components/messages/Local").replace(
        "channel: {$ref: '#/channels/c'}", "channel: {$ref: '#/channels/gone'}"
    )
    services, findings = load_doc(text)
    assert len(findings) == 1 and findings[0].location.line == 9
    assert edges(services[0])["produces"] == []


def test_a_shared_broken_ref_is_reported_once():
    # Two operations read the channel's one broken message $ref: one finding, not two.
    text = DOC.replace("REF", "#/components/messages/Nope").replace(
        "operations:\n", "operations:\n  o2: {action: receive, channel: {$ref: '#/channels/c'}}\n"
    )
    services, findings = load_doc(text)
    assert len(findings) == 1
    assert edges(services[0])["consumes"] == [("a", None)]


# Robustness: whatever shape a node has, loading ends in services and findings.
ODD_VALUES = [
    "null",
    "[]",
    "5",
    "{$ref: '#/nowhere'}",
    "{$ref: 7}",
    "{$ref: '#/channels'}",
    "[{$ref: '#/operations'}]",
]


def _paths(node, path=(), depth=0):
    yield path
    if depth >= 4:
        return
    if isinstance(node, yaml.MappingNode):
        for i, (_, value) in enumerate(node.value):
            yield from _paths(value, path + (i,), depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for i, value in enumerate(node.value):
            yield from _paths(value, path + (i,), depth + 1)


def _swap(root, path, new):
    """Put `new` at `path` in place; returns the node that was there (to put it back)."""
    node = root
    for i in path[:-1]:
        node = node.value[i][1] if isinstance(node, yaml.MappingNode) else node.value[i]
    i = path[-1]
    if isinstance(node, yaml.MappingNode):
        old = node.value[i][1]
        node.value[i] = (node.value[i][0], new)
    else:
        old = node.value[i]
        node.value[i] = new
    return old


@pytest.mark.parametrize(
    "example",
    [
        "v3.0.0/examples/streetlights-kafka-asyncapi.yml",
        "v2.6.0/examples/oneof.yml",
        "v2.6.0/examples/social-media/backend/asyncapi.yaml",
    ],
)
def test_any_node_replaced_by_anything_never_crashes(example):
    path = FIXTURES / example
    [root], _ = compose_documents(path.read_bytes())
    odd = [compose_documents(f"x: {v}".encode())[0][0].value[0][1] for v in ODD_VALUES]
    tried = 0
    for where in list(_paths(root))[1:]:
        for value in odd:
            old = _swap(root, where, value)  # mutated in place and put back: no deep copies
            try:
                services, findings = load_asyncapi(
                    root, "doc.yaml", {"**": "x"}, lambda rel: (path.parent / rel).read_bytes()
                )
            finally:
                _swap(root, where, old)
            assert isinstance(services, list) and isinstance(findings, list)
            tried += 1
    assert tried > 100


def test_a_ref_to_a_broken_ref_is_reported_where_it_breaks_once():
    # Two channel messages refer to Alias2, which refers to a missing component: the one
    # finding is at Alias2's own $ref, not at each way to it.
    text = (
        DOC.replace("REF", "#/components/messages/Alias2").replace(
            "      m: {$ref: '#/components/messages/Alias2'}\n",
            "      m: {$ref: '#/components/messages/Alias2'}\n"
            "      n: {$ref: '#/components/messages/Alias2'}\n",
        )
        + "    Alias2: {$ref: '#/components/messages/Gone'}\n"
    )
    services, findings = load_doc(text)
    assert [str(f.location) for f in findings] == ["svc/asyncapi.yaml:19:20"]
    assert edges(services[0])["produces"] == [("a", None)]


def test_a_broken_message_ref_leaves_the_events_open():
    text = DOC.replace("REF", "#/components/messages/Local").replace(
        "      m: {$ref: '#/components/messages/Local'}\n",
        "      m: {$ref: '#/components/messages/Local'}\n"
        "      n: {$ref: '#/components/messages/Gone'}\n",
    )
    services, findings = load_doc(text)
    assert len(findings) == 1
    assert edges(services[0])["produces"] == [("a", None)]  # not narrowed to LocalMessage
