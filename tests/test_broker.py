"""The broker rules end to end: the real Strimzi and Dapr files and the written kafka-acls and
Terraform examples (tests/fixtures/broker, with their licenses), the BR family's gate, and
the configuration's `principals:` and `super-users:`."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_cli

import archlint
from archlint.api import lint_texts
from archlint.config.settings import Config, ConfigError

FIXTURES = Path(__file__).parent / "fixtures" / "broker"
WRITTEN = FIXTURES / "written-for-archlint"


def _service(name: str, spec: str) -> str:
    return f"apiVersion: archlint/v1\nkind: Service\nmetadata: {{name: {name}, context: library}}\nspec: {spec}\n"


LIBRARY = {  # the lending library the written examples are for
    "loans.yaml": _service("loans", "{owns: [loans], produces: [{topic: loans}]}"),
    "fines.yaml": _service(
        "fines",
        "{owns: [fines.assessed, fines.paid, fines.waived], produces: [{topic: fines.assessed},"
        " {topic: fines.paid}, {topic: fines.waived}], consumes: [{topic: loans}]}",
    ),
    "reminders.yaml": _service(
        "reminders",
        "{owns: [reminders], produces: [{topic: reminders}], consumes: [{topic: loans}]}",
    ),
    "analytics.yaml": _service("analytics", "{consumes: [{topic: loans}, {topic: reminders}]}"),
}


def _br(result: archlint.LintResult) -> list[tuple[str, str, dict[str, object]]]:
    return [
        (f.code, str(f.location), dict(f.entities))
        for f in result.findings
        if f.code.startswith("BR") or f.code == "AL004"
    ]


def test_the_real_files_load_without_a_traceback_and_same_names_are_al004():
    result = archlint.lint([str(FIXTURES)], Config(), baseline=False)
    duplicates = [f for f in result.findings if f.code == "AL004"]
    assert len(duplicates) == 6  # four KafkaUsers my-user, four KafkaTopics my-topic
    assert result.estate.broker is not None
    assert "my-topic" in {p.topic for p in result.estate.broker.provisions}


def test_a_kafka_acls_listing():
    files = {**LIBRARY, "cluster.acls": (WRITTEN / "cluster.acls").read_text()}
    assert _br(lint_texts(files)) == [
        ("BR001", "cluster.acls:5:2", {"topic": "loans", "service": "fines"}),
        ("BR006", "cluster.acls:18:2", {"principal": "User:CN=connect-cluster"}),
    ]


def test_terraform_state_json():
    files = {**LIBRARY, "state.json": (WRITTEN / "terraform-show.json").read_bytes()}
    found = _br(lint_texts(files))
    assert [(code, entities) for code, _, entities in found] == [
        ("BR001", {"topic": "loans", "service": "fines"}),
        ("BR006", {"principal": "User:CN=connect-cluster"}),
        ("BR006", {"principal": "User:sa-1a2b3c"}),
    ]
    assert all(where.startswith("state.json:1:") for _, where, _ in found)


def test_principals_and_super_users_of_the_configuration():
    files = {**LIBRARY, "state.json": (WRITTEN / "terraform-show.json").read_bytes()}
    config = Config(
        principals={"User:sa-1a2b3c": "fines"}, super_users=("User:CN=connect-cluster",)
    )
    assert [c for c, _, _ in _br(lint_texts(files, config))] == ["BR001"]


STRIMZI_USER = """apiVersion: kafka.strimzi.io/v1beta2
kind: KafkaUser
metadata: {{name: {name}}}
spec:
  authorization:
    type: simple
    acls:
      - resource: {{type: topic, name: "{pattern}", patternType: {kind}}}
        operations: [Write]
