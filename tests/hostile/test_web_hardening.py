"""Hostile requests to the HTTP face (issue 17, items 1, 2, 3 and the web parts of 9): each one a clear 4xx or a
logged 500 in the desk's error shape with the security headers, never a hang, a leak or a poisoned cache.

The in-process app serves the demo desk plus a few hostile records written here (a story whose link is
``https:javascript:...``, a headline carrying markup, a source whose title holds control characters and
whose last error names an intranet host).
"""

from __future__ import annotations

import asyncio
import base64
import logging
import threading
from datetime import UTC, date, datetime, timedelta
from xml.etree import ElementTree

import httpx
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from livesite import LiveServer
from steppe.cli import main as cli
from steppe.config import load_settings
from steppe.models import FetchOutcome, Source, Story
from steppe.publish import digest as digest_render
from steppe.publish import queries
from steppe.publish.mail import SmtpServer
from steppe.store import open_store
from steppe.text.fold import fold
from steppe.web.app import create_app
from steppe.web.headers import SECURITY_HEADERS
from webdesk import build_desk

PUBLIC = "https://news.steppe.example"
NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
INTRANET_ERROR = "FetchTimedOut: http://10.20.0.7:8080/rss (feeds.corp.internal) did not answer in 20 s"
HOSTILE_HEADLINE = "Bishkek council <script>alert(1)</script> votes on [tariffs](javascript:alert(2))"
HOSTILE_URL = "https:javascript:alert(1)"
CONTROL_TITLE = "Kabar\x01 \x0bWire\x1f"


