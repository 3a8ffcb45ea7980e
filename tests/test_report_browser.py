"""The report in a real headless Chromium (Debian's `chromium`, driven by Playwright): it
loads with no console error and no network request, the findings table has the right
rows, filtering by rule and by text works, a rule's documentation opens, and hostile names
run nothing. Screenshots are saved under tests/artifacts/ (look at them)."""

from __future__ import annotations

import pytest
from helpers import REPO, run_cli
from helpers.browser import ARTIFACTS, CHROMIUM, Watched
from helpers.model_estates import HOSTILE, SCRIPT, estate, generated, result, svc
from playwright.sync_api import expect

from archlint.report import generate

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="Debian's chromium is not installed (apt-get install chromium; `make test` installs it)",
    ),
]


@pytest.fixture(scope="module")
def shop_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser") / "report.html"
    res = run_cli(["report", "samples/shop-request-driven", "-o", str(out)], cwd=REPO)
    assert res.exit_code == 0, res.output
    return out


@pytest.fixture
def shop(browser, shop_report):
    page = Watched(browser, shop_report)
    yield page
    page.close()


def test_loads_with_no_console_error_and_no_request(shop):
    assert shop.errors == []
    assert shop.refused == []
    assert shop.requests == [shop.url]
    assert shop.page.title() == "archlint report"
    assert shop.page.locator("#verdict").inner_text().startswith("Failed")
    expect(shop.page.locator("#filters")).to_be_visible()  # the script ran and showed the filters
    ARTIFACTS.mkdir(exist_ok=True)
    shop.page.screenshot(path=str(ARTIFACTS / "report-shop-top.png"))
    shop.page.locator("#findings").scroll_into_view_if_needed()
    shop.page.screenshot(path=str(ARTIFACTS / "report-shop-findings.png"))


def test_findings_table_has_every_finding(shop):
    assert shop.visible_rows() == 14
    assert shop.page.locator("#f-count").inner_text() == "14 of 14"


def test_filter_by_rule_then_text_then_clear(shop):
    page = shop.page
    page.select_option("#f-rule", "CX002")
    assert shop.visible_rows() == 3
    assert page.locator("#f-count").inner_text() == "3 of 14"
    codes = page.evaluate(
        "() => Array.from(document.querySelectorAll('#findings-table tbody tr'))"
        ".filter(r => !r.hidden).map(r => r.dataset.rule)"
    )
    assert codes == ["CX002"] * 3
    page.fill("#f-text", "ReorderStock")
    page.wait_for_function("() => document.getElementById('f-count').value === '1 of 14'")
    assert shop.visible_rows() == 1
    page.click("#f-reset")
    page.wait_for_function("() => document.getElementById('f-count').value === '14 of 14'")
    page.fill("#f-text", "stock-movements")
    page.wait_for_function("() => document.getElementById('f-count').value === '4 of 14'")
    page.fill("#f-text", "no such thing anywhere")
    page.wait_for_function("() => document.getElementById('f-count').value === '0 of 14'")
    expect(page.locator("#no-match")).to_be_visible()


def test_filter_by_severity_context_and_service(shop):
    page = shop.page
    page.select_option("#f-severity", "warning")
    assert shop.visible_rows() == 6
    page.select_option("#f-severity", "")
    page.select_option("#f-context", label="payments")
    payments_rows = shop.visible_rows()
    # CX002 into payments, SW003 and SW002 by payments, and SY002, whose chain of calls
    # passes through payments
    assert payments_rows == 4
    page.select_option("#f-context", "")
    page.select_option("#f-service", label="storefront")
    assert shop.visible_rows() == 2  # SY002, SY003


def test_sorting_by_a_column(shop):
    page = shop.page
    first = lambda: page.locator("#findings-table tbody tr").first.get_attribute("data-rule")  # noqa: E731
    page.select_option("#f-order", "number")  # the lint output's order, by path
    assert first() == "CX001"
    page.click("th[data-sort=rule] button")
    rules = page.evaluate(
        "() => Array.from(document.querySelectorAll('#findings-table tbody tr')).map(r => r.dataset.rule)"
    )
    assert rules == sorted(rules)
    page.click("th[data-sort=rule] button")
    rules = page.evaluate(
        "() => Array.from(document.querySelectorAll('#findings-table tbody tr')).map(r => r.dataset.rule)"
    )
    assert rules == sorted(rules, reverse=True)
    assert page.locator("th[data-sort=rule]").get_attribute("aria-sort") == "descending"


