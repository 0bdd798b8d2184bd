"""Cluster regression floors: the self-written bilingual set and the demo corpus, through the real pipeline.

Both sets were written with the code: their scores guard against regressions, they do not measure accuracy.

Floors are pinned just under the measured scores and only go up:
cross-language pairwise F1 0.967 and all-pairs F1 0.970 on tests/samples/cluster/stories.jsonl
(256 stories, 60 events, en 157 / ru 99) when measured on 2026-12-01.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from itertools import combinations

import pytest
from sqlalchemy import select

from helpers import DEMO, DEMO_EXPECTED, SAMPLES
from steppe.demo import build_demo
from steppe.enrich import enrich
from steppe.models import Story
from steppe.pipeline import _store_stories
from steppe.sources.files import read_file
from steppe.store import schema

SET = SAMPLES / "cluster" / "stories.jsonl"
CROSS_LANGUAGE_F1_FLOOR = 0.95
ALL_PAIRS_F1_FLOOR = 0.95
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def labelled() -> list[dict]:
    return [json.loads(line) for line in SET.read_text(encoding="utf-8").splitlines() if line.strip()]


def cluster_of_urls(store) -> dict[str, int]:
    """Every stored address (stories and their copies) with the cluster it ended up in."""
    s, c = schema.stories.c, schema.story_copies.c
    with store.read() as session:
        found = {r.url: r.cluster_id for r in session.conn.execute(select(s.url, s.cluster_id))}
        copies = session.conn.execute(select(c.url, s.cluster_id).join(schema.stories, s.id == c.story_id))
        found.update({r.url: r.cluster_id for r in copies})
    return found


def pairwise_f1(gold: list[str], predicted: list[int | None], languages: list[str], *, cross: bool) -> dict:
    """Precision, recall and F1 over story pairs (only pairs in different languages when ``cross``)."""
    tp = fp = fn = 0
    for i, j in combinations(range(len(gold)), 2):
        if cross and languages[i] == languages[j]:
            continue
        same_gold = gold[i] == gold[j]
        same_predicted = predicted[i] is not None and predicted[i] == predicted[j]
        tp += same_gold and same_predicted
        fp += same_predicted and not same_gold
        fn += same_gold and not same_predicted
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3), "pairs": tp + fn}


@pytest.fixture(scope="module")
def scored(tmp_path_factory) -> dict:
    """Ingest the labelled set story by story (each its own transaction) and score it."""
    from steppe.store import open_store

    rows = labelled()
    store = open_store(str(tmp_path_factory.mktemp("quality") / "q.db"))
    for row in rows:
        story = enrich(
            Story(
                url=row["url"],
                site=row["site"],
                headline=row["headline"],
                text=row["text"],
                published=datetime.fromisoformat(row["published"]),
                language=row["language"],
            )
        )
        with store.write() as session:
            _store_stories(session, [story], NOW)
    clusters = cluster_of_urls(store)
    store.close()
    gold = [r["event"] for r in rows]
    predicted = [clusters.get(r["url"]) for r in rows]
    languages = [r["language"] for r in rows]
    return {
        "cross": pairwise_f1(gold, predicted, languages, cross=True),
        "all": pairwise_f1(gold, predicted, languages, cross=False),
        "predicted": predicted,
        "rows": rows,
    }


def test_the_labelled_set_is_bilingual_large_and_regenerates_identically():
    rows = labelled()
    assert len(rows) >= 200
    assert {r["language"] for r in rows} >= {"en", "ru"}
    events = {r["event"] for r in rows}
    cross_events = {e for e in events if len({r["language"] for r in rows if r["event"] == e}) > 1}
    assert len(events) >= 50 and len(cross_events) >= 30
    assert sum(r.get("mentions", False) for r in rows) >= 20  # passing mentions: hard negatives
    sys.path.insert(0, str(SET.parent))
    try:
        import generate
    finally:
        sys.path.pop(0)
    assert generate.generate() == rows, "stories.jsonl is stale: run tests/samples/cluster/generate.py"


def test_cross_language_cluster_f1_keeps_its_regression_floor_on_the_self_written_set(scored):
    print("cross-language", scored["cross"], "all pairs", scored["all"])
    assert scored["cross"]["f1"] >= CROSS_LANGUAGE_F1_FLOOR, scored["cross"]
    assert scored["all"]["f1"] >= ALL_PAIRS_F1_FLOOR, scored["all"]


def test_every_labelled_story_lands_in_a_cluster_and_wire_copies_in_their_originals(scored):
    by_url = dict(zip((r["url"] for r in scored["rows"]), scored["predicted"]))
    assert all(cluster is not None for cluster in scored["predicted"])
    copies = [r for r in scored["rows"] if r.get("copy_of")]
    assert copies
    assert all(by_url[r["url"]] == by_url[r["copy_of"]] for r in copies)


# --- the demo corpus -----------------------------------------------------------------------


def page_url(relative: str) -> str:
    """The address a demo file is stored under (its canonical URL)."""
    return next(read_file(DEMO / relative, max_bytes=10**7)).page.url


@pytest.fixture
def demo_clusters(store) -> dict[str, int]:
    build_demo(store)
    return cluster_of_urls(store)


def test_demo_corpus_gives_the_expected_clusters(demo_clusters):
    expected = json.loads(DEMO_EXPECTED.read_text(encoding="utf-8"))
    assigned = {}
    for files in expected["clusters"]:
        found = {demo_clusters[page_url(f)] for f in files}
        assert len(found) == 1, f"{files} split over clusters {found}"
        assigned[tuple(files)] = found.pop()
    assert len(set(assigned.values())) == len(assigned), "two expected clusters were merged"
    clustered = {f for files in expected["clusters"] for f in files}
    for relative in expected["countries"]:
        if relative in clustered or relative.startswith("digest/"):
            continue
        mates = [u for u, c in demo_clusters.items() if c == demo_clusters[page_url(relative)]]
        assert mates == [page_url(relative)], f"{relative} should stand alone, clustered with {mates}"


def test_demo_look_alikes_do_not_cluster(demo_clusters):
    nbk = page_url("steppe-times/2026-11-20-kazakhstan-national-bank-base-rate.html")
    nbkr = "https://steppetimes.example/2026/11/28/kyrgyzstan-national-bank-policy-rate"
    railway = page_url("steppe-times/2026-11-18-china-kyrgyzstan-uzbekistan-railway-tunnel.html")
    coal = page_url("steppe-times/2026-11-25-mongolia-china-coal-railway.html")
    assert demo_clusters[nbk] != demo_clusters[nbkr]
    assert demo_clusters[railway] != demo_clusters[coal]


def test_demo_wire_copies_are_linked_to_their_originals_not_stored(store):
    build_demo(store)
    expected = json.loads(DEMO_EXPECTED.read_text(encoding="utf-8"))
    s = schema.stories.c
    with store.read() as session:
        for original, copy in expected["syndicated"]:
            story_id = session.conn.execute(select(s.id).where(s.url == page_url(original))).scalar_one()
            assert ("caspianwire.example", page_url(copy)) in session.stories.copies(story_id)
            assert session.conn.execute(select(s.id).where(s.url == page_url(copy))).first() is None
