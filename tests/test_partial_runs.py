"""Partial runs that do not lie: `archlint lint FILE...` inside a configured estate reads the
whole estate and reports the findings in the given files; without a configuration, the
findings that depend on the unread rest carry "only N files were read"."""

from __future__ import annotations

from helpers import run_cli, write_files

ORDERS = """\
    apiVersion: archlint/v1
    kind: Service
    metadata:
      name: orders
      context: sales
    spec:
      owns: [orders]
      produces:
        - topic: orders
          events: [OrderPlaced]
      queries:
        - to: stock
          name: GetStock
    """
BILLING = """\
    apiVersion: archlint/v1
    kind: Service
    metadata:
      name: billing
      context: sales
    spec:
      consumes:
        - topic: orders
          events: [OrderPlaced]
    """
STOCK = """\
    apiVersion: archlint/v1
    kind: Service
    metadata:
      name: stock
      context: stock
    spec:
      queries:
        - to: orders
          name: GetOrder
    """
ESTATE = {
    "services/orders.yaml": ORDERS,
    "services/billing.yaml": BILLING,
    "services/stock.yaml": STOCK,
}


def codes_in(output: str) -> list[tuple[str, str]]:
    return [
        (line.split(":")[0], line.split()[2])
        for line in output.splitlines()
        if ": " in line and line.startswith("services/")
    ]


def test_with_a_configuration_the_estate_is_read_and_the_files_reported(tmp_path):
    write_files(tmp_path, {**ESTATE, "archlint.yaml": "paths: [services]\n"})
    whole = run_cli(["lint", "-q"], cwd=tmp_path)
    in_orders = [c for c in codes_in(whole.stdout) if c[0] == "services/orders.yaml"]
    assert any(c[0] == "services/stock.yaml" for c in codes_in(whole.stdout))
    partial = run_cli(["lint", "services/billing.yaml", "services/orders.yaml"], cwd=tmp_path)
    assert codes_in(partial.stdout) == in_orders  # no false RF001, nothing from stock.yaml
    assert ("services/orders.yaml", "CX001") in in_orders
    assert (
        "note: the findings in the 2 given files only; the estate of archlint.yaml was read."
        in partial.stderr
    )
    assert partial.exit_code == 1


def test_a_clean_file_of_a_configured_estate_passes(tmp_path):
    write_files(tmp_path, {**ESTATE, "archlint.yaml": "paths: [services]\n"})
    result = run_cli(["lint", "services/billing.yaml"], cwd=tmp_path)
    assert result.exit_code == 0 and "RF00" not in result.stdout


def test_without_a_configuration_estate_rules_say_how_little_was_read(tmp_path):
    write_files(tmp_path, ESTATE)
    result = run_cli(["lint", "services/orders.yaml", "--format", "json-lines"], cwd=tmp_path)
    lines = [line for line in result.stdout.splitlines() if '"RF001"' in line]
    assert lines and all(
        "(only 1 file was read: lint the whole estate to be sure)" in line for line in lines
    )
    assert "note: only 1 file was read, with no configuration." in result.stderr
