"""The published JSON Schema: valid draft 2020-12, accepts every real manifest, and the
loader's own validator agrees with the `jsonschema` package on what is valid."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import jsonschema
import pytest

from archlint.loader import load_texts
from archlint.loader.validate import SchemaCompiler, validate
from archlint.schema import manifest_schema, manifest_schema_text
from archlint.yaml_reader import YMap, YSeq, compose_documents, to_value

ROOT = Path(__file__).resolve().parent.parent
VALIDATOR = jsonschema.Draft202012Validator(manifest_schema())


def documents_of(text: str) -> list[YMap]:
    nodes, problem = compose_documents(text.encode("utf-8"))
    assert problem is None
    return [to_value(node)[0] for node in nodes]


def manifests_in(text: str) -> list[YMap]:
    return [
        d
        for d in documents_of(text)
        if isinstance(d, dict) and d.get("apiVersion") == "archlint/v1"
    ]


def test_the_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(manifest_schema())
    assert manifest_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_manifest_schema_is_the_shipped_file_and_a_fresh_copy_each_time():
    assert json.loads((ROOT / "archlint" / "schema.json").read_text()) == manifest_schema()
    assert manifest_schema_text() == (ROOT / "archlint" / "schema.json").read_text()
    first = manifest_schema()
    first["title"] = "changed"
    assert manifest_schema()["title"] != "changed"


def test_the_validator_refuses_keywords_it_does_not_interpret():
    """So that the schema cannot grow a rule the loader would silently not check."""
    with pytest.raises(ValueError, match="format"):
        SchemaCompiler({}).compile({"type": "string", "format": "email"})
    SchemaCompiler(manifest_schema()).compile(manifest_schema())


def _readme_manifests() -> list[tuple[str, YMap]]:
    """The manifests the README and the documentation show (the generated rule pages' failing
    examples break the schema on purpose: tests/rules runs those)."""
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    return [
        (f"{page.relative_to(ROOT)} block {i}", doc)
        for page in pages
        for i, block in enumerate(re.findall(r"```yaml\n(.*?)```", page.read_text(), re.S))
        for doc in manifests_in(block)
    ]


def _sample_manifests() -> list[tuple[str, YMap]]:
    found = []
    for path in sorted((ROOT / "samples").rglob("*.y*ml")):
        for doc in manifests_in(path.read_text()):
            found.append((str(path.relative_to(ROOT)), doc))
    return found


def test_the_readme_shows_every_kind():
    kinds = sorted({doc["kind"] for _, doc in _readme_manifests()})
    assert kinds == ["Context", "Service", "Topic"]


@pytest.mark.parametrize(
    "where, doc",
    _readme_manifests() + _sample_manifests(),
    ids=lambda x: x if isinstance(x, str) else "",
)
def test_real_manifests_are_valid_for_both_validators(where, doc):
    assert list(VALIDATOR.iter_errors(doc)) == []
    assert validate(doc) == []


def test_there_are_samples_to_check():
    assert len(_sample_manifests()) >= 10


# --- agreement ---------------------------------------------------------------------------------

SERVICE = """\
apiVersion: archlint/v1
kind: Service
metadata:
  name: orders
  context: orders
  owner: team-checkout
  description: Owns the order lifecycle.
  tags: [checkout]
spec:
  global: false
  availability: 99.95
  slo: 99.9
  owns: [orders]
  produces:
    - topic: orders
      events: [OrderRequested, OrderValidated]
  consumes:
    - topic: payments
      events: [PaymentProcessed]
  commands:
    - to: payments
      name: ProcessPayment
    - topic: payment-commands
      name: ProcessPayment
  queries:
    - to: stock
      name: GetStockLevel
  views:
    - name: stock-levels
      from: [stock]
  ignore:
    CX001: Stock check moves to a local view in Q3.
"""

TOPIC = """\
apiVersion: archlint/v1
kind: Topic
metadata: {name: order-validations, description: Results.}
spec: {owner: aggregator, writers: [fraud, stock], events: [Result], schema: x.avsc}
"""

CONTEXT = (
    "apiVersion: archlint/v1\nkind: Context\nmetadata: {name: orders, description: d, owner: o}\n"
)

# Values to put in every place: each is right somewhere and wrong elsewhere.
REPLACEMENTS = [None, 0, 101, True, "", "two words", "Upper", "ok-name", [], ["x"], ["x", "x"], {}]


def _places(value, path=()):
    """Every (path) into a document, containers included."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _places(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _places(item, path + (index,))


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _variants():
    for text in (SERVICE, TOPIC, CONTEXT):
        base = _plain(documents_of(text)[0])
        yield base
        for path in _places(base):
            if not path:
                continue
            parent_path, last = path[:-1], path[-1]
            for replacement in REPLACEMENTS:
                changed = copy.deepcopy(base)
                _at(changed, parent_path)[last] = copy.deepcopy(replacement)
                yield changed
            removed = copy.deepcopy(base)
            del _at(removed, parent_path)[last]
            yield removed
            if isinstance(_at(base, path), dict):
                added = copy.deepcopy(base)
                _at(added, path)["extra"] = "x"
                yield added
        for kind in ("Service", "Topic", "Context", "Servce", None):
            changed = copy.deepcopy(base)
            changed["kind"] = kind
            yield changed
        both = copy.deepcopy(base)
        if "spec" in both and "commands" in both["spec"]:
            both["spec"]["commands"][0]["topic"] = "t"
            yield both


def _at(value, path):
    for part in path:
        value = value[part]
    return value


def _as_yaml(value) -> YMap:
    [doc] = documents_of(
        json.dumps(value)
    )  # JSON is YAML, and much faster to write than yaml.safe_dump
    return doc


def test_own_validator_and_jsonschema_agree_on_good_and_bad_documents():
    checked = invalid = 0
    for variant in _variants():
        doc = _as_yaml(variant)
        assert isinstance(doc, YMap)
        ours = validate(doc)
        valid = VALIDATOR.is_valid(doc)
        assert (ours == []) == valid, (
            variant,
            ours,
            [e.message for e in VALIDATOR.iter_errors(doc)],
        )
        checked += 1
        invalid += not valid
    assert checked > 500 and invalid > 300  # the variants do reach both verdicts, many times


def test_yseq_and_ymap_are_what_jsonschema_sees_as_arrays_and_objects():
    [doc] = documents_of(SERVICE)
    assert isinstance(doc["spec"]["owns"], YSeq)
    assert VALIDATOR.is_valid(doc)


def test_a_loaded_manifest_reports_the_same_problems_as_validate():
    bad = SERVICE.replace("availability: 99.95", "availability: high")
    assert [f.message for f in load_texts({"a.yaml": bad}).findings] == [
        p.message for p in validate(manifests_in(bad)[0])
    ]
