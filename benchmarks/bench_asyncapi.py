"""How long does `archlint lint` take on AsyncAPI documents, next to merely parsing them?

    python benchmarks/bench_asyncapi.py [--documents 1000] [--repeat 5] [--seed 0]
                                        [--check] [--max-ratio 3.0] [--keep DIR]

Generates an estate of AsyncAPI 3.0 documents, one per service (info with x-context or a
`context:` tag, servers, channels with addresses, parameters and Kafka bindings, messages
and payload schemas in components behind `$ref`s, send and receive operations, a few
commands and request/reply queries), then times, in one process and interleaved so both
see the same machine load:

  parse  reading every document and parsing it with PyYAML's C loader
         (yaml.load_all with CSafeLoader), the floor for any YAML-based tool;
  lint   the whole `archlint lint --format json` command, in-process through click:
         configuration, loading, AsyncAPI conversion with $ref resolution, the graph,
         every check, and the JSON output.

Each is repeated and the best time kept, by wall clock and by this process's CPU time.
Prints both and lint/parse. With --check, exits 1 when the ratio on --clock (default wall)
is above --max-ratio (the target of issue 5: under 3x). Not a unit test: `make bench`.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_lint import manifest_paths, measure_rounds, ratio_arguments, verdict

CONTEXTS = (
    "orders",
    "payments",
    "shipping",
    "catalogue",
    "customers",
    "billing",
    "stock",
    "pricing",
    "identity",
    "support",
    "marketing",
    "reporting",
)
ENTITIES = (
    "order",
    "payment",
    "parcel",
    "product",
    "customer",
    "invoice",
    "item",
    "price",
    "account",
    "ticket",
    "campaign",
    "report",
    "refund",
    "quote",
    "booking",
)
VERBS = ("Created", "Updated", "Cancelled", "Approved", "Rejected", "Completed")


def _camel(word: str) -> str:
    return word[:1].upper() + word[1:]


def _plan(n: int, rng: random.Random) -> list[dict]:
    """Who writes which topics, and who reads them: the estate before any YAML."""
    services = []
    for i in range(n):
        context = CONTEXTS[i % len(CONTEXTS)]
        entity = ENTITIES[(i // len(CONTEXTS)) % len(ENTITIES)]
        name = f"{context}-{entity}-{i}"
        topics = [f"{context}.{entity}.{i}.events"]
        if rng.random() < 0.3:
            topics.append(f"{context}.{entity}.{i}.audit")
        services.append(
            {
                "name": name,
                "context": context,
                "entity": entity,
                "topics": topics,
                "events": {
                    t: [f"{_camel(entity)}{v}" for v in rng.sample(VERBS, 3)] for t in topics
                },
            }
        )
    for svc in services:
        same = [s for s in services if s["context"] == svc["context"] and s is not svc]
        others = rng.sample(same, min(3, len(same))) + rng.sample(services, 2)
        svc["reads"] = []
        for other in others:
            if other is svc:
                continue
            topic = rng.choice(other["topics"])
            events = other["events"][topic]
            svc["reads"].append((topic, rng.sample(events, rng.randint(1, len(events)))))
        svc["commands"] = []
        if same and rng.random() < 0.2:
            target = rng.choice(same)
            svc["commands"].append(
                (f"{target['name']}.commands", f"Do{_camel(target['entity'])}", target)
            )
            target.setdefault("handles", []).append(f"Do{_camel(target['entity'])}")
        svc["query"] = rng.choice(same) if same and rng.random() < 0.15 else None
    return services


def _payload(entity: str, rng: random.Random) -> list[str]:
    fields = [
        f"{entity}Id",
        "occurredAt",
        "version",
        "source",
        "amount",
        "currency",
        "status",
        "reason",
        "correlationId",
        "tenant",
    ]
    lines = [
        "      type: object",
        "      required: [" + f"{entity}Id, occurredAt]",
        "      properties:",
    ]
    for field in rng.sample(fields, rng.randint(5, len(fields))):
        kind = "integer" if field in ("version", "amount") else "string"
        lines += [
            f"        {field}:",
            f"          type: {kind}",
            f"          description: The {field} of the {entity}.",
        ]
        if field == "occurredAt":
            lines.append("          format: date-time")
    return lines


def render_document(svc: dict, rng: random.Random) -> str:
    """One service's AsyncAPI 3.0 document."""
    entity = svc["entity"]
    info_context = (
        f"  x-context: {svc['context']}"
        if rng.random() < 0.8
        else f"  tags:\n    - name: 'context:{svc['context']}'\n    - name: 'team:core'"
    )
    out = [
        "asyncapi: 3.0.0",
        "info:",
        f"  title: {svc['name'].replace('-', ' ').title()}",
        "  version: 1.4.2",
        f"  description: Publishes {entity} events for the "
        f"{svc['context']} context and reacts to what it needs from others.",
        info_context,
        "  x-archlint-service: " + svc["name"],
        "defaultContentType: application/json",
        "servers:",
        "  production:",
        "    host: kafka.internal:9092",
        "    protocol: kafka",
        "    description: The production cluster.",
        "channels:",
    ]
    messages: dict[str, str] = {}
    ops: list[str] = []
    for t, topic in enumerate(svc["topics"]):
        key = f"own{t}"
        out += [
            f"  {key}:",
            f"    address: {topic}",
            "    x-archlint-owns: true",
            "    bindings:",
            "      kafka:",
            f"        topic: {topic}",
            "        partitions: 12",
            "        replicas: 3",
            "    messages:",
        ]
        for event in svc["events"][topic]:
            out += [f"      {event}:", f"        $ref: '#/components/messages/{event}'"]
            messages[event] = entity
        ops += [
            f"  publish{_camel(key)}:",
            "    action: send",
            f"    channel:\n      $ref: '#/channels/{key}'",
            f"    summary: Announce {entity} changes.",
        ]
    for r, (topic, events) in enumerate(svc["reads"]):
        key = f"in{r}"
        out += [f"  {key}:", f"    address: {topic}", "    messages:"]
        for event in events:
            out += [f"      {event}:", f"        $ref: '#/components/messages/{event}'"]
            messages.setdefault(event, event[:1].lower())
        ops += [
            f"  consume{_camel(key)}:",
            "    action: receive",
            f"    channel:\n      $ref: '#/channels/{key}'",
            "    bindings:\n      kafka:\n        groupId:\n          type: string\n"
            f"          enum: ['{svc['name']}']",
        ]
    for c, (topic, name, _) in enumerate(svc["commands"]):
        key = f"cmd{c}"
        out += [
            f"  {key}:",
            f"    address: {topic}",
            "    messages:",
            f"      {name}:",
            "        x-eventcatalog-message-type: command",
            "        payload:\n          type: object",
        ]
        ops += [
            f"  send{_camel(key)}:",
            "    action: send",
            f"    channel:\n      $ref: '#/channels/{key}'",
        ]
    for h, name in enumerate(sorted(set(svc.get("handles", ())))):
        key = f"handle{h}"
        out += [
            f"  {key}:",
            f"    address: {svc['name']}.commands",
            "    messages:",
            f"      {name}:",
            "        x-eventcatalog-message-type: command",
            "        payload:\n          type: object",
        ]
        ops += [
            f"  on{_camel(key)}:",
            "    action: receive",
            f"    channel:\n      $ref: '#/channels/{key}'",
        ]
    if svc["query"] is not None:
        target = svc["query"]["name"]
        out += [
            "  lookup:",
            f"    address: {target}.lookups",
            "    messages:",
            "      Lookup:",
            "        x-eventcatalog-message-type: query",
            "  lookupReplies:",
            f"    address: {svc['name']}.lookup-replies",
            "    messages:",
            "      LookupResult: {}",
        ]
        ops += [
            "  askLookup:",
            "    action: send",
            "    channel:\n      $ref: '#/channels/lookup'",
            f"    x-archlint-target: {target}",
            "    reply:\n      channel:\n        $ref: '#/channels/lookupReplies'",
        ]
    out += ["operations:", *ops, "components:", "  messages:"]
    for event in sorted(messages):
        out += [
            f"    {event}:",
            f"      name: {event}",
            f"      title: {event}",
            "      contentType: application/json",
            f"      payload:\n        $ref: '#/components/schemas/{event}Payload'",
        ]
    out.append("  schemas:")
    for event in sorted(messages):
        out.append(f"    {event}Payload:")
        out += ["  " + line for line in _payload(messages[event], rng)]
    return "\n".join(out) + "\n"


