"""The loader's problems (AL001..AL004): each at its exact line and column, with its message.

Lines and columns are 1-based. Manifests are inline; each test says which line it points at.
"""

from __future__ import annotations

import textwrap

import pytest

from archlint.loader import load_texts

SERVICE = """\
apiVersion: archlint/v1
kind: Service
metadata:
  name: orders
  context: orders
spec:
  owns: [orders]
"""


def problems(files: dict[str, str | bytes]) -> list[tuple[str, str, int, int, str]]:
    result = load_texts(
        {
            path: textwrap.dedent(text) if isinstance(text, str) else text
            for path, text in files.items()
        }
    )
    return [
        (f.code, f.location.path, f.location.line, f.location.column, f.message)
        for f in result.findings
    ]


def only(files: dict[str, str | bytes]) -> tuple[str, str, int, int, str]:
    found = problems(files)
    assert len(found) == 1, found
    return found[0]


# --- AL001 -----------------------------------------------------------------------------------


def test_syntax_error_points_at_the_problem_and_says_how_to_fix_it():
    code, path, line, column, message = only(
        {
            "a.yaml": """\
            apiVersion: archlint/v1
            kind: Service
            metadata:
              name: orders
              description: Orders: the lifecycle
            """
        }
    )
    assert (code, path, line, column) == ("AL001", "a.yaml", 5, 22)
    assert message.startswith("invalid YAML: mapping values are not allowed")
    assert "put quotes around a value that contains ': '" in message


def test_tab_indentation_is_named_as_such():
    code, _, line, column, message = only(
        {"a.yaml": "apiVersion: archlint/v1\nkind: Service\n\tmetadata: {}\n"}
    )
    assert (code, line, column) == ("AL001", 3, 1)
    assert "indent with spaces, not tabs" in message


def test_invalid_utf8_points_at_the_byte_counting_columns_in_characters():
    data = (
        "apiVersion: archlint/v1\nkind: Service\nmetadata:\n  description: Zürich \xff\n".encode()
    )
    data = data.replace("\xff".encode(), b"\xff")
    code, _, line, column, message = only({"a.yaml": data})
    assert (code, line, column) == ("AL001", 4, 23)
    assert message == "invalid UTF-8 (byte 0xff); save the file as UTF-8"


def test_utf16_is_refused_with_the_fix():
    code, _, line, column, message = only({"a.yaml": "apiVersion: archlint/v1\n".encode("utf-16")})
    assert (code, line, column, message) == ("AL001", 1, 1, "the file is UTF-16; save it as UTF-8")


def test_control_character_is_located():
    code, _, line, column, message = only(
        {"a.yaml": b"apiVersion: archlint/v1\nkind: Ser\x07vice\n"}
    )
    assert (code, line, column) == ("AL001", 2, 10)
    assert "control character U+0007" in message


def test_documents_before_a_syntax_error_are_still_loaded_and_other_files_too():
    result = load_texts(
        {
            "a.yaml": SERVICE + "---\nkey: [unclosed\n",
            "b.yaml": SERVICE.replace("orders", "billing"),
        }
    )
    assert [s.name for s in result.estate.services] == ["billing", "orders"]
    assert [(f.code, f.location.path, f.location.line) for f in result.findings] == [
        ("AL001", "a.yaml", 10)
    ]


def test_recursive_alias_is_refused_not_expanded():
    code, _, line, column, message = only(
        {"a.yaml": "apiVersion: archlint/v1\nkind: Service\nmetadata: &m\n  name: x\n  self: *m\n"}
    )
    assert (code, line, column) == ("AL001", 5, 3)
    assert message == "a recursive alias: the value of 'self' contains itself; remove the alias"


def test_billion_laughs_is_refused_quickly():
    lines = [
        "apiVersion: archlint/v1",
        "kind: Service",
        'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ]
    for level in range(1, 10):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([previous] * 9)}]")
    code, _, line, column, message = only({"bomb.yaml": "\n".join(lines) + "\n"})
    assert (code, line, column) == ("AL006", 1, 1)  # past limits.nodes-per-document
    assert "expand this document to more than 100000 values" in message


