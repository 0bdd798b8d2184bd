"""Managing sources: the bundled outlets, feed discovery, OPML, news sitemaps, feed charsets."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from steppe.errors import FeedError, FeedNotFound, NotFound, OPMLError, PrivateAddress
from steppe.fetch import Fetcher
from steppe.fetch.charset import feed_as_utf8
from steppe.models import Source
from steppe.sources.discover import discover_feed, feed_links
from steppe.sources.feeds import parse_feed
from steppe.sources.manage import (
    add_source,
    disable_source,
    enable_source,
    export_opml,
    import_opml,
    install_outlets,
    list_sources,
    remove_source,
)
from steppe.sources.opml import parse_opml, render_opml
from steppe.sources.outlets import bundled_outlets
from steppe.sources.sitemaps import parse_sitemap
from test_fetch_server import Reply, local_config, server  # noqa: F401 (fixture)

NOW = datetime(2026, 11, 28, tzinfo=UTC)
FEED = b"<?xml version='1.0'?><rss version='2.0'><channel><title>Dala News</title><item><title>x</title><link>https://d.example/1</link></item></channel></rss>"
ISSUE_OUTLETS = [
    "Times of Central Asia",
    "Eurasianet",
    "AKIpress",
    "24.kg",
    "Kaktus",
    "Kun.uz",
    "Gazeta.uz",
    "UzDaily",
    "Daryo",
    "Tengrinews",
    "Kursiv",
    "Vlast",
    "Kazinform",
    "Asia-Plus",
    "Turkmenportal",
    "Orient",
    "Trend",
    "Azattyq",
    "Azattyk",
    "Ozodi",
    "Ozodlik",
    "Azathabar",
]


def test_the_bundled_outlets_cover_the_region_with_complete_records():
    outlets = bundled_outlets()
    names = " | ".join(o.name for o in outlets)
    assert all(name in names for name in ISSUE_OUTLETS)
    for outlet in outlets:
        assert outlet.feed.startswith("https://") and outlet.home.startswith("https://")
        assert outlet.language in {"en", "ru", "kk", "ky", "tg", "uz", "tk"}
        assert outlet.country in {None, "KZ", "KG", "TJ", "UZ", "TM", "AZ"}
        assert outlet.evidence
    assert len({o.feed for o in outlets}) == len(outlets)
    verified = {o.feed for o in outlets if o.verified}
    assert "https://24.kg/rss/" in verified and "https://tengrinews.kz/news.rss" in verified
    assert "https://eurasianet.org/feed" not in verified  # only seen in code


def test_installing_outlets_enables_only_verified_feeds_and_is_idempotent(store):
    report = install_outlets(store)
    assert len(report.added) == len(bundled_outlets()) and report.known == ()
    health = {h.source.url: h.source for h in list_sources(store)}
    assert health["https://24.kg/rss/"].enabled and not health["https://eurasianet.org/feed"].enabled
    assert install_outlets(store).added == ()


def test_enable_disable_and_remove(store):
    install_outlets(store)
    assert enable_source(store, "https://eurasianet.org/feed").enabled
    assert not disable_source(store, "https://24.kg/rss/").enabled
    remove_source(store, "https://24.kg/rss/")
    assert "https://24.kg/rss/" not in {h.source.url for h in list_sources(store)}
    with pytest.raises(NotFound):
        enable_source(store, "https://nowhere.example/feed")


HOME = b"""<!DOCTYPE html><html><head><title>Dala</title>
<link rel="alternate" type="application/rss+xml" title="Comments" href="/comments/feed/">
<link rel="alternate" type="application/rss+xml" title="Dala News" href="/rss/">
<link rel="stylesheet" href="/s.css"></head><body>news</body></html>"""


def discover(url, **config):
    async def go():
        async with Fetcher(local_config(**config)) as fetcher:
            return await discover_feed(url, fetcher)

    return asyncio.run(go())


def test_feed_links_are_found_relative_and_comment_feeds_come_last():
    links = feed_links(HOME.decode(), "https://dala.example/news/")
    assert links == ["https://dala.example/rss/", "https://dala.example/comments/feed/"]


def test_add_discovers_the_feed_from_a_home_page(server, store):
    home = server.route("/", Reply(200, HOME, {"Content-Type": "text/html"}))
    server.route("/rss/", Reply(200, FEED, {"Content-Type": "application/rss+xml"}))
    source, added = add_source(store, home, config=local_config(), country="kz", language="ru")
    assert added and source.url == server.url("/rss/") and source.name == "Dala News"
    assert source.country == "KZ" and source.language == "ru" and source.kind == "feed"
    assert add_source(store, home, config=local_config())[1] is False


def test_discovery_falls_back_to_common_feed_paths(server):
    home = server.route("/", Reply(200, b"<html><head></head><body>no links</body></html>"))
    server.route("/feed/", Reply(200, FEED))
    assert discover(home).url == server.url("/feed/")


def test_discovery_recognises_a_news_sitemap(server):
    url = server.route("/news-sitemap.xml", Reply(200, SITEMAP))
    assert discover(url).kind == "sitemap"


def test_no_feed_anywhere_is_feed_not_found(server):
    home = server.route("/", Reply(200, b"<html><body>plain</body></html>"))
    with pytest.raises(FeedNotFound, match="tried"):
        discover(home)


def test_discovery_goes_through_the_ssrf_guard(server):
    home = server.route("/", Reply(200, HOME))
    with pytest.raises(PrivateAddress):
        discover(home, allow_networks=())


def test_opml_export_imports_back_unchanged(store, tmp_path):
    with store.write() as session:
        session.sources.add(Source("https://a.example/feed", "A & Co", language="kk", country="KZ"), now=NOW)
        session.sources.add(Source("https://b.example/sitemap.xml", "B", kind="sitemap", enabled=False), now=NOW)
    path = tmp_path / "sources.opml"
    path.write_text(export_opml(store), encoding="utf-8")
    assert sorted(parse_opml(path.read_bytes()), key=lambda s: s.url) == sorted(
        [
            Source("https://a.example/feed", "A & Co", language="kk", country="KZ"),
            Source("https://b.example/sitemap.xml", "B", kind="sitemap", enabled=False),
        ],
        key=lambda s: s.url,
    )


def test_opml_from_other_readers_is_imported_with_nested_categories(store, tmp_path):
    path = tmp_path / "feeds.opml"
    path.write_text(
        """<?xml version="1.0"?><opml version="1.0"><head><title>x</title></head><body>
      <outline text="Central Asia"><outline text="24.kg" type="rss" xmlUrl="https://24.kg/rss/"/>
      <outline title="Kursiv" type="rss" xmlUrl="https://kz.kursiv.media/feed/"/></outline>
      <outline text="folder without feed"/></body></opml>""",
        encoding="utf-8",
    )
    report = import_opml(store, path)
    assert report.added == ("https://24.kg/rss/", "https://kz.kursiv.media/feed/")
    assert import_opml(store, path).known == report.added


@pytest.mark.parametrize(
    "body", [b"<opml><body><outline", b"<html><body/></html>", b'<!DOCTYPE x [<!ENTITY a "aaaa">]><opml>&a;</opml>']
)
def test_bad_opml_is_refused_with_a_reason(body):
    with pytest.raises(OPMLError):
        parse_opml(body)


def test_a_missing_opml_file_is_an_opml_error(store, tmp_path):
    with pytest.raises(OPMLError, match="cannot read"):
        import_opml(store, tmp_path / "missing.opml")


SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
 <url><loc>https://dala.example/2026/11/28/water</loc>
  <news:news><news:publication><news:name>Dala</news:name><news:language>ru</news:language></news:publication>
  <news:publication_date>2026-11-28T09:00:00+05:00</news:publication_date><news:title>Water deal</news:title></news:news></url>
 <url><loc>https://dala.example/about</loc><lastmod>2026-01-01</lastmod></url>
</urlset>"""


