"""The configured limits reach the other inputs (issue 15): an EventCatalog page, a Backstage
file, a file a Backstage Location or API definition names, past a limit configured lower,
is one AL006 at its place, and the other catalog files are still read."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from helpers import write_files

from archlint import api
from archlint.config.settings import LIMITS, Config
from archlint.loader.catalogs import BACKSTAGE, EVENTCATALOG, load_catalog

WIDE = "badges: [" + ", ".join(["{content: x}"] * 30) + "]\n"
PAGES = {
    "cat/domains/shop/index.mdx": "---\nid: shop\nversion: 1.0.0\nservices: [{id: a}, {id: b}]\n---\n",
    "cat/services/a/index.mdx": "---\nid: a\nversion: 1.0.0\n---\n",
    "cat/services/b/index.mdx": "---\nid: b\nversion: 1.0.0\n" + WIDE + "---\n",
}


def _component(name: str, extra: str = "") -> str:
    return (
        f"apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {{name: {name}}}\n"
        f"spec: {{type: service, owner: t, lifecycle: production, system: shop{extra}}}\n"
    )


def _lint(tmp_path: Path, files: dict[str, str], **limits: int) -> api.LintResult:
    write_files(tmp_path, files)
    config = Config(exclude=("more",), limits=replace(LIMITS, **limits))
    return api.lint(["."], config, cwd=str(tmp_path))


def _limit_places(result: api.LintResult) -> list[str]:
    return sorted(str(f.location) for f in result.findings if f.code == "AL006")


def test_a_page_past_the_configured_nodes_is_al006_and_the_others_are_read(tmp_path) -> None:
    result = _lint(tmp_path, PAGES, nodes_per_document=40)
    assert _limit_places(result) == ["cat/services/b/index.mdx:2:1"]
    assert [s.name for s in result.estate.services] == ["a"]
    assert _limit_places(_lint(tmp_path / "raised", PAGES, nodes_per_document=400)) == []


def test_a_page_past_the_configured_nesting_is_al006(tmp_path) -> None:
    deep = {**PAGES, "cat/services/b/index.mdx": "---\nid: b\nx: [[[[[[1]]]]]]\n---\n"}
    result = _lint(tmp_path, deep, nesting_depth=4)
    assert [p.split(":")[0] for p in _limit_places(result)] == ["cat/services/b/index.mdx"]
    assert [s.name for s in result.estate.services] == ["a"]


def test_a_backstage_entity_past_the_configured_limits_is_al006(tmp_path) -> None:
    wide = ", x-tags: [" + ", ".join(["t"] * 40) + "]"
    files = {"one.yaml": _component("one"), "two.yaml": _component("two", wide)}
    result = _lint(tmp_path, files, nodes_per_document=30)
    assert _limit_places(result) == ["two.yaml:1:1"]
    assert [s.name for s in result.estate.services] == ["one"]
    text = f"{files['one.yaml']}---\n{files['one.yaml'].replace('one', 'three')}"
    result = _lint(tmp_path / "documents", {"one.yaml": text}, documents_per_file=1)
    assert _limit_places(result) == ["one.yaml:6:1"]
    assert [s.name for s in result.estate.services] == ["one"]


def test_a_location_target_past_file_bytes_is_al006_at_the_target(tmp_path) -> None:
    files = {
        "catalog-info.yaml": _component("one")
        + "---\napiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: {name: l}\n"
        "spec: {targets: [./more/big.yaml, ./more/small.yaml, ./more/none.yaml]}\n",
        "more/big.yaml": _component("big") + "# " + "x" * 2000 + "\n",
        "more/small.yaml": _component("small"),
    }
    result = _lint(tmp_path, files, file_bytes=1000)
    assert _limit_places(result) == ["more/big.yaml:1:1"]
    [limit] = [f for f in result.findings if f.code == "AL006"]
    assert "larger than 1000 bytes (limits.file-bytes)" in limit.message
    missing = [f.message for f in result.findings if "none.yaml" in f.message]
    assert missing == [
        "Location target './more/none.yaml' does not exist: fix the path or remove it"
    ]
    assert sorted(s.name for s in result.estate.services) == ["one", "small"]


def test_a_definition_past_file_bytes_is_al006_at_the_definition(tmp_path) -> None:
    api_entity = (
        "apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata: {name: search}\n"
        "spec: {type: graphql, owner: t, definition: {$text: ./schema.graphql}}\n"
    )
    files = {
        "one.yaml": _component("one", ", consumesApis: [search]"),
        "search.yaml": api_entity,
        "schema.graphql": "type Query { a: Int }\n# " + "x" * 2000 + "\n",
    }
    result = _lint(tmp_path, files, file_bytes=1000)
    assert _limit_places(result) == ["schema.graphql:1:1"]
    assert [s.name for s in result.estate.services] == ["one"]


def test_import_reads_the_catalogs_within_the_configured_limits(tmp_path) -> None:
    write_files(tmp_path, PAGES)
    limits = replace(LIMITS, nodes_per_document=40)
    services, problems = load_catalog(EVENTCATALOG, ["cat"], str(tmp_path), {}, limits)
    assert [s.name for s in services] == ["a"]
    assert [str(p.location) for p in problems if p.code == "AL006"] == [
        "cat/services/b/index.mdx:2:1"
    ]
    write_files(tmp_path, {"bs/one.yaml": _component("one"), "bs/two.yaml": _component("two")})
    (tmp_path / "bs/two.yaml").write_text(_component("two") + "#" * 500, encoding="utf-8")
    small = replace(LIMITS, file_bytes=400)
    services, problems = load_catalog(BACKSTAGE, ["bs"], str(tmp_path), {}, small)
    assert [s.name for s in services] == ["one"]
    assert [(str(p.location), p.code) for p in problems] == [("bs/two.yaml:1:1", "AL006")]