def test_a_rules_documentation_opens(shop):
    page = shop.page
    page.locator("#findings-table a.rule-link[data-rule='SW003']").first.click()
    dialog = page.locator("#rule-dialog")
    expect(dialog).to_be_visible()  # waits: a loaded machine may take a moment
    text = dialog.inner_text()
    assert "write-to-foreign-topic" in text and "What it checks" in text and "How to fix it" in text
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-shop-rule-dialog.png"))
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert shop.errors == []


def test_a_summary_count_filters_by_its_rule(shop):
    shop.page.click("table.by-rule a.filter-link[data-rule='SW001']")
    assert shop.visible_rows() == 2


def test_dark_mode_and_print(browser, shop_report):
    page = Watched(browser, shop_report, color_scheme="dark")
    background = page.page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(21, 25, 29)"
    ARTIFACTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(ARTIFACTS / "report-shop-dark.png"))
    page.page.emulate_media(media="print")
    assert (
        page.page.evaluate("() => getComputedStyle(document.querySelector('#filters')).display")
        == "none"
    )
    pdf = page.page.pdf()
    assert pdf[:5] == b"%PDF-" and len(pdf) > 20_000
    assert page.errors == []
    page.close()


def test_hostile_names_run_nothing(browser, tmp_path):
    services = [
        svc(
            name,
            f"ctx {name}",
            description=name,
            produces={f"t {name}": [name]},
            queries=[HOSTILE[(i + 1) % len(HOSTILE)]],
        )
        for i, name in enumerate(HOSTILE)
    ]
    path = tmp_path / "hostile.html"
    path.write_text(generate(result(estate(*services))), encoding="utf-8")
    page = Watched(browser, path)
    page.page.locator("#findings-table a.rule-link").first.click()  # open a dialog, too
    page.page.keyboard.press("Escape")
    assert page.dialogs == []
    assert page.errors == [] and page.refused == []
    assert (
        page.page.evaluate("() => [...document.scripts].filter(s => !s.type).length") == 1
    )  # the report's own; the others hold data (application/json)
    assert page.page.evaluate("() => document.images.length") == 0
    shown = page.page.locator("#services").inner_text()
    assert SCRIPT in shown  # shown as text, run as nothing
    ARTIFACTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(ARTIFACTS / "report-hostile.png"), full_page=False)
    page.close()


def test_a_large_report_loads_and_filters_quickly(browser, tmp_path):
    """300 services load without errors or requests, and a filter narrows the table (the
    timings, for 1,000 services, come from benchmarks/bench_report.py)."""
    e = generated(300)
    path = tmp_path / "large.html"
    path.write_text(generate(result(e)), encoding="utf-8")
    page = Watched(browser, path)
    assert page.errors == [] and page.refused == []
    rows = "#findings-table tbody tr"
    total = page.page.locator(rows).count()
    rule = page.page.evaluate("""() => {
        const s = document.getElementById('f-rule');
        s.value = s.options[1].value;
        s.dispatchEvent(new Event('input', {bubbles: true}));
        return s.value; }""")
    shown = page.page.locator(f"{rows}:visible")
    expect(shown.first).to_have_attribute("data-rule", rule)
    assert 0 < shown.count() < total
    page.close()


def test_order_by_impact_puts_the_largest_blast_radius_first(shop):
    page = shop.page
    page.click("th[data-sort=impact] button")
    impacts = page.evaluate(
        "() => Array.from(document.querySelectorAll('#findings-table tbody tr')).map(r => +r.dataset.impact)"
    )
    assert impacts == sorted(impacts, reverse=True) and impacts[0] > impacts[-1]


def test_the_blast_radius_table_sorts(shop):
    page = shop.page
    fails = "() => Array.from(document.querySelectorAll('#blast-table tbody tr')).map(r => +r.cells[2].textContent)"
    page.click("#blast-table th:nth-child(3) button")
    assert page.evaluate(fails) == sorted(page.evaluate(fails))
    page.click("#blast-table th:nth-child(3) button")
    assert page.evaluate(fails) == sorted(page.evaluate(fails), reverse=True)
    assert page.evaluate(fails)[0] == 5  # fraud-check: everything on the checkout chain fails
    assert shop.errors == []
