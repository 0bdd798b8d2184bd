"""No input makes extract raise: arbitrary bytes, huge pages, deep nesting, odd encodings."""

from __future__ import annotations

from datetime import datetime, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steppe.extract import extract, learn_template
from steppe.models import Extraction, Page

FETCHED = datetime(2025, 12, 15, 8, 0, tzinfo=timezone.utc)


def _page(body: bytes, content_type: str = "text/html") -> Page:
    return Page(url="https://example.kz/x", site="example.kz", body=body, fetched_at=FETCHED, content_type=content_type)


def _sound(result: Extraction) -> None:
    assert isinstance(result, Extraction)
    assert (result.rejected is None) == bool(result.stories)
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
@given(st.lists(st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<article>", "<h2>", "</h2>", "USD 478,77",
                                 "14 декабря 2025", "Headline Of A Story Here", "Some running text of the story, it goes on.",
                                 "<table><tr><td>", "</td></tr></table>", "<!--", "-->", "<script>", "\x00", "\ufeff"]),
                max_size=200))
def test_arbitrary_markup_never_raises(parts: list[str]) -> None:
    _sound(extract(_page("".join(parts).encode("utf-8"))))


def test_page_over_the_limit_is_rejected_without_reading_it() -> None:
    body = b"<html><body>" + b"<p>" + b"x" * (52 * 1024 * 1024) + b"</p></body></html>"
    result = extract(_page(body))
    assert result.rejected is not None and result.rejected.startswith("page is 52.0 MB, over the 20 MB limit")


def test_ten_thousand_deep_nesting_does_not_raise() -> None:
    body = ("<html><body>" + "<div>" * 10_000 + "<p>" + "deep text " * 40 + "</p>" + "</div>" * 10_000 + "</body></html>")
    _sound(extract(_page(body.encode())))


def test_deeply_nested_text_dump_in_html_still_reads() -> None:
    text = "Kazakhstan and Mongolia signed a satellite agreement in Astana on Sunday, officials said. " * 3
    body = "<html><body><p>" + text + "</p>" + "<span>" * 5000 + "x" + "</span>" * 5000 + "</body></html>"
    _sound(extract(_page(body.encode())))


def test_nul_bytes_inside_html_are_survived() -> None:
    body = b"<html><body><p>" + b"News text with a stray NUL \x00 byte in the middle of it, and more words after. " * 3 + b"</p></body></html>"
    _sound(extract(_page(body)))
