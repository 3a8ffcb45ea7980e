"""A cached lint prints what an uncached one does, after edits that change what the rules see.

The guard for incremental checking (a lint after a few files changed re-runs the rules only
where those files' services and topics reach): random semantic edits to generated estates,
each followed by a cached and an uncached run compared byte for byte; and one scenario per
way a finding can appear or vanish in a file that did not change.
"""

from __future__ import annotations

import difflib
import importlib.util
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import REPO, run_cli, write_files
from helpers.file_edits import random_edit
from helpers.semantic_edits import EditedEstate, write

from archlint.cache import lint as cache_lint

_spec = importlib.util.spec_from_file_location(
    "generate_estate", REPO / "benchmarks" / "generate_estate.py"
)
generate_estate = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = generate_estate  # dataclasses look their module up there
_spec.loader.exec_module(generate_estate)

OTHER_FORMATS = ("sarif", "text", "full", "grouped")
# Command-line selections some steps add (to both runs).
OTHER_ARGS = (("--ignore", "RF003"), ("--select", "SW,RF,AL005"), ("--fail-on", "warning"))

# Configurations the random test switches between (None: no archlint.yaml at all).
CONFIGS: tuple[str | None, ...] = (
    None,
    "rules:\n  SY002: {max-depth: 1}\n  CX002: error\n  RF003: 'off'\n",
    "ignore: [SW004, produced-never-consumed]\nfail-on: warning\n",
    "select: [SW, RF001, AL]\n",
    "ruleset: strict\nrules:\n  SY003: {assumed-availability: 99.9}\n",
    "exclude: [dupes]\nfail-on: never\n",
    "custom-rules:\n"
    "  - code: ORG001\n"
    "    slug: no-cross-context-gets\n"
    "    message: Nothing queries another context's Get operations.\n"
    "    forbid: {kind: query, name: 'Get*', cross-context: true}\n",
)


@pytest.fixture(params=[None, 0], ids=["as-shipped", "stat-trusted-at-once"])
def racy_window(request, monkeypatch):
    """As shipped, a file changed within 2 s of a run's look is read again; with no window
    its recorded stat is trusted at once (so every edit must change the stat, as
    semantic_edits.write does)."""
    if request.param is not None:
        monkeypatch.setattr(cache_lint, "_RACY_NS", request.param)
    return request.param


def _lint(cwd: Path, *args: str) -> tuple[int, str]:
    result = run_cli(["lint", "estate", *args], cwd=cwd)
    return result.exit_code, result.output


def _assert_same(uncached: tuple[int, str], cached: tuple[int, str], context: str) -> None:
    """Fail, saying `context` and the start of a unified diff, unless the runs agree."""
    if cached == uncached:
        return
    diff = difflib.unified_diff(
        uncached[1].splitlines(), cached[1].splitlines(), "uncached", "cached", lineterm="", n=1
    )
    shown = list(diff)
    pytest.fail(
        f"{context}\nexit codes: uncached {uncached[0]}, cached {cached[0]}\n"
        + "\n".join(shown[:40])
        + ("\n..." if len(shown) > 40 else ""),
        pytrace=False,
    )


def _configure(root: Path, rng: random.Random) -> str:
    config = rng.choice(CONFIGS)
    path = root / "archlint.yaml"
    if config is None:
        path.unlink(missing_ok=True)
        return "config: none"
    write(path, config)
    return "config: " + " ".join(config.split())


STEPS = 60


@pytest.mark.parametrize(
    ("shape", "seed", "services"),
    [("standard", 1, 60), ("dense", 2, 50), ("standard", 3, 45)],
    ids=["standard-1", "dense-2", "standard-3"],
)
def test_cached_equals_uncached_under_random_semantic_edits(
    tmp_path, racy_window, shape, seed, services
):
    """After every edit: a cached run (sometimes twice: the second replays) prints, byte for
    byte, what an uncached one does, with the same exit code; json mostly, other formats and
    configurations now and then. A failure names the seeds, the step and every edit so far."""
    generate_estate.generate(services, str(tmp_path / "estate"), seed=seed, shape=shape)
    edit_seed = seed * 1000 + (racy_window is None)
    rng = random.Random(edit_seed)
    estate = EditedEstate(tmp_path / "estate", rng)
    cache = str(tmp_path / "cache")
    first = _lint(tmp_path, "--format", "json", "--cache-dir", cache)
    estate.findings = json.loads(first[1])["findings"]
    history: list[str] = []
    for step in range(STEPS):
        history.append(f"{step}: {random_edit(estate)}")
        if rng.random() < 0.15:
            history.append(f"{step}: {_configure(tmp_path, rng)}")
        output_format = "json" if rng.random() < 0.7 else rng.choice(OTHER_FORMATS)
        args = ("--format", output_format, *(rng.choice(OTHER_ARGS) if rng.random() < 0.1 else ()))
        uncached = _lint(tmp_path, *args, "--no-cache")
        for run in ("cached", "replayed")[: 2 if rng.random() < 0.3 else 1]:
            cached = _lint(tmp_path, *args, "--cache-dir", cache)
            context = (
                f"{shape} estate of {services} services (seed {seed}), edits seeded {edit_seed},"
                f" racy window {racy_window}: step {step}, {run} {' '.join(args)}, after"
                "\n  " + "\n  ".join(history)
            )
            _assert_same(uncached, cached, context)
        if args == ("--format", "json"):
            estate.findings = json.loads(uncached[1])["findings"]