def test_a_news_sitemap_becomes_entries_with_titles_and_dates():
    feed = parse_sitemap(SITEMAP)
    assert [e.link for e in feed.entries] == ["https://dala.example/2026/11/28/water", "https://dala.example/about"]
    assert feed.entries[0].title == "Water deal" and feed.entries[0].published.hour == 9
    assert feed.entries[0].html == ""


def test_a_sitemap_index_is_refused_with_a_hint():
    with pytest.raises(FeedError, match="index"):
        parse_sitemap(b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></sitemapindex>')


@pytest.mark.parametrize("encoding,declare_in", [("cp1251", "header"), ("koi8_r", "xml"), ("cp1251", "nowhere")])
def test_feed_charsets_become_utf8(encoding, declare_in):
    title = "Национальный банк Казахстана снизил базовую ставку"
    declaration = f"<?xml version='1.0' encoding='{encoding}'?>" if declare_in == "xml" else "<?xml version='1.0'?>"
    body = (
        declaration + f"<rss version='2.0'><channel><title>{title}</title><item><title>{title}</title>"
        "<link>https://x.example/1</link><description>" + title * 5 + "</description></item></channel></rss>"
    )
    header = f"application/rss+xml; charset={encoding}" if declare_in == "header" else "application/rss+xml"
    feed = parse_feed(feed_as_utf8(body.encode(encoding), header))
    assert feed.entries[0].title == title


def test_utf8_feeds_pass_through_untouched():
    assert feed_as_utf8(FEED, "text/xml; charset=windows-1251") is FEED


def test_render_opml_escapes_names():
    assert "A &amp; B" in render_opml([Source("https://x.example/f", "A & B")])
