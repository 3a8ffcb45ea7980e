"""Random edits of an estate's manifests that change what the rules see: its streams, calls,
contexts, owners, Topic documents, suppressions and names; files added, deleted, renamed,
moved, broken and fixed; and edits that change nothing the rules read. For the tests that a
cached lint prints what an uncached one does (tests/test_cache_incremental.py).

    estate = EditedEstate(root, random.Random(seed))
    what = edit_a_service(estate)  # helpers.file_edits.random_edit picks among all edits

Files are parsed with PyYAML and written back whole (their layout changes, which is fine).
Every write moves the file's modification time forward (`write`): the cache may trust a
file's stat at once, so an edit must change it even within one tick of the clock.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_last_stamp = 0


def write(path: Path, text: str) -> None:
    """Write `text` and give the file a modification time later than any given before."""
    global _last_stamp
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    _last_stamp = max(_last_stamp + 1_000, time.time_ns())
    os.utime(path, ns=(_last_stamp, _last_stamp))


Doc = dict[str, Any]


class EditedEstate:
    """The manifests under `root` as YAML documents. A file broken on purpose is kept aside
    with its text before (`broken`) and left alone until fixed. `findings` are the last json
    run's: suppressions are chosen from them."""

    def __init__(self, root: Path, rng: random.Random) -> None:
        self.root = root
        self.rng = rng
        self.broken: dict[Path, str] = {}
        self.findings: list[Doc] = []
        self._serial = 0
        self._read: dict[Path, list[Any]] | None = None  # as this edit found them

    def fresh(self, stem: str) -> str:
        self._serial += 1
        return f"{stem}{self._serial}"

    def paths(self) -> list[Path]:
        return sorted(self.root.rglob("*.yaml"))

    def healthy(self) -> dict[Path, list[Any]]:
        """The documents of each file not broken on purpose, read once per edit."""
        if self._read is None:
            self._read = {}
            for path in self.paths():
                if path not in self.broken:
                    docs = yaml.load_all(path.read_text(encoding="utf-8"), Loader=_LOADER)
                    self._read[path] = [d for d in docs if d is not None]
        return self._read

    def forget(self) -> None:
        self._read = None

    def save(self, path: Path, docs: list[Any], **style: Any) -> None:
        """Write the documents back (none: delete the file)."""
        self.forget()
        if docs:
            write(path, yaml.dump_all(docs, Dumper=DUMPER, sort_keys=False, **style))
        else:
            path.unlink()

    def documents(self, kind: str) -> list[tuple[Path, list[Any], Doc]]:
        """(file, its documents, the document) of each document of `kind`."""
        return [
            (path, docs, doc)
            for path, docs in self.healthy().items()
            for doc in docs
            if isinstance(doc, dict) and doc.get("kind") == kind
        ]

    def names(self) -> list[str]:
        return sorted({doc["metadata"]["name"] for _, _, doc in self.documents("Service")})

    def contexts(self) -> list[str]:
        return sorted({doc["metadata"]["context"] for _, _, doc in self.documents("Service")})

    def topics(self) -> list[str]:
        found = set()
        for _, _, doc in self.documents("Service"):
            spec = doc.get("spec") or {}
            found.update(spec.get("owns", []))
            found.update(e["topic"] for key in ("produces", "consumes") for e in spec.get(key, []))
        return sorted(found)

    def topic(self) -> str:
        """An existing topic mostly, else a new one."""
        topics = self.topics()
        return (
            self.rng.choice(topics) if topics and self.rng.random() < 0.7 else self.fresh("t.new-")
        )

    def service(self) -> str:
        """An existing service's name mostly, else a near miss of one (RF001's did-you-mean)."""
        names = self.names()
        name = self.rng.choice(names)
        return name if self.rng.random() < 0.6 else near_miss(name, set(names), self.rng)


def near_miss(name: str, taken: set[str], rng: random.Random) -> str:
    """A misspelling of `name` that is a valid name no service has."""
    for _ in range(20):
        cut = rng.randrange(1, max(2, len(name) - 1))
        spelled = rng.choice(
            [
                name[:cut] + name[cut + 1 :],  # a letter dropped
                name[:cut] + name[cut] + name[cut:],  # a letter doubled
                name[: cut - 1] + name[cut] + name[cut - 1] + name[cut + 1 :],  # two swapped
                name + "-retired",
            ]
        )
        if spelled not in taken and spelled[0].isalnum() and spelled[-1].isalnum():
            return spelled
    return name + "-gone"


def where(estate: EditedEstate, path: Path) -> str:
    return str(path.relative_to(estate.root))


def spec_of(doc: Doc) -> Doc:
    if not isinstance(doc.get("spec"), dict):
        doc["spec"] = {}
    return doc["spec"]


def _drop_empty(doc: Doc, key: str) -> None:
    if not spec_of(doc).get(key):
        spec_of(doc).pop(key, None)


# -- edits of one service: each changes the document and says how -----------------------------

ServiceEdit = Callable[[EditedEstate, Doc], str]


