"""Decoding: bytes become text in the right encoding; what is not text is refused with a reason."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from steppe.extract import extract
from steppe.extract.encoding import declared_charset, decode, sniff_binary
from steppe.models import Page

RUSSIAN = (
    "Национальный банк Казахстана сохранил базовую ставку на уровне шестнадцати процентов. "
    "Аналитики ожидали такого решения и не исключают снижения ставки весной."
)
FETCHED = datetime(2025, 12, 15, tzinfo=UTC)


def _html(charset: str | None, text: str = RUSSIAN) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return f"<html><head>{meta}<title>Ставка</title></head><body><article><p>{text}</p><p>{text}</p></article></body></html>"


@pytest.mark.parametrize("encoding", ["windows-1251", "koi8-r", "utf-8"])
@pytest.mark.parametrize("declared", ["right", "missing", "wrong"])
def test_cyrillic_pages_decode_without_mojibake(encoding: str, declared: str) -> None:
    claim = {"right": encoding, "missing": None, "wrong": "koi8-r" if encoding != "koi8-r" else "windows-1251"}[
        declared
    ]
    body = _html(claim).encode(encoding)
    decoded = decode(body, "text/html")
    assert not isinstance(decoded, str)
    assert RUSSIAN in decoded.text


@pytest.mark.parametrize("encoding", ["windows-1251", "koi8-r"])
def test_plain_text_in_legacy_cyrillic_decodes(encoding: str) -> None:
    decoded = decode(((RUSSIAN + "\n") * 3).encode(encoding))
    assert not isinstance(decoded, str)
    assert RUSSIAN in decoded.text


def test_wrong_header_charset_is_overruled_by_valid_utf8() -> None:
    decoded = decode(RUSSIAN.encode("utf-8"), "text/plain; charset=windows-1251")
    assert not isinstance(decoded, str) and decoded.text == RUSSIAN


def test_declared_charset_comes_from_header_then_meta() -> None:
    assert declared_charset(b"<meta charset='koi8-r'>", "text/html; charset=cp1251") == "cp1251"
    assert (
        declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">', None)
        == "cp1251"
    )
    assert declared_charset(b"<p>nothing</p>", "text/html") is None


def test_stored_story_text_has_no_mojibake() -> None:
    page = Page(url="https://example.kz/a", site="example.kz", body=_html(None).encode("cp1251"), fetched_at=FETCHED)
    result = extract(page)
    assert result.rejected is None
    assert "Национальный банк" in result.stories[0].text


@pytest.mark.parametrize(
    ("body", "name"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image"),
        (b"%PDF-1.7\n" + b"\x00\x01" * 100, "PDF document"),
        (b"\x1f\x8b\x08\x00" + b"\x00" * 40, "gzip archive"),
        (b"PK\x03\x04" + b"\x00" * 40, "ZIP archive"),
        (bytes(range(256)) * 8, "unknown binary data"),
    ],
)
def test_binary_data_is_named(body: bytes, name: str) -> None:
    found = sniff_binary(body)
    assert found is not None and found.startswith(name)
    page = Page(url="file:///x", site="local", body=body, fetched_at=FETCHED)
    assert extract(page).rejected == f"binary data (looks like {found})"


@pytest.mark.parametrize("body", [b"", b"   \n\t  \n"])
def test_empty_input_is_rejected_as_empty(body: bytes) -> None:
    page = Page(url="file:///x", site="local", body=body, fetched_at=FETCHED)
    assert extract(page).rejected == "empty file"


def test_oversized_page_is_rejected_with_its_size() -> None:
    body = b"<p>" + b"a" * (3 * 1024 * 1024) + b"</p>"
    page = Page(url="file:///x", site="local", body=body, fetched_at=FETCHED)
    result = extract(page, max_bytes=2 * 1024 * 1024)
    assert result.rejected == "page is 3.0 MB, over the 2 MB limit"
    assert result.stories == ()


def test_utf16_with_bom_is_text() -> None:
    text = "Kazakhstan and Mongolia signed a satellite agreement in Astana on Sunday, officials said."
    body = ("\ufeff" + text).encode("utf-16-le")
    assert sniff_binary(body) is None
    decoded = decode(body)
    assert not isinstance(decoded, str) and text in decoded.text
