"""The report as a file: self-contained (inline CSS, JS and SVG; a CSP that forbids any
request), escaped everywhere, with one diagram per context, and golden fragments for the
shop sample (regenerate: `ARCHLINT_REGEN_GOLDEN=1 pytest tests/test_report_html.py`)."""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from html.parser import HTMLParser

import pytest
from helpers import REPO, check_golden, run_cli
from helpers.model_estates import HOSTILE, INJECT, SCRIPT, estate, result, svc

from archlint.report import generate
from archlint.report.diagrams import check_inert

GOLDEN = REPO / "tests" / "golden" / "report"


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of the page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(page: str) -> Elements:
    p = Elements()
    p.feed(page)
    return p


FIXED = {"SOURCE_DATE_EPOCH": "1767225600"}  # the header's date: 2026-01-01T00:00:00Z


@pytest.fixture(scope="module")
def shop_page(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "report.html"
    res = run_cli(["report", "samples/shop-request-driven", "-o", str(out)], cwd=REPO, env=FIXED)
    assert res.exit_code == 0, res.output
    return out.read_text(encoding="utf-8")


def hostile_result():
    services = [
        svc(
            name,
            "shared" if i % 2 else f"ctx {name}",
            description=f"about {name}",
            produces={f"topic {name}": [f"Ev {name}"]},
            queries=[HOSTILE[(i + 1) % len(HOSTILE)]],
        )
        for i, name in enumerate(HOSTILE)
    ]
    return result(estate(*services))


@pytest.fixture(scope="module")
def hostile_page():
    return generate(hostile_result())


def _inline(page: str, tag: str) -> list[str]:
    return re.findall(rf"<{tag}>(.*?)</{tag}>", page, re.S)


@pytest.mark.parametrize("fixture", ["shop_page", "hostile_page"])
def test_self_contained_and_locked_down(request, fixture):
    page = request.getfixturevalue(fixture)
    elements = parse(page)
    tags = Counter(tag for tag, _ in elements.tags)
    data = ("application/json", "application/octet-stream")  # never run
    scripts = [a for t, a in elements.tags if t == "script" and a.get("type") not in data]
    assert len(scripts) == 1 and tags["style"] == 1
    for tag, attrs in elements.tags:
        assert "src" not in attrs, (tag, attrs)
        for key in ("href", "xlink:href", "action"):
            if key in attrs:
                assert attrs[key].startswith("#"), (tag, attrs)  # links only inside the page
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        assert "style" not in attrs, (tag, attrs)  # the CSP would block it anyway
    csp = next(
        a["content"] for t, a in elements.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    assert "default-src 'none'" in csp
    for tag, directive in (("script", "script-src"), ("style", "style-src")):
        (body,) = _inline(page, tag)
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in csp
    ids = [a["id"] for _, a in elements.tags if "id" in a]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]


def test_hostile_names_are_escaped_in_html_and_svg(hostile_page):
    assert SCRIPT not in hostile_page and INJECT not in hostile_page
    assert "<img" not in hostile_page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile_page
    text = "".join(parse(hostile_page).text)
    for name in HOSTILE:
        assert name in text or name.replace("\n", "") in text.replace("\n", ""), name
    svgs = re.findall(r"<svg.*?</svg>", hostile_page, re.S)
    assert svgs
    for svg in svgs:
        check_inert(svg)  # parses as XML; no script, handler or outside link
    assert any("x&quot;; rankdir=LR; &quot;" in svg for svg in svgs)


def test_check_inert_refuses_active_svg():
    ok = '<svg xmlns="http://www.w3.org/2000/svg"><a href="#s-1"><text>x onload=1</text></a></svg>'
    check_inert(ok)
    for bad in (
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
        '<a x:href="javascript:alert(1)"/></svg>',
    ):
        with pytest.raises(ValueError):
            check_inert(bad)


def test_one_diagram_per_context_plus_the_map(shop_page):
    figures = re.findall(r'<figure class="diagram" id="([^"]+)">', shop_page)
    assert figures == [
        "map",
        "estate",
        "ctx-0-diagram",
        "ctx-1-diagram",
        "ctx-2-diagram",
        "ctx-3-diagram",
        "ctx-4-diagram",
    ]
    # every service node links to its section, every context on the map to its diagram
    assert 'href="#s-0"' in shop_page and 'href="#ctx-0"' in shop_page
    assert shop_page.count('<tr class="sev-') == 14


def test_readable_without_javascript(shop_page):
    """Everything is in the markup: the filters (hidden until the script shows them) are
    the only part that needs JavaScript."""
    text = "".join(parse(re.sub(r"<script>.*?</script>", "", shop_page, flags=re.S)).text)
    for expected in (
        "Failed",
        "Findings by rule",
        "CX001",
        "storefront",
        "Depends on, synchronously",
        "What it checks",
        "samples/shop-request-driven/basket/basket.yaml:18",
    ):
        assert expected in text
    assert '<form class="filters" id="filters" hidden' in shop_page


def _fragment(page: str, start: str, end: str) -> str:
    i = page.index(start)
    return page[i : page.index(end, i) + len(end)] + "\n"


@pytest.mark.parametrize(
    "name, start, end",
    [
        ("summary.html", '<section id="summary"', "</section>"),
        ("findings-row.html", '<tr class="sev-error"', "</tr>"),
        ("service-basket.html", '<article class="service" id="s-0">', "</article>"),
        ("rule-SW003.html", '<article class="rule-doc" id="rule-SW003">', "</article>"),
    ],
)
def test_golden_fragments(shop_page, name, start, end):
    check_golden(GOLDEN / name, _fragment(shop_page, start, end))


def test_the_same_estate_gives_the_same_report(shop_page, tmp_path):
    out = tmp_path / "again.html"
    run_cli(["report", "samples/shop-request-driven", "-o", str(out)], cwd=REPO, env=FIXED)
    assert out.read_text(encoding="utf-8") == shop_page


def test_the_header_says_when_which_commit_and_which_version(shop_page):
    from archlint.version import __version__

    stamp = re.search(r'<p class="muted" id="stamp">(.*?)</p>', shop_page).group(1)
    assert f"archlint {__version__}" in stamp
    assert '<time datetime="2026-01-01T00:00:00Z">' in stamp
    commit = re.search(r"commit <code>([0-9a-f]{12})</code>", stamp)
    assert commit is not None  # the samples lie in this repository's git checkout


def test_a_source_url_template_links_each_finding_to_its_line(tmp_path):
    config = tmp_path / "archlint.yaml"
    config.write_text(
        'report:\n  source-url: "https://git.example/org/repo/blob/{commit}/{path}#L{line}"\n'
    )
    out = tmp_path / "r.html"
    args = ["report", "samples/shop-request-driven", "-o", str(out), "--config", str(config)]
    assert run_cli(args, cwd=REPO, env=FIXED).exit_code == 0
    links = re.findall(r'<a class="source-link" href="([^"]+)"', out.read_text(encoding="utf-8"))
    assert links and all(
        re.fullmatch(
            r"https://git\.example/org/repo/blob/[0-9a-f]{40}/samples/shop-request-driven/"
            r"[\w/.-]+\.yaml#L\d+",
            link,
        )
        for link in links
    ), links[:3]


def test_a_source_url_that_is_no_url_is_a_config_error(tmp_path):
    config = tmp_path / "archlint.yaml"
    config.write_text("report:\n  source-url: 'file:///etc/passwd'\n")
    res = run_cli(["report", "samples/shop-request-driven", "-o", str(tmp_path / "r.html"),
                   "--config", str(config)], cwd=REPO)  # fmt: skip
    assert res.exit_code == 2 and "report.source-url must be an http(s) URL" in res.output


@pytest.mark.slow
def test_a_chain_of_two_thousand_services_gives_a_report_linear_in_its_length():
    """Issue 15 case 19: each service of a chain reaches every later one synchronously; a
    section names 20 of them and counts the rest, so the report stays a few MB (it was
    122 MB)."""
    n = 2000
    chain = [
        svc(f"s{i}", f"c{i // 50}", queries=[f"s{i + 1}"] if i + 1 < n else []) for i in range(n)
    ]
    page = generate(result(estate(*chain)), diagrams=False)
    assert len(page.encode()) < 12_000_000
    assert "and 1979 more: <code>archlint impact s0</code>" in page
