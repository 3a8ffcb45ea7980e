"""Random edits of an estate's files, for tests/test_cache_incremental.py: Topic documents
added and changed, duplicated services, files deleted, added, moved, re-laid-out, broken
and fixed; and `random_edit`, which picks among these and the service edits of
helpers.semantic_edits.

    estate = EditedEstate(root, random.Random(seed))
    what = random_edit(estate)     # one to three edits, described for a failure message
"""

from __future__ import annotations

import yaml

from helpers.semantic_edits import (
    DUMPER,
    Doc,
    Edit,
    EditedEstate,
    edit_a_service,
    spec_of,
    where,
    write,
)


def add_topic_document(estate: EditedEstate) -> str:
    """A Topic document (sometimes a second one of a name: AL004), alone in a new file or
    beside others, with an owner and writers that may or may not exist."""
    rng = estate.rng
    spec: Doc = {"owner": estate.service()} if rng.random() < 0.8 else {}
    if rng.random() < 0.6:
        spec["writers"] = sorted({estate.service() for _ in range(rng.randint(1, 3))})
    doc = {"apiVersion": "archlint/v1", "kind": "Topic", "metadata": {"name": estate.topic()}}
    doc["spec"] = spec
    beside = [p for p in estate.healthy() if p.name.startswith("topics")]
    if beside and rng.random() < 0.5:
        path = rng.choice(beside)
        estate.save(path, [*estate.healthy()[path], doc])
    else:
        path = estate.root / rng.choice(estate.contexts()) / f"{estate.fresh('topics-')}.yaml"
        estate.save(path, [doc])
    return f"Topic {doc['metadata']['name']} {spec} in {where(estate, path)}"


def change_topic_document(estate: EditedEstate) -> str | None:
    found = estate.documents("Topic")
    if not found:
        return None
    path, docs, doc = estate.rng.choice(found)
    action = estate.rng.choice(["owner", "writers", "delete"])
    if action == "delete":
        docs.remove(doc)
    elif action == "owner":
        spec_of(doc)["owner"] = estate.service()
    else:
        spec_of(doc)["writers"] = sorted(
            {estate.service() for _ in range(estate.rng.randint(1, 3))}
        )
    estate.save(path, docs)
    return f"Topic {doc['metadata']['name']} {action} {spec_of(doc).get(action, '')}"


def add_duplicate(estate: EditedEstate) -> str:
    """A second service of an existing name (AL004), in a new file or beside another service."""
    rng = estate.rng
    name = rng.choice(estate.names())
    copy = {
        "apiVersion": "archlint/v1",
        "kind": "Service",
        "metadata": {"name": name, "context": rng.choice(estate.contexts())},
        "spec": {"queries": [{"to": estate.service(), "name": "GetCopy"}]},
    }
    if rng.random() < 0.5:
        path = estate.root / "dupes" / f"{estate.fresh('dup-')}.yaml"
        estate.save(path, [copy])
    else:
        path, docs, _ = rng.choice(estate.documents("Service"))
        estate.save(path, [*docs, copy])
    return f"a second {name} in {where(estate, path)}"


def delete_file(estate: EditedEstate) -> str:
    """Delete a file: a duplicate's often, else any (a service, Topic or Context documents)."""
    dupes = [p for p in estate.paths() if p.parent.name == "dupes"]
    victim = estate.rng.choice(dupes if dupes and estate.rng.random() < 0.5 else estate.paths())
    victim.unlink()
    estate.broken.pop(victim, None)
    return f"delete {where(estate, victim)}"


def add_file(estate: EditedEstate) -> str:
    """A new service that consumes, calls and writes what exists (or a new topic)."""
    rng = estate.rng
    topics = estate.topics()
    spec: Doc = {
        "consumes": [{"topic": t} for t in rng.sample(topics, min(2, len(topics)))],
        "queries": [{"to": estate.service(), "name": "GetState"}],
        "produces": [{"topic": estate.topic(), "events": ["NewcomerSaid"]}],
    }
    if rng.random() < 0.5:
        spec["owns"] = [spec["produces"][0]["topic"]]
    if rng.random() < 0.3:
        spec["commands"] = [{"to": estate.service(), "name": "Nudge"}]
    name = estate.fresh("newcomer-")
    doc = {"apiVersion": "archlint/v1", "kind": "Service"}
    doc |= {"metadata": {"name": name, "context": rng.choice(estate.contexts())}, "spec": spec}
    path = estate.root / rng.choice(["added", *estate.contexts()[:2]]) / f"{name}.yaml"
    estate.save(path, [doc])
    return f"add {where(estate, path)}: {spec}"


