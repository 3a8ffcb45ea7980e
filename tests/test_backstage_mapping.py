"""The Backstage mapping of DESIGN.md ("Other inputs"), one test per row, on small catalogs
written inline."""

from __future__ import annotations

from helpers.catalogs import codes, read_backstage, streams

from archlint.model import Location


def component(name, spec, metadata=""):
    return f"""\
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: {name}
{metadata}spec:
{spec}"""


def api(name, api_type, definition):
    body = "".join(f"    {line}\n" for line in definition.splitlines())
    return f"apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: {name}\nspec:\n  type: {api_type}\n  owner: t\n  definition: |\n{body}"


SYSTEMS = """\
apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: shop
spec:
  owner: t
  domain: checkout
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: loose
spec:
  owner: t
---
apiVersion: backstage.io/v1alpha1
kind: Domain
metadata:
  name: checkout
spec:
  owner: t
  subdomainOf: sales
---
apiVersion: backstage.io/v1alpha1
kind: Domain
metadata:
  name: sales
spec:
  owner: t
"""


def test_components_of_type_service_or_website_are_services_libraries_are_not():
    reading = read_backstage(
        {
            "a.yaml": component(
                "orders",
                "  type: service\n  owner: team-a\n  system: shop\n",
                "  description: Takes orders\n  tags: [java]\n",
            ),
            "b.yaml": component("web", "  type: website\n  owner: team-a\n  system: shop\n"),
            "c.yaml": component("sdk", "  type: library\n  owner: team-a\n"),
            "d.yaml": component(
                "billing",
                "  type: service\n  owner: team-a\n  system: shop\n",
                "  namespace: finance\n",
            ),
            "s.yaml": SYSTEMS,
            "k8s.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: orders}\n",
        }
    )
    by_name = {s.name: s for s in reading.services}
    assert sorted(by_name) == ["finance.billing", "orders", "web"]
    orders = by_name["orders"]
    assert (orders.owner, orders.description, orders.tags) == ("team-a", "Takes orders", ("java",))
    assert orders.name_location == Location("a.yaml", 4, 9)


def test_context_is_the_system_s_domain_or_top_domain_else_the_system_else_the_owner():
    files = {
        "s.yaml": SYSTEMS,
        "a.yaml": component("a", "  type: service\n  owner: team-a\n  system: shop\n"),
        "b.yaml": component("b", "  type: service\n  owner: team-a\n  system: loose\n"),
        "c.yaml": component("c", "  type: service\n  owner: group:team-c\n"),
    }
    leaf = read_backstage(files)
    assert {s.name: s.context for s in leaf.services} == {
        "a": "checkout",
        "b": "loose",
        "c": "team-c",
    }
    assert (
        leaf.notes[Location("c.yaml", 7, 10)]
        == "context from the owner: the component names no system"
    )
    top = read_backstage(files, context_level="domain")
    assert {s.name: s.context for s in top.services}["a"] == "sales"


OPENAPI_READS = "openapi: 3.0.0\npaths:\n  /pets:\n    get: {}\n    head: {}\n"
OPENAPI_WRITES = "openapi: 3.0.0\npaths:\n  /pets:\n    get: {}\n    post: {}\n"
GRPC_READS = "service S {\n  rpc GetPet (A) returns (B) {}\n  rpc ListPets (A) returns (B) {}\n}\n"
GRPC_WRITES = "service S {\n  rpc GetPet (A) returns (B) {}\n  rpc AddPet (A) returns (B) {}\n}\n"


def _calls(reading, name):
    return [(c.kind, c.name, c.to) for c in {s.name: s for s in reading.services}[name].calls]


def test_consumes_apis_of_a_sync_api_is_a_query_when_every_operation_reads_else_a_command():
    for api_type, definition, kind in (
        ("openapi", OPENAPI_READS, "query"),
        ("openapi", OPENAPI_WRITES, "command"),
        ("grpc", GRPC_READS, "query"),
        ("grpc", GRPC_WRITES, "command"),
        ("graphql", "type Query { pet: Pet }\n", "query"),
        ("graphql", "type Mutation { addPet: Pet }\n", "command"),
    ):
        reading = read_backstage(
            {
                "api.yaml": api("pets", api_type, definition),
                "p.yaml": component(
                    "pet-service", "  type: service\n  owner: t\n  providesApis: [pets]\n"
                ),
                "c.yaml": component(
                    "shop", "  type: service\n  owner: t\n  consumesApis: [pets]\n"
                ),
            }
        )
        assert _calls(reading, "shop") == [(kind, "pets", "pet-service")], (api_type, definition)


def test_an_api_whose_definition_is_not_read_is_a_query_and_says_why():
    reading = read_backstage(
        {
            "api.yaml": "apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata: {name: pets}\nspec:\n  type: openapi\n  definition:\n    $text: https://example.com/pets.yaml\n",
            "api2.yaml": "apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata: {name: cats}\nspec:\n  type: openapi\n  definition:\n    $text: ./missing.yaml\n",
            "p.yaml": component(
                "pet-service", "  type: service\n  owner: t\n  providesApis: [pets, cats]\n"
            ),
            "c.yaml": component(
                "shop", "  type: service\n  owner: t\n  consumesApis: [pets, cats]\n"
            ),
        }
    )
    assert _calls(reading, "shop") == [
        ("query", "pets", "pet-service"),
        ("query", "cats", "pet-service"),
    ]
    assert reading.notes[Location("c.yaml", 8, 18)] == (
        "a query, because the API's definition was not read (https://example.com/pets.yaml is a URL, never fetched)"
    )
    assert "missing.yaml does not exist" in reading.notes[Location("c.yaml", 8, 24)]


