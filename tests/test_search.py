"""Search: highlighted snippets on both engines, Latin finds Cyrillic, filters, paging, and 400s not 500s."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steppe.errors import BadQuery
from steppe.models import Story
from steppe.publish import queries
from steppe.store import open_store
from steppe.text.fold import fold
from steppe.text.marks import MARK_END, MARK_START
from steppe.web.app import create_app
from webdesk import build_desk

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
STORIES = (
    Story(
        url="https://a.example/1",
        site="a.example",
        language="en",
        countries=("KZ", "MN"),
        topics=("space",),
        headline="Tokayev and Khurelsukh sign satellite deal",
        text="President Kassym-Jomart Tokayev signed a satellite deal in Astana.\nThe satellite will be built by 2028.",
        published=datetime(2026, 11, 24, 8, tzinfo=UTC),
    ),
    Story(
        url="https://b.example/2",
        site="b.example",
        language="ru",
        countries=("KZ",),
        topics=("space",),
        headline="Токаев подписал соглашение о спутнике",
        text="Президент Касым-Жомарт Токаев подписал соглашение о спутнике в Астане.",
        published=datetime(2026, 11, 25, 8, tzinfo=UTC),
    ),
    Story(
        url="https://c.example/3",
        site="c.example",
        language="en",
        countries=("TJ",),
        topics=("energy",),
        headline="Rogun brings a third turbine online",
        text="The Rogun hydropower plant in Tajikistan started its third turbine.",
        published=datetime(2026, 11, 21, 8, tzinfo=UTC),
    ),
)


def _fill(store) -> dict[str, int]:
    ids = {}
    with store.write() as session:
        for story in STORIES:
            ids[story.site] = session.stories.add(story, folded=fold(story.headline + "\n" + story.text), now=NOW)
    return ids


def test_snippets_mark_the_matched_words_in_headline_and_text(store):
    _fill(store)
    (hit,) = queries.search(store, queries.story_filter(q="satellite")).hits
    assert hit.story.site == "a.example"
    assert "<mark>satellite</mark>" in hit.headline_html
    assert "<mark>satellite</mark>" in hit.snippet_html
    assert hit.snippet_html.count("<mark>") == 2  # both mentions in the short text, nothing else


def test_prefix_terms_are_highlighted_as_prefixes(store):
    _fill(store)
    (hit,) = queries.search(store, queries.story_filter(q="turb")).hits
    assert "<mark>turbine</mark>" in hit.headline_html


def test_marks_are_private_characters_escaped_into_html(store):
    headline = queries.folded_excerpt("Tokayev <b>visits</b>", queries.search_terms("tokayev"), words=200)
    assert headline.startswith(f"{MARK_START}Tokayev{MARK_END}")
    assert "<b>" not in str(queries.marked_html(headline))


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


def _many(store, count: int = 60) -> list[Story]:
    """Stories sharing the word 'caravan', published in shuffled order, three in each hour."""
    stories = []
    for n in range(count):
        hour = (n * 37) % count // 3  # not in id order
        stories.append(
            Story(
                url=f"https://m.example/{n}",
                site="m.example",
                language="en",
                countries=("KZ",) if n % 2 else ("UZ",),
                headline=f"Caravan number {n}",
                text=f"The caravan {n} crossed the steppe.",
                published=datetime(2026, 11, 19, 2, n % 60, tzinfo=UTC) + timedelta(hours=hour),
            )
        )
    with store.write() as session:
        for story in stories:
            session.stories.add(story, folded=fold(story.headline + "\n" + story.text), now=NOW)
    return stories


def test_every_hit_comes_once_newest_first_across_pages(store):
    stories = _many(store)
    seen: list[Story] = []
    cursor = None
    while True:
        page = queries.search(store, queries.story_filter(q="caravan"), limit=7, cursor=cursor)
        seen += [hit.story for hit in page.hits]
        if not (cursor := page.next_cursor):
            break
    assert len(seen) == len({s.id for s in seen}) == len(stories)
    hours = [s.published.replace(minute=0) for s in seen]  # newest first, to the hour (search_index)
    assert hours == sorted(hours, reverse=True)
    listed = queries.list_stories(store, queries.story_filter(country="KZ"), limit=200).stories
    found = queries.search(store, queries.story_filter(q="caravan", country="KZ"), limit=200).hits
    assert {s.id for s in listed} == {h.story.id for h in found} and len(found) == 30


def test_a_replaced_text_is_found_by_its_new_words_only_and_once(store):
    from steppe.store import search_index

    ids = _fill(store)
    story_id = ids["c.example"]
    published = STORIES[2].published
    with store.write() as session:
        for n, (headline, text) in enumerate(
            (
                ("Rogun adds a fourth turbine", "A fourth unit at Rogun."),
                ("Rogun adds a fifth turbine", "A fifth unit at Rogun."),
            )
        ):
            later = published.replace(minute=n)  # the first replacement keeps the same minute
            search_index.reindex(
                session.conn,
                story_id,
                published if n == 0 else published.replace(minute=0),
                later,
                headline,
                text,
                fold(headline + "\n" + text),
            )
    assert [h.story.id for h in queries.search(store, queries.story_filter(q="Rogun")).hits] == [story_id]
    assert queries.search(store, queries.story_filter(q="third")).hits == ()
    assert queries.search(store, queries.story_filter(q="fourth")).hits == ()
    assert [h.story.id for h in queries.search(store, queries.story_filter(q="fifth")).hits] == [story_id]


def test_story_text_cannot_inject_markup_through_a_snippet(store):
    story = Story(
        url="https://x.example/1",
        site="x.example",
        headline="Pipeline <b>news</b>",
        text="Pipeline <script>alert(1)</script> <img src=x onerror=alert(1)> opens",
        published=NOW,
    )
    with store.write() as session:
        session.stories.add(story, folded=fold(story.headline + "\n" + story.text), now=NOW)
    hit = queries.search(store, queries.story_filter(q="pipeline")).hits[0]
    assert "<script" not in hit.snippet_html and "<img" not in hit.snippet_html and "<b>" not in hit.headline_html
    assert "<mark>Pipeline</mark>" in hit.snippet_html  # (ts_headline drops tag-like text; FTS5 keeps it escaped)


def test_digest_days_count_stories_per_day(store):
    _fill(store)
    assert queries.digest_days(store) == ((date(2026, 11, 25), 1), (date(2026, 11, 24), 1), (date(2026, 11, 21), 1))


@pytest.mark.parametrize(
    "bad, hint",
    [
        ("***", "no words"),
        ("a " * 20, "at most"),
        ("x" * 300, "limit"),
    ],
)
def test_unusable_queries_are_bad_queries_with_a_hint(bad, hint):
    with pytest.raises(BadQuery, match=hint):
        queries.story_filter(q=bad)


@pytest.mark.parametrize(
    "filters, hint",
    [
        ({"topic": "astrology"}, "topics are"),
        ({"language": "english!"}, "language code"),
        ({"country": "KAZ"}, "two-letter"),
        ({"since": date(2026, 2, 1), "until": date(2026, 1, 1)}, "since is after until"),
    ],
)
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


@pytest.mark.parametrize(
    "params, hint",
    [
        ({"q": '"(('}, "no words"),
        ({"q": "Tokayev", "since": "yesterday"}, "since"),
        ({"q": "Tokayev", "topic": "astrology"}, "topics are"),
        ({"q": "Tokayev", "cursor": "not-a-cursor"}, "cursor"),
        ({"q": "Tokayev", "limit": "0"}, "limit"),
    ],
)
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


def test_a_database_from_before_the_time_keyed_index_is_indexed_on_upgrade(tmp_path):
    """Migration 6 on SQLite: stories stored under the old stories_fts table become searchable."""
    from sqlalchemy import text

    target = f"sqlite:///{tmp_path / 'old.db'}"
    store = open_store(target)
    _fill(store)
    with store.write() as session:  # back to the shape of a version-5 database
        session.conn.execute(text("DROP TABLE story_search"))
        session.conn.execute(text("DROP TABLE story_search_retired"))
        session.conn.execute(text("DROP TABLE story_search_words"))
        session.conn.execute(text("CREATE VIRTUAL TABLE stories_fts USING fts5(headline, text, folded)"))
        session.conn.execute(text("DELETE FROM schema_migrations WHERE id = 6"))
    store.close()
    store = open_store(target)
    try:
        page = queries.search(store, queries.story_filter(q="Токаев"))
        assert {hit.story.site for hit in page.hits} == {"a.example", "b.example"}
        with store.read() as session:
            tables = set(session.conn.execute(text("SELECT name FROM sqlite_master")).scalars())
        assert "stories_fts" not in tables and "story_search" in tables
    finally:
        store.close()
