"""Dates from date lines and metadata, never after the fetch; language per story."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from steppe.extract import extract
from steppe.extract.dates import as_published, parse_date_line
from steppe.models import Page
from steppe.text.language import detect_language

FETCHED = datetime(2025, 12, 15, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "line",
    [
        "14 December 2025",
        "14 декабря 2025",
        "14.12.2025",
        "14 декабря 2025 г.",
        "December 14, 2025",
        "Sunday, 14 December 2025",
        "2025-12-14",
        "14 Dec 2025 10:30",
        "14 желтоқсан 2025",
    ],
)
def test_date_lines_are_read(line: str) -> None:
    assert parse_date_line(line) == date(2025, 12, 14)


@pytest.mark.parametrize("line", ["Kazakhstan 2025", "31.02.2025", "The 14 December 2025 summit was held in Astana"])
def test_other_lines_are_not_dates(line: str) -> None:
    assert parse_date_line(line) is None


def test_a_date_after_the_fetch_is_dropped() -> None:
    assert as_published(date(2025, 12, 16), FETCHED) is None
    assert as_published(date(2025, 12, 15), FETCHED) == datetime(2025, 12, 15, tzinfo=UTC)


def test_future_date_line_does_not_date_a_story() -> None:
    text = (
        "20 December 2025\nKyrgyz Parliament Approves the 2026 Budget After Debate\n"
        "Lawmakers in Kyrgyzstan approved the 2026 state budget on Friday after three days of debate.\n"
    )
    page = Page(url="file:///a.txt", site="dump", body=text.encode(), fetched_at=FETCHED, content_type="text/plain")
    result = extract(page)
    assert result.stories[0].published is None and result.published is None


def test_html_metadata_date_later_than_fetch_is_ignored() -> None:
    body = (
        '<html><head><meta property="article:published_time" content="2026-03-01"><title>T</title></head>'
        "<body><article><h1>T</h1><p>"
        + "Text of the article that is long enough to be kept by the extractor. " * 5
        + "</p></article></body></html>"
    ).encode()
    page = Page(url="https://example.com/a", site="example.com", body=body, fetched_at=FETCHED)
    published = extract(page).stories[0].published
    assert published is None or published <= FETCHED


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Ўзбекистон Республикаси Президенти мамлакат иқтисодиёти ҳақида гапирди ва янги ислоҳотларни эълон қилди",
            "uz",
        ),
        (
            "Oʻzbekiston Respublikasi Prezidenti mamlakat iqtisodiyoti haqida gapirdi va yangi islohotlarni eʼlon qildi",
            "uz",
        ),
        (
            "Қазақстан Республикасының Президенті Моңғолияға мемлекеттік сапармен барды және келісімдерге қол қойды",
            "kk",
        ),
        (
            "Кыргыз Республикасынын Президенти мамлекеттик сапар менен Монголияга барды жана келишимдерге кол койду",
            "ky",
        ),
        ("Президенти Ҷумҳурии Тоҷикистон имрӯз дар шаҳри Душанбе бо ҳайати давлатии Муғулистон вохӯрд", "tg"),
        ("Türkmenistanyň Prezidenti döwlet sapary bilen Mongoliýa bardy we resminamalara gol çekdi", "tk"),
        ("Президент Казахстана провёл переговоры с президентом Монголии в Астане и подписал соглашения", "ru"),
        ("The presidents of Kazakhstan and Mongolia met in Astana and signed eleven agreements on Sunday", "en"),
    ],
)
def test_language_is_told_among_the_regions_languages(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_too_little_text_has_no_language() -> None:
    assert detect_language("USD 478") is None