"""


# Write on every topic for fines: BR003 for the topics of the others, and, now that the
# configuration covers every topic, BR002 for the writers that hold no grant at all.
EVERY_TOPIC = [
    ("BR002", "loans"),
    ("BR002", "reminders"),
    ("BR003", "loans"),
    ("BR003", "reminders"),
]


@pytest.mark.parametrize(
    "pattern, kind, expected",
    [
        ("fines.", "prefix", []),  # only its own topics
        ("f", "prefix", []),
        ("", "prefix", EVERY_TOPIC),
        ("*", "literal", EVERY_TOPIC),
    ],
)
def test_a_strimzi_prefix_grant_and_a_star(pattern, kind, expected):
    users = STRIMZI_USER.format(name="fines", pattern=pattern, kind=kind)
    found = _br(lint_texts({**LIBRARY, "users.yaml": users}))
    assert [(code, e["topic"]) for code, _, e in found] == expected


def test_no_broker_configuration_no_br_rules():
    assert lint_texts(LIBRARY).estate.broker is None
    assert not [f for f in lint_texts(LIBRARY).findings if f.code.startswith("BR")]


def test_selecting_br_without_broker_configuration_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="no broker configuration"):
        lint_texts(LIBRARY, Config(select=("BR001",)))
    for name, text in LIBRARY.items():
        (tmp_path / name).write_text(text)
    result = run_cli(["lint", str(tmp_path), "--select", "BR"], cwd=tmp_path)
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1, result.output


def test_the_configuration_keys_are_validated(tmp_path):
    (tmp_path / "archlint.yaml").write_text("principals: [orders]\n")
    with pytest.raises(ConfigError, match="'principals' must map"):
        archlint.load_config(tmp_path / "archlint.yaml")
    (tmp_path / "archlint.yaml").write_text(
        "principals: {User:CN=x: orders}\nsuper-users: [User:admin]\n"
    )
    config = archlint.load_config(tmp_path / "archlint.yaml")
    assert config.principals == {"User:CN=x": "orders"} and config.super_users == ("User:admin",)


def test_the_report_shows_declared_beside_granted_writers():
    from archlint.report.contents import build_report
    from archlint.rule_pages import builtin_rules

    files = {**LIBRARY, "cluster.acls": (WRITTEN / "cluster.acls").read_text()}
    result = lint_texts(files)
    rows = {
        r.topic: r for r in build_report(result, {s.code: s for s in builtin_rules().specs}).writers
    }
    assert (rows["loans"].declared, rows["loans"].granted) == (("loans",), ("fines", "loans"))
    assert rows["loans"].differs and not rows["reminders"].differs
    assert (
        build_report(lint_texts(LIBRARY), {s.code: s for s in builtin_rules().specs}).writers == ()
    )


def test_the_diagram_draws_granted_but_undeclared_writers_dashed_red():
    from archlint.diagram.elements import GRANTED, service_id, topic_id
    from archlint.diagram.service_level import service_diagram

    files = {**LIBRARY, "cluster.acls": (WRITTEN / "cluster.acls").read_text()}
    result = lint_texts(files)
    granted = [
        e for e in service_diagram(result.interactions, result.findings).edges if e.kind == GRANTED
    ]
    assert [(e.source, e.target, e.rules) for e in granted] == [
        (service_id("fines"), topic_id("loans"), ("BR001",))
    ]


def test_the_older_scala_kafka_acls_layout():
    # the header ends in ": ", the first entry starts with " \t", the last ends with " "
    listing = (
        "Current ACLs for resource `ResourcePattern(resourceType=TOPIC, name=loans, "
        "patternType=LITERAL)`: \n"
        " \t(principal=User:loans, host=*, operation=WRITE, permissionType=ALLOW)\n"
        "\t(principal=User:CN=fines, host=*, operation=WRITE, permissionType=ALLOW) \n\n"
    )
    found = _br(lint_texts({**LIBRARY, "old.acl.txt": listing}))
    assert found == [("BR001", "old.acl.txt:3:2", {"topic": "loans", "service": "fines"})]


def test_a_terraform_plan_reads_planned_values():
    import json

    state = json.loads((WRITTEN / "terraform-show.json").read_text())
    plan = {
        "format_version": "1.2",
        "terraform_version": "1.9.8",
        "planned_values": state["values"],
        "resource_changes": [],
    }
    found = _br(lint_texts({**LIBRARY, "plan.json": json.dumps(plan, indent=2)}))
    assert [c for c, _, _ in found] == ["BR001", "BR006", "BR006"]
    assert found[0][1].startswith("plan.json:") and not found[0][1].startswith("plan.json:1:")


def test_broker_resources_of_one_name_in_two_namespaces_are_not_duplicates():
    user = "apiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaUser\nmetadata: {{name: loans, namespace: {ns}}}\n"
    files = {**LIBRARY, "a.yaml": user.format(ns="a"), "b.yaml": user.format(ns="b")}
    assert not [f for f in lint_texts(files).findings if f.code == "AL004"]
    files["b.yaml"] = user.format(ns="a")
    assert [str(f.location) for f in lint_texts(files).findings if f.code == "AL004"] == [
        "b.yaml:3:18"
    ]


def test_the_real_dapr_subscriptions_are_read_grants_of_their_scopes():
    folder = FIXTURES / "dapr" / "tutorials" / "workflow" / "python" / "combined-patterns"
    result = archlint.lint([str(folder)], Config(), baseline=False)
    broker = result.estate.broker
    assert broker is not None
    reads = sorted((g.principal, g.pattern) for g in broker.grants if g.pattern != "*")
    assert reads == [
        ("order-workflow", "shipment-registration-confirmed-events"),
        ("shipping", "shipment-registration-events"),
    ]


def test_the_principals_table_takes_any_spelling_of_a_kafka_user():
    users = STRIMZI_USER.format(name="fines-app", pattern="fines.", kind="prefix")
    files = {**LIBRARY, "users.yaml": users}
    # unmapped, fines-app is nobody's: BR006, and fines has no grant for its three topics
    assert [c for c, _, _ in _br(lint_texts(files))] == ["BR002", "BR002", "BR002", "BR006"]
    config = Config(principals={"User:CN=fines-app": "fines"})
    assert _br(lint_texts(files, config)) == []
