"""`archlint lint --show-files`: the files read on standard output, one a line, and on
standard error the documents in them that were skipped (Kubernetes objects, CI workflows,
other YAML), each at its line with what it is."""

from __future__ import annotations

from helpers import CROSS_CONTEXT_QUERY, run_cli, write_files

# Real shapes: a Kubernetes Service and a Deployment with a ConfigMap, and a CI workflow.
OTHER_YAML = {
    "k8s/service.yaml": """\
        apiVersion: v1
        kind: Service
        metadata:
          name: orders
          labels: {app.kubernetes.io/name: orders}
        spec:
          selector: {app.kubernetes.io/name: orders}
          ports: [{name: http, port: 80, targetPort: 8080}]
        """,
    "k8s/deployment.yaml": """\
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: orders}
        spec:
          replicas: 2
          template:
            spec:
              containers: [{name: orders, image: "ghcr.io/example/orders:1.4.2"}]
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: orders-config}
        data: {topic: orders}
        """,
    ".github/workflows/ci.yml": "on: push\njobs: {test: {runs-on: ubuntu-latest}}\n",
    "services/estate.yaml": CROSS_CONTEXT_QUERY,
}


def test_the_files_read_and_the_documents_skipped(tmp_path):
    write_files(tmp_path, OTHER_YAML)
    result = run_cli(["lint", "--show-files"], cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        ".github/workflows/ci.yml",
        "k8s/deployment.yaml",
        "k8s/service.yaml",
        "services/estate.yaml",
    ]
    assert result.stderr.splitlines() == [
        "Skipped 4 documents: not archlint manifests (apiVersion: archlint/v1), AsyncAPI "
        "documents or broker configuration",
        "  .github/workflows/ci.yml:1: a mapping without apiVersion",
        "  k8s/deployment.yaml:1: apiVersion 'apps/v1', kind 'Deployment'",
        "  k8s/deployment.yaml:10: apiVersion 'v1', kind 'ConfigMap'",
        "  k8s/service.yaml:1: apiVersion 'v1', kind 'Service'",
    ]


def test_nothing_skipped_says_nothing_more(tmp_path):
    write_files(tmp_path, {"services/estate.yaml": CROSS_CONTEXT_QUERY})
    result = run_cli(["lint", "--show-files"], cwd=tmp_path)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "services/estate.yaml\n", "")


def test_a_near_miss_is_a_finding_not_a_skip(tmp_path):
    """A manifest with a wrong apiVersion is AL002 (test_nothing_to_lint.py), not skipped."""
    near_miss = CROSS_CONTEXT_QUERY.replace("archlint/v1", "archlint.io/v1", 1)
    write_files(tmp_path, {"services/estate.yaml": near_miss})
    assert run_cli(["lint", "--show-files"], cwd=tmp_path).stderr == ""


def test_what_a_catalog_inferred_is_listed(tmp_path):
    """DESIGN.md's Backstage table: a component without a system takes its context from the
    owner, and an API whose definition is not read makes queries: `--show-files` says so,
    at the place, even when the run before was cached."""
    write_files(
        tmp_path,
        {
            "catalog.yaml": """\
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: orders}
                spec: {type: service, lifecycle: production, owner: team-a, consumesApis: [stock-api]}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: API
                metadata: {name: stock-api}
                spec: {type: openapi, lifecycle: production, owner: team-b, definition: {$text: https://example.com/stock.yaml}}
                """,
            "other.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\x1b]0;t\x07}\n",
        },
    )
    assert run_cli(["lint"], cwd=tmp_path).exit_code in (0, 1)  # a cache to replay, if used
    result = run_cli(["lint", "--show-files"], cwd=tmp_path)
    notes = result.stderr.split("Inferred from catalogs (2):\n")[1].splitlines()
    assert notes[0] == "  catalog.yaml:4:53: context from the owner: the component names no system"
    assert notes[1].startswith("  catalog.yaml:4:76: a query, because the API's definition")
    assert "\x1b" not in result.stderr