# -- scenarios: a finding appears or vanishes in a file that did not change -------------------


def _service(name: str, context: str = "shop", spec: str = "{}") -> str:
    return (
        "apiVersion: archlint/v1\nkind: Service\n"
        f"metadata: {{name: {name}, context: {context}}}\nspec: {spec}\n"
    )


Findings = list[dict[str, Any]]


def _before_after(
    tmp_path: Path, files: dict[str, str], changes: dict[str, str | None]
) -> tuple[Findings, Findings]:
    """Write `files` under estate/, lint with the cache, apply `changes` (a path under the
    working folder -> its new text, None: deleted), lint cached (twice: the second replays)
    and uncached: all the same. Returns the findings before and after."""
    write_files(tmp_path / "estate", files)
    cache = str(tmp_path / "cache")
    before = _lint(tmp_path, "--format", "json", "--cache-dir", cache)
    for name, text in changes.items():
        if text is None:
            (tmp_path / name).unlink()
        else:
            write(tmp_path / name, text)
    uncached = _lint(tmp_path, "--format", "json", "--no-cache")
    for run in ("cached", "replayed"):
        _assert_same(uncached, _lint(tmp_path, "--format", "json", "--cache-dir", cache), run)
    return json.loads(before[1])["findings"], json.loads(uncached[1])["findings"]


def _at(findings: Findings) -> set[tuple[str, str]]:
    """(code, file name) of each finding."""
    return {(f["code"], Path(f["path"]).name) for f in findings}


def test_owning_a_written_topic_makes_its_unchanged_writer_foreign(tmp_path, racy_window):
    files = {
        "owner.yaml": _service("owner"),
        "writer.yaml": _service("writer", spec="{produces: [{topic: audit}]}"),
        "reader.yaml": _service("reader", spec="{consumes: [{topic: audit}]}"),
    }
    change = {"estate/owner.yaml": _service("owner", spec="{owns: [audit]}")}
    before, after = _before_after(tmp_path, files, change)
    assert ("SW004", "writer.yaml") in _at(before)
    assert ("SW003", "writer.yaml") in _at(after)
    assert ("SW004", "writer.yaml") not in _at(after)


def test_a_writer_struck_from_a_topics_writers_writes_a_foreign_topic_again(tmp_path, racy_window):
    topic = (
        "apiVersion: archlint/v1\nkind: Topic\nmetadata: {name: orders}\nspec: {writers: [%s]}\n"
    )
    files = {
        "owner.yaml": _service("owner", spec="{owns: [orders], produces: [{topic: orders}]}"),
        "helper.yaml": _service("helper", spec="{produces: [{topic: orders}]}"),
        "reader.yaml": _service("reader", spec="{consumes: [{topic: orders}]}"),
        "topics.yaml": topic % "helper",
    }
    before, after = _before_after(tmp_path, files, {"estate/topics.yaml": topic % "reader"})
    assert ("SW003", "helper.yaml") not in _at(before)
    assert ("SW003", "helper.yaml") in _at(after)


def test_a_second_owner_puts_an_owner_conflict_in_the_unchanged_first_owner(tmp_path, racy_window):
    files = {
        "zeta.yaml": _service("zeta", spec="{owns: [orders], produces: [{topic: orders}]}"),
        "alpha.yaml": _service("alpha"),
        "reader.yaml": _service("reader", spec="{consumes: [{topic: orders}]}"),
    }
    before, after = _before_after(
        tmp_path, files, {"estate/alpha.yaml": _service("alpha", spec="{owns: [orders]}")}
    )
    assert ("SW005", "zeta.yaml") not in _at(before)
    assert ("SW005", "zeta.yaml") in _at(after)


