"""Backstage's own example catalog (tests/fixtures/backstage, Apache-2.0): read through its
Location tree without a traceback, positions checked by hand-read lines."""

from __future__ import annotations

from helpers import REPO

from archlint.backstage import read_backstage_files

ROOT = REPO / "tests" / "fixtures" / "backstage"


def _read_file(path: str) -> bytes:
    return (ROOT / path).read_bytes()


def _reading():
    # only the root Location is listed: every other file is reached through its targets
    return read_backstage_files(
        [("examples/all.yaml", _read_file("examples/all.yaml"))], ["examples"], _read_file
    )


def test_the_location_tree_gives_the_services_and_websites():
    names = [s.name for s in _reading().services]
    assert names == [
        "artist-lookup", "petstore", "playback-order", "podcast-api", "queue-proxy", "searcher",
        "shuffle-api", "wayback-archive", "wayback-archive-ingestion", "wayback-archive-storage",
        "wayback-search", "www-artist",
    ]  # fmt: skip
    assert _reading().findings == ()


def test_contexts_owners_and_calls():
    by_name = {s.name: s for s in _reading().services}
    assert (by_name["artist-lookup"].context, by_name["playback-order"].context) == (
        "artists",
        "playback",
    )
    assert (by_name["searcher"].context, by_name["searcher"].owner) == ("guest", "user:guest")
    www = by_name["www-artist"]
    # `  consumesApis: ['component:artist-lookup']`: line 11, the quote at column 18
    assert [(c.kind, c.to, str(c.location)) for c in www.calls] == [
        ("query", "artist-lookup", "examples/components/www-artist-component.yaml:11:18")
    ]


def test_inline_asyncapi_positions_point_into_the_api_file():
    petstore = {s.name: s for s in _reading().services}["petstore"]
    # `        subscribe:` of the measured channel: line 61 of streetlights-api.yaml, column 9
    assert [str(s.location) for s in petstore.produces] == [
        "examples/apis/streetlights-api.yaml:61:9"
    ]
    assert len(petstore.consumes) == 3


def test_a_url_definition_is_a_query_and_the_note_says_why():
    reading = _reading()
    note = reading.notes[
        next(
            k
            for k in reading.notes
            if k.path.endswith("wayback-search-component.yaml") and k.line == 13
        )
    ]
    assert note.startswith("a query, because the API's definition was not read (https://")
