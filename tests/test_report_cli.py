"""`archlint report`: where it writes, what it exits with, and the errors a user can act on."""

from __future__ import annotations

from helpers import REPO, run_cli

SHOP = "samples/shop-request-driven"
CLEAN = "samples/clustered-contexts"


def test_writes_the_file_and_says_so(tmp_path):
    out = tmp_path / "report.html"
    res = run_cli(["report", SHOP, "-o", str(out)], cwd=REPO)
    assert res.exit_code == 0  # written: CI publishes it whatever it found
    assert f"wrote {out}: 14 findings (8 errors, 6 warnings, 0 info), 8 services" in res.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n")


def test_standard_output_without_o():
    res = run_cli(["report", CLEAN], cwd=REPO)
    assert res.exit_code == 0
    assert res.output.startswith("<!DOCTYPE html>") and "Passed" in res.output


def test_exit_code_follows_the_verdict_when_asked(tmp_path):
    out = str(tmp_path / "r.html")
    assert run_cli(["report", SHOP, "-o", out, "--exit-code"], cwd=REPO).exit_code == 1
    assert run_cli(["report", CLEAN, "-o", out, "--exit-code"], cwd=REPO).exit_code == 0
    assert (
        run_cli(
            ["report", SHOP, "-o", out, "--exit-code", "--fail-on", "never"], cwd=REPO
        ).exit_code
        == 0
    )


def test_select_and_title(tmp_path):
    out = tmp_path / "r.html"
    res = run_cli(
        ["report", SHOP, "-o", str(out), "--select", "CX", "--title", "Shop <estate>"], cwd=REPO
    )
    assert res.exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "<title>Shop &lt;estate&gt;</title>" in page
    assert page.count('<tr class="sev-') == 5  # 2 CX001 + 3 CX002


def test_usage_errors_exit_2(tmp_path):
    res = run_cli(["report", "no/such/path", "-o", str(tmp_path / "r.html")], cwd=REPO)
    assert res.exit_code == 2 and "Traceback" not in res.output
    res = run_cli(["report", SHOP, "-o", str(tmp_path / "missing" / "r.html")], cwd=REPO)
    assert res.exit_code == 2 and "cannot write" in res.output


def test_without_graphviz_the_report_is_written_without_diagrams(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no `dot` there
    out = tmp_path / "report.html"
    result = run_cli(["report", SHOP, "-o", str(out)], cwd=REPO)
    assert result.exit_code == 0
    assert "Graphviz `dot` is not installed" in result.output
    html = out.read_text()
    assert 'id="no-diagrams"' in html and "<svg" not in html
    assert html.count("data-severity=") == 14  # every finding's row is still there