def test_modest_aliases_and_merge_keys_are_fine():
    result = load_texts(
        {
            "a.yaml": textwrap.dedent(
                """\
                apiVersion: archlint/v1
                kind: Service
                metadata: &meta
                  name: orders
                  context: orders
                spec:
                  consumes:
                    - &payments {topic: payments, events: [PaymentProcessed]}
                    - <<: *payments
                      topic: refunds
                """
            )
        }
    )
    assert result.findings == ()
    consumes = result.estate.service["orders"].consumes
    assert [(c.topic, c.event_names) for c in consumes] == [
        ("payments", ("PaymentProcessed",)),
        ("refunds", ("PaymentProcessed",)),
    ]


# --- AL002 -----------------------------------------------------------------------------------


def test_unknown_key_with_did_you_mean():
    code, _, line, column, message = only(
        {"a.yaml": SERVICE + "  consume:\n    - topic: payments\n"}
    )
    assert (code, line, column) == ("AL002", 8, 3)
    assert message == "unknown key 'consume' in spec; did you mean 'consumes'?"


def test_unknown_key_without_a_near_miss_lists_the_allowed_keys():
    code, _, line, column, message = only(
        {"a.yaml": SERVICE.replace("  context: orders\n", "  context: orders\n  zzz: 1\n")}
    )
    assert (code, line, column) == ("AL002", 6, 3)
    assert (
        message
        == "unknown key 'zzz' in metadata; allowed keys: context, description, name, owner, tags"
    )


def test_misspelt_required_key_is_one_problem_not_two():
    code, _, line, column, message = only({"a.yaml": SERVICE.replace("  context:", "  contxt:")})
    assert (code, line, column) == ("AL002", 5, 3)
    assert message == "unknown key 'contxt' in metadata; did you mean 'context'?"


def test_missing_required_key_points_at_its_mapping_and_says_what_to_add():
    code, _, line, column, message = only({"a.yaml": SERVICE.replace("  context: orders\n", "")})
    assert (code, line, column) == ("AL002", 4, 3)
    assert (
        message == "missing required key 'context' in metadata: add the service's bounded context"
    )


def test_wrong_type_points_at_the_value():
    code, _, line, column, message = only({"a.yaml": SERVICE + "  availability: high\n"})
    assert (code, line, column) == ("AL002", 8, 17)
    assert message == "'availability' must be a number between 0 and 100, got 'high'"


def test_out_of_range_number():
    code, _, line, column, message = only({"a.yaml": SERVICE + "  slo: 199\n"})
    assert (code, line, column) == ("AL002", 8, 8)
    assert message == "'slo' must be a number between 0 and 100, got 199"


def test_number_where_text_is_expected_suggests_quotes():
    code, _, line, column, message = only(
        {"a.yaml": SERVICE + "  produces:\n    - topic: orders\n      events: [1.5]\n"}
    )
    assert (code, line, column) == ("AL002", 10, 16)
    assert message.startswith("'events[0]' must be an event type name without spaces")
    assert message.endswith("got 1.5; put it in quotes to make it text")


def test_bad_service_name():
    code, _, line, column, message = only(
        {"a.yaml": SERVICE.replace("name: orders", "name: Order_Service")}
    )
    assert (code, line, column) == ("AL002", 4, 9)
    assert message.startswith(
        "'name' must be a name of lower-case letters, digits, '.', '_' and '-'"
    )
    assert message.endswith("got 'Order_Service'")


def test_bad_context_name_and_bad_topic_name():
    found = problems(
        {
            "a.yaml": SERVICE.replace("context: orders", "context: -orders").replace(
                "[orders]", "['my topic']"
            )
        }
    )
    assert [(code, line, column) for code, _, line, column, _ in found] == [
        ("AL002", 5, 12),
        ("AL002", 7, 10),
    ]
    assert "got '-orders'" in found[0][4]
    assert (
        found[1][4]
        == "'owns[0]' must be a topic name without spaces (such as 'orders'), got 'my topic'"
    )


def test_bad_kind_with_did_you_mean_and_nothing_else():
    code, _, line, column, message = only(
        {"a.yaml": SERVICE.replace("kind: Service", "kind: Servce")}
    )
    assert (code, line, column) == ("AL002", 2, 7)
    assert (
        message
        == "'kind' must be one of Service, Topic, Context, got 'Servce'; did you mean 'Service'?"
    )


