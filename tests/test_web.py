"""The web desk over real HTTP on 127.0.0.1: pages, their JSON twins, errors and safety headers."""

from __future__ import annotations

import re
from datetime import UTC

import httpx
import pytest

from livesite import LiveServer
from steppe.demo import build_demo
from steppe.store import open_store


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    store = open_store(str(tmp_path_factory.mktemp("web") / "demo.db"))
    built = build_demo(store)
    assert built.rejected == ()
    server = LiveServer(store).start()
    yield server
    server.stop()
    store.close()


def get(site, path: str, **params) -> httpx.Response:
    return httpx.get(site.url + path, params=params, timeout=30)


def test_front_page_shows_the_ticker_once_and_the_stories_grouped_by_country(site):
    html = get(site, "/").text
    assert html.count('class="ticker"') == 1
    for currency in ("KZT", "KGS", "UZS", "TJS", "TMT"):
        assert len(re.findall(rf'data-currency="{currency}"', html)) == 1
    sections = re.findall(r'<section class="country" id="country-(\w\w)"', html)
    assert {"KZ", "KG", "TJ", "UZ", "TM"} <= set(sections)
    assert len(set(re.findall(r'href="/story/(\d+)"', html))) >= 20


def test_the_front_page_json_twin_has_the_same_sections(site):
    html = get(site, "/").text
    data = get(site, "/api/v1/front").json()
    assert [c["code"] for c in data["countries"]] == re.findall(r'<section class="country" id="country-(\w\w)"', html)
    assert len(data["ticker"]) == 5 and data["story_count"] >= 20


def test_story_page_shows_clean_text_and_a_link_to_the_original(site):
    first = get(site, "/api/v1/stories", limit=1).json()["stories"][0]
    html = get(site, f"/story/{first['id']}").text
    assert f"<h1>{first['headline']}</h1>" in html.replace("&#39;", "'").replace("&amp;", "&").replace("&#34;", '"')
    assert (first["canonical_url"] or first["url"]) in html
    assert "/USD =" not in html.split('<main id="main">')[1]


def test_stories_api_filters_by_country_and_pages_with_a_cursor(site):
    seen, cursor = [], None
    while True:
        params = {"country": "KZ", "limit": 3}
        if cursor:
            params["cursor"] = cursor
        data = get(site, "/api/v1/stories", **params).json()
        assert all("KZ" in s["countries"] for s in data["stories"])
        seen += [s["id"] for s in data["stories"]]
        cursor = data["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) >= 4


def test_latin_search_finds_cyrillic_stories(site):
    data = get(site, "/api/v1/stories", q="Tokayev").json()["stories"]
    languages = {s["language"] for s in data}
    assert "en" in languages and "ru" in languages, data


def test_a_malformed_query_is_a_400_with_a_hint_not_a_500(site):
    response = get(site, "/api/v1/stories", q='"((*')
    assert response.status_code == 400 and "no words" in response.json()["error"]
    page = get(site, "/search", q="***")
    assert page.status_code == 400 and "no words" in page.text
    assert get(site, "/api/v1/stories", cursor="garbage").status_code == 400


def test_unknown_story_is_a_404(site):
    assert get(site, "/story/999999").status_code == 404
    assert get(site, "/api/v1/stories/999999").json() == {"error": "no story 999999"}


def test_pages_carry_security_headers(site):
    headers = get(site, "/").headers
    csp = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "'unsafe-inline'" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"]
    assert get(site, "/api/v1/stories").headers["access-control-allow-origin"] == "*"


def test_digest_page_and_json_twin_agree(site):
    day = get(site, "/api/v1/stories", limit=1).json()["stories"][0]["published"][:10]
    data = get(site, f"/api/v1/digest/{day}").json()
    html = get(site, f"/digest/{day}").text
    assert html.count('class="ticker"') == 1
    for country in data["countries"]:
        assert f"<h2>{country['name']}</h2>" in html


def test_a_story_mentioning_an_event_in_passing_links_to_it_without_joining_it(site):
    hits = get(site, "/api/v1/stories", q="Earth observation satellite Mongolia", limit=50).json()["stories"]
    standalone = [
        s for s in hits if s["headline"] == "Kazakhstan Will Build an Earth Observation Satellite for Mongolia"
    ]
    assert standalone, [s["headline"] for s in hits]
    data = get(site, f"/api/v1/stories/{standalone[0]['id']}").json()
    visit = [s for s in data["see_also"] if "person:ukhnaagiin-khurelsukh" in {p["id"] for p in s["people"]}]
    assert visit and all(s["cluster_id"] != data["cluster_id"] for s in visit)
    assert "See also" in get(site, f"/story/{data['id']}").text


def test_top_stories_are_led_by_the_english_report_when_there_is_one(site):
    clusters = get(site, "/api/v1/front").json()["clusters"]
    assert clusters
    html = get(site, "/").text
    for cluster in clusters:
        languages = {s["language"] for s in cluster["stories"]}
        if "en" in languages:
            lead = [s for s in cluster["stories"] if s["headline"] == cluster["headline"]]
            assert lead and lead[0]["language"] == "en", cluster["headline"]
            assert cluster["headline"].replace("'", "&#39;") in html.replace("’", "’")


def test_the_header_ticker_follows_newly_stored_rates(tmp_path):
    from datetime import date, datetime
    from decimal import Decimal

    from steppe.models import Quote
    from steppe.web.rates_api import STAMP_TTL, AnswerCache

    store = open_store(str(tmp_path / "t.db"))
    build_demo(store)
    server = LiveServer(store)
    moment = [1000.0]  # the cache's clock: moved by the test, never waited for
    server.app.state.rates_cache = AnswerCache(store, clock=lambda: moment[0])
    server.start()
    try:
        assert "511.57" in httpx.get(server.url + "/").text
        with store.write() as session:
            session.quotes.add(
                [Quote(bank="NBK", date=date(2026, 11, 30), base="USD", quote="KZT", amount=Decimal("520.01"))],
                now=datetime(2026, 11, 30, 12, 0, tzinfo=UTC),
            )
        moment[0] += STAMP_TTL + 0.2  # the stored-quotes stamp is read again once its TTL has passed
        html = httpx.get(server.url + "/").text
        assert "520.01" in html and "511.57" not in html.split('class="ticker"')[1].split("</section>")[0]
    finally:
        server.stop()
        store.close()
