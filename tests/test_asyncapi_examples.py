"""The AsyncAPI specification's own examples (tests/fixtures/asyncapi, Apache-2.0): every one
loads, and the five-document social-media estate comes out as five services that meet on
the addresses they share, in 2.6.0 as in 3.0.0."""

from __future__ import annotations

import pytest
from helpers.asyncapi import FIXTURES, edges

from archlint.interactions import Interactions
from archlint.loader import load_asyncapi_paths, load_paths

DOCUMENTS = sorted(p for p in FIXTURES.rglob("*.y*ml") if p.parent.name != "common")
VERSIONS = ["v2.6.0", "v3.0.0"]


def test_every_example_is_found():
    # 17 documents per version in examples/, 5 of them in social-media/ (the 3.0.0 examples
    # add the two Kraken request/reply documents and Adeo's): nothing silently missed.
    counts = {v: sum(1 for p in DOCUMENTS if v in p.parts) for v in VERSIONS}
    assert counts == {"v2.6.0": 21, "v3.0.0": 24}


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_example_loads_as_one_service_without_findings(path):
    shown = path.relative_to(FIXTURES).as_posix()
    loaded = load_asyncapi_paths([shown], cwd=str(FIXTURES), asyncapi_contexts={"**": "examples"})
    assert [f"{f.location}: {f.message}" for f in loaded.findings] == []
    assert len(loaded.estate.services) == 1
    service = loaded.estate.services[0]
    assert service.context == "examples"
    assert service.path == shown
    assert service.produces or service.consumes  # every example sends or receives something
    for element in (*service.produces, *service.consumes):
        assert element.location.path == shown and element.location.line > 1


# The social-media estate: what each document sends (produces) and receives (consumes),
# by address. Channel keys differ between documents (3.0.0: `notifyAllCommentLiked` in the
# backend, `commentLiked` in the others, for the address comment/liked).
SOCIAL_MEDIA = {
    "website-websocket-client": {
        "produces": [("like/comment", ("likeComment",))],
        "consumes": [("update/comment/likes", ("updateCommentLikes",))],
    },
    "website-backend": {
        "produces": [
            ("comment/liked", ("commentLiked",)),
            ("update/comment/likes", ("updateCommentLikes",)),
        ],
        "consumes": [
            ("like/comment", ("likeComment",)),
            ("comment/{commentId}/changed", ("commentChanged",)),
        ],
    },
    "comments-service": {
        "produces": [("comment/{commentId}/changed", ("commentChanged",))],
        "consumes": [("comment/liked", ("commentLiked",))],
    },
    "notifications-service": {
        "produces": [],
        "consumes": [("comment/liked", ("commentLiked",))],
    },
    "public-api": {
        "produces": [],
        "consumes": [("comment/liked", ("commentLiked",))],
    },
}


@pytest.mark.parametrize("version", VERSIONS)
def test_social_media_estate_meets_on_shared_addresses(version, monkeypatch):
    monkeypatch.chdir(FIXTURES / version / "examples")
    loaded = load_paths(["social-media"], asyncapi_contexts={"social-media/**": "social"})
    assert [f"{f.location}: {f.message}" for f in loaded.findings] == []
    estate = loaded.estate
    got = {
        s.name: {"produces": edges(s)["produces"], "consumes": edges(s)["consumes"]}
        for s in estate.services
    }
    assert got == SOCIAL_MEDIA
    assert {s.context for s in estate.services} == {"social"}
    # Across documents: every consumed address has its writer in another document.
    topics = Interactions(estate).topics
    assert {t: f.writers for t, f in topics.items() if f.writers} == {
        "comment/liked": ("website-backend",),
        "comment/{commentId}/changed": ("comments-service",),
        "like/comment": ("website-websocket-client",),
        "update/comment/likes": ("website-backend",),
    }


def test_both_versions_of_social_media_give_the_same_model(monkeypatch):
    models = []
    for version in VERSIONS:
        monkeypatch.chdir(FIXTURES / version / "examples")
        loaded = load_paths(["social-media"], asyncapi_contexts={"**": "social"})
        models.append([edges(s) for s in loaded.estate.services])
    assert models[0] == models[1]


def test_operation_locations_point_into_the_document():
    # 3.0.0 backend: `sendCommentLiked:` is on line 60, column 3 of the document; the event
    # name points at the operation's `messages` entry (a $ref to the channel's message,
    # itself a $ref into ../common/messages.yaml: the place stays in the document).
    folder = FIXTURES / "v3.0.0/examples/social-media/backend"
    loaded = load_asyncapi_paths(["asyncapi.yaml"], cwd=str(folder), asyncapi_contexts={"**": "s"})
    sent = loaded.estate.services[0].produces[0]
    assert (sent.topic, sent.location.line, sent.location.column) == ("comment/liked", 60, 3)
    assert [str(e.location) for e in sent.events] == ["asyncapi.yaml:65:9"]
