"""The one-pass walk (archlint.loader.fast_path) against the general way.

The contract: `fast_element` answers only where the schema interpreter reports nothing,
and then with the element the general way builds, so that taking the fast path never
changes an element or a finding; loading a file through it gives the very model and
findings that the general way alone gives. Run over every manifest the repository has
(the YAML under tests and samples, the manifests of every rule case in tests/rules),
generated estates of both shapes, and one broken manifest per kind of schema problem.
"""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from helpers import REPO

from archlint.config.settings import LIMITS
from archlint.loader import documents
from archlint.loader.documents import MANIFEST, classify, element_name_location, load_file
from archlint.loader.fast_path import ACCEPTED_DEPTH, fast_element
from archlint.loader.manifest_reader import build_document
from archlint.loader.validate import validate
from archlint.yaml_reader import (
    MappingNode,
    Node,
    SequenceNode,
    YMap,
    compose_documents,
    value_of,
)

_spec = importlib.util.spec_from_file_location(
    "generate_estate", REPO / "benchmarks" / "generate_estate.py"
)
assert _spec is not None and _spec.loader is not None
generate_estate = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = generate_estate  # dataclasses look their module up there
_spec.loader.exec_module(generate_estate)

VALID_SERVICE = """\
apiVersion: archlint/v1
kind: Service
metadata:
  name: orders
  context: checkout
  owner: team-a
  description: Orders.
  tags: [a, b]
spec:
  global: false
  availability: 99.9
  slo: 99
  owns: [orders]
  produces:
    - topic: orders
      events: [OrderPlaced]
  consumes:
    - topic: payments
  commands:
    - {to: payments, name: Pay}
    - {topic: payment-commands, name: Pay}
  queries:
    - {to: stock, name: GetStock}
  views:
    - {name: stock-levels, from: [stock]}
  ignore:
    CX001: moves to a view in Q3
"""

# (name, what replaces a line of VALID_SERVICE or a whole document): each breaks the schema
# in one way, or is valid in a way the walk may not expect
BROKEN = {
    "api v2": ("apiVersion: archlint/v1", "apiVersion: archlint/v2"),
    "api misspelt": ("apiVersion: archlint/v1", "apiversion: archlint/v1"),
    "no kind": ("kind: Service", ""),
    "unknown kind": ("kind: Service", "kind: Servic"),
    "kind not text": ("kind: Service", "kind: [Service]"),
    "unknown top key": ("kind: Service", "kind: Service\nspek: {}"),
    "no metadata": (
        "metadata:\n  name: orders\n  context: checkout\n  owner: team-a\n"
        "  description: Orders.\n  tags: [a, b]\n",
        "",
    ),
    "metadata a list": ("metadata:\n  name: orders", "metadata:\n- name: orders"),
    "no name": ("  name: orders\n", ""),
    "bad name": ("name: orders", "name: Orders!"),
    "name a number": ("name: orders", "name: 12"),
    "no context": ("  context: checkout\n", ""),
    "bad context": ("context: checkout", "context: -checkout"),
    "owner a number": ("owner: team-a", "owner: 7"),
    "unknown metadata key": ("owner: team-a", "ownr: team-a"),
    "tags repeated": ("tags: [a, b]", "tags: [a, a]"),
    "tags a text": ("tags: [a, b]", "tags: a"),
    "tag a number": ("tags: [a, b]", "tags: [a, 1]"),
    "spec a list": ("spec:\n  global: false", "spec:\n- global: false"),
    "unknown spec key": ("global: false", "globl: false"),
    "global a text": ("global: false", "global: 'no'"),
    "availability high": ("availability: 99.9", "availability: 101"),
    "availability text": ("availability: 99.9", "availability: high"),
    "availability bool": ("availability: 99.9", "availability: true"),
    "availability nan": ("availability: 99.9", "availability: .nan"),
    "slo negative": ("slo: 99", "slo: -1"),
    "owns repeated": ("owns: [orders]", "owns: [orders, orders]"),
    "owns with space": ("owns: [orders]", "owns: [my orders]"),
    "produces a mapping": (
        "  produces:\n    - topic: orders\n      events: [OrderPlaced]",
        "  produces: {topic: orders}",
    ),
    "stream without topic": ("    - topic: payments", "    - events: [A]"),
    "stream unknown key": ("    - topic: payments", "    - topic: payments\n      evnts: [A]"),
    "events empty": ("events: [OrderPlaced]", "events: []"),
    "events repeated": ("events: [OrderPlaced]", "events: [A, A]"),
    "event with space": ("events: [OrderPlaced]", "events: [Order Placed]"),
    "command both": ("{to: payments, name: Pay}", "{to: payments, topic: t, name: Pay}"),
    "command neither": ("{to: payments, name: Pay}", "{name: Pay}"),
    "command extra key": ("{to: payments, name: Pay}", "{to: payments, name: Pay, x: 1}"),
    "command bad target": ("{to: payments, name: Pay}", "{to: Payments, name: Pay}"),
    "query on a topic": ("{to: stock, name: GetStock}", "{topic: stock, name: GetStock}"),
    "query without name": ("{to: stock, name: GetStock}", "{to: stock}"),
    "query a text": ("    - {to: stock, name: GetStock}", "    - stock"),
    "view without from": ("{name: stock-levels, from: [stock]}", "{name: stock-levels}"),
    "view from empty": ("from: [stock]}", "from: []}"),
    "view name a number": ("{name: stock-levels,", "{name: 3,"),
    "reason blank": ("CX001: moves to a view in Q3", "CX001: '  '"),
    "reason a number": ("CX001: moves to a view in Q3", "CX001: 3"),
    "ignore a list": ("  ignore:\n    CX001: moves to a view in Q3", "  ignore: [CX001]"),
    "merge key": ("  owner: team-a", "  <<: {owner: team-a}"),
    "duplicate key": ("  owner: team-a", "  owner: team-a\n  owner: team-b"),
    "no spec": ("spec:\n", "spek_removed:\n"),
}

