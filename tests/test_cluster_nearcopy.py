"""Near-copies: MinHash signatures, the best-copy rule, and swapping in a better copy that arrives later."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from helpers import DEMO
from steppe.cluster.nearcopy import (
    CopyCandidate,
    bands_of,
    estimated_jaccard,
    find_original,
    is_better_copy,
    pack_signature,
    shingles,
    signature_of,
    unpack_signature,
)
from steppe.pipeline import ingest_page
from steppe.sources.files import read_file
from steppe.store import schema
from steppe.text.fold import fold

ORIGINAL = "steppe-times/2026-11-19-kambarata-1-financing-agreement.html"
WIRE = "wire-copy/2026-11-19-kambarata-1-deal-signed.html"
DAY = datetime(2026, 11, 19, tzinfo=UTC)


def candidate(**changes) -> CopyCandidate:
    fields = dict(
        story_id=1,
        cluster_id=1,
        signature=(1, 2, 3),
        site="steppetimes.example",
        length=1000,
        published=DAY,
        credit_text="",
        day=DAY.toordinal(),
        numbers=frozenset({"n:17.5"}),
    )
    fields.update(changes)
    return CopyCandidate(**fields)


def test_signatures_are_plain_integers_that_survive_a_binary_column():
    signature = signature_of(fold("Kazakhstan, Kyrgyzstan and Uzbekistan sign a financing deal for Kambarata-1"))
    assert len(signature) == 128 and all(isinstance(v, int) and 0 <= v < 2**32 for v in signature)
    assert unpack_signature(pack_signature(signature)) == signature
    assert signature == signature_of(
        fold("Kazakhstan, Kyrgyzstan and Uzbekistan sign a financing deal for Kambarata-1")
    )
    assert len(set(bands_of(signature))) == 32


def test_signatures_and_band_hashes_do_not_change_between_releases():
    """Stored band hashes are only useful if a new process computes the same ones."""
    assert signature_of("kambarata one financing deal signed in bishkek")[:3] == (942904664, 827657708, 264053146)
    assert bands_of(tuple(range(128)))[:2] == (4932904490461320209, 5007507046232577458)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.sampled_from([f"w{i}" for i in range(60)]), min_size=20, max_size=80),
    st.lists(st.sampled_from([f"w{i}" for i in range(60)]), min_size=20, max_size=80),
)
def test_the_signature_estimates_the_shingle_jaccard(a, b):
    left, right = shingles(" ".join(a)), shingles(" ".join(b))
    truth = len(left & right) / len(left | right)
    assert abs(estimated_jaccard(signature_of(" ".join(a)), signature_of(" ".join(b))) - truth) < 0.2


def test_a_crediting_copy_never_beats_the_outlet_it_credits():
    wire = candidate(
        site="caspianwire.example", credit_text="reporting bi the stepe times editing bi caspian wire", length=2000
    )
    assert not is_better_copy(wire, candidate(), fold)
    assert is_better_copy(candidate(), wire, fold)


def test_earlier_then_clearly_longer_wins_and_a_tie_keeps_the_stored_copy():
    stored = candidate(site="a.example")
    assert is_better_copy(candidate(site="b.example", published=DAY.replace(day=18)), stored, fold)
    assert not is_better_copy(candidate(site="b.example", published=DAY.replace(day=20), length=5000), stored, fold)
    assert is_better_copy(candidate(site="b.example", length=1200), stored, fold)
    assert not is_better_copy(candidate(site="b.example", length=1050), stored, fold)


def test_old_look_alikes_and_stories_with_other_numbers_are_not_copies():
    new = candidate(story_id=0)
    assert find_original(new, [candidate()]) is not None
    assert find_original(new, [candidate(day=DAY.toordinal() - 30)]) is None
    assert find_original(new, [candidate(numbers=frozenset({"n:16"}))]) is None
    assert find_original(new, [candidate(signature=(9, 9, 9))]) is None


def page(relative: str):
    return next(read_file(DEMO / relative, max_bytes=10**7)).page


def test_a_wire_copy_ingested_after_its_original_is_linked_as_a_copy(store):
    first = ingest_page(page(ORIGINAL), store)
    second = ingest_page(page(WIRE), store)
    assert (first.added, second.added, second.duplicates) == (1, 0, 1)
    with store.read() as session:
        story = session.stories.list(session_filter()).stories[0]
        assert story.site == "steppetimes.example"
        assert session.stories.copies(story.id) == [("caspianwire.example", page(WIRE).url)]


def test_the_original_arriving_after_its_wire_copy_takes_its_place_under_the_same_id(store):
    ingest_page(page(WIRE), store)
    with store.read() as session:
        [before] = session.stories.list(session_filter()).stories
    outcome = ingest_page(page(ORIGINAL), store)
    assert (outcome.added, outcome.duplicates) == (0, 1)
    with store.read() as session:
        [after] = session.stories.list(session_filter()).stories
        assert after.id == before.id and after.cluster_id == before.cluster_id
        assert after.site == "steppetimes.example" and after.headline != before.headline
        assert session.stories.copies(after.id) == [("caspianwire.example", page(WIRE).url)]
        cluster = session.clusters.get(after.cluster_id)
        assert cluster.headline == after.headline
        found = session.stories.list(session_filter(terms=(("fixes", fold("fixes")),))).stories
        assert [s.id for s in found] == [after.id]  # the search index holds the new text
        assert not session.stories.list(session_filter(terms=(("Caspian", fold("Caspian")),))).stories
        countries = (
            session.conn.execute(
                select(schema.story_countries.c.country).where(schema.story_countries.c.story_id == after.id)
            )
            .scalars()
            .all()
        )
        assert sorted(countries) == sorted(after.countries)


def session_filter(**changes):
    from steppe.store import StoryFilter

    return replace(StoryFilter(), **changes)
