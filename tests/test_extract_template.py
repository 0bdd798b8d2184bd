"""Site templates: blocks a site repeats on many pages leave story text; learning is pure."""

from __future__ import annotations

from datetime import UTC, datetime

from steppe.extract import SiteTemplate, extract, learn_template
from steppe.extract.template import fingerprint, normalise_block
from steppe.models import Page

FETCHED = datetime(2025, 12, 15, 8, 0, tzinfo=UTC)
CHROME = "Subscribe to the Steppe Wire morning briefing and get the region's news in your inbox every day before nine."
BODIES = [
    "Kyrgyzstan approved its 2026 budget on Friday after three days of debate over pensions and energy subsidies in parliament.",
    "Uzbekistan opened a new railway tunnel under the Kamchik pass that cuts the trip from Tashkent to Namangan by two hours.",
    "Tajikistan reported record water levels at the Nurek reservoir and expects higher electricity exports during the winter.",
    "Turkmenistan extended its natural gas supply contract with China for fifteen more years, state television reported on Monday.",
    "Almaty put two hundred electric buses into service on twelve routes, replacing old diesel vehicles before the smog season.",
]


def _page(i: int, body: str) -> Page:
    html = (
        f"<html><head><title>Story {i}</title></head><body><article><h1>Story {i}</h1>"
        f"<p>{body}</p><p>{body.replace('.', ', officials said.')}</p><p>{CHROME}</p></article></body></html>"
    )
    return Page(url=f"https://wire.example.com/{i}", site="wire.example.com", body=html.encode(), fetched_at=FETCHED)


def _learned(pages: list[Page]) -> SiteTemplate:
    template = None
    for page in pages:
        template = learn_template(template, page)
    assert template is not None
    return template


def test_block_repeated_across_a_sites_pages_is_removed_from_story_text() -> None:
    pages = [_page(i, b) for i, b in enumerate(BODIES)]
    template = _learned(pages)
    assert CHROME in extract(pages[0]).stories[0].text
    text = extract(pages[0], template).stories[0].text
    assert CHROME not in text
    assert BODIES[0] in text


def test_learning_is_pure_and_idempotent_per_page() -> None:
    page = _page(0, BODIES[0])
    first = learn_template(None, page)
    again = learn_template(first, page)
    assert again == first and again.pages_seen == 1
    second = learn_template(first, _page(1, BODIES[1]))
    assert first.pages_seen == 1 and second.pages_seen == 2


def test_a_template_learned_from_too_few_pages_removes_nothing() -> None:
    pages = [_page(i, b) for i, b in enumerate(BODIES[:2])]
    assert CHROME in extract(pages[0], _learned(pages)).stories[0].text


def test_template_round_trips_through_json() -> None:
    template = _learned([_page(i, b) for i, b in enumerate(BODIES)])
    assert SiteTemplate.from_json(template.to_json()) == template
    assert SiteTemplate.from_json(template.to_json()).recent_pages == template.recent_pages


def test_blocks_differing_only_in_figures_share_a_fingerprint() -> None:
    assert normalise_block("USD 478,77 ▼") == normalise_block("USD 480,02 ▲")
    assert fingerprint("© 2025 Steppe Wire") == fingerprint("© 2026 Steppe Wire")
    assert fingerprint("•") is None
