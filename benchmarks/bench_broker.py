"""What do the broker rules (BR001 to BR006) add to a cold `archlint lint`?

    python benchmarks/bench_broker.py [--services 10000] [--users 10000] [--topics 20000]
                                      [--repeat 3] [--seed 0] [--check] [--max-ratio 0.3]

Generates an estate (benchmarks/generate_estate.py) and, beside it in `broker/`, Strimzi
resources for it: a KafkaUser per service (--users, one of them a Kafka Connect principal
with Write on `*`) granting Write on the topics it writes and Read on those it reads, every
twentieth one also a prefix grant named after one of its topics, and a KafkaTopic per topic
of the estate padded with unused topics up to --topics (BR005 reports those). Then times, each in a fresh process, the best of
--repeat rounds:

  floor   `archlint lint --format json` of the estate without its broker folder;
  broker  the same with it: reading 30,000 more YAML documents, the index, the BR checks.

and, in-process, the CPU time of the broker index and the six BR checks on the loaded
estate. It prints that time over the floor, what the broker checks add to a cold lint
(issue 12's target: at most 0.3; --check exits 1 above --max-ratio), and, for scale,
(broker - floor) / floor, which also holds reading the broker folder's YAML: as many bytes
as the manifests here, whose parsing no check can avoid.
Prefix grants are matched through the index (one dictionary lookup per distinct prefix
length), so neither time grows with grants x topics.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_estate import generate

import archlint
from archlint.config.settings import Config
from archlint.interactions import Interactions
from archlint.rule_pages import builtin_rules

BATCH = 200  # resources per file


def _user(name: str, grants: list[tuple[str, str, str]]) -> str:
    acls = "".join(
        f"      - resource: {{type: topic, name: {topic!r}, patternType: {kind}}}\n"
        f"        operations: [{operation}]\n"
        for topic, kind, operation in grants
    )
    return (
        f"apiVersion: kafka.strimzi.io/v1\nkind: KafkaUser\nmetadata:\n  name: {name}\n"
        f"spec:\n  authentication:\n    type: tls\n  authorization:\n    type: simple\n"
        f"    acls:\n{acls}"
    )


def _topic(name: str) -> str:
    return (
        f"apiVersion: kafka.strimzi.io/v1\nkind: KafkaTopic\nmetadata:\n  name: {name}\n"
        "spec:\n  partitions: 6\n  replicas: 3\n"
    )


def _write(folder: Path, stem: str, documents: list[str]) -> None:
    for i in range(0, len(documents), BATCH):
        text = "---\n".join(documents[i : i + BATCH])
        (folder / f"{stem}-{i // BATCH:04d}.yaml").write_text(text, encoding="utf-8")


def write_broker(root: str, users: int, topics: int, seed: int) -> tuple[int, int]:
    """Strimzi resources for the estate under root, in root/broker; (users, topics) written."""
    rng = random.Random(seed)
    estate = archlint.lint([root], Config(), baseline=False).interactions
    grants: dict[str, list[tuple[str, str, str]]] = {s.name: [] for s in estate.estate.services}
    for name, facts in estate.topics.items():
        for s in sorted(set(facts.writers) | set(facts.command_senders)):
            grants[s].append((name, "literal", "Write"))
        for s in facts.readers:
            grants[s].append((name, "literal", "Read"))
    names = sorted(grants)
    for i, s in enumerate(names):
        own = [t for t, _, op in grants[s] if op == "Write"]
        if i % 20 == 0 and own:  # a prefix grant on its own topic's name
            grants[s].append((own[0], "prefix", "Write"))
    users_docs = [_user(s, grants[s]) for s in names[: users - 1]]
    users_docs.append(_user("connect-cluster", [("*", "literal", "Write")]))  # BR006
    users_docs += [_user(f"extra-user-{i}", []) for i in range(users - len(users_docs))]
    topic_names = list(estate.topics)
    topic_names += [f"unused-{i}-{rng.randrange(10**6)}" for i in range(topics - len(topic_names))]
    folder = Path(root) / "broker"
    folder.mkdir()
    _write(folder, "users", users_docs)
    _write(folder, "topics", [_topic(t) for t in topic_names[:topics]])
    return len(users_docs), min(topics, len(topic_names))


def _bytes(folder: str) -> int:
    return sum(p.stat().st_size for p in Path(folder).rglob("*.yaml"))


def cold(root: str) -> float:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "archlint", "lint", "--format", "json", root], capture_output=True
    )
    if proc.returncode not in (0, 1):
        raise RuntimeError(proc.stderr.decode())
    return time.perf_counter() - start


def checks_cpu(root: str) -> tuple[float, int]:
    """CPU seconds of the broker index (principals, grants by pattern) and the six BR
    checks, in-process, on an interaction index built beforehand; their findings."""
    result = archlint.lint([root], Config(), baseline=False)
    rules = builtin_rules().rules
    interactions = Interactions(result.estate)  # the manifests' index: the floor's work
    interactions.topics  # noqa: B018  (built, outside the timer)
    start = time.process_time()
    found = 0
    for code in ("BR001", "BR002", "BR003", "BR004", "BR005", "BR006"):
        check = rules[code].check
        assert check is not None
        found += sum(1 for _ in check(interactions, rules[code].spec.defaults))
    return time.process_time() - start, found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--topics", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--check", action="store_true", help="exit 1 above --max-ratio")
    parser.add_argument("--max-ratio", type=float, default=0.3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = os.path.join(tmp, "estate")
        generate(args.services, root, args.seed)
        users, topics = write_broker(root, args.users, args.topics, args.seed)
        plain = os.path.join(tmp, "plain")
        shutil.copytree(root, plain, ignore=shutil.ignore_patterns("broker"))
        print(f"{args.services} services, {users} KafkaUsers, {topics} KafkaTopics")
        rounds = []
        for i in range(args.repeat):
            floor, broker = cold(plain), cold(root)
            rounds.append((floor, broker))
            print(f"  cold round {i + 1}: floor {floor:.2f}s  with broker {broker:.2f}s")
        floor = min(r[0] for r in rounds)
        broker = min(r[1] for r in rounds)
        cpu, found = checks_cpu(root)
        sizes = (_bytes(plain), _bytes(os.path.join(root, "broker")))
    ratio = cpu / floor
    print(f"floor: a cold lint without broker/ {floor:.2f}s; with broker/ {broker:.2f}s")
    print(
        f"the broker checks (index and BR001..BR006, {found} findings) add {cpu:.2f}s CPU: "
        f"{ratio:.2f}x the floor (target: at most {args.max_ratio}x)"
    )
    print(
        f"reading broker/ too ({sizes[1] / 1e6:.1f} MB of YAML beside {sizes[0] / 1e6:.1f} MB "
        f"of manifests) and the checks add {(broker - floor) / floor:.2f}x the floor"
    )
    return 1 if args.check and ratio > args.max_ratio else 0


if __name__ == "__main__":
    raise SystemExit(main())
