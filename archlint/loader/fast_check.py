"""Whether a manifest surely passes the schema, answered by a walk specialised to its kind.

The schema interpreter (archlint.loader.validate) is general: compiled keywords, a stack of
keys for messages, oneOf and if/then tried in turn. Most manifests of an estate are valid,
and for those only the answer "no problems" matters. `conforms` walks a Service, Topic or
Context once, with plain type tests and the schema's own patterns, and says True only
where the interpreter would report nothing. It may say False for a valid document (a
merge key, a value of an unusual type): the caller then asks the interpreter, which also
words the messages and places them. So a document that fails, or that this walk is unsure
of, costs what it did before, and every finding stays exactly the interpreter's.

tests/test_fast_check.py runs both over every manifest of the fixtures, the samples, a
generated estate and a set of broken manifests, and checks they agree.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from archlint.loader.schema_keywords import pattern_search
from archlint.schema import manifest_schema
from archlint.yaml_reader import YMap, YSeq

_DEFS = manifest_schema()["$defs"]
_SERVICE_NAME = pattern_search(_DEFS["serviceName"]["pattern"])
_CONTEXT_NAME = pattern_search(_DEFS["contextName"]["pattern"])
_TOPIC_NAME = pattern_search(_DEFS["topicName"]["pattern"])
_EVENT_NAME = pattern_search(_DEFS["eventName"]["pattern"])
_CALL_NAME = pattern_search(_DEFS["callName"]["pattern"])
_SPEC = _DEFS["Service"]["properties"]["spec"]["properties"]
_VIEW_NAME = pattern_search(_SPEC["views"]["items"]["properties"]["name"]["pattern"])
_REASON = pattern_search(_SPEC["ignore"]["additionalProperties"]["pattern"])

Test = Callable[[str], Any]  # a compiled pattern's search

_TOP_KEYS = frozenset({"apiVersion", "kind", "metadata", "spec"})
_SERVICE_META = frozenset({"name", "context", "owner", "description", "tags"})
_SERVICE_SPEC = frozenset(
    {
        "global",
        "availability",
        "slo",
        "owns",
        "produces",
        "consumes",
        "commands",
        "queries",
        "views",
        "ignore",
    }
)
_STREAM_KEYS = frozenset({"topic", "events"})
_TOPIC_META = frozenset({"name", "description"})
_TOPIC_SPEC = frozenset({"owner", "writers", "events", "schema"})
_CONTEXT_META = frozenset({"name", "description", "owner"})
_TO_CALL = frozenset({"to", "name"})
_TOPIC_CALL = frozenset({"topic", "name"})
_VIEW_KEYS = frozenset({"name", "from"})


def conforms(document: YMap) -> bool:
    """True only if the manifest schema finds nothing wrong with `document`."""
    if document.bases is not None or document.get("apiVersion") != "archlint/v1":
        return False
    kind = document.get("kind")
    if kind == "Service":
        return _service(document)
    if kind == "Topic":
        return _topic(document)
    if kind == "Context":
        return _context(document)
    return False


def _mapping(value: Any, allowed: frozenset[str]) -> bool:
    """A mapping read without merge keys whose keys are all `allowed`."""
    return type(value) is YMap and value.bases is None and allowed.issuperset(value)


def _text(value: Any, test: Test | None = None) -> bool:
    return type(value) is str and (test is None or test(value) is not None)


def _texts(value: Any, test: Test | None, non_empty: bool = False) -> bool:
    """A list of distinct texts, each passing `test`."""
    if type(value) is not YSeq or (non_empty and not value):
        return False
    for item in value:
        if type(item) is not str or (test is not None and test(item) is None):
            return False
    return len(set(value)) == len(value)


def _percent(value: Any) -> bool:
    return (type(value) is int or type(value) is float) and 0 <= value <= 100


def _optional(mapping: Any, key: str, test: Callable[[Any], bool]) -> bool:
    return key not in mapping or test(mapping[key])


def _service(document: YMap) -> bool:
    meta: Any = document.get("metadata")
    if not _mapping(document, _TOP_KEYS) or not _mapping(meta, _SERVICE_META):
        return False
    if not (_text(meta.get("name"), _SERVICE_NAME) and _text(meta.get("context"), _CONTEXT_NAME)):
        return False
    if not (
        _optional(meta, "owner", _text)
        and _optional(meta, "description", _text)
        and _optional(meta, "tags", lambda v: _texts(v, None))
    ):
        return False
    return "spec" not in document or _service_spec(document["spec"])


def _service_spec(spec: Any) -> bool:
    if not _mapping(spec, _SERVICE_SPEC):
        return False
    return (
        _optional(spec, "global", lambda v: type(v) is bool)
        and _optional(spec, "availability", _percent)
        and _optional(spec, "slo", _percent)
        and _optional(spec, "owns", lambda v: _texts(v, _TOPIC_NAME))
        and _optional(spec, "produces", _streams)
        and _optional(spec, "consumes", _streams)
        and _optional(spec, "commands", _commands)
        and _optional(spec, "queries", _queries)
        and _optional(spec, "views", _views)
        and _optional(spec, "ignore", _ignore)
    )


def _entries(value: Any, check: Callable[[Any], bool]) -> bool:
    return type(value) is YSeq and all(check(entry) for entry in value)


def _streams(value: Any) -> bool:
    return _entries(value, _stream)


def _stream(entry: Any) -> bool:
    return (
        _mapping(entry, _STREAM_KEYS)
        and _text(entry.get("topic"), _TOPIC_NAME)
        and _optional(entry, "events", lambda v: _texts(v, _EVENT_NAME, non_empty=True))
    )


def _call(entry: Any, target: str, keys: frozenset[str]) -> bool:
    """{to: service, name: call} or {topic: topic, name: call}: exactly those two keys."""
    if type(entry) is not YMap or entry.bases is not None or entry.keys() != keys:
        return False
    test = _SERVICE_NAME if target == "to" else _TOPIC_NAME
    return _text(entry[target], test) and _text(entry["name"], _CALL_NAME)


def _commands(value: Any) -> bool:
    return _entries(value, lambda e: _call(e, "to", _TO_CALL) or _call(e, "topic", _TOPIC_CALL))


def _queries(value: Any) -> bool:
    return _entries(value, lambda e: _call(e, "to", _TO_CALL))


def _views(value: Any) -> bool:
    return _entries(
        value,
        lambda e: (
            type(e) is YMap
            and e.bases is None
            and e.keys() == _VIEW_KEYS
            and _text(e["name"], _VIEW_NAME)
            and _texts(e["from"], _TOPIC_NAME, non_empty=True)
        ),
    )


def _ignore(value: Any) -> bool:
    return (
        type(value) is YMap
        and value.bases is None
        and all(_text(reason, _REASON) for reason in value.values())
    )


def _topic(document: YMap) -> bool:
    meta: Any = document.get("metadata")
    if not _mapping(document, _TOP_KEYS) or not _mapping(meta, _TOPIC_META):
        return False
    if not (_text(meta.get("name"), _TOPIC_NAME) and _optional(meta, "description", _text)):
        return False
    if "spec" not in document:
        return True
    spec = document["spec"]
    return (
        _mapping(spec, _TOPIC_SPEC)
        and _optional(spec, "owner", lambda v: _text(v, _SERVICE_NAME))
        and _optional(spec, "writers", lambda v: _texts(v, _SERVICE_NAME))
        and _optional(spec, "events", lambda v: _texts(v, _EVENT_NAME, non_empty=True))
        and _optional(spec, "schema", _text)
    )


def _context(document: YMap) -> bool:
    meta: Any = document.get("metadata")
    if not _mapping(document, _TOP_KEYS - {"spec"}) or not _mapping(meta, _CONTEXT_META):
        return False
    return (
        _text(meta.get("name"), _CONTEXT_NAME)
        and _optional(meta, "description", _text)
        and _optional(meta, "owner", _text)
    )
