"""List pages (home, section, tag, search): their main list comes out as links, and no story.

The pages are tests/samples/extract/lists (fictional outlets, written for Steppe: a regression
floor, not evidence of accuracy; bench/pagekinds.py measures kinds on real typed pages).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from steppe.extract import extract
from steppe.extract.html import parse_html
from steppe.extract.listing import link_groups, main_list
from steppe.models import Extraction, Page

LISTS = Path(__file__).parent / "samples" / "extract" / "lists"
LABELS = json.loads((LISTS / "labels.json").read_text(encoding="utf-8"))
FETCHED = datetime(2025, 12, 13, 9, 0, tzinfo=UTC)


def _extract(label: dict) -> Extraction:
    body = (LISTS / label["file"]).read_bytes()
    return extract(Page(url=label["url"], site=label["url"].split("/")[2], body=body, fetched_at=FETCHED))


@pytest.mark.parametrize("label", LABELS, ids=[label["file"] for label in LABELS])
def test_main_list_items_come_out_with_headline_and_absolute_url(label: dict) -> None:
    result = _extract(label)
    wanted = [(link["headline"], link["url"]) for link in label["links"][:10]]
    found = {(link.headline, link.url) for link in result.links}
    assert sum(item in found for item in wanted) >= 8


@pytest.mark.parametrize("label", LABELS, ids=[label["file"] for label in LABELS])
def test_a_list_page_is_a_list_without_stories_in_page_order(label: dict) -> None:
    result = _extract(label)
    assert result.kind == "list" and result.rejected is None
    assert result.stories == ()
    urls = [link.url for link in result.links]
    wanted = [link["url"] for link in label["links"] if link["url"] in urls]
    assert [url for url in urls if url in wanted] == wanted


@pytest.mark.parametrize("label", LABELS, ids=[label["file"] for label in LABELS])
def test_most_read_boxes_navigation_and_footer_stay_out_of_the_list(label: dict) -> None:
    result = _extract(label)
    urls = {link.url for link in result.links}
    assert not urls & set(label["not_links"])
    assert len(result.links) == len(label["links"])


def test_teasers_and_dates_are_kept_where_the_page_shows_them() -> None:
    home = _extract(LABELS[0])
    teasers = {link.headline: link.teaser for link in home.links}
    assert teasers["Kazakhstan's central bank holds its base rate at 16.5 percent"] == (
        "Analysts had expected a pause after inflation slowed for a third month in a row."
    )
    assert all(link.published is not None for link in home.links)
    section = _extract(LABELS[1])
    dated = {link.url.rsplit("/", 1)[-1]: link.published for link in section.links}
    assert dated["ipoteka-noyabr"] == datetime(2025, 12, 8, tzinfo=UTC)
    assert all(link.teaser and link.headline not in link.teaser for link in section.links)


def test_a_base_href_makes_relative_links_absolute() -> None:
    search = _extract(LABELS[3])
    assert all(link.url.startswith("https://zarafshon-xabarlari.uz/oz/") for link in search.links)


def test_a_box_of_five_teasers_beside_an_article_is_not_its_main_list() -> None:
    related = "".join(f'<li><a href="/n/{i}">Related headline number {i} about the region</a></li>' for i in range(5))
    body = (
        "<html><body><main><h1>Budget approved</h1>"
        + "<p>"
        + "The parliament approved the budget after a long debate on spending. " * 15
        + "</p>"
        + f'</main><aside class="related"><ul>{related}</ul></aside></body></html>'
    )
    tree = parse_html(body)
    assert main_list(link_groups(tree)) == []


COURSES = [
    ("Accounting", "Bookkeeping for small firms in Almaty, from the first invoice to the yearly report and taxes."),
    ("Logistics", "Moving goods across the Khorgos border: customs papers, rail slots and the waiting times."),
    ("Kazakh", "Spoken Kazakh for newcomers: greetings, numbers, the market and the doctor's office."),
    ("Design", "Layout and type for regional papers: grids, headlines that fit and photos that speak."),
    ("Data", "Spreadsheets to charts: reading the statistics bureau's tables and telling their story."),
    ("Law", "Contracts and leases under the civil code, with the cases a small landlord meets."),
    ("Farming", "Drip irrigation for cotton and melons: pumps, pipes and what the water costs a season."),
    ("Tourism", "Guesthouses on the Silk Road: bookings, permits and guests who speak no Russian."),
]


def _course_grid() -> bytes:
    cards = "".join(
        f'<div class="course-card"><img src="/img/{n}.jpg" alt=""><h3>{name}</h3><p>{about} Evening groups start every month.</p>'
        f'<a class="btn" href="/courses/{n}">Learn more</a></div>'
        for n, (name, about) in enumerate(COURSES)
    )
    nav = '<nav><a href="/">Home</a> <a href="/courses">Courses</a> <a href="/about">About us</a></nav>'
    return f'<html><body>{nav}<main><h1>Courses</h1><div class="grid">{cards}</div></main></body></html>'.encode()


def test_a_grid_of_cards_with_short_titles_and_learn_more_buttons_is_a_list() -> None:
    page = Page(
        url="https://school.example.kz/courses", site="school.example.kz", body=_course_grid(), fetched_at=FETCHED
    )
    result = extract(page)
    assert result.kind == "list" and result.stories == ()
    assert [(link.headline, link.url) for link in result.links] == [
        (name, f"https://school.example.kz/courses/{n}") for n, (name, _) in enumerate(COURSES)
    ]