def test_missing_kind():
    code, _, line, column, message = only({"a.yaml": SERVICE.replace("kind: Service\n", "")})
    assert (code, line, column) == ("AL002", 1, 1)
    assert (
        message
        == "missing required key 'kind' in the manifest: add kind: Service, kind: Topic or kind: Context"
    )


def test_an_apiversion_meant_for_archlint_is_checked_not_skipped():
    code, _, line, column, message = only({"a.yaml": SERVICE.replace("archlint/v1", "archlint/v2")})
    assert (code, line, column) == ("AL002", 1, 13)
    assert (
        message
        == "'apiVersion' must be 'archlint/v1', the format this archlint reads, got 'archlint/v2'"
    )


def test_a_misspelt_apiversion_key_is_checked_not_skipped():
    code, _, line, column, message = only({"a.yaml": SERVICE.replace("apiVersion:", "apiversion:")})
    assert (code, line, column) == ("AL002", 1, 1)
    assert message == "unknown key 'apiversion' in the manifest; did you mean 'apiVersion'?"


def test_empty_value_points_at_its_key():
    code, _, line, column, message = only(
        {"a.yaml": SERVICE + "  produces:\n    - topic: orders\n      events:\n"}
    )
    assert (code, line, column) == ("AL002", 10, 7)
    assert message.startswith("'events' must be a non-empty list of event type names")
    assert message.endswith("got an empty value")


def test_command_with_both_to_and_topic():
    code, _, line, column, message = only(
        {
            "a.yaml": SERVICE
            + "  commands:\n    - to: payments\n      topic: payment-commands\n      name: Pay\n"
        }
    )
    assert (code, line, column) == ("AL002", 9, 7)
    assert message == (
        "'commands[0]' must be a mapping with 'name' and either 'to' (a synchronous call to a service) "
        "or 'topic' (a command message on a topic), not both"
    )


def test_command_of_one_shape_gets_that_shape_s_problem():
    code, _, line, column, message = only(
        {"a.yaml": SERVICE + "  commands:\n    - to: payments\n      nme: Pay\n"}
    )
    assert (code, line, column) == ("AL002", 10, 7)
    assert message == "unknown key 'nme' in spec.commands[0]; did you mean 'name'?"


def test_ignore_needs_a_reason():
    code, _, line, column, message = only({"a.yaml": SERVICE + "  ignore:\n    CX001: ' '\n"})
    assert (code, line, column) == ("AL002", 9, 12)
    assert (
        message == "'CX001' must be a reason (why this rule's findings are accepted here), got ' '"
    )


def test_repeated_list_entry():
    code, _, line, column, message = only(
        {"a.yaml": SERVICE.replace("[orders]", "[orders, refunds, orders]")}
    )
    assert (code, line, column) == ("AL002", 7, 27)
    assert message == "'owns' lists 'orders' twice; remove the repeat"


def test_context_has_no_spec():
    code, _, line, column, message = only(
        {"c.yaml": "apiVersion: archlint/v1\nkind: Context\nmetadata: {name: orders}\nspec: {}\n"}
    )
    assert (code, line, column) == ("AL002", 4, 1)
    assert message == "unknown key 'spec' in the manifest; allowed keys: apiVersion, kind, metadata"


def test_a_list_of_manifests_is_a_problem():
    code, _, line, column, message = only(
        {"a.yaml": "- apiVersion: archlint/v1\n  kind: Service\n"}
    )
    assert (code, line, column) == ("AL002", 1, 1)
    assert "write each manifest as its own document, separated by '---'" in message


def test_a_manifest_without_colons_is_a_problem():
    code, _, line, column, message = only(
        {"a.yaml": "# orders\napiVersion archlint/v1\nkind Service\n"}
    )
    assert (code, line, column) == ("AL002", 2, 1)
    assert "this document is a single value, not a mapping" in message


def test_stray_list_or_scalar_among_manifests_is_a_problem():
    found = problems({"a.yaml": SERVICE + "---\n- 1\n- 2\n---\njust text\n---\n"})
    assert [(code, line, column) for code, _, line, column, _ in found] == [
        ("AL002", 9, 1),
        ("AL002", 12, 1),
    ]
    assert all(
        "every document in a file of archlint manifests must be a manifest" in f[4] for f in found
    )


