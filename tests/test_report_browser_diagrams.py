"""The report's diagrams and context matrix in a real headless Chromium: zoom, pan, fit and
search, with the mouse and the keyboard; the matrix paints and a click on a cell shows the
pair's interactions; the team filter; a finding's link lands on its node; the diagrams of
a large estate drawn when opened and its service sections unpacked when wanted; never a
console error nor a request. Screenshots go to tests/artifacts/ at 8 and 1,000 services
(10,000: benchmarks/bench_report.py --screenshots)."""

from __future__ import annotations

import sys

import pytest
from helpers import REPO, run_cli
from helpers.browser import CHROMIUM, Watched
from helpers.model_estates import result

from archlint.loader import load_texts
from archlint.report import generate

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed"),
]
FIXED = {"SOURCE_DATE_EPOCH": "1767225600"}


@pytest.fixture(scope="module")
def shop_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("diagrams") / "report.html"
    res = run_cli(["report", "samples/shop-request-driven", "-o", str(out)], cwd=REPO, env=FIXED)
    assert res.exit_code == 0, res.output
    return out


@pytest.fixture
def shop(browser, shop_report):
    page = Watched(browser, shop_report)
    yield page
    assert page.clean(), (page.errors, page.refused, page.dialogs)
    page.close()


def generated_report(tmp_path, n: int, contexts: int) -> Watched:
    """The report of a generated estate of n services in `contexts` contexts."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import generate_estate
    finally:
        sys.path.pop(0)
    estate = load_texts(generate_estate.render(n, 0, contexts=contexts)).estate
    path = tmp_path / f"report-{n}.html"
    path.write_text(generate(result(estate)), encoding="utf-8")
    return path


def box(page, selector: str) -> dict:
    return page.page.evaluate(f"() => document.querySelector('{selector}').viewer.box()")


def test_zoom_pan_and_fit_with_the_keyboard(shop):
    figure = shop.page.locator("#map")
    home = box(shop, "#map")
    figure.focus()
    shop.page.keyboard.press("+")
    zoomed = box(shop, "#map")
    assert zoomed["w"] < home["w"] and zoomed["h"] < home["h"]
    shop.page.keyboard.press("ArrowRight")
    assert box(shop, "#map")["x"] > zoomed["x"]
    shop.page.keyboard.press("0")
    assert box(shop, "#map") == home
    shop.shot("report-8-map.png", "#map")


def test_zoom_with_the_wheel_pan_by_dragging_and_fit_with_its_button(shop):
    svg = shop.page.locator("#map svg")
    home = box(shop, "#map")
    svg.scroll_into_view_if_needed()
    area = svg.bounding_box()
    x, y = area["x"] + area["width"] / 2, area["y"] + area["height"] / 2
    shop.page.mouse.move(x, y)
    shop.page.mouse.wheel(0, -300)
    assert box(shop, "#map")["w"] < home["w"]
    before = box(shop, "#map")
    shop.page.mouse.move(x + 40, y + 40)  # from a spot between the nodes
    shop.page.mouse.down()
    shop.page.mouse.move(x - 60, y - 20, steps=4)
    shop.page.mouse.up()
    moved = box(shop, "#map")
    assert moved["x"] != before["x"] and moved["w"] == before["w"]
    shop.page.locator("#map .viewer-bar button[data-act=fit]").click()
    assert box(shop, "#map") == home


def test_search_highlights_a_service_and_centres_it(shop):
    figure = "#ctx-3-diagram"  # orders, open: the shop has five contexts
    search = shop.page.locator(f"{figure} .viewer-bar input")
    search.fill("payments")
    hit = shop.page.locator(f"{figure} g.node.hit")
    assert hit.count() == 1 and "payments" in hit.text_content()
    centre = shop.page.evaluate(f"""() => {{
        const svg = document.querySelector('{figure} svg'), hit = svg.querySelector('g.node.hit');
        const a = svg.getBoundingClientRect(), b = hit.getBoundingClientRect();
        return [(b.x + b.width / 2 - a.x) / a.width, (b.y + b.height / 2 - a.y) / a.height]; }}""")
    assert all(0.4 < c < 0.6 for c in centre), centre
    search.fill("no such service")
    assert shop.page.locator(f"{figure} g.node.hit").count() == 0
    assert shop.page.locator(f"{figure} .viewer-bar output").inner_text() == "not in this diagram"
    shop.shot("report-8-search.png", figure)


def test_the_matrix_paints_and_a_cell_shows_its_interactions(shop):
    painted = shop.page.evaluate("""() => {
        const c = document.querySelector('#matrix canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++;
        return n; }""")
    assert painted > 1000
    cell = shop.page.evaluate("""() => {
        const data = JSON.parse(document.getElementById('matrix-data').textContent);
        const red = data.cells.find(c => c[6]);
        return {r: red[0], c: red[1], from: data.names[red[0]], to: data.names[red[1]],
                at: window.archlintMatrix.cellCentre(red[0], red[1])}; }""")
    shop.page.locator("#matrix").scroll_into_view_if_needed()
    area = shop.page.locator("#matrix").bounding_box()
    shop.page.mouse.move(area["x"] + cell["at"]["x"], area["y"] + cell["at"]["y"])
    tip = shop.page.locator("#matrix .matrix-tip")
    assert tip.is_visible() and f"{cell['from']} → {cell['to']}" in tip.inner_text()
    shop.page.mouse.click(area["x"] + cell["at"]["x"], area["y"] + cell["at"]["y"])
    pair = shop.page.locator("#matrix-pair")
    assert pair.is_visible() and pair.locator("h4").inner_text().startswith(cell["from"])
    assert pair.locator("ul.pair-interactions li").count() >= 1
    first = pair.locator("a[href^='#f-']").first
    first.click()
    number = first.get_attribute("href")[len("#f-") :]
    row = shop.page.locator(f"#f-{number}")
    assert row.is_visible()
    shop.shot("report-8-matrix.png", "#context-map")


def test_the_matrix_with_the_keyboard(shop):
    shop.page.locator("#matrix").focus()
    shop.page.keyboard.press("ArrowRight")
    shop.page.keyboard.press("ArrowDown")
    shop.page.keyboard.press("Enter")
    assert shop.page.locator("#matrix-pair").is_visible()
    assert " → " in shop.page.locator("#matrix-pair h4").inner_text()


def test_the_team_filter(shop):
    total = shop.page.locator("#findings-table tbody tr").count()
    team = shop.page.evaluate("() => document.getElementById('f-team').options[1].value")
    shop.page.select_option("#f-team", team)
    shown = shop.page.locator("#findings-table tbody tr:visible")
    assert 0 < shown.count() < total
    for i in range(shown.count()):
        assert team in shown.nth(i).get_attribute("data-team").split("\n")
    select = shop.page.locator("select.team-select[data-table=blast-table]")
    select.select_option(team)
    rows = shop.page.locator("#blast-table tbody tr:visible")
    assert rows.count() >= 1
    assert {rows.nth(i).get_attribute("data-team") for i in range(rows.count())} == {team}
    writers = shop.page.locator("#writers-table tbody tr")
    shop.page.locator("select.team-select[data-table=writers-table]").select_option(team)
    shown = shop.page.locator("#writers-table tbody tr:visible")
    assert 0 < shown.count() < writers.count()
    for i in range(shown.count()):
        assert team in shown.nth(i).get_attribute("data-team").split("\n")


def test_a_findings_link_lands_on_its_node(shop):
    link = shop.page.locator("#findings-table a.node-link").first
    node = link.get_attribute("data-node")
    figure = link.get_attribute("href")
    link.scroll_into_view_if_needed()  # the sections off screen take their size as they show
    shop.page.wait_for_timeout(100)
    link.click()
    hit = shop.page.locator(f"{figure} g.node.hit")
    assert hit.count() == 1
    assert hit.locator(f"a[href='#{node}'], a[*|href='#{node}']").count() == 1
    assert hit.is_visible()


def test_a_large_estate_draws_its_diagrams_when_opened(browser, tmp_path):
    """300 services in 60 contexts: the matrix replaces the map; a context's diagram is
    drawn on opening it, searchable, and its nodes link to their (unpacked) sections."""
    page = Watched(browser, generated_report(tmp_path, 300, 60))
    assert page.page.locator("#map").count() == 0 and page.page.locator("#matrix").count() == 1
    details = page.page.locator("details.context").nth(2)
    assert details.locator("svg").count() == 0
    details.locator("summary").click()
    svg = details.locator("figure.diagram svg.drawn")
    assert svg.count() == 1 and svg.locator("g.node").count() > 3
    name = svg.locator("g.node.k-s").first.get_attribute("data-name")
    details.locator(".viewer-bar input").fill(name)
    assert details.locator("g.node.hit").get_attribute("data-name") == name
    details.locator("g.node.hit a").click()
    anchor = page.page.evaluate("() => location.hash")
    assert page.page.locator(f"article.service{anchor}").is_visible()
    assert page.clean(), (page.errors, page.refused)
    page.close()


@pytest.mark.slow
def test_a_thousand_services(browser, tmp_path):
    """1,000 services in 100 contexts: the matrix, a context and a service, screenshots in
    tests/artifacts/, and no error on the way."""
    page = Watched(browser, generated_report(tmp_path, 1000, 100))
    page.page.locator("#matrix").scroll_into_view_if_needed()
    page.shot("report-1000-matrix.png", "#context-map")
    details = page.page.locator("details.context").nth(5)
    details.locator("summary").click()
    page.shot("report-1000-context.png", "details.context[open]")
    page.page.locator("#findings-table a[href^='#s-']").first.click()
    anchor = page.page.evaluate("() => location.hash")
    assert page.page.locator(f"article.service{anchor}").is_visible()
    assert page.clean(), (page.errors, page.refused)
    page.close()


def test_findings_open_fix_first_grouped_by_root_cause(shop):
    rows = shop.page.evaluate("""() => Array.from(document.querySelectorAll('#findings-table tbody tr'))
        .map(r => [+r.dataset.rank, +r.dataset.group, +r.dataset.fix])""")
    assert [fix for _, _, fix in rows] == sorted(fix for _, _, fix in rows)
    ranks = [rank for rank, _, _ in rows]
    assert ranks[0] == 2 and ranks[-1] < 2  # an error first, a warning last
    groups = [group for _, group, _ in rows]
    assert groups == sorted(groups) and len(set(groups)) < len(groups)  # a group's rows together
    shop.page.select_option("#f-order", "number")
    numbers = shop.page.evaluate(
        "() => Array.from(document.querySelectorAll('#findings-table tbody tr td:first-child')).map(c => +c.textContent)"
    )
    assert numbers == sorted(numbers)
