"""Properties over arbitrary input: feed parsing, digests, reader queries and search never fail unexpectedly."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from steppe.errors import BadQuery, FeedError
from steppe.extract import extract
from steppe.extract.dates import parse_date_line
from steppe.extract.patterns import TITLE_SMALL_WORDS
from steppe.extract.segment import segment_lines
from steppe.models import Page, Story
from steppe.publish import queries
from steppe.sources.feeds import is_web_link, parse_feed
from steppe.store import open_store

FEEDISH = st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=600).map(
        lambda t: f"<?xml version='1.0'?><rss><channel><item>{t}</item></channel></rss>".encode()
    ),
    st.text(max_size=600).map(
        lambda t: ('{"version": "https://jsonfeed.org/version/1.1", "items": ' + t + "}").encode()
    ),
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
        for n, (headline, text) in enumerate(
            [("Токаев в Астане", "Президент провёл встречу."), ('Rogun dam "update"', "Water AND power: NEAR* (x)")]
        ):
            story = Story(
                url=f"https://x.example/{n}",
                site="x.example",
                headline=headline,
                text=text,
                published=datetime(2026, 11, 20, tzinfo=UTC),
            )
            session.stories.add(story, folded=headline.casefold(), now=datetime.now(UTC))
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


# --- plain-text digests (what `steppe extract --text` and the importer read) ---------------

FETCHED = datetime(2027, 1, 15, 8, 0, tzinfo=UTC)
GUARD = "extraction failed"  # extract's last guard: an exception it did not expect
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTHS_RU = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
LATIN_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=10)
CYRILLIC_WORD = st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюя", min_size=3, max_size=10)
DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2026, 12, 31))


def _text_page(text: str) -> Page:
    return Page(
        url="file:///digest.txt", site="local", body=text.encode(), fetched_at=FETCHED, content_type="text/plain"
    )


def _paragraph(word):
    """Running text: 1-3 sentences of 6-14 words, each capitalised and closed by a full stop."""
    sentence = st.lists(word, min_size=6, max_size=14).map(lambda ws: " ".join(ws).capitalize() + ".")
    return st.lists(sentence, min_size=1, max_size=3).map(" ".join)


DIGEST_LINE = st.one_of(
    st.text(max_size=200),
    DAYS.map(lambda d: f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"),
    DAYS.map(lambda d: f"{d.day} {MONTHS_RU[d.month - 1]} {d.year} г."),
    st.lists(LATIN_WORD, min_size=2, max_size=22).map(lambda ws: " ".join(w.capitalize() for w in ws)),
    _paragraph(LATIN_WORD),
    _paragraph(CYRILLIC_WORD),
    st.sampled_from(("  • KZT/USD = 0.00196 0.15%", "USD 478.77 ▲0.3", "Курсы валют", "| Валюта | Курс |", "---")),
)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=3000), st.lists(DIGEST_LINE, max_size=40).map("\n".join)))
def test_any_text_dump_gives_stories_or_a_stated_reason(text):
    result = extract(_text_page(text))
    if result.rejected:
        assert not result.rejected.startswith(GUARD), result.rejected
        assert result.stories == ()
        return
    assert result.stories
    assert all(story.headline.strip() and story.text.strip() for story in result.stories)


@settings(max_examples=300, deadline=None)
@given(st.lists(DIGEST_LINE.map(lambda line: " ".join(line.split())).filter(bool), max_size=40))
def test_segmentation_keeps_every_line_but_date_lines_in_order(lines):
    segments = segment_lines(lines)
    expected = [line for line in lines if parse_date_line(line) is None]
    # Marker lines (bylines, "Read more", a menu above the first headline) are set aside, not lost.
    kept = [line for s in segments for line in ([s.headline] if s.headline else []) + s.lines]
    assert sorted(kept + [line for s in segments for line in s.markers]) == sorted(expected)
    rest = iter(expected)
    assert all(any(line == other for other in rest) for line in kept)  # in page order


def _no_repeated_lines(stories: list[tuple[str, list[str]]]) -> bool:
    """Long lines repeated within a page are collapsed by design; generated digests avoid them."""
    keys = [" ".join(line.casefold().split()) for headline, body in stories for line in [headline, *body]]
    return len(keys) == len(set(keys))


TITLE_CASE_HEADLINE = st.lists(LATIN_WORD.filter(lambda w: w not in TITLE_SMALL_WORDS), min_size=8, max_size=14).map(
    lambda ws: " ".join(w.capitalize() for w in ws)
)
ENGLISH_STORY = st.tuples(TITLE_CASE_HEADLINE, st.lists(_paragraph(LATIN_WORD), min_size=1, max_size=3))


@settings(max_examples=100, deadline=None)
@given(st.lists(ENGLISH_STORY, min_size=1, max_size=6))
@example(  # found by exploring: one-sentence stories sharing every word, where only the headlines' form can tell
    [
        ("Aaa Aaa Aaa Aaa Aaa Aaao Aaap Aabb", ["Aaa aaa aaa aaa aaa aaa."]),
        ("Aaa Aaa Aaa Aaak Aaal Aaam Aaan Aaba", ["Aaa aaa aaag aaah aaai aaaj."]),
        ("Aaa Aaa Aaa Aaa Aaa Aaa Aaa Aaa", ["Aaaa aaaa aaaa aaaa aaaa aaaa."]),
        ("Aaa Aaa Aaa Aaa Aaa Aaaa Aaaa Aaaa", ["Aaa aaa aaa aaaa aaaa aaaa."]),
        ("Aaa Aaab Aaac Aaad Aaae Aaaf Aaaaa Aaaaaa", ["Aaa aaa aaa aaa aaa aaa aaa."]),
    ]
)
def test_a_digest_of_title_case_headlines_splits_into_its_stories(stories):
    assume(_no_repeated_lines(stories))
    text = "\n".join(line for headline, body in stories for line in [headline, *body])
    result = extract(_text_page(text))
    assert [s.headline for s in result.stories] == [headline for headline, _ in stories]
    assert [s.text for s in result.stories] == ["\n".join(body) for _, body in stories]


SENTENCE_CASE_HEADLINE = st.lists(CYRILLIC_WORD, min_size=3, max_size=12).map(lambda ws: " ".join(ws).capitalize())
DATED_RUSSIAN_STORY = st.tuples(
    DAYS, SENTENCE_CASE_HEADLINE, st.lists(_paragraph(CYRILLIC_WORD), min_size=1, max_size=3)
)


@settings(max_examples=100, deadline=None)
@given(st.lists(DATED_RUSSIAN_STORY, min_size=1, max_size=6))
def test_a_digest_with_a_date_line_above_each_headline_splits_into_dated_stories(stories):
    assume(_no_repeated_lines([(headline, body) for _, headline, body in stories]))
    text = "\n".join(
        line
        for day, headline, body in stories
        for line in [f"{day.day} {MONTHS_RU[day.month - 1]} {day.year}", headline, *body]
    )
    result = extract(_text_page(text))
    assert [s.headline for s in result.stories] == [headline for _, headline, _ in stories]
    assert [s.published.date() if s.published else None for s in result.stories] == [day for day, _, _ in stories]