def render(n: int, seed: int = 0) -> dict[str, str]:
    """{relative path: text}: n documents, and the configuration."""
    rng = random.Random(seed)
    files = {
        f"services/{s['context']}/{s['name']}/asyncapi.yaml": render_document(s, rng)
        for s in _plan(n, rng)
    }
    files["archlint.yaml"] = "asyncapi:\n  contexts:\n    'services/reporting/**': reporting\n"
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=1000, help="documents (1000)")
    ratio_arguments(parser, max_ratio=3.0)
    parser.add_argument("--keep", help="write the documents here and keep them")
    args = parser.parse_args(argv)
    if not getattr(yaml, "CSafeLoader", None):
        print(
            "bench_asyncapi: PyYAML has no C loader (libyaml) here; the baseline would be "
            "the pure-Python parser, which is meaningless",
            file=sys.stderr,
        )
        return 2
    with tempfile.TemporaryDirectory(prefix="archlint-bench-asyncapi-") as tmp:
        root = args.keep or os.path.join(tmp, "estate")
        files = render(args.documents, args.seed)
        for rel, text in files.items():
            path = Path(root, rel)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        size = sum(len(t.encode()) for t in files.values())
        print(
            f"generated {args.documents} AsyncAPI 3.0 documents ({size / 1e6:.1f} MB), "
            f"seed {args.seed}"
        )
        paths = [p for p in manifest_paths(root) if not p.endswith("archlint.yaml")]
        best, documents, report = measure_rounds(root, paths, max(1, args.repeat))
        summary = report["summary"]
        codes = sorted({f["code"] for f in report["findings"]})
        print(
            f"documents {documents}, services {summary['services']}; findings: "
            f"{summary['error']} error, {summary['warning']} warning, {summary['info']} info "
            f"({', '.join(codes)})"
        )
        if summary["services"] != args.documents:
            print("bench_asyncapi: not every document became a service", file=sys.stderr)
            return 1
    return verdict("bench_asyncapi", best, args.clock, args.max_ratio, args.check)


if __name__ == "__main__":
    sys.exit(main())