def test_a_command_no_longer_sent_to_a_topic_starves_its_unchanged_consumer(tmp_path, racy_window):
    """A command sent to a topic is not a write, but it is what the topic's consumer reads:
    the sender stops, and the consumer consumes a topic nothing produces (RF002)."""
    files = {
        "handler.yaml": _service(
            "handler", spec="{owns: [requests], consumes: [{topic: requests}]}"
        ),
        "sender.yaml": _service("sender", spec="{commands: [{topic: requests, name: Ask}]}"),
    }
    before, after = _before_after(tmp_path, files, {"estate/sender.yaml": _service("sender")})
    assert ("RF002", "handler.yaml") not in _at(before)
    assert ("RF002", "handler.yaml") in _at(after)


def test_a_deleted_service_leaves_its_unchanged_callers_calling_nobody(tmp_path, racy_window):
    files = {
        "stock.yaml": _service("stock"),
        "basket.yaml": _service("basket", spec="{queries: [{to: stock, name: GetLevel}]}"),
    }
    before, after = _before_after(tmp_path, files, {"estate/stock.yaml": None})
    assert ("RF001", "basket.yaml") not in _at(before)
    assert ("RF001", "basket.yaml") in _at(after)


def test_a_broken_then_fixed_file_takes_its_service_away_and_back(tmp_path, racy_window):
    stock = _service("stock")
    files = {
        "stock.yaml": stock,
        "basket.yaml": _service("basket", spec="{queries: [{to: stock, name: GetLevel}]}"),
    }
    broken = {"estate/stock.yaml": stock + "spec: [unclosed\n"}
    before, after = _before_after(tmp_path, files, broken)
    assert ("AL001", "stock.yaml") in _at(after)
    assert ("RF001", "basket.yaml") in _at(after) - _at(before)
    _, fixed = _before_after(tmp_path, {}, {"estate/stock.yaml": stock})
    assert _at(fixed) == _at(before)


def test_a_renamed_service_changes_an_unchanged_callers_did_you_mean(tmp_path, racy_window):
    files = {
        "caller.yaml": _service("caller", spec="{queries: [{to: payments-ap, name: Pay}]}"),
        "payments.yaml": _service("payments-apis"),
        "ledger.yaml": _service("ledger"),
    }
    change = {"estate/ledger.yaml": _service("payments-api")}
    before, after = _before_after(tmp_path, files, change)
    suggested = [
        re.findall(r"did you mean ([^?]*)\?", f["message"])
        for f in before + after
        if f["code"] == "RF001"
    ]
    assert suggested == [["'payments-apis'"], ["'payments-api'"]]


def test_a_callee_moving_context_gives_its_unchanged_caller_cx001(tmp_path, racy_window):
    files = {
        "stock.yaml": _service("stock"),
        "basket.yaml": _service("basket", spec="{queries: [{to: stock, name: GetLevel}]}"),
    }
    change = {"estate/stock.yaml": _service("stock", "inventory")}
    before, after = _before_after(tmp_path, files, change)
    assert ("CX001", "basket.yaml") not in _at(before)
    assert ("CX001", "basket.yaml") in _at(after)


def test_a_second_writer_gives_the_unchanged_first_one_sw001(tmp_path, racy_window):
    files = {
        "first.yaml": _service("first", spec="{produces: [{topic: audit}]}"),
        "second.yaml": _service("second"),
        "reader.yaml": _service("reader", spec="{consumes: [{topic: audit}]}"),
    }
    change = {"estate/second.yaml": _service("second", spec="{produces: [{topic: audit}]}")}
    before, after = _before_after(tmp_path, files, change)
    assert ("SW001", "first.yaml") not in _at(before)
    assert ("SW001", "first.yaml") in _at(after)


def test_a_suppression_in_an_unchanged_service_falls_out_of_use(tmp_path, racy_window):
    """basket excuses its query into another context; stock moves into basket's context, the
    query is no longer CX001, and basket's excuse is reported unused (AL005)."""
    excused = "{queries: [{to: stock, name: GetLevel}], ignore: {CX001: Until Q3.}}"
    files = {
        "stock.yaml": _service("stock", "inventory"),
        "basket.yaml": _service("basket", spec=excused),
    }
    before, after = _before_after(tmp_path, files, {"estate/stock.yaml": _service("stock")})
    assert not {f["code"] for f in before} & {"CX001", "AL005"}
    assert ("AL005", "basket.yaml") in _at(after)


