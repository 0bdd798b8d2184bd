"""The rates page /rates and its JSON twins: figures, changes, banks, flags, SVG charts, no inline style."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import httpx
import pytest

from livesite import LiveServer
from steppe.web.rates_page import chart
from test_rates_sync import fill, home_per

FRI = date(2026, 4, 10)


@pytest.fixture
def site(store):
    fill(store, date(2025, 10, 1), date(2026, 4, 12), banks=["NBK", "NBKR", "CBU", "NBT", "CBT", "CBR", "ECB"])
    server = LiveServer(store).start()
    with httpx.Client(base_url=server.url, timeout=60) as client:
        yield client
    server.stop()


def test_the_page_shows_each_currency_per_usd_with_bank_date_and_change(site):
    response = site.get("/rates")
    assert response.status_code == 200
    html = response.text
    row = re.search(r'<tr id="rate-KZT".*?</tr>', html, re.DOTALL).group(0)
    friday = home_per("NBK", "USD", FRI).quantize(Decimal("0.01"))
    assert f">{friday:,}<" in row and ">NBK<" in row.replace("<td>NBK", ">NBK<")
    assert "2026-04-10" in row and "carried forward" in row  # Sunday's page, Friday's NBK figure
    assert re.search(r'class="change (up|down|flat)">[▲▼▬] [+-]?\d+\.\d\d%', row)
    assert html.count('class="ticker"') <= 1  # the header ticker, once


def test_the_cbu_tmt_figure_is_flagged_on_the_tmt_row(site):
    html = site.get("/rates").text
    row = re.search(r'<tr id="rate-TMT".*?</tr>', html, re.DOTALL).group(0)
    assert "flag disagreement" in row and "CBU TMT/UZS" in row
    assert ">3.500<" in row and ">CBT" in row


def test_each_currency_has_an_inline_svg_chart_and_no_inline_style_or_script(site):
    html = site.get("/rates?days=30").text
    svgs = re.findall(r"<svg.*?</svg>", html, re.DOTALL)
    assert len(svgs) == 8
    assert all("<polyline" in s and "<title" in s and 'role="img"' in s for s in svgs)
    assert "style=" not in html and "<script" not in html
    assert '<strong aria-current="true">30 days</strong>' in html
    csp = site.get("/rates").headers["content-security-policy"]
    assert "style-src 'self'" in csp


def test_chart_periods_change_the_number_of_points(site):
    short = site.get("/rates.json?days=30").json()
    long = site.get("/rates.json?days=365").json()
    kzt = {r["currency"]: r for r in short["rates"]}["KZT"]
    assert 15 <= len(kzt["chart"]) <= 23  # weekdays only: NBK does not publish on weekends
    longer = {r["currency"]: r for r in long["rates"]}["KZT"]
    assert len(longer["chart"]) > 100 and longer["chart"][0][0] >= "2025-10-01"


def test_the_json_twin_carries_the_same_rows_and_flags(site):
    body = site.get("/rates.json").json()
    assert body["date"] == "2026-04-12" and body["days"] == 90
    rows = {r["currency"]: r for r in body["rates"]}
    assert list(rows) == ["KZT", "KGS", "UZS", "TJS", "TMT", "RUB", "EUR", "CNY"]
    assert rows["KZT"]["per_usd"] == str(home_per("NBK", "USD", FRI).quantize(Decimal("0.01")))
    assert rows["KZT"]["source"]["bank"] == "NBK" and rows["KZT"]["source"]["carried_forward"] is True
    assert [f["bank"] for f in rows["TMT"]["disagreements"]] == ["CBU"]
    one = site.get("/rates/tjs.json").json()
    assert one["currency"] == "TJS" and one["source"]["bank"] == "NBT" and one["chart"]


def test_bad_period_and_unknown_currency_are_clear_errors(site):
    assert site.get("/rates?days=7").status_code == 400
    assert "days must be one of 30, 90, 365" in site.get("/rates.json?days=7").json()["error"]
    assert site.get("/rates/XYZ.json").status_code == 404


def test_an_empty_store_says_how_to_get_rates(store):
    server = LiveServer(store).start()
    try:
        html = httpx.get(server.url + "/rates", timeout=30).text
        assert "steppe rates update" in html
        assert httpx.get(server.url + "/rates.json", timeout=30).json() == {"date": None, "days": None, "rates": []}
    finally:
        server.stop()


def test_a_chart_scales_into_its_box_and_a_flat_series_is_a_middle_line():
    points = ((date(2026, 4, 1), Decimal(470)), (date(2026, 4, 2), Decimal(480)), (date(2026, 4, 3), Decimal(475)))
    drawn = chart("KZT", points, 30)
    assert drawn.points == "6.0,82.0 160.0,6.0 314.0,44.0"
    assert drawn.low == "470.00" and drawn.high == "480.00" and "low 470.00, high 480.00" in drawn.title
    flat = chart("TMT", ((date(2026, 4, 1), Decimal("3.5")), (date(2026, 4, 2), Decimal("3.5"))), 30)
    assert flat.points == "6.0,44.0 314.0,44.0"
    assert chart("TMT", points[:1], 30) is None
