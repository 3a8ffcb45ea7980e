"""Nothing to lint is not a pass: an estate with no manifest is exit 2 with a warning, and a
document that looks like a manifest but is not recognised is AL002 with the fix. Real
Kubernetes YAML stays skipped."""

from __future__ import annotations

import textwrap

from helpers import run_cli, write_files

from archlint.api import lint_texts

KUBERNETES = {
    "k8s/service.yaml": """\
        apiVersion: v1
        kind: Service
        metadata:
          name: orders
          namespace: shop
          labels:
            app.kubernetes.io/name: orders
            context: sales
        spec:
          type: ClusterIP
          selector:
            app.kubernetes.io/name: orders
          ports:
            - name: http
              port: 80
              targetPort: 8080
              protocol: TCP
        """,
    "k8s/deployment.yaml": """\
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: orders
          namespace: shop
        spec:
          replicas: 2
          selector:
            matchLabels:
              app.kubernetes.io/name: orders
          template:
            metadata:
              labels:
                app.kubernetes.io/name: orders
            spec:
              containers:
                - name: orders
                  image: ghcr.io/example/orders:1.4.2
                  ports:
                    - containerPort: 8080
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: orders-config
        data:
          topic: orders
        """,
}

ORDERS_SPEC = """\
metadata:
  name: orders
  context: sales
spec:
  owns: [orders]
"""


def test_an_empty_folder_is_exit_2_naming_where_it_looked(tmp_path):
    (tmp_path / "services").mkdir()
    result = run_cli(["lint", "services"], cwd=tmp_path)
    assert result.exit_code == 2
    assert "warning: no archlint manifest found under services;" in result.stderr
    assert "'apiVersion: archlint/v1'" in result.stderr and "--allow-empty" in result.stderr
    assert result.stdout == "Nothing checked: no archlint manifest found (0 files, 0 services).\n"


def test_allow_empty_exits_0_and_still_warns(tmp_path):
    result = run_cli(["lint", "--allow-empty", "."], cwd=tmp_path)
    assert result.exit_code == 0
    assert "warning: no archlint manifest found under ." in result.stderr


def test_kubernetes_yaml_only_is_nothing_to_lint_not_a_finding(tmp_path):
    write_files(tmp_path, KUBERNETES)
    result = run_cli(["lint", "k8s"], cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stdout == "Nothing checked: no archlint manifest found (2 files, 0 services).\n"


def test_kubernetes_services_beside_manifests_stay_skipped():
    manifest = f"apiVersion: archlint/v1\nkind: Service\n{ORDERS_SPEC}"
    kubernetes = {path: textwrap.dedent(text) for path, text in KUBERNETES.items()}
    result = lint_texts({"orders.yaml": manifest, **kubernetes})
    assert [f.code for f in result.findings if f.code.startswith("AL")] == []
    assert [s.name for s in result.estate.services] == ["orders"]


def test_a_missing_api_version_is_al002_with_the_fix(tmp_path):
    write_files(tmp_path, {"orders.yaml": f"kind: Service\n{ORDERS_SPEC}"})
    result = run_cli(["lint", "--format", "json-lines", "."], cwd=tmp_path)
    assert result.exit_code == 1
    assert '"code": "AL002"' in result.stdout
    assert "it has no apiVersion" in result.stdout
    assert "write 'apiVersion: archlint/v1' to have it read" in result.stdout


def test_an_unknown_api_version_is_al002_at_the_api_version():
    text = f"apiVersion: archlint.io/v1\nkind: Service\n{ORDERS_SPEC}"
    (finding,) = lint_texts({"orders.yaml": text}).findings
    assert (finding.code, str(finding.location)) == ("AL002", "orders.yaml:1:13")
    assert "its apiVersion is 'archlint.io/v1'" in finding.message


def test_keys_only_archlint_has_make_a_near_miss_without_a_context():
    text = "apiVersion: example.com/v1\nkind: Topic\nmetadata:\n  name: orders\nspec:\n  writers: [a]\n"
    (finding,) = lint_texts({"orders.yaml": text}).findings
    assert finding.code == "AL002" and "looks like an archlint manifest" in finding.message


def test_other_kinds_with_a_context_are_not_near_misses():
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  context: sales\n"
    result = lint_texts({"a.yaml": text})
    assert result.findings == () and result.estate.services == ()
