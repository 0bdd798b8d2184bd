"""Feeds out, parsed back: RSS 2.0 and Atom through feedparser, JSON Feed 1.1 field by field, OPML."""

from __future__ import annotations

from xml.etree import ElementTree

import feedparser
import httpx
import pytest

from livesite import LiveServer
from steppe.store import open_store
from webdesk import SOURCES, build_desk


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    store = open_store(str(tmp_path_factory.mktemp("feeds") / "demo.db"))
    build_desk(store)
    server = LiveServer(store).start()
    yield server
    server.stop()
    store.close()


def get(site, path: str, **params) -> httpx.Response:
    return httpx.get(site.url + path, params=params or None, timeout=30)


SCOPES = [
    ("/feeds/all", {}, "/api/v1/stories", {}),
    ("/feeds/country/KZ", {}, "/api/v1/stories", {"country": "KZ"}),
    ("/feeds/topic/energy", {}, "/api/v1/stories", {"topic": "energy"}),
    ("/feeds/search", {"q": "Tokayev"}, "/api/v1/stories", {"q": "Tokayev"}),
]


@pytest.mark.parametrize("base, params, twin, twin_params", SCOPES)
@pytest.mark.parametrize("fmt, version", [("rss", "rss20"), ("atom", "atom10")])
def test_xml_feeds_parse_back_with_the_same_stories_as_the_list(site, base, params, twin, twin_params, fmt, version):
    response = get(site, f"{base}.{fmt}", **params)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(f"application/{fmt}+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == version
    expected = get(site, twin, limit=50, **twin_params).json()["stories"]
    assert [e.link for e in parsed.entries] == [f"{site.url}/story/{s['id']}" for s in expected]
    assert [e.title for e in parsed.entries] == [s["headline"] for s in expected]
    first = parsed.entries[0]
    assert first.get("published_parsed") and first.get("summary") and first.content[0].value.startswith("<p>")
    links = {link.rel: link.href for link in parsed.feed.links}
    assert links["self"].startswith(f"{site.url}{base}.{fmt}")


@pytest.mark.parametrize("base, params, twin, twin_params", SCOPES)
def test_json_feed_has_the_fields_of_json_feed_1_1(site, base, params, twin, twin_params):
    response = get(site, f"{base}.json", **params)
    assert response.headers["content-type"].startswith("application/feed+json")
    feed = response.json()
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"].startswith("Steppe: ")
    assert feed["home_page_url"].startswith(site.url) and feed["feed_url"].startswith(f"{site.url}{base}.json")
    expected = get(site, twin, limit=50, **twin_params).json()["stories"]
    assert [item["id"] for item in feed["items"]] == [f"{site.url}/story/{s['id']}" for s in expected]
    for item in feed["items"]:
        assert isinstance(item["id"], str) and item["url"] == item["id"]
        assert item["title"] and item["content_html"].startswith("<p>") and item["content_text"]
        assert item["date_published"][:4] == "2026" and item["authors"][0]["name"]
        assert item.get("external_url", "https://").startswith(("http://", "https://"))


def test_short_feed_addresses_serve_the_same_documents(site):
    assert get(site, "/feed.json").json()["items"] == get(site, "/feeds/all.json").json()["items"]
    assert get(site, "/country/KZ/feed.json").json()["items"] == get(site, "/feeds/country/KZ.json").json()["items"]
    assert get(site, "/topic/energy/feed.json").json()["items"] == get(site, "/feeds/topic/energy.json").json()["items"]
    assert (
        get(site, "/search/feed.json", q="Rogun").json()["items"]
        == get(site, "/feeds/search.json", q="Rogun").json()["items"]
    )


def test_a_cyrillic_search_feed_finds_latin_stories(site):
    feed = get(site, "/feeds/search.json", q="Токаев").json()
    assert {"en", "ru"} <= {item.get("language") for item in feed["items"]}


def test_feeds_are_linked_from_their_pages(site):
    for page, feed in [
        ("/", "/feeds/all.rss"),
        ("/country/KZ", "/feeds/country/KZ.atom"),
        ("/topic/energy", "/feeds/topic/energy.json"),
        ("/search?q=Rogun", "/feeds/search.rss?q=Rogun"),
    ]:
        html = get(site, page).text
        assert '<link rel="alternate" type="application/' in html and f'href="{feed}"' in html, page


@pytest.mark.parametrize(
    "path, status",
    [
        ("/feeds/all.xml", 404),
        ("/feeds/country/KZZ.rss", 400),
        ("/feeds/topic/astrology.atom", 404),
        ("/feeds/search.json?q=***", 400),
        ("/feeds/all.rss?limit=1000", 400),
    ],
)
def test_bad_feed_requests_are_clean_4xx(site, path, status):
    assert get(site, path).status_code == status


def test_feeds_are_readable_cross_origin(site):
    assert get(site, "/feeds/all.json").headers["access-control-allow-origin"] == "*"
    assert get(site, "/feeds/all.rss").headers["access-control-allow-origin"] == "*"


def test_sources_export_as_opml_that_lists_every_source(site):
    response = get(site, "/sources.opml")
    assert response.status_code == 200 and "opml" in response.headers["content-type"]
    root = ElementTree.fromstring(response.content)
    assert root.tag == "opml" and root.get("version") == "2.0"
    outlines = {o.get("xmlUrl"): o.get("text") for o in root.iter("outline")}
    assert outlines == {s.url: s.name for s in SOURCES}
