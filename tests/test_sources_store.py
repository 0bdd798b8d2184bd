"""The sources table's fetch side: claiming due sources, recording outcomes, entries taken."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from steppe.errors import NotFound
from steppe.models import FetchOutcome, Source

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
LEASE = timedelta(minutes=10)


def add(store, *sources):
    with store.write() as s:
        for source in sources:
            s.sources.add(source, now=NOW)


def claim(store, now=NOW, limit=10, park_after=3):
    with store.write() as s:
        return [h.source.url for h in s.sources.claim_due(now, limit=limit, lease=LEASE, park_after=park_after)]


def source_id(store, url):
    with store.read() as s:
        return s.sources.get(url).id


def test_new_sources_are_due_and_a_claim_pushes_them_ahead(store):
    add(store, Source("https://a.example/feed", "A"), Source("https://b.example/feed", "B"))
    assert sorted(claim(store)) == ["https://a.example/feed", "https://b.example/feed"]
    assert claim(store) == []  # leased
    assert len(claim(store, now=NOW + LEASE)) == 2  # a crashed worker's claim expires


def test_disabled_and_parked_sources_are_not_claimed(store):
    add(store, Source("https://a.example/feed", "A", enabled=False), Source("https://b.example/feed", "B"))
    sid = source_id(store, "https://b.example/feed")
    with store.write() as s:
        for _ in range(3):
            s.sources.record(sid, FetchOutcome("failed", NOW, NOW - timedelta(seconds=1), error="HTTP 500"))
    assert claim(store) == []
    with store.read() as s:
        health = s.sources.health("https://b.example/feed")[0]
    assert health.parked(3) and health.error_count == 3 and health.last_error == "HTTP 500"


def test_enabling_unparks_and_makes_due_now(store):
    add(store, Source("https://b.example/feed", "B"))
    sid = source_id(store, "https://b.example/feed")
    with store.write() as s:
        for _ in range(3):
            s.sources.record(sid, FetchOutcome("failed", NOW, NOW + timedelta(days=1), error="boom"))
        s.sources.set_enabled("https://b.example/feed", True)
    assert claim(store) == ["https://b.example/feed"]


def test_a_success_resets_errors_and_keeps_validators(store):
    add(store, Source("https://a.example/feed", "A"))
    sid = source_id(store, "https://a.example/feed")
    with store.write() as s:
        s.sources.record(sid, FetchOutcome("failed", NOW, NOW, error="timeout"))
        errors = s.sources.record(
            sid,
            FetchOutcome(
                "ok",
                NOW,
                NOW + timedelta(hours=1),
                etag='"x"',
                last_modified="Sat, 28 Nov 2026 10:00:00 GMT",
                feed_hash="f" * 64,
                check_interval=3600,
            ),
        )
    assert errors == 0
    with store.read() as s:
        health = s.sources.health()[0]
    assert health.etag == '"x"' and health.feed_hash == "f" * 64 and health.check_interval == 3600
    assert health.last_success_at == NOW and health.last_error is None and health.last_status == "ok"
    assert health.next_check_at == NOW + timedelta(hours=1)


def test_claims_come_earliest_due_first_and_respect_the_limit(store):
    add(store, *(Source(f"https://s{n}.example/feed", f"S{n}") for n in range(5)))
    with store.write() as s:
        for n in range(5):
            sid = s.sources.get(f"https://s{n}.example/feed").id
            s.sources.record(sid, FetchOutcome("ok", NOW, NOW - timedelta(minutes=n)))
    assert claim(store, limit=2) == ["https://s4.example/feed", "https://s3.example/feed"]


def test_entries_taken_are_remembered_per_source(store):
    add(store, Source("https://a.example/feed", "A"), Source("https://b.example/feed", "B"))
    a, b = source_id(store, "https://a.example/feed"), source_id(store, "https://b.example/feed")
    with store.write() as s:
        s.sources.mark_entry(a, "k1", NOW)
        s.sources.mark_entry(a, "k1", NOW)  # twice is harmless
    with store.read() as s:
        assert s.sources.seen_entries(a, ["k1", "k2"]) == {"k1"}
        assert s.sources.seen_entries(b, ["k1"]) == set()


def test_removing_a_source_forgets_its_state(store):
    add(store, Source("https://a.example/feed", "A"))
    sid = source_id(store, "https://a.example/feed")
    with store.write() as s:
        s.sources.mark_entry(sid, "k1", NOW)
        s.sources.remove("https://a.example/feed")
    with store.read() as s:
        assert s.sources.all() == [] and s.sources.entry_count(sid) == 0
    with pytest.raises(NotFound), store.write() as s:
        s.sources.remove("https://a.example/feed")


def test_two_workers_claiming_at_once_get_disjoint_sources(store):
    if store.dialect != "postgresql":
        pytest.skip("concurrent claims need PostgreSQL (SQLite has one writer)")
    add(store, *(Source(f"https://s{n}.example/feed", f"S{n}") for n in range(6)))
    with store.write() as first, store.write() as second:  # two open transactions, as two workers
        mine = {h.source.url for h in first.sources.claim_due(NOW, limit=3, lease=LEASE, park_after=3)}
        theirs = {h.source.url for h in second.sources.claim_due(NOW, limit=10, lease=LEASE, park_after=3)}
    assert len(mine) == 3 and len(theirs) == 3 and not mine & theirs
