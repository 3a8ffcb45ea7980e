"""Valid JSON that escapes a character outside the Basic Multilingual Plane as a surrogate pair
(`json.dumps("😀")` writes "\\ud83d\\ude00") is read as that character, at the file's
positions (issue 15, case 18: it was refused as AL001)."""

from __future__ import annotations

import json

from archlint.api import lint_texts
from archlint.loader import load_texts

CALL = {"to": "nobody", "name": "Q"}


def _manifest(description: str) -> str:
    return json.dumps(
        {
            "apiVersion": "archlint/v1",
            "kind": "Service",
            "metadata": {"name": "a", "context": "c", "description": description},
            "spec": {"queries": [CALL]},
        }
    )


def test_an_escaped_surrogate_pair_is_its_character() -> None:
    text = _manifest("grin \U0001f600, twice \U0001f600")
    assert "\\ud83d\\ude00" in text  # what json.dumps writes
    loaded = load_texts({"a.yaml": text})
    assert [f.code for f in loaded.findings] == []
    assert loaded.estate.service["a"].description == "grin \U0001f600, twice \U0001f600"


def test_positions_after_a_pair_are_the_file_s() -> None:
    text = _manifest("\U0001f600 \U0001f600 \U0001f600")
    (finding,) = [f for f in lint_texts({"a.yaml": text}).findings if f.code == "RF001"]
    assert finding.location is not None
    assert (finding.location.line, finding.location.column) == (1, text.index('{"to"') + 1)


def test_an_escaped_backslash_starts_no_escape() -> None:
    text = _manifest("\\ud83d\\ude00")  # the text itself: a backslash, then 'ud83d'...
    assert "\\\\ud83d\\\\ude00" in text
    loaded = load_texts({"a.yaml": text})
    assert loaded.estate.service["a"].description == "\\ud83d\\ude00"


def test_a_lone_surrogate_is_still_refused() -> None:
    loaded = load_texts({"a.yaml": _manifest("x").replace('"x"', '"\\ud83d"')})
    assert [f.code for f in loaded.findings] == ["AL001"]


def test_asyncapi_json_with_a_pair_is_read() -> None:
    document = {
        "asyncapi": "3.0.0",
        "info": {"title": "shop \U0001f6d2", "version": "1", "x-context": "shop"},
        "channels": {"orders": {"address": "orders"}},
        "operations": {"send": {"action": "send", "channel": {"$ref": "#/channels/orders"}}},
    }
    loaded = load_texts({"shop.json": json.dumps(document)})
    assert [f.code for f in loaded.findings] == []
    assert len(loaded.estate.services) == 1


def test_both_parsers_agree_on_a_pair() -> None:
    from archlint.yaml_reader import compose_documents

    data = _manifest("\U0001f600").encode()
    for fast in (True, False):
        (document,), stopped = compose_documents(data, fast=fast)
        assert stopped is None
        spec = {k.value: v for k, v in document.value}["spec"]
        assert spec.start_mark.column == data.index(b'"spec"') + len('"spec": ')
