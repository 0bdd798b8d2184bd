"""The demo pages through extract and enrich: clean stories, right headlines, right countries."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import lxml.html
import pytest

from helpers import DEMO, DEMO_EXPECTED
from steppe.enrich import enrich
from steppe.extract import extract
from steppe.models import Page

EXPECTED = json.loads(DEMO_EXPECTED.read_text(encoding="utf-8"))
PAGES = sorted(p.relative_to(DEMO).as_posix() for p in DEMO.glob("*/*.html"))
TICKER_MARKS = ("/USD =", "▲", "▼", "Доллар 5")


def run(name: str):
    path = DEMO / name
    page = Page(
        url=f"https://demo.example/{name}",
        site=path.parent.name,
        body=path.read_bytes(),
        fetched_at=datetime(2026, 11, 29, tzinfo=UTC),
    )
    return extract(page)


@pytest.mark.parametrize("name", PAGES)
def test_demo_page_gives_one_clean_story_headed_by_its_h1(name):
    result = run(name)
    assert result.rejected is None and len(result.stories) == 1
    story = result.stories[0]
    h1 = " ".join(lxml.html.fromstring((DEMO / name).read_bytes()).findtext(".//h1").split())
    assert story.headline == h1
    first_line = story.text.split("\n", 1)[0]
    assert first_line != h1 and len(first_line.split()) > 4, "headline or kicker left at the top of the text"
    assert not any(mark in story.text for mark in TICKER_MARKS), "ticker text left in the story"
    assert story.published and story.published.date().isoformat() == name.split("/")[1][:10]


@pytest.mark.parametrize("name", PAGES)
def test_demo_page_is_tagged_with_its_primary_country(name):
    story = enrich(run(name).stories[0])
    expected = EXPECTED["countries"][name]
    assert story.countries[0] in expected and expected[0] in story.countries, story.countries
