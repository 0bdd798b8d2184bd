"""Quality gates for extraction: floors that only go up.

* Main text on real pages (ScrapingHub benchmark, WCXB dev articles from ../shared):
  token-shingle F1 of our stories against the ground truth, printed beside bare
  `trafilatura.extract` on the same pages; skipped with a message when ../shared is absent.
  WCXB is sampled deterministically (every WCXB_STEP-th page) to keep the run short.
* Regression floors on Russian news pages written for the project (not evidence of
  accuracy: the pages and the rules were written by the same hands, and real held-out
  Russian pages score lower): tests/samples/extract_ru/ (invented stories in eight site
  templates with menus, teaser lists, comments, promos), beside bare `trafilatura.extract`
  with its defaults and with favor_precision; and tests/samples/extract/russian/ (article
  shapes of Bitrix-like, WordPress-like and custom CMSs with "Читайте также" boxes,
  captions, bylines, tags, share bars, subscription calls), whose boxes must not reach the story.
* Segmentation regression floor on the set in tests/samples/extract/segmentation/ (written with the
  code: not evidence of accuracy; the generated dumps of test_extract_segmentation_generated.py are).
* Ticker pages of that set: every quote parsed, no ticker text left in any story.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

import pytest

from scoring import (
    Labelled,
    f1_of,
    load_labelled,
    load_scrapinghub,
    load_wcxb,
    main_text,
)
from steppe.extract import extract
from steppe.extract.ticker import ticker_items
from steppe.models import Extraction, Page

SHARED = Path(os.environ.get("STEPPE_SHARED", Path(__file__).resolve().parents[2] / "shared"))
CORPORA = SHARED / "corpora" / "extraction"
SEGMENTATION = Path(__file__).parent / "samples" / "extract" / "segmentation"
RUSSIAN = Path(__file__).parent / "samples" / "extract_ru"
RUSSIAN_SHAPES = Path(__file__).parent / "samples" / "extract" / "russian"
FETCHED = datetime(2026, 1, 1, tzinfo=UTC)

# Pinned floors: just below what was measured; raise them when extraction improves.
SCRAPINGHUB_F1_FLOOR = 0.962  # measured 0.9649 (bare 0.9525)
WCXB_F1_FLOOR = 0.928  # measured 0.9312 on the sample (bare 0.9232)
RUSSIAN_F1_REGRESSION_FLOOR = 0.915  # self-written set: measured 0.9224 (bare 0.8283, favor_precision 0.8438)
RUSSIAN_SHAPES_F1_REGRESSION_FLOOR = 0.99  # self-written shapes: measured 1.000 (favor_precision 0.959)
MIN_ABOVE_BARE_RUSSIAN = 0.03  # "clearly above": three F1 points over the better bare mode
WCXB_STEP = 2  # every 2nd page of the 710 scored WCXB articles
MAX_BELOW_BARE = 0.005
BOUNDARY_F1_FLOOR = 0.99  # regression floor on a self-written set; measured 1.000
HEADLINE_MATCH_FLOOR = 0.99  # measured 1.000


def _page(url: str, body: bytes, content_type: str = "text/html") -> Page:
    return Page(
        url=url,
        site=url.split("/")[2] if "://" in url else "local",
        body=body,
        fetched_at=FETCHED,
        content_type=content_type,
    )


def _wcxb() -> list[Labelled]:
    return load_wcxb(CORPORA / "wcxb-dev-articles")[::WCXB_STEP]


def _compare(name: str, pages: list[Labelled]) -> tuple[float, float]:
    import trafilatura

    ours = [(p.truth, main_text(extract(_page(p.url, p.body)))) for p in pages]
    bare = [(p.truth, trafilatura.extract(p.body) or "") for p in pages]
    f_ours, f_bare = f1_of(ours), f1_of(bare)
    print(
        f"\n{name} ({len(pages)} pages): ours F1 {f_ours['f1']:.4f} (P {f_ours['precision']:.4f} "
        f"R {f_ours['recall']:.4f}) | bare trafilatura.extract F1 {f_bare['f1']:.4f} "
        f"(P {f_bare['precision']:.4f} R {f_bare['recall']:.4f})"
    )
    return f_ours["f1"], f_bare["f1"]


@pytest.mark.corpus
def test_main_text_f1_on_scrapinghub_is_at_least_bare_trafilatura() -> None:
    if not (CORPORA / "scrapinghub" / "ground-truth.json").exists():
        pytest.skip(f"ScrapingHub corpus not found under {CORPORA} (set STEPPE_SHARED)")
    ours, bare = _compare("ScrapingHub", load_scrapinghub(CORPORA / "scrapinghub"))
    assert ours >= SCRAPINGHUB_F1_FLOOR
    assert ours >= bare - MAX_BELOW_BARE


@pytest.mark.corpus
def test_main_text_f1_on_wcxb_articles_is_at_least_bare_trafilatura() -> None:
    if not (CORPORA / "wcxb-dev-articles" / "html").exists():
        pytest.skip(f"WCXB dev articles not found under {CORPORA} (set STEPPE_SHARED)")
    ours, bare = _compare(f"WCXB dev articles, 1 page in {WCXB_STEP}", _wcxb())
    assert ours >= WCXB_F1_FLOOR
    assert ours >= bare - MAX_BELOW_BARE


def test_main_text_f1_on_self_written_russian_news_keeps_its_regression_floor() -> None:
    import trafilatura

    pages = load_labelled(RUSSIAN)
    ours = f1_of((p.truth, main_text(extract(_page(p.url, p.body)))) for p in pages)["f1"]
    bare = f1_of((p.truth, trafilatura.extract(p.body) or "") for p in pages)["f1"]
    precise = f1_of((p.truth, trafilatura.extract(p.body, favor_precision=True) or "") for p in pages)["f1"]
    print(
        f"\nRussian news ({len(pages)} pages): ours F1 {ours:.4f} | bare trafilatura.extract {bare:.4f} "
        f"| with favor_precision {precise:.4f}"
    )
    assert len(pages) >= 24
    assert ours >= RUSSIAN_F1_REGRESSION_FLOOR
    assert ours >= max(bare, precise) + MIN_ABOVE_BARE_RUSSIAN


def test_russian_article_shapes_keep_their_text_and_lose_their_boxes() -> None:
    labels = json.loads((RUSSIAN_SHAPES / "labels.json").read_text(encoding="utf-8"))
    pages = load_labelled(RUSSIAN_SHAPES)
    results = [extract(_page(p.url, p.body)) for p in pages]
    f1 = f1_of((p.truth, main_text(r)) for p, r in zip(pages, results))["f1"]
    print(f"\nRussian article shapes ({len(pages)} pages, self-written): ours F1 {f1:.4f}")
    assert len({label["cms"] for label in labels}) >= 3
    leaked = [
        (label["file"], absent)
        for label, result in zip(labels, results)
        for absent in label["absent"]
        if absent in main_text(result)
    ]
    assert leaked == []
    assert [[s.headline for s in r.stories] for r in results] == [[label["headline"]] for label in labels]
    assert f1 >= RUSSIAN_SHAPES_F1_REGRESSION_FLOOR


def test_russian_news_pages_are_single_stories_headed_by_their_headline() -> None:
    labels = json.loads((RUSSIAN / "labels.json").read_text(encoding="utf-8"))
    wrong = []
    for label, page in zip(labels, load_labelled(RUSSIAN)):
        result = extract(_page(page.url, page.body))
        if [s.headline for s in result.stories] != [label["headline"]]:
            wrong.append((label["file"], [s.headline for s in result.stories]))
    assert wrong == []


@lru_cache(maxsize=1)
def _segmented() -> tuple[tuple[dict, Extraction], ...]:
    labels = json.loads((SEGMENTATION / "labels.json").read_text(encoding="utf-8"))
    results = []
    for label in labels:
        body = (SEGMENTATION / "pages" / label["file"]).read_bytes()
        kind = "text/plain" if label["file"].endswith(".txt") else "text/html"
        results.append((label, extract(_page(label["url"], body, kind))))
    return tuple(results)


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def segmentation_scores() -> dict[str, float]:
    """Boundary precision/recall/F1 (a boundary = a story's headline) and headline exact match."""
    tp = fp = fn = exact = total = 0
    for label, result in _segmented():
        truth = [_norm(s["headline"]) for s in label["stories"]]
        found = [_norm(s.headline) for s in result.stories]
        matched = len(set(truth) & set(found))
        tp, fp, fn = tp + matched, fp + len(found) - matched, fn + len(truth) - matched
        exact += sum(1 for s in label["stories"] if s["headline"] in {x.headline for x in result.stories})
        total += len(truth)
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return {
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / max(1e-9, precision + recall),
        "headline_exact": exact / max(1, total),
    }


def test_segmentation_set_has_enough_pages() -> None:
    kinds = [label["kind"] for label, _ in _segmented()]
    assert kinds.count("multi") >= 40 and kinds.count("single") >= 40


def test_segmentation_regression_floor_on_the_self_written_set() -> None:
    scores = segmentation_scores()
    print(
        f"\nsegmentation: boundary P {scores['precision']:.4f} R {scores['recall']:.4f} "
        f"F1 {scores['f1']:.4f}; headline exact match {scores['headline_exact']:.4f}"
    )
    assert scores["f1"] >= BOUNDARY_F1_FLOOR
    assert scores["headline_exact"] >= HEADLINE_MATCH_FLOOR


def test_single_articles_are_never_split() -> None:
    split = [label["file"] for label, r in _segmented() if label["kind"] == "single" and len(r.stories) != 1]
    assert split == []


def test_each_story_starts_with_its_own_first_paragraph() -> None:
    wrong = []
    for label, result in _segmented():
        by_headline = {s.headline: s for s in result.stories}
        for story in label["stories"]:
            found = by_headline.get(story["headline"])
            if found is None or not found.text.startswith(story["first"]):
                wrong.append((label["file"], story["headline"]))
    assert wrong == []


def test_every_ticker_quote_is_parsed_once() -> None:
    wrong = [
        (label["file"], label["quotes"], len(r.rates)) for label, r in _segmented() if len(r.rates) != label["quotes"]
    ]
    assert wrong == []


def test_no_ticker_text_is_left_in_any_story() -> None:
    leftovers = [
        (label["file"], line)
        for label, result in _segmented()
        for story in result.stories
        for line in story.text.splitlines()
        if ticker_items(line.strip(" •")) or any(code in line for code in ("USD/", "/USD", "KZT ", "▼", "▲"))
    ]
    assert leftovers == []
