"""Estates for the diagram and report tests: estates built directly from
archlint.model objects, so that names can be anything an AsyncAPI document or a future
loader might bring (quotes, backslashes, markup, newlines), and lint results from the
real engine and checks."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterable, Mapping

from archlint.config.settings import Config
from archlint.engine import LintResult, run_checks
from archlint.interactions import Interactions
from archlint.model import Call, Context, Estate, EventStream, Location, Name, Service, Topic
from archlint.rule_pages import builtin_rules
from helpers import REPO

_lines = itertools.count(1)

# Names that must come out escaped everywhere: markup, DOT syntax, Mermaid syntax.
SCRIPT = "<script>alert(1)</script>"
INJECT = 'x"; rankdir=LR; "'
HOSTILE = (
    SCRIPT,
    INJECT,
    "back\\slash\\",
    "new\nline",
    "{curly}|<port>",
    "end",
    "%%{init}%%",
    'a\\"b',
    "\\N\\G\\l",
    "tab\there",
    "amp & #35; entity",
    "<img src=x onerror=alert(2)>",
)


def loc(path: str) -> Location:
    return Location(path, next(_lines), 3)


def streams(spec: Mapping[str, Iterable[str] | None] | None, path: str) -> tuple[EventStream, ...]:
    out = []
    for topic, events in (spec or {}).items():
        names = None if events is None else tuple(Name(e, loc(path)) for e in events)
        out.append(EventStream(topic, names, loc(path)))
    return tuple(out)


def svc(
    name: str,
    context: str,
    *,
    produces=None,
    consumes=None,
    owns=(),
    commands=(),
    queries=(),
    topic_commands=(),
    is_global: bool = False,
    availability=None,
    slo=None,
    description=None,
) -> Service:
    """A service. commands/queries: target service names; topic_commands: topic names."""
    path = f"services/{context}/{name}.yaml".replace("\n", " ")
    calls_c = tuple(Call("command", f"Do{i}", loc(path), to=t) for i, t in enumerate(commands))
    calls_c += tuple(
        Call("command", f"Ask{i}", loc(path), topic=t) for i, t in enumerate(topic_commands)
    )
    calls_q = tuple(Call("query", f"Get{i}", loc(path), to=t) for i, t in enumerate(queries))
    return Service(
        name=name,
        context=context,
        location=loc(path),
        path=path,
        description=description,
        is_global=is_global,
        availability=availability,
        slo=slo,
        owns=tuple(Name(t, loc(path)) for t in owns),
        produces=streams(produces, path),
        consumes=streams(consumes, path),
        commands=calls_c,
        queries=calls_q,
    )


def topic_doc(name: str, owner: str | None = None, writers=None) -> Topic:
    path = "topics.yaml"
    return Topic(
        name=name,
        location=loc(path),
        path=path,
        owner=Name(owner, loc(path)) if owner else None,
        writers=tuple(Name(w, loc(path)) for w in writers) if writers else None,
    )


def context_doc(name: str, owner: str | None = None) -> Context:
    return Context(name=name, location=loc("contexts.yaml"), path="contexts.yaml", owner=owner)


def estate(*services: Service, topics=(), contexts=()) -> Estate:
    paths = {s.path for s in services} | {t.path for t in topics} | {c.path for c in contexts}
    return Estate.build(services, topics, contexts, paths=paths)


def result(e: Estate) -> LintResult:
    """What `archlint lint` finds in the estate, with the built-in rules and defaults."""
    interactions = Interactions(e)
    findings = run_checks(interactions, builtin_rules(), Config())
    return LintResult(estate=e, findings=tuple(findings), index=interactions)


def shop() -> Estate:
    """A small estate with one violation of each kind the diagrams draw in red."""
    return estate(
        svc(
            "orders",
            "sales",
            owns=["orders"],
            produces={"orders": ["OrderPlaced", "OrderCancelled"]},
            queries=["stock"],
            commands=["payments"],
        ),
        svc("basket", "sales", consumes={"orders": ["OrderPlaced"]}, commands=["orders"]),
        svc(
            "payments",
            "money",
            owns=["payments"],
            produces={"payments": ["Paid"], "orders": ["OrderCancelled"]},
            consumes={"orders": None},
            queries=["ghost"],
        ),
        svc("stock", "supply", produces={"moves": ["Moved"]}, consumes={"payments": ["Paid"]}),
        svc(
            "shipping",
            "supply",
            produces={"moves": ["Shipped"]},
            consumes={"moves": None},
            topic_commands=["payments"],
        ),
        svc("sso", "identity", is_global=True),
        svc("web", "sales", queries=["sso", "basket"]),
        contexts=[context_doc("sales", "sales-division")],
    )


def generated(n: int, seed: int = 0) -> Estate:
    """A realistic estate of n services from benchmarks/generate_estate.py, loaded."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import generate_estate
    finally:
        sys.path.pop(0)
    from archlint.loader import load_texts

    return load_texts(generate_estate.render(n, seed)).estate


def hostile_estate() -> Estate:
    """Services, contexts, topics and events named by every HOSTILE name, all connected."""
    services = []
    for i, name in enumerate(HOSTILE):
        nxt = HOSTILE[(i + 1) % len(HOSTILE)]
        services.append(
            svc(
                name,
                f"ctx {name}",
                owns=[f"topic {name}"],
                produces={f"topic {name}": [f"Event {name}"]},
                consumes={f"topic {nxt}": [f"Event {nxt}"]},
                queries=[HOSTILE[(i + 2) % len(HOSTILE)]],
            )
        )
    return estate(*services)