def change_stream(estate: EditedEstate, doc: Doc) -> str:
    """Add or remove a produces/consumes entry, or an event in one, or point it elsewhere."""
    rng = estate.rng
    key = rng.choice(["produces", "consumes"])
    entries = spec_of(doc).setdefault(key, [])
    action = rng.choice(["add", "add", "remove", "events", "retarget"]) if entries else "add"
    entry = rng.choice(entries) if entries else {}
    if action == "add":
        entry = {"topic": estate.topic()}
        if rng.random() < 0.5:
            entry["events"] = [rng.choice(["Ping", estate.fresh("Happened")])]
        entries.append(entry)
    elif action == "remove":
        entries.remove(entry)
    elif action == "retarget":
        entry["topic"] = estate.topic()
    elif entry.get("events") and rng.random() < 0.6:
        events = entry["events"]
        events.remove(rng.choice(events))
        if not events:
            del entry["events"]  # every event (consumer) or unspecified (producer)
    else:
        entry.setdefault("events", []).append(estate.fresh("Changed"))
    _drop_empty(doc, key)
    return f"{key} {action} {entry}"


def change_call(estate: EditedEstate, doc: Doc) -> str:
    """Add, remove or retarget a query or command: to a service, a near miss, or a topic."""
    rng = estate.rng
    key = rng.choice(["queries", "commands"])
    entries = spec_of(doc).setdefault(key, [])
    action = rng.choice(["add", "add", "remove", "retarget"]) if entries else "add"
    entry = rng.choice(entries) if entries else {}
    if action == "add":
        entry = {"name": "Get" if key == "queries" else "Do"}
        entry |= {"topic": estate.topic()} if key == "commands" and rng.random() < 0.3 else {}
        entries.append(entry)
    elif action == "remove":
        entries.remove(entry)
    if action != "remove" and "topic" in entry:
        entry["topic"] = estate.topic()
    elif action != "remove":
        entry["to"] = estate.service()
    _drop_empty(doc, key)
    return f"{key} {action} {entry}"


def change_field(estate: EditedEstate, doc: Doc) -> str:
    """Another context (mostly a known one), `global` toggled, an availability or slo set or
    dropped; or a description, which no rule reads."""
    rng, spec = estate.rng, spec_of(doc)
    field = rng.choice(["context", "context", "global", "availability", "slo", "description"])
    if field == "context":
        known = rng.random() < 0.8
        doc["metadata"]["context"] = rng.choice(estate.contexts()) if known else estate.fresh("c-")
    elif field == "description":
        doc["metadata"]["description"] = f"Rewritten {estate.fresh('')} times."
    elif field == "global":
        spec["global"] = not spec.get("global", False)
    elif field in spec and rng.random() < 0.4:
        del spec[field]
    else:
        spec[field] = rng.choice([90.0, 99.0, 99.9, 99.99, 100])
    return f"{field}: {spec.get(field, doc['metadata'].get(field))}"


def change_owns(estate: EditedEstate, doc: Doc) -> str:
    """Own another topic (often one somebody else owns: SW005), or stop owning one."""
    owns = spec_of(doc).setdefault("owns", [])
    if owns and estate.rng.random() < 0.4:
        owns.remove(estate.rng.choice(owns))
    elif (topic := estate.topic()) not in owns:
        owns.append(topic)
    _drop_empty(doc, "owns")
    return f"owns {owns}"


SUPPRESSIBLE = ("CX001", "CX002", "SW003", "RF001", "SY002", "SY003", "RF004")


def change_suppression(estate: EditedEstate, doc: Doc) -> str:
    """Add an `ignore` entry: for a finding the service has, for a rule that finds nothing
    there, for a loader rule (which cannot be suppressed), by slug, or for no rule at all;
    or remove one."""
    rng = estate.rng
    ignore = spec_of(doc).setdefault("ignore", {})
    if ignore and rng.random() < 0.3:
        code = rng.choice(sorted(ignore))
        del ignore[code]
        _drop_empty(doc, "ignore")
        return f"no longer ignores {code}"
    name = doc["metadata"]["name"]
    own = [f["code"] for f in estate.findings if f["entities"].get("service") == name]
    own = [code for code in own if code in SUPPRESSIBLE]
    code = rng.choice([*own, *own, rng.choice(SUPPRESSIBLE), "AL002", "cross-context-query", "ZZ9"])
    ignore[code] = "Accepted for now."
    return f"ignores {code}"


def rename_service(estate: EditedEstate, doc: Doc) -> str:
    old = doc["metadata"]["name"]
    doc["metadata"]["name"] = (
        near_miss(old, set(estate.names()), estate.rng)
        if estate.rng.random() < 0.5
        else estate.fresh(f"{old}-v")
    )
    return f"renamed {doc['metadata']['name']}"


SERVICE_EDITS: tuple[ServiceEdit, ...] = (
    *[change_stream] * 5,
    *[change_call] * 4,
    *[change_field] * 3,
    *[change_owns] * 2,
    *[change_suppression] * 3,
    *[rename_service] * 2,
)


def edit_a_service(estate: EditedEstate) -> str:
    path, docs, doc = estate.rng.choice(estate.documents("Service"))
    name = doc["metadata"]["name"]
    edit = estate.rng.choice(SERVICE_EDITS)
    what = edit(estate, doc)
    estate.save(path, docs)
    return f"{name} ({where(estate, path)}): {edit.__name__} {what}"


# -- edits of files and other documents: each says what it did, or returns None -----------------

Edit = Callable[[EditedEstate], "str | None"]
