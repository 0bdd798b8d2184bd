"""Properties over arbitrary input: feed parsing, reader queries and search never fail unexpectedly."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steppe import queries
from steppe.errors import BadQuery, FeedError
from steppe.models import Story
from steppe.sources.feeds import is_web_link, parse_feed
from steppe.store import open_store

FEEDISH = st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=600).map(lambda t: f"<?xml version='1.0'?><rss><channel><item>{t}</item></channel></rss>".encode()),
    st.text(max_size=600).map(lambda t: ('{"version": "https://jsonfeed.org/version/1.1", "items": ' + t + "}").encode()),
)


@settings(max_examples=300, deadline=None)
@given(FEEDISH)
def test_any_bytes_give_a_feed_or_a_feed_error(body):
    try:
        feed = parse_feed(body)
    except FeedError as exc:
        assert str(exc)
        return
    assert all(is_web_link(e.link) for e in feed.entries)


@pytest.fixture(scope="module")
def small_store(tmp_path_factory):
    store = open_store(str(tmp_path_factory.mktemp("prop") / "p.db"))
    with store.write() as session:
        for n, (headline, text) in enumerate([("Токаев в Астане", "Президент провёл встречу."),
                                              ("Rogun dam \"update\"", "Water AND power: NEAR* (x)")]):
            story = Story(url=f"https://x.example/{n}", site="x.example", headline=headline, text=text,
                          published=datetime(2026, 11, 20, tzinfo=timezone.utc))
            session.stories.add(story, folded=headline.casefold(), now=datetime.now(timezone.utc))
    yield store
    store.close()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=250))
def test_any_query_text_searches_or_is_a_bad_query(small_store, q):
    try:
        where = queries.story_filter(q=q)
    except BadQuery as exc:
        assert str(exc)
        return
    page = queries.list_stories(small_store, where, limit=5)
    assert len(page.stories) <= 2
