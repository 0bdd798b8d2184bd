"""The store contract: the same behaviour on every engine (SQLite always, PostgreSQL in CI)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from steppe.errors import BadQuery, NotFound
from steppe.models import Entity, Figure, Page, Quote, Story
from steppe.store import StoryFilter
from steppe.text.fold import fold

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def make_story(n: int, **changes) -> Story:
    fields = dict(
        url=f"https://steppetimes.example/story-{n}",
        site="steppetimes.example",
        headline=f"Story number {n} about the Caspian",
        text=f"Paragraph one of story {n}.\nParagraph two mentions Astana and {n} tenge.",
        published=NOW - timedelta(hours=n),
        language="en",
        countries=("KZ",),
        entities=(Entity("person", "person:kassym-jomart-tokayev", "Kassym-Jomart Tokayev"),),
        figures=(Figure("$1.5 billion", Decimal("1500000000"), "USD", 2025),),
        topics=("economy",),
    )
    fields.update(changes)
    return Story(**fields)


def add(store, story: Story, folded: str | None = None) -> int | None:
    """Store a story as the pipeline does: with the folded keys of its headline and text."""
    if folded is None:
        folded = fold(story.headline + "\n" + story.text)
    with store.write() as s:
        return s.stories.add(story, folded=folded, now=NOW)


def test_migrations_are_recorded_and_upgrade_is_idempotent(store):
    assert all(m.applied_at is not None for m in store.status())
    assert store.upgrade() == []


def test_story_round_trips_with_all_fields(store):
    story_id = add(store, make_story(1))
    with store.read() as s:
        back = s.stories.get(story_id)
    original = make_story(1)
    assert back.headline == original.headline and back.text == original.text
    assert back.published == original.published
    assert back.entities == original.entities and back.figures == original.figures
    assert back.countries == ("KZ",) and back.topics == ("economy",)
    assert back.content_hash == original.content_hash


def test_adding_the_same_content_twice_stores_it_once(store):
    assert add(store, make_story(1)) is not None
    assert add(store, make_story(1, url="https://elsewhere.example/copy")) is None
    with store.read() as s:
        assert s.stories.count() == 1


def test_copies_are_recorded_once(store):
    story_id = add(store, make_story(1))
    with store.write() as s:
        assert s.stories.add_copy(story_id, "https://wire.example/a", "wire.example", NOW)
        assert not s.stories.add_copy(story_id, "https://wire.example/a", "wire.example", NOW)
    with store.read() as s:
        assert s.stories.copies(story_id) == [("wire.example", "https://wire.example/a")]


def test_a_failed_transaction_leaves_nothing_behind(store):
    with pytest.raises(RuntimeError), store.write() as s:
        s.stories.add(make_story(1), folded="", now=NOW)
        raise RuntimeError("crash in the middle")
    with store.read() as s:
        assert s.stories.count() == 0


def test_list_filters_by_country_topic_and_language(store):
    add(store, make_story(1, countries=("KG", "KZ")))
    add(store, make_story(2, countries=("UZ",), topics=("energy",), language="ru"))
    add(store, make_story(3, countries=("KZ",)))
    with store.read() as s:
        kz = s.stories.list(StoryFilter(country="KZ")).stories
        energy = s.stories.list(StoryFilter(topic="energy")).stories
        russian = s.stories.list(StoryFilter(language="ru")).stories
    assert [x.url[-1] for x in kz] == ["1", "3"]
    assert [x.url[-1] for x in energy] == ["2"] == [x.url[-1] for x in russian]


def test_cursor_pagination_visits_every_story_once_newest_first(store):
    for n in range(1, 26):
        add(store, make_story(n))
    seen, cursor = [], None
    while True:
        with store.read() as s:
            page = s.stories.list(StoryFilter(), limit=7, cursor=cursor)
        seen.extend(x.id for x in page.stories)
        cursor = page.next_cursor
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == 25
    with store.read() as s:
        published = [s.stories.get(i).published for i in seen]
    assert published == sorted(published, reverse=True)


def test_a_forged_cursor_is_a_bad_query(store):
    with store.read() as s, pytest.raises(BadQuery):
        s.stories.list(StoryFilter(), cursor="not-a-cursor!")


def test_search_matches_words_and_folded_keys(store):
    add(
        store,
        make_story(1, headline="Токаев встретился с Жапаровым", text="Президенты обсудили воду."),
        folded="tokaev vstretilsia s zhaparovym prezidenty obsudili vodu",
    )
    add(store, make_story(2, headline="Rail link to Kashgar", text="Freight trains start in spring."))
    with store.read() as s:
        by_cyrillic = s.stories.list(StoryFilter(terms=(("токаев", "tokaev"),))).stories
        by_latin = s.stories.list(StoryFilter(terms=(("tokaev", "tokaev"),))).stories
        by_prefix = s.stories.list(StoryFilter(terms=(("kash", "kash"),))).stories
        nothing = s.stories.list(StoryFilter(terms=(("samarkand", "samarkand"),))).stories
    assert [x.url[-1] for x in by_cyrillic] == ["1"] == [x.url[-1] for x in by_latin]
    assert [x.url[-1] for x in by_prefix] == ["2"]
    assert nothing == ()


def test_search_terms_with_fts_syntax_are_taken_literally(store):
    add(store, make_story(1, headline="Budget: NEAR record", text="AND OR NOT"))
    with store.read() as s:
        hits = s.stories.list(StoryFilter(terms=(("near", "near"), ("or", "or")))).stories
    assert len(hits) == 1


def test_missing_story_is_not_found(store):
    with store.read() as s, pytest.raises(NotFound):
        s.stories.get(12345)


def test_pages_are_recorded_once_with_their_status(store):
    page = Page(url="file:///a.html", site="local", body=b"<html>x</html>", fetched_at=NOW)
    with store.write() as s:
        assert s.pages.add(page, status="rejected", reason="no article text found")
        assert not s.pages.add(page, status="ok")
    with store.read() as s:
        record = s.pages.seen(page.body_hash)
    assert record.status == "rejected" and record.reason == "no article text found"


def test_quotes_keep_exact_decimals_and_are_stored_once(store):
    q = Quote(bank="NBK", date=date(2026, 11, 27), base="USD", quote="KZT", amount=Decimal("512.3400"), nominal=1)
    uzs = Quote(bank="NBK", date=date(2026, 11, 27), base="UZS", quote="KZT", amount=Decimal("4.21"), nominal=100)
    with store.write() as s:
        assert s.quotes.add([q, uzs], now=NOW) == 2
        assert s.quotes.add([q], now=NOW) == 0
    with store.read() as s:
        back = {x.base: x for x in s.quotes.on_or_before(date(2026, 11, 30))}
    assert back["USD"].amount == Decimal("512.3400") and str(back["USD"].amount) == "512.3400"
    assert back["UZS"].rate == Decimal("0.0421")


def test_on_or_before_gives_the_last_rate_in_force(store):
    quotes = [
        Quote(bank="NBK", date=date(2026, 11, d), base="USD", quote="KZT", amount=Decimal(500 + d))
        for d in (25, 26, 27)
    ]
    with store.write() as s:
        s.quotes.add(quotes, now=NOW)
    with store.read() as s:
        saturday = s.quotes.on_or_before(date(2026, 11, 29))
        before = s.quotes.on_or_before(date(2026, 11, 26))
        latest = s.quotes.latest_day()
    assert [q.amount for q in saturday] == [Decimal(527)]
    assert [q.amount for q in before] == [Decimal(526)]
    assert latest == date(2026, 11, 27)


def test_every_bank_pair_and_kind_gets_its_own_last_quote_and_its_predecessor(store):
    def q(bank, base, quote, day, amount, kind="official"):
        return Quote(bank=bank, date=day, base=base, quote=quote, amount=Decimal(amount), kind=kind)

    stored = [
        q("NBK", "USD", "KZT", date(2026, 11, 20), "510"),
        q("NBK", "USD", "KZT", date(2026, 11, 27), "520"),
        q("NBK", "EUR", "KZT", date(2026, 10, 1), "600"),  # stale for weeks: still the last in force
        q("CBT", "USD", "TMT", date(2026, 11, 2), "3.5"),
        q("CBT", "USD", "TMT", date(2026, 11, 25), "3.5", "peg"),
        q("CBU", "USD", "UZS", date(2026, 12, 1), "12000"),
    ]  # after the day asked: not in force
    with store.write() as s:
        s.quotes.add(stored, now=NOW)
    with store.read() as s:
        held = s.quotes.on_or_before(date(2026, 11, 28))
        earlier = s.quotes.previous(held)
    key = lambda quote: (quote.bank, quote.base, quote.quote, quote.kind, quote.applies_on.isoformat())  # noqa: E731
    assert sorted(map(key, held)) == [
        ("CBT", "USD", "TMT", "official", "2026-11-02"),
        ("CBT", "USD", "TMT", "peg", "2026-11-25"),
        ("NBK", "EUR", "KZT", "official", "2026-10-01"),
        ("NBK", "USD", "KZT", "official", "2026-11-27"),
    ]
    assert [key(quote) for quote in earlier] == [("NBK", "USD", "KZT", "official", "2026-11-20")]


def test_site_templates_are_replaced_not_duplicated(store):
    with store.write() as s:
        s.templates.put("steppetimes.example", '{"v": 1}', now=NOW)
        s.templates.put("steppetimes.example", '{"v": 2}', now=NOW)
    with store.read() as s:
        assert s.templates.get("steppetimes.example") == '{"v": 2}'
        assert s.templates.get("unknown.example") is None


def test_sqlite_database_passes_integrity_check(sqlite_store):
    add(sqlite_store, make_story(1))
    assert sqlite_store.integrity_ok()


def _indexed(story_id: int, day: int):
    from steppe.store.cluster_index import IndexedStory

    return IndexedStory(story_id, story_id, day, "en", "a.example", 100, None, {"e:x": 1.0}, b"\0" * 512)


def test_near_copy_lookup_reads_the_window_and_keeps_the_stories_sharing_most_bands(store):
    from steppe.cluster import MemoryIndex, StoryFeatures

    memory = MemoryIndex()
    stored = {
        1: (100, [1, 2, 3]),
        2: (100, [1]),
        3: (101, [1, 2]),
        4: (90, [1, 2, 3, 4]),
        5: (112, [1, 2, 3]),
        6: (104, [9]),
    }
    with store.write() as s:
        for story_id, (day, bands) in stored.items():
            s.clusters.index.add(_indexed(story_id, day), lookup_keys=["e:x"], bands=bands)
            memory.add(
                story_id,
                story_id,
                StoryFeatures(
                    keys={"e:x": 1.0},
                    day=day,
                    language="en",
                    site="a.example",
                    length=100,
                    published=None,
                    signature=(0,) * 128,
                    bands=tuple(bands),
                ),
            )
    with store.read() as s:
        found = [e.story_id for e in s.clusters.index.by_bands([1, 2, 3], 96, 110, limit=2)]
        everything = [e.story_id for e in s.clusters.index.by_bands([1, 2, 3, 9], 96, 110, limit=10)]
    assert found == [1, 3]  # 4 and 5 share more bands but lie outside the window; 2 shares only one
    assert everything == [1, 2, 3, 6]
    assert [c.story_id for c in memory.copies([1, 2, 3], 96, 110, limit=2)] == found
    assert [c.story_id for c in memory.copies([1, 2, 3, 9], 96, 110, limit=10)] == everything


def test_migrations_7_and_8_carry_cluster_postings_of_an_older_database_over(store):
    from sqlalchemy import inspect, text

    with store.write() as s:
        s.clusters.index.add(_indexed(7, 200), lookup_keys=["e:x"], bands=[5])  # its features row
    with store.engine.begin() as conn:  # the postings tables as migration 6 left them
        conn.execute(text("DROP TABLE story_bands"))
        conn.execute(text("DROP TABLE cluster_keys"))
        conn.execute(text("CREATE TABLE story_bands (band BIGINT NOT NULL, story_id INTEGER NOT NULL)"))
        conn.execute(text("CREATE INDEX ix_story_bands_band ON story_bands (band)"))
        conn.execute(
            text(
                "CREATE TABLE cluster_keys (key VARCHAR(160) NOT NULL, day INTEGER NOT NULL, story_id INTEGER NOT NULL)"
            )
        )
        conn.execute(text("CREATE INDEX ix_cluster_keys_key_day ON cluster_keys (key, day)"))
        conn.execute(text("INSERT INTO story_bands VALUES (5, 7), (6, 7)"))
        conn.execute(text("INSERT INTO cluster_keys VALUES ('e:x', 200, 7)"))
        conn.execute(text("DELETE FROM schema_migrations WHERE id IN (7, 8)"))
    assert store.upgrade() == ["007_band_days", "008_lean_cluster_postings"]
    with store.read() as s:
        assert [e.story_id for e in s.clusters.index.by_bands([6], 199, 201, limit=5)] == [7]
        assert s.clusters.index.by_bands([5], 190, 198, limit=5) == []
        assert [e.story_id for e in s.clusters.index.near(["e:x"], 199, 201, limit=5)] == [7]
    if store.dialect == "sqlite":
        with store.engine.connect() as conn:
            for table in ("story_bands", "cluster_keys"):
                sql = conn.execute(text("SELECT sql FROM sqlite_master WHERE name = :n"), {"n": table}).scalar_one()
                assert "WITHOUT ROWID" in sql.upper()
                assert inspect(conn).get_indexes(table) == []


def test_the_cluster_index_forgets_stories_before_a_day_and_keeps_later_ones(store):
    with store.write() as s:
        for story_id, day in ((1, 100), (2, 104), (3, 110)):
            s.clusters.index.add(_indexed(story_id, day), lookup_keys=["e:x", "p:name"], bands=[1, 2])
    with store.write() as s:
        assert s.clusters.index.forget_before(105) == 2
    with store.read() as s:
        assert s.clusters.index.count(0, 200) == 1
        assert s.clusters.index.frequencies(["e:x"], 0, 200) == {"e:x": 1}
        assert [e.story_id for e in s.clusters.index.by_bands([1], 0, 200, limit=5)] == [3]
        assert s.clusters.index.get(2) is None and s.clusters.index.get(3) is not None