def move_file(estate: EditedEstate) -> str:
    """Rename a file in its folder, or move it to another folder."""
    victim = estate.rng.choice(estate.paths())
    if estate.rng.random() < 0.5:
        moved = victim.with_name(f"{estate.fresh('renamed-')}-{victim.name}")
    else:
        folder = estate.rng.choice([*estate.contexts(), "moved", "moved/deeper"])
        moved = estate.root / folder / f"{estate.fresh('m')}-{victim.name}"
    moved.parent.mkdir(parents=True, exist_ok=True)
    victim.rename(moved)
    if victim in estate.broken:
        estate.broken[moved] = estate.broken.pop(victim)
    return f"move {where(estate, victim)} -> {where(estate, moved)}"


def change_layout(estate: EditedEstate) -> str:
    """What the rules do not read: a comment at the end, another layout of the same
    documents; or lines moved down (a blank line or a comment at the top)."""
    path = estate.rng.choice(estate.paths())
    text = path.read_text(encoding="utf-8")
    how = estate.rng.choice(["comment", "flow", "indent", "top"])
    if how in ("flow", "indent") and path not in estate.healthy():
        how = "comment"  # a broken file is not rewritten
    if how in ("flow", "indent"):
        style = {"default_flow_style": True} if how == "flow" else {"indent": 4, "width": 40}
        estate.save(path, estate.healthy()[path], **style)
    elif how == "top":
        top = estate.rng.choice(["\n", "# moved down a line\n", "\n\n# two more\n"])
        write(path, top + text)
        if path in estate.broken:
            estate.broken[path] = top + estate.broken[path]
    else:
        write(path, text + "# reviewed\n")
    return f"{how} of {where(estate, path)}"


def break_file(estate: EditedEstate) -> str:
    """Invalid YAML, a duplicate key, a scalar where a list belongs or a bad name; its text
    before is kept, for `fix_file`."""
    path, docs, doc = estate.rng.choice(estate.documents("Service"))
    text = path.read_text(encoding="utf-8")
    how = estate.rng.choice(["syntax", "duplicate-key", "schema", "bad-name"])
    if how == "syntax":
        broken = text + "spec: [unclosed\n"
    elif how == "duplicate-key":
        broken = text.replace("kind: Service\n", "kind: Service\nkind: Service\n", 1)
    else:
        if how == "schema":
            spec_of(doc)["produces"] = "everything"
        else:
            doc["metadata"]["name"] = "Not A Name"
        broken = yaml.dump_all(docs, Dumper=DUMPER, sort_keys=False)
    write(path, broken)
    estate.broken[path] = text
    return f"break ({how}) {where(estate, path)}"


def fix_file(estate: EditedEstate) -> str | None:
    if not estate.broken:
        return None
    path = estate.rng.choice(sorted(estate.broken))
    write(path, estate.broken.pop(path))
    return f"fix {where(estate, path)}"


EDITS: tuple[Edit, ...] = (
    *[edit_a_service] * 20,
    add_topic_document,
    change_topic_document,
    add_duplicate,
    *[delete_file] * 2,
    add_file,
    *[move_file] * 2,
    change_layout,
    break_file,
    *[fix_file] * 2,
)


def random_edit(estate: EditedEstate) -> str:
    """One edit, sometimes two or three (of one file or several), each of a kind that
    applies; what they did, for a failure message."""
    done = []
    for _ in range(estate.rng.choice([1, 1, 1, 2, 3])):
        for _attempt in range(10):
            estate.forget()  # an edit that did not apply may have changed what was read
            edit = estate.rng.choice(EDITS)
            what = edit(estate)
            if what is not None:
                done.append(f"{edit.__name__}: {what}")
                break
    return "; ".join(done)