def test_a_new_call_closes_a_cycle_through_unchanged_services(tmp_path, racy_window):
    files = {
        "a.yaml": _service("a", spec="{queries: [{to: b, name: GetB}]}"),
        "b.yaml": _service("b", spec="{queries: [{to: c, name: GetC}]}"),
        "c.yaml": _service("c"),
    }
    change = {"estate/c.yaml": _service("c", spec="{commands: [{to: a, name: Tell}]}")}
    before, after = _before_after(tmp_path, files, change)
    assert "SY001" not in {f["code"] for f in before}
    cycles = [f["entities"]["services"] for f in after if f["code"] == "SY001"]
    assert cycles == [["a", "b", "c"]]


def test_a_topic_documents_owner_deleted_leaves_it_naming_nobody(tmp_path, racy_window):
    files = {
        "auditor.yaml": _service("auditor", spec="{owns: [audit], produces: [{topic: audit}]}"),
        "helper.yaml": _service("helper", spec="{produces: [{topic: audit}]}"),
        "reader.yaml": _service("reader", spec="{consumes: [{topic: audit}]}"),
        "topics.yaml": "apiVersion: archlint/v1\nkind: Topic\nmetadata: {name: audit}\n"
        "spec: {owner: auditor, writers: [helper]}\n",
    }
    before, after = _before_after(tmp_path, files, {"estate/auditor.yaml": None})
    assert ("RF001", "topics.yaml") not in _at(before)
    assert ("RF001", "topics.yaml") in _at(after)


def test_a_duplicate_earlier_in_path_order_flags_the_unchanged_later_file(tmp_path, racy_window):
    files = {"z-orders.yaml": _service("orders"), "basket.yaml": _service("basket")}
    before, after = _before_after(tmp_path, files, {"estate/a.yaml": _service("orders")})
    assert ("AL004", "z-orders.yaml") not in _at(before)
    assert ("AL004", "z-orders.yaml") in _at(after)


def test_a_writer_gone_leaves_its_unchanged_consumer_reading_nothing(tmp_path, racy_window):
    files = {
        "writer.yaml": _service("writer", spec="{owns: [audit], produces: [{topic: audit}]}"),
        "reader.yaml": _service("reader", spec="{consumes: [{topic: audit}]}"),
    }
    before, after = _before_after(tmp_path, files, {"estate/writer.yaml": _service("writer")})
    assert ("RF002", "reader.yaml") not in _at(before)
    assert ("RF002", "reader.yaml") in _at(after)


def test_a_service_two_calls_away_less_available_breaks_an_unchanged_slo(tmp_path, racy_window):
    """edge -> middle -> core: core's availability drops, edge (which calls middle, not core,
    and whose file is unchanged) no longer meets its slo."""
    files = {
        "edge.yaml": _service("edge", spec="{slo: 99.9, queries: [{to: middle, name: GetM}]}"),
        "middle.yaml": _service("middle", spec="{queries: [{to: core, name: GetCore}]}"),
        "core.yaml": _service("core", spec="{availability: 99.99}"),
    }
    change = {"estate/core.yaml": _service("core", spec="{availability: 99.0}")}
    before, after = _before_after(tmp_path, files, change)
    assert ("SY003", "edge.yaml") not in _at(before)
    assert ("SY003", "edge.yaml") in _at(after)


def test_a_call_at_the_far_end_of_a_chain_makes_its_unchanged_head_too_deep(tmp_path, racy_window):
    """a -> b -> c -> d is 3 calls, as deep as allowed; d calling e makes a's chain 4 (SY002)."""
    calls = {"a": "b", "b": "c", "c": "d"}
    files = {
        f"{name}.yaml": _service(name, spec=f"{{queries: [{{to: {to}, name: Get}}]}}")
        for name, to in calls.items()
    }
    files |= {"d.yaml": _service("d"), "e.yaml": _service("e")}
    change = {"estate/d.yaml": _service("d", spec="{commands: [{to: e, name: Do}]}")}
    before, after = _before_after(tmp_path, files, change)
    assert ("SY002", "a.yaml") not in _at(before)
    assert ("SY002", "a.yaml") in _at(after)


def test_a_configuration_change_alone_moves_findings(tmp_path, racy_window):
    """No manifest changes, the configuration does: a rule's option gives a finding."""
    files = {
        "a.yaml": _service("a", spec="{queries: [{to: b, name: GetB}]}"),
        "b.yaml": _service("b", spec="{queries: [{to: c, name: GetC}]}"),
        "c.yaml": _service("c"),
    }
    change = {"archlint.yaml": "rules:\n  SY002: {max-depth: 1}\n"}
    before, after = _before_after(tmp_path, files, change)
    assert ("SY002", "a.yaml") not in _at(before)
    assert ("SY002", "a.yaml") in _at(after)
