"""The page cache: shared pages are built once per store change, never for credentials or search."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from steppe.models import Story
from steppe.store import open_store
from steppe.text.fold import fold
from steppe.web import page_cache
from steppe.web.app import create_app

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def _story(n: int) -> Story:
    return Story(
        url=f"https://p.example/{n}",
        site="p.example",
        language="en",
        countries=("KZ",),
        headline=f"Steppe rail freight record number {n}",
        text=f"Freight story {n} from Almaty.",
        published=NOW,
    )


def _add(store, n: int) -> None:
    story = _story(n)
    with store.write() as session:
        session.stories.add(story, folded=fold(story.headline + "\n" + story.text), now=NOW)


@pytest.fixture
def desk(tmp_path, monkeypatch):
    """A store with one story, the app behind a PageCache, and a count of requests the app built."""
    monkeypatch.setattr(page_cache, "STAMP_TTL", 0.0)  # read the stamp on every request
    store = open_store(str(tmp_path / "cache.db"))
    _add(store, 1)
    app = create_app(store)
    built: list[str] = []

    async def counting(scope, receive, send):
        if scope["type"] == "http":
            built.append(scope["path"])
        await app(scope, receive, send)

    client = TestClient(page_cache.PageCache(counting, store, max_age=60))
    yield client, store, built
    store.close()


def test_the_front_page_is_built_once_until_a_story_arrives(desk):
    client, store, built = desk
    first, second = client.get("/"), client.get("/")
    assert first.status_code == second.status_code == 200 and first.text == second.text
    assert built == ["/"]
    assert second.headers["content-security-policy"] and second.headers["x-content-type-options"] == "nosniff"
    _add(store, 2)
    third = client.get("/")
    assert built == ["/", "/"] and "number 2" in third.text and "number 2" not in first.text


def test_a_write_in_this_process_is_seen_at_once(tmp_path):
    """No stamp TTL wait when the write went through the same Store (steppe run serving as it ingests)."""
    store = open_store(str(tmp_path / "now.db"))
    _add(store, 1)
    client = TestClient(page_cache.PageCache(create_app(store), store, max_age=60))
    assert "number 1" in client.get("/").text
    _add(store, 2)
    assert "number 2" in client.get("/").text
    store.close()


def test_an_old_copy_is_built_again(desk, monkeypatch):
    client, _store, built = desk
    client.get("/country/KZ")
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: 1e12)  # far later
    client.get("/country/KZ")
    assert built == ["/country/KZ", "/country/KZ"]


def test_query_and_accept_are_part_of_the_key(desk):
    client, _store, built = desk
    client.get("/api/v1/stories?limit=1")
    client.get("/api/v1/stories?limit=2")
    client.get("/api/v1/stories?limit=1")
    client.get("/api/v1/stories?limit=1", headers={"accept": "application/json"})
    assert built == ["/api/v1/stories"] * 3


@pytest.mark.parametrize(
    "path,headers",
    [
        ("/", {"cookie": "session=1"}),
        ("/", {"authorization": "Bearer x"}),
        ("/search?q=freight", {}),
        ("/feeds/search.rss?q=freight", {}),
        ("/api/v1/stories?cursor=abc", {}),
        ("/api/v1/search?q=freight", {}),
    ],
)
def test_personal_and_search_requests_are_never_cached(desk, path, headers):
    client, _store, built = desk
    client.get(path, headers=headers)
    client.get(path, headers=headers)
    assert len(built) == 2


def test_errors_are_not_kept(desk):
    client, _store, built = desk
    assert client.get("/topic/astrology").status_code == 404
    client.get("/topic/astrology")
    assert built == ["/topic/astrology", "/topic/astrology"]


def test_a_zero_max_age_turns_it_off(tmp_path):
    store = open_store(str(tmp_path / "off.db"))
    built = []
    app = create_app(store)

    async def counting(scope, receive, send):
        built.append(scope["type"])
        await app(scope, receive, send)

    client = TestClient(page_cache.PageCache(counting, store, max_age=0))
    client.get("/")
    client.get("/")
    assert built.count("http") == 2
    store.close()


def test_while_one_request_rebuilds_the_others_get_the_old_copy(desk):
    client, store, built = desk
    cache = client.app
    old = client.get("/").text
    _add(store, 2)
    cache.building.add(("/", b"", b"*/*"))  # as if another request were rebuilding it now
    assert client.get("/", headers={"accept": "*/*"}).text == old and built == ["/"]
    cache.building.clear()
    assert "number 2" in client.get("/", headers={"accept": "*/*"}).text and built == ["/", "/"]
