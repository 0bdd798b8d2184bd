"""Story clusters: placed incrementally from index candidates, within a window, across languages and restarts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from helpers import DEMO
from steppe.cluster import MemoryIndex, StoryFeatures, assign, file_story, similarity, takes_lead
from steppe.cluster.assign import LOOKUP_KEYS, MAX_CANDIDATES, neighbourhood
from steppe.cluster.nearcopy import bands_of
from steppe.pipeline import ingest_page
from steppe.sources.files import read_file
from steppe.store import StoryFilter, open_store
from steppe.text.fold import fold

DAY = datetime(2026, 11, 20, tzinfo=UTC).toordinal()
EN_RATE = "steppe-times/2026-11-20-kazakhstan-national-bank-base-rate.html"
RU_RATE = "dala-news/2026-11-20-natsbank-kazakhstana-snizil-bazovuyu-stavku.html"


def features(keys: dict[str, float], *, day: int = DAY, language: str = "en") -> StoryFeatures:
    return StoryFeatures(keys=keys, day=day, language=language, site="x.example", length=100, published=None)


EVENT = {"e:org:nbk": 2.0, "n:17.5": 3.0, "n:9.8": 1.0, "e:place:almaty": 1.0, "c:KZ": 0.5}


def indexed(*stories: StoryFeatures) -> MemoryIndex:
    index = MemoryIndex()
    for n, story in enumerate(stories):
        placement = assign(story, index)
        index.add(n, placement.cluster_id if placement.cluster_id is not None else n, placement.features)
    return index


def test_the_same_event_in_another_language_joins_its_cluster():
    index = indexed(features(EVENT))
    placement = assign(features(dict(EVENT), language="ru"), index)
    assert placement.cluster_id == 0 and placement.score >= 0.5


def test_a_story_mentioning_the_event_in_passing_is_related_not_merged():
    index = indexed(features(EVENT))
    own = {"e:org:own": 2.0, "n:2.5": 1.0}
    placement = assign(features(own | {"e:org:nbk": 1.0, "n:17.5": 1.0}), index)  # named once, in the body
    assert placement.cluster_id is None
    assert [cid for cid, _ in placement.related] == [0]


def test_the_same_keys_outside_the_window_start_a_new_cluster():
    index = indexed(features(EVENT))
    assert assign(features(EVENT, day=DAY + 5), index).cluster_id is None
    assert similarity(features(EVENT), features(EVENT, day=DAY + 4)) == 0.0
    assert similarity(features(EVENT), features(EVENT, day=DAY + 3)) < similarity(features(EVENT), features(EVENT))


def test_a_new_story_is_compared_only_with_candidates_sharing_its_rarest_keys():
    index = MemoryIndex()
    for n in range(3000):  # a crowded window: every story shares a common place and country
        index.add(n, n, features({"e:place:almaty": 1.0, f"e:org:x{n}": 2.0, "c:KZ": 0.5}, day=DAY + n % 3))
    story = features({"e:place:almaty": 1.0, **{f"n:{i}": 1.0 for i in range(40)}, "e:org:x7": 2.0})
    around = neighbourhood(story, index)
    assert len(around.candidates) <= MAX_CANDIDATES
    assert around.candidates[0].story_id == 7  # the rare key finds its story
    assert len(story.lookup_keys()) > LOOKUP_KEYS


def test_an_english_story_takes_the_lead_of_a_cluster_led_in_another_language():
    assert takes_lead("ru", "en") and not takes_lead("en", "en") and not takes_lead("ru", "kk")


def test_a_near_copy_is_filed_as_a_copy_not_placed():
    signature = tuple(range(128))
    original = StoryFeatures(
        keys=EVENT,
        day=DAY,
        language="en",
        site="a.example",
        length=900,
        published=None,
        signature=signature,
        bands=bands_of(signature),
    )
    index = MemoryIndex()
    index.add(0, 0, original)
    filing = file_story(
        StoryFeatures(
            keys=EVENT,
            day=DAY,
            language="en",
            site="b.example",
            length=880,
            published=None,
            signature=signature,
            bands=bands_of(signature),
        ),
        index,
        fold,
    )
    assert filing.copy_of is not None and filing.copy_of.story_id == 0 and not filing.replaces


def page(relative: str):
    return next(read_file(DEMO / relative, max_bytes=10**7)).page


def test_every_stored_story_gets_a_cluster_and_the_index_survives_a_restart(store):
    ingest_page(page(RU_RATE), store)
    store.close()
    reopened = open_store(store.target, upgrade=False)
    try:
        ingest_page(page(EN_RATE), reopened)
        with reopened.read() as session:
            stories = session.stories.list(StoryFilter()).stories
            assert len(stories) == 2 and all(s.cluster_id is not None for s in stories)
            assert len({s.cluster_id for s in stories}) == 1
            cluster = session.clusters.get(stories[0].cluster_id)
            english = next(s for s in stories if s.language == "en")
            assert cluster.headline == english.headline  # the English story took the lead
            assert set(cluster.story_ids) == {s.id for s in stories}
    finally:
        reopened.close()


def test_a_story_of_another_event_gets_its_own_singleton_cluster(store):
    ingest_page(page(EN_RATE), store)
    ingest_page(page("steppe-times/2026-11-21-rogun-third-unit.html"), store)
    with store.read() as session:
        stories = session.stories.list(StoryFilter()).stories
        assert len({s.cluster_id for s in stories}) == 2
        for story in stories:
            assert session.clusters.get(story.cluster_id).story_ids == (story.id,)


def test_a_memory_index_that_forgot_old_days_answers_recent_look_ups_as_before_and_refuses_old_ones():
    stories = [features({**EVENT, f"p:name{n % 3}": 1.0}, day=DAY - 20 + n) for n in range(21)]
    whole, forgetful = indexed(*stories), indexed(*stories)
    forgetful.forget_before(DAY - 5)
    recent = features(dict(EVENT))
    for index in (whole, forgetful):
        assert index.count(DAY - 3, DAY + 3) == 4
    assert neighbourhood(recent, forgetful) == neighbourhood(recent, whole)
    with pytest.raises(ValueError, match="forgotten"):
        forgetful.count(DAY - 6, DAY)
    with pytest.raises(ValueError, match="forgotten"):
        forgetful.add(99, 99, features(dict(EVENT), day=DAY - 10))
    assert whole.count(DAY - 30, DAY) == 21 and forgetful.count(DAY - 5, DAY) == 6
