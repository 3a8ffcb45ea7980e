"""Generate a realistic service estate of archlint/v1 manifests, for benchmarks and tests.

    python benchmarks/generate_estate.py N OUTDIR [--seed S] [--shape standard|dense]
                                         [--contexts C]

writes N services in bounded contexts of 10 to 30 services each, one manifest per service
in a folder per context, with a Context document per context and Topic documents for some
topics. Services own and produce a topic or two, consume several others (mostly in their own
context, some from others, often through a local view), and call a few services of their
own context synchronously, in layers (edge -> domain -> backend) so that chains stay short.
One global single-sign-on service is queried from edges everywhere. A few violations of
each kind are sprinkled in, in proportion to N, so that every check has work to do.

`--shape dense` adds synchronous calls inside each context, points about 1% of all calls at
services no manifest declares (a typo of a real name, or a retired one: RF001 and its
did-you-mean) and writes the manifests in flow style, without comments.

The same N and seed give the same files, byte for byte. Importable: `render(n, seed)`
returns {relative path: text} without touching the disk; `generate(n, outdir, seed)` writes
them.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from dataclasses import dataclass, field

DOMAINS = (
    "accounts",
    "billing",
    "bookings",
    "catalogue",
    "checkout",
    "claims",
    "compliance",
    "content",
    "customers",
    "delivery",
    "documents",
    "fleet",
    "fraud",
    "fulfilment",
    "insurance",
    "inventory",
    "invoicing",
    "kyc",
    "lending",
    "loyalty",
    "marketing",
    "media",
    "messaging",
    "onboarding",
    "orders",
    "partners",
    "payments",
    "payroll",
    "pricing",
    "procurement",
    "promotions",
    "quotes",
    "recommendations",
    "refunds",
    "reporting",
    "reservations",
    "returns",
    "reviews",
    "risk",
    "routing",
    "scheduling",
    "search",
    "settlement",
    "shipping",
    "subscriptions",
    "support",
    "tax",
    "ticketing",
    "trading",
    "treasury",
    "warehouse",
    "warranty",
)
REGIONS = ("", "-eu", "-us", "-apac", "-latam", "-uk", "-nordics", "-mena")
ROLES = (
    "api",
    "worker",
    "gateway",
    "projector",
    "scheduler",
    "importer",
    "exporter",
    "validator",
    "ledger",
    "store",
    "engine",
    "notifier",
    "reconciler",
    "adapter",
    "portal",
    "aggregator",
    "indexer",
    "planner",
    "router",
    "auditor",
    "matcher",
    "archiver",
    "enricher",
    "tracker",
    "publisher",
    "resolver",
    "calculator",
    "monitor",
    "registry",
    "dispatcher",
)
ENTITIES = (
    "account",
    "address",
    "allocation",
    "approval",
    "batch",
    "booking",
    "case",
    "charge",
    "claim",
    "contract",
    "customer",
    "delivery",
    "document",
    "entry",
    "invoice",
    "item",
    "job",
    "limit",
    "listing",
    "message",
    "order",
    "parcel",
    "payment",
    "plan",
    "policy",
    "price",
    "quote",
    "refund",
    "report",
    "request",
    "reservation",
    "route",
    "schedule",
    "session",
    "settlement",
    "shipment",
    "slot",
    "statement",
    "subscription",
    "task",
    "ticket",
    "transfer",
    "vehicle",
    "voucher",
)
VERBS = (
    "Created",
    "Updated",
    "Approved",
    "Rejected",
    "Cancelled",
    "Completed",
    "Expired",
    "Assigned",
    "Scheduled",
    "Failed",
    "Archived",
    "Reopened",
)
TEAMS = (
    "alpha",
    "atlas",
    "aurora",
    "comet",
    "delta",
    "ember",
    "falcon",
    "harbor",
    "nova",
    "orbit",
    "pulse",
    "quartz",
    "summit",
    "vector",
    "zephyr",
)

SSO = "sso"
IDENTITY = "identity"


@dataclass
class Stream:
    topic: str
    events: list[str] | None  # None: every event (consumer) / unspecified (producer)


@dataclass
class Call:
    to: str
    name: str
    comment: str = ""


@dataclass
class View:
    name: str
    sources: list[str]


@dataclass
class Svc:
    name: str
    context: str
    layer: int  # 2 edge, 1 domain, 0 backend
    owner: str
    description: str
    tags: list[str] = field(default_factory=list)
    is_global: bool = False
    availability: float | None = None
    slo: float | None = None
    owns: list[str] = field(default_factory=list)
    produces: list[Stream] = field(default_factory=list)
    consumes: list[Stream] = field(default_factory=list)
    commands: list[Call] = field(default_factory=list)
    topic_commands: list[Call] = field(default_factory=list)  # Call.to holds the topic
    queries: list[Call] = field(default_factory=list)
    views: list[View] = field(default_factory=list)
    ignore: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # header comments: why a smell is there


@dataclass
class TopicDoc:
    name: str
    context: str
    description: str
    owner: str | None
    events: list[str]


def _camel(word: str) -> str:
    return "".join(part.capitalize() for part in word.split("-"))


def _plural(word: str) -> str:
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "sh", "ch", "x")):
        return word + "es"
    return word + "s"


def _context_sizes(n: int, rng: random.Random, contexts: int | None = None) -> list[int]:
    """Sizes of 10 to 30 that add up to n (a tiny estate is one context); or, given a
    number of contexts, that many sizes as even as can be."""
    if contexts is not None:
        count = max(1, min(contexts, n))
        return [n // count + (1 if i < n % count else 0) for i in range(count)]
    sizes: list[int] = []
    left = n
    while left > 0:
        if left <= 30:
            sizes.append(left)
            break
        size = rng.randint(10, 30)
        if left - size < 10:  # never leave a remainder too small to be a context
            size = left - 10
        sizes.append(size)
        left -= size
    return sizes


def _context_names(count: int) -> list[str]:
    names = [d + r for r in REGIONS for d in DOMAINS]
    k = 2
    while len(names) < count:
        names.extend(f"{d}-{k}" for d in DOMAINS)
        k += 1
    return names[:count]


class _Builder:
    """Builds the estate in memory; `files()` renders it. All randomness comes from rng."""

    def __init__(
        self, n: int, seed: int, shape: str = "standard", contexts: int | None = None
    ) -> None:
        self.shape = shape
        self.rng = random.Random(seed)
        self.seed = seed
        self.n = n
        self.contexts = contexts
        self.services: list[Svc] = []
        self.by_context: dict[str, list[Svc]] = {}
        self.topics: dict[str, TopicDoc] = {}  # every topic, documented or not
        self.documented: set[str] = set()
        self.writers: dict[str, list[Svc]] = {}
        self.context_owner: dict[str, str] = {}

    # -- the healthy estate -------------------------------------------------------------

    def build(self) -> None:
        rng = self.rng
        regular = self.n - 1  # one service is single sign-on
        sizes = _context_sizes(regular, rng, self.contexts) if regular > 0 else []
        for ctx, size in zip(_context_names(len(sizes)), sizes, strict=False):
            self.context_owner[ctx] = f"{ctx.split('-')[0]}-division"
            team = f"team-{rng.choice(TEAMS)}"
            members = []
            for i, role in enumerate(self._roles(size)):
                layer = 2 if i < max(1, size // 5) else (1 if i < size // 2 else 0)
                entity = rng.choice(ENTITIES)
                svc = Svc(
                    name=f"{ctx}-{role}",
                    context=ctx,
                    layer=layer,
                    owner=team if rng.random() < 0.7 else f"team-{rng.choice(TEAMS)}",
                    description=f"The {ctx} {role.split('-')[0]}, handling each {entity}.",
                    tags=[ctx.split("-")[0]] + (["edge"] if layer == 2 else []),
                    availability=rng.choice((99.9, 99.95, 99.95, 99.99)),
                )
                members.append(svc)
            self.by_context[ctx] = members
            self.services.extend(members)
        sso = Svc(
            name=SSO,
            context=IDENTITY,
            layer=0,
            owner="platform-team",
            description="Single sign-on for customers and staff.",
            is_global=True,
            availability=99.99,
        )
        self.context_owner[IDENTITY] = "platform-team"
        self.by_context[IDENTITY] = [sso]
        self.services.append(sso)
        for svc in self.services:
            if not svc.is_global:
                self._own_topics(svc)
        for svc in self.services:
            if not svc.is_global:
                self._consume(svc)
        self._cover_every_event()
        for members in self.by_context.values():
            self._sync_calls(members)
        self._command_topics()

    def _roles(self, size: int) -> list[str]:
        roles = list(ROLES)
        self.rng.shuffle(roles)
        out = roles[:size]
        k = 2
        while len(out) < size:
            out.extend(f"{r}-{k}" for r in roles[: size - len(out)])
            k += 1
        return out

    def _own_topics(self, svc: Svc) -> None:
        rng = self.rng
        for _ in range(1 if rng.random() < 0.6 else 2):
            entity = rng.choice(ENTITIES)
            name = f"{svc.context}.{_plural(entity)}"
            k = 2
            while name in self.topics:
                name = f"{svc.context}.{_plural(entity)}-{k}"
                k += 1
            events = [f"{_camel(entity)}{v}" for v in rng.sample(VERBS, rng.randint(2, 4))]
            self.topics[name] = TopicDoc(
                name, svc.context, f"Every change to a {entity} in {svc.context}.", svc.name, events
            )
            svc.owns.append(name)
            svc.produces.append(Stream(name, list(events)))
            self.writers[name] = [svc]
            if rng.random() < 0.3:
                self.documented.add(name)

    def _topics_in(self, ctx: str) -> list[str]:
        return [t for s in self.by_context[ctx] for t in s.owns]

    def _consume(self, svc: Svc) -> None:
        rng = self.rng
        wanted = rng.randint(2, 5)
        contexts = [c for c in self.by_context if c != IDENTITY]
        chosen: list[str] = []
        for _ in range(wanted * 3):  # bounded attempts
            if len(chosen) == wanted:
                break
            ctx = svc.context if rng.random() < 0.65 else rng.choice(contexts)
            candidates = [t for t in self._topics_in(ctx) if t not in svc.owns]
            if not candidates:
                continue
            topic = rng.choice(candidates)
            if topic not in chosen:
                chosen.append(topic)
        for topic in chosen:
            events = self.topics[topic].events
            if rng.random() < 0.2:
                svc.consumes.append(Stream(topic, None))
            else:
                picked = sorted(rng.sample(events, rng.randint(1, len(events))), key=events.index)
                svc.consumes.append(Stream(topic, picked))
            if self.topics[topic].context != svc.context and rng.random() < 0.5:
                svc.views.append(View(f"{topic.replace('.', '-')}-view", [topic]))

    def _cover_every_event(self) -> None:
        """Add consumers so that every event has one (a healthy estate has no RF003)."""
        taken: dict[str, set[str]] = {}
        for svc in self.services:
            for c in svc.consumes:
                taken.setdefault(c.topic, set()).update(
                    self.topics[c.topic].events if c.events is None else c.events
                )
        for name, doc in self.topics.items():
            missing = [e for e in doc.events if e not in taken.get(name, set())]
            if not missing:
                continue
            readers = [s for s in self.by_context[doc.context] if s.name != doc.owner]
            reader = self.rng.choice(readers) if readers else None
            if reader is None:  # a context of one service: anyone else will do
                reader = next(s for s in self.services if s.name != doc.owner and not s.is_global)
            entry = next((c for c in reader.consumes if c.topic == name), None)
            if entry is None:
                reader.consumes.append(Stream(name, missing))
            elif entry.events is not None:
                entry.events[:] = [e for e in doc.events if e in entry.events or e in missing]

    def _sync_calls(self, members: list[Svc]) -> None:
        """Edges call domain services, domain services call backends: chains of at most 2."""
        rng = self.rng
        by_layer = {k: [s for s in members if s.layer == k] for k in (0, 1, 2)}
        for svc in members:
            below = by_layer.get(svc.layer - 1, [])
            if not below or svc.is_global:
                continue
            for target in rng.sample(below, min(len(below), rng.randint(0, 2))):
                entity = _camel(rng.choice(ENTITIES))
                if rng.random() < 0.6:
                    svc.queries.append(Call(target.name, f"Get{entity}"))
                else:
                    svc.commands.append(Call(target.name, f"Submit{entity}"))
            if svc.layer == 2:
                svc.queries.insert(0, Call(SSO, "ValidateSession"))
                # edge -> domain -> backend, plus sso: at most 1 + 2 + 4 + 1 services
                svc.slo = 99.0

    def _command_topics(self) -> None:
        """Some contexts take requests from others as command messages on a topic they own."""
        rng = self.rng
        contexts = [c for c in self.by_context if c != IDENTITY]
        for ctx in contexts:
            domain = [s for s in self.by_context[ctx] if s.layer == 1]
            if not domain or rng.random() < 0.5:
                continue
            handler = rng.choice(domain)
            topic = f"{ctx}.commands"
            handler.owns.append(topic)
            handler.consumes.append(Stream(topic, None))  # every command sent to it
            entity = _camel(rng.choice(ENTITIES))
            for sender_ctx in rng.sample(contexts, min(len(contexts), 2)):
                if sender_ctx != ctx:
                    sender = rng.choice(self.by_context[sender_ctx])
                    sender.topic_commands.append(Call(topic, f"Request{entity}"))

    # -- violations -----------------------------------------------------------------------

    def sprinkle(self) -> None:
        """A few of each kind, in proportion to the estate, at deterministic places."""
        rng = self.rng
        regular = [s for s in self.services if not s.is_global]
        if len(self.by_context) < 3 or len(regular) < 20:
            return  # too small to hold violations between contexts
        k = max(1, self.n // 250)
        for i in range(k):
            self._foreign_write(rng.choice(regular), i)
            self._shared_unowned_topic(i)
            querier = rng.choice(regular)
            self._cross_context_call(querier, "query")
            if i == 0:  # one more, accepted with a suppression (so not reported)
                self._cross_context_call(
                    rng.choice([s for s in regular if s is not querier]), "query", suppress=True
                )
            self._cross_context_call(rng.choice(regular), "command")
            svc = rng.choice(regular)
            svc.queries.append(
                Call(
                    f"{svc.context}-legacy-{i}",
                    "GetLegacyRecord",
                    "retired last year; nobody removed the call",
                )
            )
            svc = rng.choice(regular)
            feed = f"{svc.context}.legacy-feed-{i}"
            svc.consumes.append(Stream(feed, None))
            svc.notes.append(f"consumes {feed}, which nothing writes any more")
            svc = rng.choice(regular)
            if svc.consumes:
                unread = next(
                    (t for t in self.topics if t not in {c.topic for c in svc.consumes}), None
                )
                if unread:
                    svc.views.append(View(f"stale-view-{i}", [unread]))
                    svc.notes.append(f"its stale-view-{i} reads a topic it does not consume")
            self._sync_cycle(i)
            self._impossible_slo()

    def _foreign_write(self, svc: Svc, i: int) -> None:
        foreign = [t for t in self.topics if self.topics[t].owner not in (None, svc.name)]
        topic = self.rng.choice(foreign)
        event = self.topics[topic].events[0]  # the owner writes it too: SW002 as well
        svc.produces.append(Stream(topic, [event]))
        self.writers.setdefault(topic, []).append(svc)
        svc.notes.append(f"writes {topic}, which {self.topics[topic].owner} owns")

    def _shared_unowned_topic(self, i: int) -> None:
        ctx = self.rng.choice([c for c in self.by_context if c != IDENTITY])
        members = self.by_context[ctx]
        a, b = self.rng.sample(members, 2)
        name = f"{ctx}.shared-audit-{i}"
        self.topics[name] = TopicDoc(
            name, ctx, "An audit trail that several services append to.", None, ["AuditRecorded"]
        )
        for svc in (a, b):
            svc.produces.append(Stream(name, ["AuditRecorded"]))
            svc.notes.append(f"writes {name}, which nobody owns")
        reader = next(s for s in members if s not in (a, b))
        reader.consumes.append(Stream(name, ["AuditRecorded"]))

    def _cross_context_call(self, svc: Svc, kind: str, suppress: bool = False) -> None:
        others = [s for s in self.services if s.context != svc.context and not s.is_global]
        target = self.rng.choice(others)
        entity = _camel(self.rng.choice(ENTITIES))
        if kind == "query":
            svc.queries.append(Call(target.name, f"Get{entity}", "across contexts"))
            if suppress:
                svc.ignore["CX001"] = "Replaced by a local view next quarter."
        else:
            svc.commands.append(Call(target.name, f"Submit{entity}", "across contexts"))

    def _sync_cycle(self, i: int) -> None:
        contexts = list(self.by_context)
        self.rng.shuffle(contexts)
        for ctx in contexts:
            callers = [s for s in self.by_context[ctx] if s.layer == 1 and s.queries]
            if callers:
                caller = callers[0]
                back = next(
                    (s for s in self.by_context[ctx] if s.name == caller.queries[0].to), None
                )
                if back is not None and back is not caller:
                    back.commands.append(
                        Call(caller.name, "NotifyCompletion", "calls back its caller: a cycle")
                    )
                    return

    def _impossible_slo(self) -> None:
        edges = [s for s in self.services if s.slo is not None and s.queries]
        if edges:
            svc = self.rng.choice(edges)
            svc.slo = 99.99
            svc.notes.append("promises more than its dependencies allow")

    # -- the dense shape --------------------------------------------------------------------

    def densify(self) -> None:
        """More synchronous calls inside each context, and about 1% of every call naming a
        service no manifest declares (half a typo of a real name, half a retired one).
        Its own random stream: the standard shape's draws are left as they were."""
        rng = random.Random(self.seed + 1_000_003)
        for members in self.by_context.values():
            for svc in members:
                others = [s for s in members if s is not svc and s.layer < svc.layer]
                for target in rng.sample(others, min(len(others), rng.randint(0, 3))):
                    svc.queries.append(Call(target.name, f"Get{_camel(rng.choice(ENTITIES))}"))
        calls = [c for s in self.services for c in (*s.queries, *s.commands)]
        for call in rng.sample(calls, max(1, len(calls) // 100)):
            if rng.random() < 0.5 and len(call.to) > 4:
                cut = rng.randrange(1, len(call.to) - 1)
                call.to = call.to[:cut] + call.to[cut + 1 :]  # a typo: did-you-mean finds it
            else:
                call.to = f"{call.to}-retired"
            call.comment = ""

    # -- rendering ------------------------------------------------------------------------

    def files(self) -> dict[str, str]:
        out: dict[str, str] = {}
        render_service = _render_dense if self.shape == "dense" else _render_service
        for svc in self.services:
            out[f"{svc.context}/{svc.name}.yaml"] = render_service(svc, self.seed)
        for ctx, members in self.by_context.items():
            out[f"{ctx}/context.yaml"] = (
                "apiVersion: archlint/v1\nkind: Context\nmetadata:\n"
                f"  name: {ctx}\n  description: The {ctx} bounded context, "
                f"{len(members)} services.\n  owner: {self.context_owner[ctx]}\n"
            )
            docs = [
                _render_topic(self.topics[t])
                for t in sorted(self.documented)
                if self.topics[t].context == ctx
            ]
            if docs:
                out[f"{ctx}/topics.yaml"] = "---\n".join(docs)
        return dict(sorted(out.items()))


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def _render_service(svc: Svc, seed: int) -> str:
    lines = [f"# Generated by benchmarks/generate_estate.py (seed {seed})."]
    lines += [f"# Deliberate smell: {note}." for note in svc.notes]
    lines += [
        "apiVersion: archlint/v1",
        "kind: Service",
        "metadata:",
        f"  name: {svc.name}",
        f"  context: {svc.context}",
        f"  owner: {svc.owner}",
        f"  description: {svc.description}",
    ]
    if svc.tags:
        lines.append(f"  tags: {_flow(svc.tags)}")
    lines.append("spec:")
    if svc.is_global:
        lines.append("  global: true")
    if svc.availability is not None:
        lines.append(f"  availability: {svc.availability}")
    if svc.slo is not None:
        lines.append(f"  slo: {svc.slo}")
    if svc.owns:
        lines.append(f"  owns: {_flow(svc.owns)}")
    for key, streams in (("produces", svc.produces), ("consumes", svc.consumes)):
        if streams:
            lines.append(f"  {key}:")
            for s in streams:
                lines.append(f"    - topic: {s.topic}")
                if s.events is not None:
                    lines.append(f"      events: {_flow(s.events)}")
    if svc.commands or svc.topic_commands:
        lines.append("  commands:")
        for c in svc.commands:
            lines.append(f"    - to: {c.to}" + (f"   # {c.comment}" if c.comment else ""))
            lines.append(f"      name: {c.name}")
        for c in svc.topic_commands:
            lines.append(f"    - topic: {c.to}")
            lines.append(f"      name: {c.name}")
    if svc.queries:
        lines.append("  queries:")
        for c in svc.queries:
            lines.append(f"    - to: {c.to}" + (f"   # {c.comment}" if c.comment else ""))
            lines.append(f"      name: {c.name}")
    if svc.views:
        lines.append("  views:")
        for v in svc.views:
            lines.append(f"    - name: {v.name}")
            lines.append(f"      from: {_flow(v.sources)}")
    if svc.ignore:
        lines.append("  ignore:")
        for code, reason in sorted(svc.ignore.items()):
            lines.append(f"    {code}: {reason}")
    return "\n".join(lines) + "\n"


def _render_dense(svc: Svc, seed: int) -> str:
    """The same manifest in flow style, without comments, owner or description."""
    meta = f"name: {svc.name}, context: {svc.context}"
    lines = ["apiVersion: archlint/v1", "kind: Service", f"metadata: {{{meta}}}", "spec:"]
    if svc.is_global:
        lines.append("  global: true")
    for key, value in (("availability", svc.availability), ("slo", svc.slo)):
        if value is not None:
            lines.append(f"  {key}: {value}")
    if svc.owns:
        lines.append(f"  owns: {_flow(svc.owns)}")
    for key, streams in (("produces", svc.produces), ("consumes", svc.consumes)):
        entries = [
            f"{{topic: {s.topic}}}"
            if s.events is None
            else f"{{topic: {s.topic}, events: {_flow(s.events)}}}"
            for s in streams
        ]
        if entries:
            lines.append(f"  {key}: {_flow(entries)}")
    commands = [f"{{to: {c.to}, name: {c.name}}}" for c in svc.commands]
    commands += [f"{{topic: {c.to}, name: {c.name}}}" for c in svc.topic_commands]
    for key, entries in (
        ("commands", commands),
        ("queries", [f"{{to: {c.to}, name: {c.name}}}" for c in svc.queries]),
        ("views", [f"{{name: {v.name}, from: {_flow(v.sources)}}}" for v in svc.views]),
    ):
        if entries:
            lines.append(f"  {key}: {_flow(entries)}")
    if svc.ignore:
        lines.append(
            f"  ignore: {{{', '.join(f'{k}: {r}' for k, r in sorted(svc.ignore.items()))}}}"
        )
    return "\n".join(lines) + "\n"


def _render_topic(doc: TopicDoc) -> str:
    lines = [
        "apiVersion: archlint/v1",
        "kind: Topic",
        "metadata:",
        f"  name: {doc.name}",
        f"  description: {doc.description}",
        "spec:",
    ]
    if doc.owner:
        lines.append(f"  owner: {doc.owner}")
    lines.append(f"  events: {_flow(doc.events)}")
    return "\n".join(lines) + "\n"


SHAPES = ("standard", "dense")


def render(
    n: int, seed: int = 0, shape: str = "standard", contexts: int | None = None
) -> dict[str, str]:
    """The estate's files, {path relative to the estate's folder: text}, sorted by path.
    `shape` "dense": more calls, about 1% of them to unknown services, in flow style;
    `contexts`: that many bounded contexts (default: contexts of 10 to 30 services)."""
    if n < 1:
        raise ValueError("an estate needs at least one service")
    if shape not in SHAPES:
        raise ValueError(f"shape must be one of {', '.join(SHAPES)}")
    builder = _Builder(n, seed, shape, contexts)
    builder.build()
    builder.sprinkle()
    if shape == "dense":
        builder.densify()
    return builder.files()


def generate(
    n: int, outdir: str, seed: int = 0, shape: str = "standard", contexts: int | None = None
) -> dict[str, int]:
    """Write the estate under outdir (which must be empty or new); return its counts."""
    if os.path.isdir(outdir) and os.listdir(outdir):
        raise FileExistsError(f"{outdir} is not empty; give a new or empty folder")
    files = render(n, seed, shape, contexts)
    for rel, text in files.items():
        path = os.path.join(outdir, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    return {
        "services": n,
        "files": len(files),
        "contexts": sum(1 for p in files if p.endswith("/context.yaml")),
        "bytes": sum(len(t.encode()) for t in files.values()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of services")
    parser.add_argument("outdir", help="folder to write (new or empty)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--shape",
        choices=SHAPES,
        default="standard",
        help="dense: more calls, ~1%% to unknown services, flow style (default standard)",
    )
    parser.add_argument(
        "--contexts",
        type=int,
        default=None,
        help="number of bounded contexts (default: contexts of 10 to 30 services)",
    )
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    if args.contexts is not None and args.contexts < 1:
        parser.error("--contexts must be at least 1")
    try:
        counts = generate(args.n, args.outdir, args.seed, args.shape, args.contexts)
    except FileExistsError as exc:
        print(f"generate_estate: {exc}", file=sys.stderr)
        return 2
    print(
        f"wrote {counts['services']} services in {counts['contexts']} contexts: "
        f"{counts['files']} files, {counts['bytes']} bytes, under {args.outdir}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
