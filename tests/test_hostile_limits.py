"""Limits (issue 15's `limits:`): each limit, configured low, is one AL006 finding at its place,
the rest of the estate still checked; `limits:` in the configuration is checked key by key."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from helpers import write_files
from helpers.hostile import run_bounded

from archlint import api
from archlint.config.keys import parse_config
from archlint.config.settings import LIMITS, Config, ConfigError, Limits
from archlint.rule_pages import builtin_rules

ORDERS = (
    "apiVersion: archlint/v1\nkind: Service\nmetadata: {name: orders, context: orders}\n"
    "spec:\n  owns: [orders]\n  produces: [{topic: orders}]\n  consumes: [{topic: orders}]\n"
)
HEADER = "asyncapi: 2.6.0\ninfo: {title: Svc, version: '1', x-context: c}\n"


def _service(name: str, extra: str = "") -> str:
    return (
        f"apiVersion: archlint/v1\nkind: Service\nmetadata: {{name: {name}, context: c}}\n{extra}"
    )


def _found(files: dict[str, str], **limits: int) -> list[tuple[str, str]]:
    """(place, code) of every finding with `limits` set, and checks the run still read orders."""
    result = api.lint_texts(
        {**files, "orders.yaml": ORDERS}, Config(limits=replace(LIMITS, **limits))
    )
    assert "orders" in {s.name for s in result.estate.services}  # the rest is still checked
    return [(str(f.location), f.code) for f in result.findings]


def _limit_messages(files: dict[str, str], **limits: int) -> list[str]:
    result = api.lint_texts(files, Config(limits=replace(LIMITS, **limits)))
    return [f"{f.location} {f.message}" for f in result.findings if f.code == "AL006"]


def test_file_bytes() -> None:
    big = {"big.yaml": _service("big", "x-padding: " + "p" * 400 + "\n")}
    assert _found(big, file_bytes=300) == [("big.yaml:1:1", "AL006")]
    [message] = _limit_messages(big, file_bytes=300)
    assert "larger than 300 bytes (limits.file-bytes)" in message


def test_file_bytes_on_disk_reads_no_more(tmp_path: Path) -> None:
    write_files(
        tmp_path, {"big.yaml": _service("big", "x: " + "a" * 5000 + "\n"), "o.yaml": ORDERS}
    )
    result = api.lint(["."], Config(limits=replace(LIMITS, file_bytes=1000)), cwd=str(tmp_path))
    assert [(str(f.location), f.code) for f in result.findings if f.code == "AL006"] == [
        ("big.yaml:1:1", "AL006")
    ]
    assert [s.name for s in result.estate.services] == ["orders"]


def test_documents_per_file() -> None:
    text = "---\n".join(_service(name) for name in ("a", "b", "c"))
    found = _found({"three.yaml": text}, documents_per_file=2)
    assert ("three.yaml:9:1", "AL006") in found
    result = api.lint_texts(
        {"three.yaml": text}, Config(limits=replace(LIMITS, documents_per_file=2))
    )
    assert sorted(s.name for s in result.estate.services) == ["a", "b"]  # the first two are read


def test_nodes_per_document_without_aliases() -> None:
    text = _service("wide", "x-many: [" + ", ".join(["v"] * 50) + "]\n")
    assert ("wide.yaml:1:1", "AL006") in _found({"wide.yaml": text}, nodes_per_document=40)
    assert ("wide.yaml:1:1", "AL006") not in _found({"wide.yaml": text}, nodes_per_document=200)


def test_nesting_depth() -> None:
    text = _service("deep", "x-deep: [[[[[[x]]]]]]\n")
    found = _found({"deep.yaml": text}, nesting_depth=5)
    assert found == [("deep.yaml:4:13", "AL006")]
    assert "limits.nesting-depth" in _limit_messages({"deep.yaml": text}, nesting_depth=5)[0]


def test_string_length() -> None:
    text = _service("long", "x-text: " + "y" * 300 + "\n")
    assert ("long.yaml:4:9", "AL006") in _found({"long.yaml": text}, string_length=200)
    assert _limit_messages({"long.yaml": text}, string_length=300) == []


def _chain(links: int) -> str:
    messages = "".join(
        f"    m{i}: {{$ref: '#/components/messages/m{i + 1}'}}\n" for i in range(links)
    )
    return (
        HEADER
        + "channels:\n  orders:\n    publish:\n      message: {$ref: '#/components/messages/m0'}\n"
        + "components:\n  messages:\n"
        + messages
        + f"    m{links}: {{name: Last}}\n"
    )


def test_ref_depth() -> None:
    files = {"api/svc.yaml": _chain(6)}
    found = _found(files, ref_depth=3)
    assert [code for _, code in found] == ["AL006"]
    assert "(limits.ref-depth)" in _limit_messages(files, ref_depth=3)[0]
    assert _found(files, ref_depth=10) == []


def test_ref_expansions() -> None:
    channels = "".join(
        f"  c{i}:\n    publish:\n      message: {{$ref: '#/components/messages/m'}}\n"
        for i in range(30)
    )
    text = HEADER + "channels:\n" + channels + "components:\n  messages:\n    m: {name: M}\n"
    files = {"api/svc.yaml": text}
    [message] = _limit_messages(files, ref_expansions=10)
    assert message.startswith("api/svc.yaml:1:1 ") and "(limits.ref-expansions)" in message
    assert _limit_messages(files, ref_expansions=100) == []


def test_findings_per_rule_shown_and_counted_at_their_severity() -> None:
    # five services that each consume a topic nobody produces: five RF002 findings
    files = {
        f"s{i}.yaml": _service(f"s{i}", f"spec:\n  consumes: [{{topic: t{i}}}]\n") for i in range(5)
    }
    full = api.lint_texts(files, Config())
    capped = api.shown(full, 2)
    codes = [f.code for f in full.findings]
    rule = max(set(codes), key=codes.count)
    assert codes.count(rule) >= 3
    shown = [f for f in capped.findings if f.code == rule]
    [note] = [f for f in capped.findings if f.code == "AL006"]
    assert shown == [f for f in full.findings if f.code == rule][:2]
    assert note.message.startswith(f"{codes.count(rule) - 2} more {rule} findings are not shown")
    hidden = [f for f in full.findings if f.code == rule][2:]
    assert note.location == hidden[0].location and note.entities == {"rule": rule}
    assert capped.exit_code == full.exit_code
    assert api.shown(full, 1000) is full


def test_the_configured_limits_reach_the_command_line(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "archlint.yaml": "limits: {nesting-depth: 5, findings-per-rule: 1}\n",
            "deep.yaml": _service("deep", "x-deep: [[[[[[x]]]]]]\n"),
            "orders.yaml": ORDERS,
        },
    )
    result = run_bounded(["lint", ".", "--format", "json"], tmp_path)
    findings = json.loads(result.stdout)["findings"]
    assert [(f["path"], f["line"], f["code"]) for f in findings] == [("deep.yaml", 4, "AL006")]


@pytest.mark.parametrize(
    ("limits", "error"),
    [
        ("[1]", "'limits' must be a mapping of limits"),
        ("{file-byte: 10}", "limits has no key 'file-byte'; did you mean 'file-bytes'?"),
        ("{zzz: 10}", "it takes file-bytes, documents-per-file"),
        ("{nesting-depth: 0}", "limits.nesting-depth must be a whole number above 0, got 0"),
        ("{nesting-depth: true}", "limits.nesting-depth must be a whole number above 0, got True"),
        ("{string-length: 1.5}", "limits.string-length must be a whole number above 0, got 1.5"),
    ],
)
def test_limits_in_the_configuration_are_checked(limits: str, error: str) -> None:
    with pytest.raises(ConfigError, match=r"^archlint\.yaml: ") as raised:
        parse_config({"limits": yaml.safe_load(limits)}, "archlint.yaml", ".", builtin_rules())
    assert error in str(raised.value)


def test_limits_in_the_configuration_set_only_what_they_name() -> None:
    config = parse_config(
        {"limits": {"file-bytes": 5, "ref-depth": 9}}, "archlint.yaml", ".", builtin_rules()
    )
    assert config.limits == Limits(file_bytes=5, ref_depth=9)
    assert parse_config({}, "archlint.yaml", ".", builtin_rules()).limits == LIMITS