def _cursor(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _add_hostile_records(store) -> None:
    story = Story(
        url=HOSTILE_URL,
        canonical_url="javascript:alert(3)",
        site="kabar.example",
        headline=HOSTILE_HEADLINE,
        text="The Bishkek city council met on Monday to discuss new water tariffs for the winter season.",
        published=NOW,
        countries=("KG",),
    )
    source = Source(url="https://kabar.example/rss", name=CONTROL_TITLE, country="KG", language="ru")
    with store.write() as session:
        session.stories.add(story, folded=fold(story.headline + "\n" + story.text), now=NOW)
        session.sources.add(source, now=NOW)
    with store.write() as session:
        record = next(h for h in session.sources.health() if h.source.url == source.url)
        session.sources.record(
            record.source.id, FetchOutcome("failed", NOW, NOW + timedelta(hours=1), error=INTRANET_ERROR)
        )


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = open_store(str(tmp_path_factory.mktemp("hostile") / "desk.db"))
    build_desk(store)
    _add_hostile_records(store)
    yield store
    store.close()


def _client(store, **settings) -> TestClient:
    app = create_app(store, load_settings(settings, env={}, toml_path="/nonexistent"))
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture(scope="module")
def client(store):
    return _client(store, **{"web.public_url": PUBLIC, "web.allowed_hosts": "mirror.steppe.example"})


def assert_desk_error(response, status_range=range(400, 500)) -> None:
    """A refusal in the desk's shape (JSON with error/message, or the error page) with the security headers."""
    assert response.status_code in status_range, (response.status_code, response.text[:300])
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, name
    if response.headers["content-type"].startswith("application/json"):
        body = response.json()
        assert set(body) in ({"error"}, {"message"}), body
    else:
        assert response.headers["content-type"].startswith("text/html")
        assert '<p class="error">' in response.text


# --- item 1: numbers with bounds, and a time budget ---


@pytest.mark.parametrize(
    "amount",
    [
        "1e999999",
        "1e-999999",
        "9e999999999999999999",
        "1e16",
        "0.0000001",
        "1.00000000000000000001",
        "1.00000000000000000000000000001",
        "-5",
    ],
)
def test_an_amount_out_of_bounds_is_refused_with_422(client, amount):
    response = client.get("/api/rates/latest", params={"base": "USD", "symbols": "KZT", "amount": amount})
    assert_desk_error(response, range(422, 423))
    assert response.json() == {"message": "invalid amount"}


@pytest.mark.parametrize("amount", ["0.000001", "1000000000000000", "123456789012.34567891"])
def test_amounts_at_the_bounds_are_converted(client, amount):
    response = client.get("/api/rates/latest", params={"base": "USD", "symbols": "KZT", "amount": amount})
    assert response.status_code == 200, response.text
    assert response.json()["rates"]["KZT"] > 0


@pytest.mark.parametrize(
    "amount,message",
    [
        ("-5", "not positive"),
        ("0", "not positive"),
        ("9e999999999999999999", "out of range"),
        ("1e-999999", "out of range"),
        ("1.234567890123456789012", "more than 20 significant digits"),
    ],
)
def test_the_cli_refuses_the_same_amounts_with_a_clear_message(store, amount, message):
    result = CliRunner().invoke(cli, ["rates", "convert", "--", amount, "USD", "KZT"], env=_db_env(store))
    assert result.exit_code != 0 and message in result.output, result.output


def test_the_cli_converts_a_currency_into_itself_without_an_unknown_date(store):
    result = CliRunner().invoke(cli, ["rates", "convert", "5", "USD", "USD"], env=_db_env(store))
    assert result.exit_code == 0, result.output
    assert "None" not in result.output and result.output.startswith("5 USD = 5 USD")


def _db_env(store) -> dict[str, str]:
    return {"STEPPE_DB": store.target, "STEPPE_CONFIG": "/nonexistent"}


def test_a_request_over_the_time_budget_is_answered_503_in_the_desks_shape(store):
    client = _client(store, **{"web.request_timeout": 0.3})
    released = threading.Event()

    async def never_answers():
        await asyncio.Event().wait()

    def blocks_a_thread():
        released.wait(10)
        return {"late": True}

    client.app.add_api_route("/api/v1/test-stuck", never_answers)
    client.app.add_api_route("/api/v1/test-blocked", blocks_a_thread)
    try:
        for path in ("/api/v1/test-stuck", "/api/v1/test-blocked"):
            response = client.get(path)
            assert_desk_error(response, range(503, 504))
            assert "longer than 0.3 s" in response.json()["error"]
    finally:
        released.set()


# --- item 2: Host header, public URL, cache ---


def test_an_unknown_host_is_refused_in_the_desks_shape(client):
    response = client.get("/feed.rss", headers={"host": "evil.example"})
    assert_desk_error(response, range(400, 401))


@pytest.mark.parametrize("path", ["/feed.rss", "/feeds/all.atom", "/feeds/country/KZ.json"])
def test_feed_links_use_the_public_url_whatever_the_host_header(client, path):
    answers = [client.get(path, headers={"host": host}) for host in ("mirror.steppe.example", "localhost")]
    for response in answers:
        assert response.status_code == 200
        assert "mirror.steppe.example" not in response.text and "testserver" not in response.text
        assert f"{PUBLIC}/story/" in response.text


def test_without_a_public_url_links_use_the_servers_own_address_not_the_host_header(store):
    server = LiveServer(store).start()
    try:
        text = httpx.get(server.url + "/feed.rss", headers={"host": "localhost"}, timeout=30).text
    finally:
        server.stop()
    assert f"{server.url}/story/" in text and "localhost" not in text


def test_a_page_kept_for_one_host_is_not_replayed_to_another(store, monkeypatch):
    from steppe.web import page_cache

    client = _client(store, **{"web.allowed_hosts": "mirror.steppe.example"})
    built: list[bytes] = []
    original = page_cache.PageCache._build

    async def counting(self, scope, receive, send, key, stamp):
        built.append(dict(scope["headers"])[b"host"])
        await original(self, scope, receive, send, key, stamp)

    monkeypatch.setattr(page_cache.PageCache, "_build", counting)
    for host in ("mirror.steppe.example", "localhost", "localhost"):
        assert client.get("/topic/energy", headers={"host": host}).status_code == 200
    assert built == [b"mirror.steppe.example", b"localhost"]


def test_the_emailed_digest_links_to_the_public_url(monkeypatch):
    from steppe.publish import mail

    sent = []
    monkeypatch.setattr(mail, "send_message", lambda message, server: sent.append(message))
    settings = load_settings({"web.public_url": PUBLIC + "/"}, env={}, toml_path="/nonexistent")
    story = Story("https://a.example/1", "a.example", "Council votes on tariffs", "The council met.", id=7)
    day = queries.Digest(date(2026, 11, 30), (), (), (story,))
    mail.send_digest(day, ["reader@steppe.example"], SmtpServer.from_settings(settings))
    html = sent[0].get_body(("html",)).get_content()
    assert f'href="{PUBLIC}/story/7"' in html


# --- item 3: crafted cursors, out-of-range dates, the 500 and unknown routes ---

HOSTILE_PATHS = [
    "/api/v1/search?q=bank&cursor=" + _cursor(f"k|{2**64}"),
    "/search?q=bank&cursor=" + _cursor(f"k|{2**63}"),
    "/api/v1/stories?cursor=" + _cursor("9999-12-31T23:59:59-23:59|5"),
    "/stories?cursor=" + _cursor("0001-01-01T00:00:00+23:59|5"),
    "/api/v1/stories?cursor=" + _cursor(f"2026-11-30T09:00:00+00:00|{2**63}"),
    "/api/v1/stories?until=9999-12-31",
    "/api/v1/search?q=bank&until=9999-12-31",
    "/stories?since=0001-01-01",
    "/country/KZ?until=9999-12-31",
    "/feeds/search.rss?q=bank&until=9999-12-31",
    "/feeds/search.json?until=9999-12-31",
    "/digest/9999-12-31",
    "/api/v1/digest/9999-12-31",
    "/api/v1/rates/ticker?day=0001-01-01",
    "/api/rates/0001-01-01",
    "/api/rates/9999-12-31",
    "/api/rates/0001-01-01..9999-12-31",
    "/api/rates/2026-01-01..9999-12-31",
    "/no-such-page",
    "/api/no-such-route",
    "/api/v1/stories/0",
]


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_crafted_cursors_dates_and_routes_are_a_4xx_in_the_desks_shape(client, path):
    assert_desk_error(client.get(path))


def test_unknown_routes_answer_the_desks_shape_not_fastapis_detail(client):
    assert client.get("/api/no-such-route").json() == {"error": "not found"}
    assert "Not found (404)" in client.get("/no-such-page").text


def test_an_unexpected_error_is_a_logged_500_with_the_security_headers(store, monkeypatch, caplog):
    client = _client(store)

    def broken(*args, **kwargs):
        raise RuntimeError("database file vanished: /srv/steppe/steppe.db")

    monkeypatch.setattr(queries, "topics", broken)
    with caplog.at_level(logging.ERROR):
        for path in ("/api/v1/topics", "/topic/"):
            caplog.clear()
            response = client.get(path)
            assert_desk_error(response, range(500, 501))
            assert "/srv/steppe" not in response.text
            assert [r.levelno for r in caplog.records if r.levelno >= logging.ERROR] == [logging.ERROR]


# --- item 9, the web parts: nothing internal or executable leaks ---


def test_sources_show_a_class_of_error_not_the_internal_hosts(client):
    for path in ("/sources", "/api/v1/sources"):
        text = client.get(path).text
        assert "10.20.0.7" not in text and "corp.internal" not in text
        assert "timed out" in text


def test_the_api_serves_only_http_links(client):
    hits = client.get("/api/v1/stories", params={"country": "KG", "limit": 200}).json()["stories"]
    hostile = [s for s in hits if s["site"] == "kabar.example"]
    assert hostile and all(s["url"] is None and s["canonical_url"] is None for s in hostile)
    assert all(s["url"] is None or s["url"].startswith(("http://", "https://")) for s in hits)


def test_the_markdown_digest_writes_headlines_as_text_not_html(store):
    from markdown_it import MarkdownIt  # rich's Markdown parser: CommonMark, raw HTML passed through

    html = MarkdownIt("commonmark").render(digest_render.render_markdown(queries.digest(store, NOW.date())))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "[tariffs](javascript:alert(2))" in html
    assert "<script>" not in html and "javascript:" not in html.replace("[tariffs](javascript:alert(2))", "")


def test_the_opml_export_stays_valid_xml_with_control_characters_in_a_title(client):
    response = client.get("/sources.opml")
    assert response.status_code == 200
    titles = [o.get("title") for o in ElementTree.fromstring(response.content).iter("outline")]
    assert "Kabar Wire" in titles
