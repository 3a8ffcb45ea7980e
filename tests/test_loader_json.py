"""AsyncAPI documents are often JSON: folders are searched for .json too, and any JSON
that cannot be an AsyncAPI document is skipped unparsed and uncounted."""

from __future__ import annotations

import json

from archlint.loader import load_paths

DOCUMENT = {
    "asyncapi": "3.0.0",
    "info": {"title": "Order Service", "version": "1.0.0", "x-context": "orders"},
    "channels": {
        "orders": {
            "address": "orders",
            "messages": {"placed": {"name": "OrderPlaced", "payload": {"type": "object"}}},
        }
    },
    "operations": {"publishPlaced": {"action": "send", "channel": {"$ref": "#/channels/orders"}}},
}


def test_json_asyncapi_documents_are_found_in_folders(tmp_path):
    (tmp_path / "orders").mkdir()
    (tmp_path / "orders" / "asyncapi.json").write_text(json.dumps(DOCUMENT, indent=2))
    (tmp_path / "package.json").write_text('{"name": "web", "version": "1.0.0"}')
    (tmp_path / "broken.json").write_text('{"this is": not json')
    loaded = load_paths([str(tmp_path)], cwd=str(tmp_path))
    assert [s.name for s in loaded.estate.services] == ["order-service"]
    [service] = loaded.estate.services
    assert [(p.topic, p.event_names) for p in service.produces] == [("orders", ("OrderPlaced",))]
    assert loaded.estate.paths == ("orders/asyncapi.json",)
    assert loaded.findings == ()