def test_depends_on_a_component_and_a_component_in_consumes_apis_are_sync_calls():
    files = {
        "p.yaml": component("db-service", "  type: service\n  owner: t\n"),
        "c.yaml": component(
            "shop",
            "  type: service\n  owner: t\n  dependsOn: ['component:db-service', 'resource:db']\n  consumesApis: ['component:ghost']\n",
        ),
    }
    assert _calls(read_backstage(files), "shop") == [
        ("query", "ghost", "ghost"),
        ("query", "db-service", "db-service"),
    ]
    as_commands = read_backstage(files, depends_on="command")
    assert _calls(as_commands, "shop") == [
        ("command", "ghost", "ghost"),
        ("command", "db-service", "db-service"),
    ]


ASYNC = """\
asyncapi: 2.6.0
info: {title: Lights, version: '1'}
channels:
  lights.measured:
    subscribe:
      message: {name: LightMeasured}
  lights.turn-on:
    publish:
      message: {name: TurnOn}
"""


def test_provides_asyncapi_reads_the_definition_and_consumers_read_and_command_it():
    reading = read_backstage(
        {
            "api.yaml": api("lights", "asyncapi", ASYNC),
            "own.yaml": "apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata: {name: lights-file}\nspec:\n  type: asyncapi\n  definition:\n    $text: ./unlisted/lights.yaml\n",
            "unlisted/lights.yaml": ASYNC.replace("lights.", "file."),
            "p.yaml": component(
                "lights", "  type: service\n  owner: t\n  providesApis: [lights]\n"
            ),
            "f.yaml": component(
                "file-lights", "  type: service\n  owner: t\n  providesApis: [lights-file]\n"
            ),
            "c.yaml": component("panel", "  type: service\n  owner: t\n  consumesApis: [lights]\n"),
        }
    )
    assert streams(reading, "lights") == [("lights.measured", ("LightMeasured",))]
    assert streams(reading, "lights", "consumes") == [("lights.turn-on", ("TurnOn",))]
    # inline: the definition's line 5 (`subscribe:`) is line 13 of api.yaml
    lights = {s.name: s for s in reading.services}["lights"]
    assert lights.produces[0].location == Location("api.yaml", 13, 9)
    assert streams(reading, "file-lights") == [("file.measured", ("LightMeasured",))]
    assert streams(reading, "panel", "consumes") == [("lights.measured", ("LightMeasured",))]
    panel = {s.name: s for s in reading.services}["panel"]
    assert [(c.kind, c.name, c.topic) for c in panel.commands] == [
        ("command", "TurnOn", "lights.turn-on")
    ]


def test_archlint_annotations():
    reading = read_backstage(
        {
            "a.yaml": component(
                "a",
                "  type: service\n  owner: t\n",
                "  annotations:\n    archlint.io/global: 'true'\n    archlint.io/availability: '99.9'\n    archlint.io/slo: '99.5'\n    archlint.io/owns: a.events, a.more\n",
            ),
            "b.yaml": component(
                "b", "  type: service\n  owner: t\n", "  annotations:\n    archlint.io/slo: high\n"
            ),
        }
    )
    a = {s.name: s for s in reading.services}["a"]
    assert (a.is_global, a.availability, a.slo) == (True, 99.9, 99.5)
    assert [n.value for n in a.owns] == ["a.events", "a.more"]
    assert codes(reading) == [
        ("AL002", "b.yaml:6:22", "annotation 'archlint.io/slo' must be a percentage from 0 to 100")
    ]


LOCATION = "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: {{name: l}}\nspec:\n  targets:\n{targets}"


def test_location_targets_are_followed_and_urls_missing_files_and_outside_targets_are_findings():
    targets = "".join(
        f"    - {t}\n"
        for t in (
            "./unlisted/a.yaml",
            "https://example.com/x.yaml",
            "./nope.yaml",
            "../outside.yaml",
        )
    )
    reading = read_backstage(
        {
            "all.yaml": LOCATION.format(targets=targets),
            "unlisted/a.yaml": component("a", "  type: service\n  owner: t\n"),
        }
    )
    assert [s.name for s in reading.services] == ["a"]
    assert [(c, at) for c, at, _ in codes(reading)] == [
        ("AL002", "all.yaml:7:7"),
        ("AL002", "all.yaml:8:7"),
        ("AL002", "all.yaml:9:7"),
    ]
    assert [m.split(":")[0] for _, _, m in codes(reading)] == [
        "Location target 'https",
        "Location target './nope.yaml' does not exist",
        "Location target '../outside.yaml' is outside the linted tree, so it is not read",
    ]
