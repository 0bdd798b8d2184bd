"""No input makes extract raise: arbitrary bytes, huge pages, deep nesting, binary data, odd encodings.

Whatever comes in, an Extraction comes out: stories, or a rejection with a reason.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from steppe.extract import extract, learn_template
from steppe.extract.patterns import BINARY_SIGNATURES
from steppe.models import Extraction, Page

FETCHED = datetime(2025, 12, 15, 8, 0, tzinfo=UTC)


def _page(body: bytes, content_type: str = "text/html") -> Page:
    return Page(url="https://example.kz/x", site="example.kz", body=body, fetched_at=FETCHED, content_type=content_type)


def _sound(result: Extraction) -> None:
    assert isinstance(result, Extraction)
    assert (result.rejected is None) == bool(result.stories or result.links)
    if result.rejected is not None:
        assert result.rejected.strip()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096), st.sampled_from(["text/html", "text/plain", "application/rss+xml", ""]))
def test_arbitrary_bytes_never_raise(body: bytes, content_type: str) -> None:
    _sound(extract(_page(body, content_type)))
    learn_template(None, _page(body, content_type))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=3000))
def test_arbitrary_text_never_raises(text: str) -> None:
    _sound(extract(_page(text.encode("utf-8", "surrogatepass"), "text/plain")))
    _sound(extract(_page(f"<html><body><p>{text}</p></body></html>".encode("utf-8", "surrogatepass"))))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<div>",
                "</div>",
                "<p>",
                "</p>",
                "<article>",
                "<h2>",
                "</h2>",
                "USD 478,77",
                "14 декабря 2025",
                "Headline Of A Story Here",
                "Some running text of the story, it goes on.",
                "<table><tr><td>",
                "</td></tr></table>",
                "<!--",
                "-->",
                "<script>",
                "\x00",
                "\ufeff",
            ]
        ),
        max_size=200,
    )
)
def test_arbitrary_markup_never_raises(parts: list[str]) -> None:
    _sound(extract(_page("".join(parts).encode("utf-8"))))


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(BINARY_SIGNATURES), st.binary(max_size=4096))
def test_binary_data_of_a_known_format_is_rejected_with_its_name(signature: tuple[bytes, str], tail: bytes) -> None:
    magic, name = signature
    for content_type in ("text/html", "text/plain", ""):
        assert extract(_page(magic + tail, content_type)).rejected == f"binary data (looks like {name})"
    learn_template(None, _page(magic + tail))


NESTING = [
    ("div", "div"),
    ("span", "span"),
    ("section", "section"),
    ("font", "font"),
    ("blockquote", "blockquote"),
    ("article", "article"),
    ("ul><li", "li></ul"),
    ("table><tr><td", "td></tr></table"),
]
DEEP_TEXT = "Kazakhstan and Mongolia signed a satellite agreement in Astana on Sunday, officials said."


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(NESTING), st.integers(min_value=1, max_value=10_000), st.booleans())
@example(("div", "div"), 10_000, True)
@example(("font", "font"), 10_000, False)
@example(("span", "span"), 256, True)
def test_text_nested_at_any_depth_still_reads(tags: tuple[str, str], depth: int, closed: bool) -> None:
    """libxml2 stops at 256 levels and drops the rest of the page: such pages are read as text."""
    opening, closing = tags
    body = (
        "<html><body>"
        + f"<{opening}>" * depth
        + f"<p>{DEEP_TEXT} {DEEP_TEXT}</p>"
        + (f"</{closing}>" * depth if closed else "")
        + "</body></html>"
    )
    result = extract(_page(body.encode()))
    _sound(result)
    assert any(DEEP_TEXT in story.text for story in result.stories)
    assert learn_template(None, _page(body.encode())).pages_seen == 1


FIFTY_MB = 50 * 1024 * 1024


@pytest.mark.parametrize(
    ("head", "content_type"),
    [(b"<html><body><p>", "text/html"), (b"Plain text news dump\n", "text/plain"), (b"\x89PNG\r\n\x1a\n", "image/png")],
)
def test_fifty_megabyte_pages_are_rejected_with_their_size(head: bytes, content_type: str) -> None:
    body = head + b"x" * (FIFTY_MB - len(head))
    assert extract(_page(body, content_type)).rejected == "page is 50.0 MB, over the 20 MB limit"
    assert learn_template(None, _page(body, content_type)).blocks == ()


def test_page_over_the_limit_is_rejected_without_reading_it() -> None:
    body = b"<html><body>" + b"<p>" + b"x" * (52 * 1024 * 1024) + b"</p></body></html>"
    result = extract(_page(body))
    assert result.rejected is not None and result.rejected.startswith("page is 52.0 MB, over the 20 MB limit")


def test_ten_thousand_deep_nesting_does_not_raise() -> None:
    body = "<html><body>" + "<div>" * 10_000 + "<p>" + "deep text " * 40 + "</p>" + "</div>" * 10_000 + "</body></html>"
    _sound(extract(_page(body.encode())))


def test_deeply_nested_text_dump_in_html_still_reads() -> None:
    text = "Kazakhstan and Mongolia signed a satellite agreement in Astana on Sunday, officials said. " * 3
    body = "<html><body><p>" + text + "</p>" + "<span>" * 5000 + "x" + "</span>" * 5000 + "</body></html>"
    _sound(extract(_page(body.encode())))


def test_nul_bytes_inside_html_are_survived() -> None:
    body = (
        b"<html><body><p>"
        + b"News text with a stray NUL \x00 byte in the middle of it, and more words after. " * 3
        + b"</p></body></html>"
    )
    _sound(extract(_page(body)))


# The extraction budget (budget.py): hostile shapes in small versions, with the caps lowered
# to match, so that each shape crosses them; bench/hostile_pages.py runs them at full size.
SMALL_CAPS = {"MAX_MARKUP_CHARS": 60_000, "MAX_ELEMENTS": 400, "MAX_TEXT_CHARS": 8_000}
FILLER = (
    "<p>Городской совет утвердил план ремонта набережной: работы начнутся весной {n} года и продлятся "
    "до осени, а движение по соседним улицам ограничат только по ночам.</p>"
)


@pytest.fixture
def small_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    from steppe.extract import budget

    for name, value in SMALL_CAPS.items():
        monkeypatch.setattr(budget, name, value)


def _article(body: str) -> bytes:
    return f"<html><body><article><h1>Ремонт набережной</h1>{body}</article></body></html>".encode()


def _story_text(result: Extraction) -> str:
    assert result.rejected is None, result.rejected
    assert len(result.stories) == 1
    return result.stories[0].text


@pytest.mark.usefixtures("small_budget")
def test_a_headline_over_a_sea_of_empty_paragraphs_is_rejected_saying_it_was_cut() -> None:
    result = extract(_page(_article("<p></p>" * 20_000)))
    assert result.rejected is not None and "extraction budget" in result.rejected


@pytest.mark.usefixtures("small_budget")
def test_an_article_followed_by_empty_blocks_keeps_its_text() -> None:
    paragraphs = "".join(FILLER.format(n=2000 + n) for n in range(4))
    page = (
        f"<html><body><article><h1>Ремонт</h1>{paragraphs}</article>{'<div><span></span></div>' * 5000}</body></html>"
    )
    text = _story_text(extract(_page(page.encode())))
    assert "2000 года" in text and "2003 года" in text


@pytest.mark.usefixtures("small_budget")
def test_a_page_of_ordinary_paragraphs_past_the_budget_keeps_its_head() -> None:
    text = _story_text(extract(_page(_article("".join(FILLER.format(n=n) for n in range(1000, 3000))))))
    assert "весной 1000 года" in text
    assert "весной 1100 года" not in text  # 100 paragraphs of 160 characters are past the 8,000 of text


@pytest.mark.usefixtures("small_budget")
def test_one_huge_word_is_cut_to_the_text_budget() -> None:
    text = _story_text(extract(_page(_article("<p>" + "ж" * 200_000 + "</p>"))))
    assert 0 < len(text) <= SMALL_CAPS["MAX_TEXT_CHARS"]


@pytest.mark.usefixtures("small_budget")
def test_deep_nesting_past_the_budget_is_extracted_or_rejected_with_a_reason() -> None:
    result = extract(_page(("<html><body>" + "<div>" * 30_000 + FILLER.format(n=1) + "</body></html>").encode()))
    _sound(result)
    if result.rejected:
        assert "extraction budget" in result.rejected


@pytest.mark.usefixtures("small_budget")
def test_thousands_of_links_are_extracted_or_rejected_with_a_reason() -> None:
    items = "".join(f'<li><a href="/news/{n}">Новость номер {n} о ремонте набережной</a></li>' for n in range(5000))
    result = extract(_page(f"<html><body><h1>Все новости</h1><ul>{items}</ul></body></html>".encode()))
    _sound(result)
    assert result.stories or result.links or result.rejected


def test_ordinary_pages_pass_the_budget_untouched() -> None:
    from steppe.extract.budget import bound_markup

    page = _article("".join(FILLER.format(n=n) for n in range(50))).decode()
    assert bound_markup(page) == (page, bound_markup(page)[1]) and not bound_markup(page)[1]


@pytest.mark.usefixtures("small_budget")
def test_cutting_markup_to_the_budget_drops_scripts_first_and_keeps_json_ld() -> None:
    from steppe.extract.budget import bound_markup

    script = "<script>var x = '" + "z" * 70_000 + "';</script>"
    ld = '<script type="application/ld+json">{"datePublished": "2025-03-02"}</script>'
    page = f"<html><head>{ld}{script}</head><body>{FILLER.format(n=7)}</body></html>"
    markup, bounds = bound_markup(page)
    assert not bounds
    assert "datePublished" in markup and "zzzz" not in markup and "весной 7 года" in markup