def test_a_document_with_problems_is_still_loaded_as_far_as_it_is_valid():
    result = load_texts(
        {
            "a.yaml": SERVICE
            + "  produces:\n    - topic: orders\n    - topik: typo\n  queries:\n    - {to: stock, name: Get}\n"
            + "  availability: lots\n"
        }
    )
    assert [f.code for f in result.findings] == ["AL002", "AL002"]
    orders = result.estate.service["orders"]
    assert [p.topic for p in orders.produces] == ["orders"]
    assert [q.to for q in orders.queries] == ["stock"]
    assert orders.availability is None


def test_a_service_without_a_name_is_left_out():
    result = load_texts({"a.yaml": SERVICE.replace("  name: orders\n", "")})
    assert result.estate.services == ()
    assert [f.message for f in result.findings] == [
        "missing required key 'name' in metadata: add the service's name"
    ]


# --- AL003 -----------------------------------------------------------------------------------


def test_duplicate_key_at_the_repeated_key_naming_the_first_and_keeping_it():
    result = load_texts({"a.yaml": SERVICE + "  slo: 99.9\n  availability: 99.99\n  slo: 90\n"})
    [finding] = result.findings
    assert (finding.code, finding.location.line, finding.location.column) == ("AL003", 10, 3)
    assert finding.message == (
        "duplicate key 'slo': it is already given on line 8 of this mapping, whose value is the one used; "
        "remove one of them"
    )
    assert result.estate.service["orders"].slo == 99.9


def test_duplicate_key_in_a_nested_flow_mapping():
    code, _, line, column, message = only(
        {"a.yaml": SERVICE + "  queries:\n    - {to: stock, name: A, to: price}\n"}
    )
    assert (code, line, column) == ("AL003", 9, 28)
    assert "duplicate key 'to'" in message and "line 9" in message


# --- AL004 -----------------------------------------------------------------------------------


def test_duplicate_service_name_reported_on_the_later_file_at_its_name():
    result = load_texts(
        {
            "b/orders.yaml": SERVICE.replace("context: orders", "context: second"),
            "a/orders.yaml": SERVICE,
        }
    )
    [finding] = result.findings
    assert (
        finding.code,
        finding.location.path,
        finding.location.line,
        finding.location.column,
    ) == (
        "AL004",
        "b/orders.yaml",
        4,
        9,
    )
    assert finding.entities == {"service": "orders"}
    assert finding.message == (
        "service 'orders' is declared twice; the first declaration, at a/orders.yaml:4:9, is the one used: "
        "rename or remove this one"
    )
    assert [s.context for s in result.estate.services] == ["orders"]


def test_duplicate_names_within_one_file_and_for_topics_and_contexts():
    topic = "apiVersion: archlint/v1\nkind: Topic\nmetadata:\n  name: orders\n"
    context = "apiVersion: archlint/v1\nkind: Context\nmetadata:\n  name: orders\n"
    result = load_texts({"a.yaml": "---\n".join([SERVICE, topic, context, topic, context])})
    found = [(f.code, f.location.line, f.entities) for f in result.findings]
    assert found == [("AL004", 22, {"topic": "orders"}), ("AL004", 27, {"context": "orders"})]
    assert (
        len(result.estate.services),
        len(result.estate.topics),
        len(result.estate.contexts),
    ) == (1, 1, 1)


# --- what is not a manifest ------------------------------------------------------------------