OTHER_DOCUMENTS = {
    "topic": "apiVersion: archlint/v1\nkind: Topic\nmetadata: {name: orders, description: d}\n"
    "spec: {owner: orders, writers: [a, b], events: [A], schema: s.avsc}\n",
    "topic without spec": "apiVersion: archlint/v1\nkind: Topic\nmetadata: {name: orders}\n",
    "topic bad owner": "apiVersion: archlint/v1\nkind: Topic\nmetadata: {name: t}\n"
    "spec: {owner: Orders}\n",
    "topic writers repeated": "apiVersion: archlint/v1\nkind: Topic\nmetadata: {name: t}\n"
    "spec: {writers: [a, a]}\n",
    "topic unknown spec key": "apiVersion: archlint/v1\nkind: Topic\nmetadata: {name: t}\n"
    "spec: {ownr: a}\n",
    "topic name with space": "apiVersion: archlint/v1\nkind: Topic\nmetadata: {name: 'a b'}\n",
    "context": "apiVersion: archlint/v1\nkind: Context\nmetadata: {name: c, owner: o, description: d}\n",
    "context with spec": "apiVersion: archlint/v1\nkind: Context\nmetadata: {name: c}\nspec: {}\n",
    "context unknown key": "apiVersion: archlint/v1\nkind: Context\nmetadata: {name: c, tags: [a]}\n",
    "context bad name": "apiVersion: archlint/v1\nkind: Context\nmetadata: {name: C}\n",
    "context no metadata": "apiVersion: archlint/v1\nkind: Context\n",
    "empty metadata": "apiVersion: archlint/v1\nkind: Service\nmetadata:\n",
}


def _broken_texts() -> dict[str, str]:
    texts = {"valid service": VALID_SERVICE, **OTHER_DOCUMENTS}
    for name, (old, new) in BROKEN.items():
        assert old in VALID_SERVICE, name
        texts[name] = VALID_SERVICE.replace(old, new, 1)
    return texts


def _manifests(data: bytes) -> list[tuple[Node, YMap, bool]]:
    """Each manifest's node, its value as the general way reads it, and whether the reading
    was clean (no repeated key, no odd key)."""
    nodes, _ = compose_documents(data)
    found = []
    for node in nodes:
        if classify(node) == MANIFEST:
            document, problems = value_of(node, data)
            if isinstance(document, YMap):
                found.append((node, document, not problems))
    return found


def _agrees(node: Node, document: YMap, clean: bool, name: str) -> bool:
    """Whether the fast path took the document; fails if it did where it should not have."""
    fast = fast_element(node, name)
    if fast is None:
        return False
    assert clean and validate(document) == [], name
    element = build_document(document, name)
    assert element is not None, name
    assert fast == (element, element_name_location(document, element, name)), name
    return True


def _repository_files() -> list[Path]:
    roots = [REPO / "tests", REPO / "samples"]
    return sorted(
        path
        for root in roots
        for pattern in ("*.yaml", "*.yml")
        for path in root.rglob(pattern)
        if "node_modules" not in path.parts
    )


