"""HTML pages: main text, headline, canonical URL, date and language of a single article."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from steppe.extract import extract
from steppe.extract.html import headline_of, parse_html, strip_site_suffix
from steppe.models import Page

SAMPLES = Path(__file__).parent / "samples" / "extract"
FETCHED = datetime(2025, 12, 13, 9, 0, tzinfo=UTC)


def _article_page() -> Page:
    body = (SAMPLES / "article-ru.html").read_bytes()
    return Page(url="https://steppe-news.kz/economy/x", site="steppe-news.kz", body=body, fetched_at=FETCHED)


def test_single_html_article_gives_one_story_with_its_metadata() -> None:
    result = extract(_article_page())
    assert result.rejected is None
    assert len(result.stories) == 1
    story = result.stories[0]
    assert story.headline == "Нацбанк Казахстана сохранил базовую ставку"
    assert story.canonical_url == "https://steppe-news.kz/economy/2025/12/12/base-rate"
    assert story.published is not None and story.published.date().isoformat() == "2025-12-12"
    assert story.language == result.language == "ru"
    assert story.text.startswith("АСТАНА — Национальный банк")
    assert story.text.rstrip().endswith("продолжит замедляться.")


def test_story_carries_page_identity() -> None:
    page = _article_page()
    story = extract(page).stories[0]
    assert (story.url, story.site, story.page_hash, story.position) == (page.url, page.site, page.body_hash, 0)
    assert story.countries == () and story.entities == () and story.figures == () and story.topics == ()


def test_navigation_and_footer_stay_out_of_story_text() -> None:
    text = extract(_article_page()).stories[0].text
    assert "Главная" not in text and "Все права защищены" not in text


def test_headline_prefers_og_title_then_h1_then_title_without_site_name() -> None:
    og = parse_html(
        '<html><head><meta property="og:title" content="A"><title>B | Site</title></head><body><h1>C</h1></body></html>'
    )
    h1 = parse_html("<html><head><title>B | Site</title></head><body><h1>C  headline</h1></body></html>")
    title = parse_html(
        "<html><head><title>Budget Passes in Bishkek | Steppe Wire</title></head><body><p>x</p></body></html>"
    )
    assert headline_of(og) == "A"
    assert headline_of(h1) == "C headline"
    assert headline_of(title) == "Budget Passes in Bishkek"


def test_site_suffix_is_stripped_only_when_it_is_the_short_part() -> None:
    assert strip_site_suffix("Tokayev meets Khurelsukh in Astana — Kazinform") == "Tokayev meets Khurelsukh in Astana"
    assert strip_site_suffix("Steppe Wire: Kyrgyzstan approves the 2026 budget after a long debate") == (
        "Steppe Wire: Kyrgyzstan approves the 2026 budget after a long debate"
    )
    assert strip_site_suffix("No separator here") == "No separator here"


def test_html_digest_of_story_containers_gives_one_story_each() -> None:
    blocks = "".join(
        f'<article class="story"><h2><a href="/n/{i}">Headline number {i} about the region</a></h2>'
        f"<p>Body paragraph {i} tells what happened in the region this week, with enough words to count.</p></article>"
        for i in range(3)
    )
    body = f"<html><head><title>Top stories</title></head><body><main><h1>Top stories</h1>{blocks}</main></body></html>"
    page = Page(url="https://example.kg/", site="example.kg", body=body.encode(), fetched_at=FETCHED)
    result = extract(page)
    assert [s.headline for s in result.stories] == [f"Headline number {i} about the region" for i in range(3)]
    assert [s.canonical_url for s in result.stories] == [f"https://example.kg/n/{i}" for i in range(3)]
    assert [s.position for s in result.stories] == [0, 1, 2]
