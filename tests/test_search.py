"""Search: highlighted snippets on both engines, Latin finds Cyrillic, filters, paging, and 400s not 500s."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings, strategies as st

from steppe import queries
from steppe.enrich import fold
from steppe.errors import BadQuery
from steppe.models import Story
from steppe.store import open_store
from steppe.store.dialect import MARK_END, MARK_START
from steppe.web.app import create_app

from webdesk import build_desk

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)
STORIES = (
    Story(url="https://a.example/1", site="a.example", language="en", countries=("KZ", "MN"), topics=("space",),
          headline="Tokayev and Khurelsukh sign satellite deal",
          text="President Kassym-Jomart Tokayev signed a satellite deal in Astana.\nThe satellite will be built by 2028.",
          published=datetime(2026, 11, 24, 8, tzinfo=timezone.utc)),
    Story(url="https://b.example/2", site="b.example", language="ru", countries=("KZ",), topics=("space",),
          headline="Токаев подписал соглашение о спутнике",
          text="Президент Касым-Жомарт Токаев подписал соглашение о спутнике в Астане.",
          published=datetime(2026, 11, 25, 8, tzinfo=timezone.utc)),
    Story(url="https://c.example/3", site="c.example", language="en", countries=("TJ",), topics=("energy",),
          headline="Rogun brings a third turbine online",
          text="The Rogun hydropower plant in Tajikistan started its third turbine.",
          published=datetime(2026, 11, 21, 8, tzinfo=timezone.utc)),
)


def _fill(store) -> dict[str, int]:
    ids = {}
    with store.write() as session:
        for story in STORIES:
            ids[story.site] = session.stories.add(story, folded=fold(story.headline + "\n" + story.text), now=NOW)
    return ids


def test_snippets_mark_the_matched_words_in_headline_and_text(store):
    ids = _fill(store)
    with store.read() as session:
        marked = session.stories.snippets([ids["a.example"]], queries.search_terms("satellite"))
    headline, excerpt = marked[ids["a.example"]]
    assert f"{MARK_START}satellite{MARK_END}" in headline
    assert f"{MARK_START}satellite{MARK_END}" in excerpt


def test_prefix_terms_are_highlighted_as_prefixes(store):
    ids = _fill(store)
    with store.read() as session:
        marked = session.stories.snippets([ids["c.example"]], queries.search_terms("turb"))
    assert f"{MARK_START}turbine{MARK_END}" in marked[ids["c.example"]][0]


def test_a_latin_query_finds_and_highlights_cyrillic_text(store):
    ids = _fill(store)
    page = queries.search(store, queries.story_filter(q="Tokayev"))
    found = {hit.story.site: hit for hit in page.hits}
    assert set(found) == {"a.example", "b.example"}
    assert "<mark>Токаев</mark>" in found["b.example"].headline_html
    assert "<mark>Токаев</mark>" in found["b.example"].snippet_html
    assert ids["b.example"] == found["b.example"].story.id


def test_a_cyrillic_query_finds_latin_text(store):
    _fill(store)
    page = queries.search(store, queries.story_filter(q="Токаев"))
    assert {hit.story.site for hit in page.hits} == {"a.example", "b.example"}
    latin = next(h for h in page.hits if h.story.site == "a.example")
    assert "<mark>Tokayev</mark>" in latin.snippet_html


def test_search_filters_by_country_topic_language_outlet_and_dates(store):
    _fill(store)

    def sites(**filters) -> set[str]:
        return {h.story.site for h in queries.search(store, queries.story_filter(**filters)).hits}

    assert sites(q="Tokayev", language="ru") == {"b.example"}
    assert sites(q="Tokayev", site="a.example") == {"a.example"}
    assert sites(q="Tokayev", since=date(2026, 11, 25)) == {"b.example"}
    assert sites(q="Tokayev", until=date(2026, 11, 24)) == {"a.example"}
    assert sites(topic="energy") == {"c.example"}
    assert sites(country="tj") == {"c.example"}
    assert sites(q="Tokayev", country="TJ") == set()


def test_search_pages_with_a_cursor_without_repeats(store):
    _fill(store)
    first = queries.search(store, queries.story_filter(q="Tokayev"), limit=1)
    second = queries.search(store, queries.story_filter(q="Tokayev"), limit=1, cursor=first.next_cursor)
    assert first.next_cursor and second.next_cursor is None
    assert first.hits[0].story.id != second.hits[0].story.id


def test_story_text_cannot_inject_markup_through_a_snippet(store):
    story = Story(url="https://x.example/1", site="x.example", headline="Pipeline <b>news</b>",
                  text='Pipeline <script>alert(1)</script> <img src=x onerror=alert(1)> opens', published=NOW)
    with store.write() as session:
        session.stories.add(story, folded=fold(story.headline + "\n" + story.text), now=NOW)
    hit = queries.search(store, queries.story_filter(q="pipeline")).hits[0]
    assert "<script" not in hit.snippet_html and "<img" not in hit.snippet_html and "<b>" not in hit.headline_html
    assert "<mark>Pipeline</mark>" in hit.snippet_html  # (ts_headline drops tag-like text; FTS5 keeps it escaped)


def test_digest_days_count_stories_per_day(store):
    _fill(store)
    assert queries.digest_days(store) == ((date(2026, 11, 25), 1), (date(2026, 11, 24), 1), (date(2026, 11, 21), 1))


@pytest.mark.parametrize("bad, hint", [
    ("***", "no words"),
    ("a " * 20, "at most"),
    ("x" * 300, "limit"),
])
def test_unusable_queries_are_bad_queries_with_a_hint(bad, hint):
    with pytest.raises(BadQuery, match=hint):
        queries.story_filter(q=bad)


@pytest.mark.parametrize("filters, hint", [
    ({"topic": "astrology"}, "topics are"),
    ({"language": "english!"}, "language code"),
    ({"country": "KAZ"}, "two-letter"),
    ({"since": date(2026, 2, 1), "until": date(2026, 1, 1)}, "since is after until"),
])
def test_unusable_filters_are_bad_queries_with_a_hint(filters, hint):
    with pytest.raises(BadQuery, match=hint):
        queries.story_filter(**filters)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    store = open_store(str(tmp_path_factory.mktemp("search") / "demo.db"))
    build_desk(store)
    with TestClient(create_app(store), raise_server_exceptions=False) as c:
        yield c
    store.close()


def test_search_page_shows_highlighted_hits_and_keeps_filters_in_the_next_link(client):
    html = client.get("/search", params={"q": "Tokayev", "limit": 2}).text
    assert html.count('class="story-item hit"') == 2
    assert "<mark>Tokayev</mark>" in html or "<mark>Токаев</mark>" in html
    assert 'rel="next" href="/search?q=Tokayev&amp;limit=2&amp;cursor=' in html


def test_search_api_returns_snippets_with_stable_fields(client):
    data = client.get("/api/v1/search", params={"q": "Токаев", "limit": 5}).json()
    assert data["query"] == "Токаев" and set(data) == {"query", "stories", "next_cursor"}
    assert {"en", "ru"} <= {s["language"] for s in data["stories"]}
    for hit in data["stories"]:
        assert {"id", "headline", "headline_html", "snippet_html", "site", "published", "countries"} <= set(hit)
        assert "<mark>" in hit["headline_html"] + hit["snippet_html"]


@pytest.mark.parametrize("params, hint", [
    ({"q": '"(('}, "no words"),
    ({"q": "Tokayev", "since": "yesterday"}, "since"),
    ({"q": "Tokayev", "topic": "astrology"}, "topics are"),
    ({"q": "Tokayev", "cursor": "not-a-cursor"}, "cursor"),
    ({"q": "Tokayev", "limit": "0"}, "limit"),
])
def test_malformed_search_requests_are_400_with_a_hint(client, params, hint):
    paths = ["/api/v1/search", "/search"] + ([] if "cursor" in params else ["/feeds/search.rss"])
    for path in paths:
        response = client.get(path, params=params)
        assert response.status_code == 400, (path, params, response.text[:200])
        assert hint in response.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(max_size=60))
def test_no_query_text_makes_a_server_error(client, q):
    response = client.get("/api/v1/search", params={"q": q})
    assert response.status_code in (200, 400), (q, response.text)