def _rule_case_files() -> dict[str, bytes]:
    """The manifests of every rule's cases (tests/rules/*.yaml): AL002's are one per kind of
    schema problem, as users meet them."""
    files = {}
    for rules in sorted((REPO / "tests" / "rules").glob("*.yaml")):
        for index, case in enumerate(yaml.safe_load(rules.read_text(encoding="utf-8"))["cases"]):
            for name, text in (case.get("manifests") or {}).items():
                if isinstance(text, str):
                    files[f"rules/{rules.stem}/{index}/{name}"] = text.encode()
    return files


def _generated_files() -> dict[str, bytes]:
    files = {}
    for shape in generate_estate.SHAPES:
        for path, text in generate_estate.render(300, seed=3, shape=shape).items():
            files[f"{shape}/{path}"] = text.encode()
    return files


def _all_files() -> dict[str, bytes]:
    files = {str(path.relative_to(REPO)): path.read_bytes() for path in _repository_files()}
    files.update(_rule_case_files())
    files.update(_generated_files())
    files.update({f"broken/{name}.yaml": text.encode() for name, text in _broken_texts().items()})
    return files


ALL_FILES = _all_files()


def test_the_corpus_has_manifests_that_pass_and_that_fail() -> None:
    documents_ = [doc for data in ALL_FILES.values() for _, doc, _ in _manifests(data)]
    passing = [doc for doc in documents_ if not validate(doc)]
    assert len(passing) > 600 and len(documents_) - len(passing) > len(BROKEN)


@pytest.mark.parametrize("name", sorted(ALL_FILES))
def test_the_fast_path_answers_only_for_valid_manifests_and_as_the_general_way(
    name: str,
) -> None:
    for node, document, clean in _manifests(ALL_FILES[name]):
        taken = _agrees(node, document, clean, name)
        if name.startswith(("standard/", "dense/")):  # generated: all valid, all fast
            assert taken, f"{name}: a valid generated manifest missed the fast path"


@pytest.mark.parametrize("name", sorted(_broken_texts()))
def test_each_broken_manifest_is_left_to_the_general_way(name: str) -> None:
    ((node, document, clean),) = _manifests(_broken_texts()[name].encode())
    taken = _agrees(node, document, clean, name)
    assert taken == (clean and not validate(document)) or name == "merge key"


def test_loading_through_the_fast_path_gives_the_interpreters_model_and_findings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def both(data: bytes, path: str) -> tuple[object, object]:
        fast = load_file(path, data, {}, None)
        with monkeypatch.context() as patch:
            patch.setattr(documents, "fast_element", lambda node, path: None)  # general only
            generic = load_file(path, data, {}, None)
        return fast, generic

    for name, data in ALL_FILES.items():
        fast, generic = both(data, name)
        assert fast == generic, name


def _shape(node: Node) -> tuple[int, int]:
    """(nodes, depth) as the reader's limits count them."""
    level, nodes, depth = [node], 0, 0
    while level:
        depth += 1
        nodes += len(level)
        below: list[Node] = []
        for item in level:
            if isinstance(item, MappingNode):
                for pair in item.value:
                    below.extend(pair)
            elif isinstance(item, SequenceNode):
                below.extend(item.value)
        level = below
    return nodes, depth


def test_a_document_the_fast_path_accepts_is_small_enough_to_spare_the_limits_walk() -> None:
    """limits_cannot_trip's reasoning, checked on every accepted document: at most two nodes
    per byte of its file, at most ACCEPTED_DEPTH deep."""
    checked = 0
    for name, data in ALL_FILES.items():
        nodes, _ = compose_documents(data)
        for node in nodes:
            if classify(node) == MANIFEST and fast_element(node, name) is not None:
                count, depth = _shape(node)
                assert count <= 2 * len(data) and depth <= ACCEPTED_DEPTH, name
                checked += 1
    assert checked > 1000


TIGHT = [("nodes", 10), ("nodes", 60), ("nodes", 61), ("depth", 5), ("depth", 6)]


@pytest.mark.parametrize("limit, value", [*TIGHT, ("string", 10), ("string", 500)])
def test_tight_limits_give_the_general_ways_findings(
    limit: str, value: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    field = {"nodes": "nodes_per_document", "depth": "nesting_depth", "string": "string_length"}
    limits = replace(LIMITS, **{field[limit]: value})
    texts = {
        **_broken_texts(),
        "tiny": "apiVersion: archlint/v1\nkind: Context\nmetadata: {name: c}\n",
    }
    for name, text in texts.items():
        data = text.encode()
        fast = load_file(name, data, {}, None, limits=limits)
        with monkeypatch.context() as patch:
            patch.setattr(documents, "fast_element", lambda node, path: None)
            assert load_file(name, data, {}, None, limits=limits) == fast, name
