"""Page kinds: article, digest, list or other, decided from evidence on the page."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from steppe.extract import extract
from steppe.extract.kind import KindFeatures, is_list
from steppe.models import PAGE_KINDS, Page

SAMPLES = Path(__file__).parent / "samples" / "extract"
SEGMENTATION = json.loads((SAMPLES / "segmentation" / "labels.json").read_text(encoding="utf-8"))
LISTS = json.loads((SAMPLES / "lists" / "labels.json").read_text(encoding="utf-8"))
FETCHED = datetime(2025, 12, 13, 9, 0, tzinfo=UTC)


def _kind(path: Path, url: str) -> str:
    content_type = "text/plain" if path.suffix == ".txt" else "text/html"
    page = Page(url=url, site=url.split("/")[2], body=path.read_bytes(), fetched_at=FETCHED, content_type=content_type)
    return extract(page).kind


@pytest.mark.parametrize("label", SEGMENTATION, ids=[label["file"] for label in SEGMENTATION])
def test_articles_and_digests_in_the_samples_keep_their_kind(label: dict) -> None:
    kind = _kind(SAMPLES / "segmentation" / "pages" / label["file"], label["url"])
    if label["kind"] == "multi":
        assert kind == "digest"
    else:
        assert kind in ("article", "digest") and kind != "list"


def test_a_single_html_article_is_an_article() -> None:
    assert _kind(SAMPLES / "article-ru.html", "https://steppe-news.kz/economy/x") == "article"


@pytest.mark.parametrize("label", LISTS, ids=[label["file"] for label in LISTS])
def test_list_samples_are_lists(label: dict) -> None:
    assert _kind(SAMPLES / "lists" / label["file"], label["url"]) == "list"


def test_a_page_with_nothing_to_read_is_other_and_says_why() -> None:
    page = Page(url="https://x.kz/", site="x.kz", body=b"<html><body><div></div></body></html>", fetched_at=FETCHED)
    result = extract(page)
    assert result.kind == "other" and result.rejected and result.stories == () and result.links == ()
    binary = extract(
        Page(url="https://x.kz/a.png", site="x.kz", body=b"\x89PNG\r\n\x1a\n" + bytes(64), fetched_at=FETCHED)
    )
    assert binary.kind == "other" and binary.rejected


def test_every_kind_is_one_of_page_kinds() -> None:
    assert {_kind(SAMPLES / "lists" / LISTS[0]["file"], LISTS[0]["url"]), "article", "digest", "other"} <= set(
        PAGE_KINDS
    )


def _features(**values: float) -> KindFeatures:
    base = dict(items=12, list_chars=2400, page_chars=5000, link_density=0.5, long_lines=300, item_body=120)
    return KindFeatures(**(base | values))  # type: ignore[arg-type]


def test_many_teasers_with_little_running_text_are_a_list() -> None:
    assert is_list(_features())


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"items": 3}, "three links are a box of teasers"),
        ({"long_lines": 9000}, "an article's running text outweighs its teasers"),
        ({"item_body": 900}, "items holding whole stories are a digest"),
        ({"items": 5, "link_density": 0.15}, "a few headed stories with their text are a digest"),
        ({"list_chars": 100, "page_chars": 20000, "long_lines": 0}, "a list holding almost none of the text"),
    ],
)
def test_evidence_against_a_list(change: dict, why: str) -> None:
    assert not is_list(_features(**change)), why


def test_the_kind_is_stored_with_the_page_and_a_list_page_stores_no_story(store) -> None:
    from steppe.pipeline import ingest_page

    label = LISTS[1]
    body = (SAMPLES / "lists" / label["file"]).read_bytes()
    page = Page(url=label["url"], site="vesti-semirechye.kz", body=body, fetched_at=FETCHED)
    outcome = ingest_page(page, store, now=FETCHED)
    assert outcome.status == "added" and outcome.added == 0
    article = Page(
        url="https://steppe-news.kz/economy/x",
        site="steppe-news.kz",
        body=(SAMPLES / "article-ru.html").read_bytes(),
        fetched_at=FETCHED,
    )
    assert ingest_page(article, store, now=FETCHED).added == 1
    with store.read() as session:
        assert session.pages.seen(page.body_hash).kind == "list"
        assert session.pages.seen(article.body_hash).kind == "article"
        assert session.stories.count() == 1


def test_migration_11_gives_an_older_pages_table_its_kind_column(store) -> None:
    from sqlalchemy import inspect, text

    with store.engine.begin() as conn:  # the pages table as migration 10 left it
        conn.execute(text("ALTER TABLE pages DROP COLUMN kind"))
        conn.execute(text("DELETE FROM schema_migrations WHERE id = 11"))
    assert store.upgrade() == ["011_page_kinds"]
    with store.engine.connect() as conn:
        assert "kind" in {column["name"] for column in inspect(conn).get_columns("pages")}


def _cards(**values: float) -> KindFeatures:
    base = dict(blocks=12, block_chars=3000, block_body=220, block_outside=400)
    return _features(items=0, list_chars=0, **(base | values))


def test_a_grid_of_cards_with_a_link_each_is_a_list_without_headline_links() -> None:
    assert is_list(_cards())


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"blocks": 6}, "six short stories with a link each are a digest"),
        ({"block_body": 1500}, "blocks holding whole posts are a thread or a digest"),
        ({"block_outside": 9000}, "an article's running text outweighs the cards beside it"),
        ({"block_chars": 600, "block_outside": 0}, "a row of icons and menu links holds little text"),
    ],
)
def test_evidence_against_a_grid_of_cards(change: dict, why: str) -> None:
    assert not is_list(_cards(**change)), why
