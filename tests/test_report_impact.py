"""The report's blast radii: per service in the services table, the top ten outages, and
each finding's impact (what "order by impact" sorts by)."""

from __future__ import annotations

from helpers import REPO

from archlint import api
from archlint.report.contents import TOP, build_report, top_outages
from archlint.report.data import BlastRow
from archlint.rule_pages import builtin_rules


def _report():
    result = api.lint(
        [str(REPO / "samples" / "shop-request-driven")], baseline=False, cwd=str(REPO)
    )
    return build_report(result, {s.code: s for s in builtin_rules().specs})


def test_every_service_has_its_blast_radius():
    report = _report()
    blast = {b.name: (b.fails, b.delayed) for b in report.blast}
    # fraud-check is reached by payments, orders, basket, storefront and shipments
    assert blast["fraud-check"] == (5, 0)
    assert blast["stock"] == (4, 1)  # catalogue reads stock-movements
    assert blast["storefront"] == (0, 0)
    assert [b.name for b in report.blast] == sorted(blast)


def test_the_top_outages_take_the_most_down_first():
    report = _report()
    names = [b.name for b in report.top_outages]
    assert names[:3] == ["fraud-check", "payments", "stock"]
    assert "storefront" not in names  # its outage takes nothing with it


def test_at_most_ten():
    rows = [BlastRow(f"s{i:02d}", "", "x", i % 7, i) for i in range(30)]
    top = top_outages(rows)
    assert len(top) == TOP
    assert [(b.fails, b.delayed) for b in top][:2] == [(6, 27), (6, 20)]


def test_a_finding_has_the_largest_blast_radius_it_involves():
    report = _report()
    by_code = {}
    for row in report.findings:
        by_code.setdefault(row.code, []).append(row)
    (sy003,) = by_code["SY003"]  # about storefront alone: nothing fails with it
    assert sy003.impact == 0
    # payments writes orders (SW003): payments' radius, 4 + 1
    (sw003,) = by_code["SW003"]
    assert sw003.impact == 5