def test_other_yaml_is_skipped_whatever_its_shape():
    result = load_texts(
        {
            "k8s.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x, name: y}\n",
            "workflow.yml": "on: [push]\njobs:\n  test: {runs-on: ubuntu-latest}\n",
            "cfn.yaml": "Resources:\n  Bucket:\n    Properties:\n      Name: !Ref Foo\n      Arn: !GetAtt [a, b]\n",
            "list.yaml": "- a\n- b\n",
            "scalar.yaml": "just some text\n",
            "python.yaml": "x: !!python/object/apply:os.system ['echo hacked']\n",
            "set.yaml": "!!set {a, b}\n",
        }
    )
    assert result.findings == ()
    assert result.estate.services == ()
    assert result.estate.files == 7


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"# only a comment\n",
        b"---\n",
        b"---\n...\n---\n",
        b"\x00\x01\x02\x03",
        bytes(range(256)) * 4,
        b"\xef\xbb\xbf" + SERVICE.encode(),
        b"[" * 5000,
        b"a:" + b"\n  b:" * 3000,
        b"- " * 3000 + b"x",
        b"&a [*a]",
        b"? [a, b]\n: c\n",
        b"key: " + b"x" * 1_000_000 + b"\n",
        b"apiVersion: archlint/v1\nkind: Service\nmetadata: !!binary aGVsbG8=\n",
        b"apiVersion: archlint/v1\nkind: Service\n? [a]\n: b\nmetadata: {name: a, context: b}\n",
        b"apiVersion: archlint/v1\nkind: Service\nmetadata: {name: !!int x, context: !!float y}\n",
        b"apiVersion: archlint/v1\n<<: 3\nkind: Service\n",
        b"apiVersion: archlint/v1\nkind: [Service]\nmetadata: 3\nspec: [1]\n",
        b"apiVersion: archlint/v1\nkind: Service\nmetadata: {name: a, context: b}\nspec:\n  ignore: [CX001]\n",
    ],
)
def test_no_input_ends_in_a_traceback(data):
    result = load_texts({"x.yaml": data})
    for finding in result.findings:
        assert finding.code in {"AL001", "AL002", "AL003"}
        assert finding.location.line >= 1 and finding.location.column >= 1
        assert finding.message[0].islower() or finding.message[0] == "'"  # "'kind' must be ..."


def test_bom_is_accepted():
    result = load_texts({"a.yaml": b"\xef\xbb\xbf" + SERVICE.encode()})
    assert result.findings == ()
    assert result.estate.service["orders"].location.line == 1


def test_findings_are_sorted_by_place_and_carry_no_engine_fields():
    result = load_texts({"b.yaml": SERVICE + "  zzz: 1\n", "a.yaml": "a: [\n"})
    assert [f.location.path for f in result.findings] == ["a.yaml", "b.yaml"]
    assert all(f.slug == "" for f in result.findings)


def test_a_file_cache_loads_an_unchanged_file_once():
    from archlint.loader import FileCache, load_texts

    cache = FileCache()
    manifest = "apiVersion: archlint/v1\nkind: Service\nmetadata: {name: a, context: x}\n"
    first = load_texts(
        {"a.yaml": manifest, "b.yaml": manifest.replace("name: a", "name: b")}, cache=cache
    )
    second = load_texts(
        {"a.yaml": manifest, "b.yaml": manifest.replace("name: a", "name: c")}, cache=cache
    )
    assert cache.hits == 1  # a.yaml, unchanged; b.yaml changed and was read again
    assert [s.name for s in first.estate.services] == ["a", "b"]
    assert [s.name for s in second.estate.services] == ["a", "c"]


def test_a_file_that_follows_a_ref_into_another_file_is_never_cached(tmp_path):
    from archlint.loader import FileCache, load_paths

    doc = (
        "asyncapi: 3.0.0\ninfo: {title: Svc, version: '1', x-context: shop}\n"
        "channels:\n  c:\n    address: a\n    messages:\n      m: {$ref: 'msgs.yaml#/m'}\n"
        "operations:\n  o: {action: send, channel: {$ref: '#/channels/c'}}\n"
    )
    (tmp_path / "api.yaml").write_text(doc, encoding="utf-8")
    (tmp_path / "msgs.yaml").write_text("m: {name: Before}\n", encoding="utf-8")
    cache = FileCache()
    before = load_paths(["api.yaml"], cwd=str(tmp_path), cache=cache)
    (tmp_path / "msgs.yaml").write_text("m: {name: After}\n", encoding="utf-8")
    after = load_paths(["api.yaml"], cwd=str(tmp_path), cache=cache)
    events = [
        [e.value for p in r.estate.services[0].produces for e in p.events or ()]
        for r in (before, after)
    ]
    assert events == [["Before"], ["After"]] and cache.hits == 0
