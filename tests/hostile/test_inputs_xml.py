"""Hostile XML (issue 17, item 6): entity declarations are refused by the parser, not by a byte search.

The old checks looked for ``<!ENTITY`` in the first bytes: a UTF-16 document, or one whose DTD
comes after a long comment, walked past them (a 1.6 KB OPML file stored a 1,000,000-character
name). Every XML input now goes through a parser that refuses a DTD wherever and however it is
written: OPML, news sitemaps and the banks' payloads.
"""

from __future__ import annotations

import pytest

from steppe.errors import FeedError, OPMLError, RatesPayloadError
from steppe.rates.banks import parse
from steppe.sources.opml import parse_opml
from steppe.sources.sitemaps import parse_sitemap

LAUGHS = '<!ENTITY a "aaaaaaaaaa">' + "".join(
    f'<!ENTITY {name} "{("&" + previous + ";") * 10}">' for previous, name in zip("abcde", "bcdef", strict=True)
)  # &f; is a million characters
LONG_COMMENT = "<!--" + " filler" * 12_000 + " -->"  # 84 KB: past any fixed-size head


def disguised(document: str) -> dict[str, bytes]:
    """The same document in the shapes that walked past the byte checks."""
    return {
        "utf-16": ('<?xml version="1.0" encoding="UTF-16"?>' + document).encode("utf-16"),
        "long comment": (LONG_COMMENT + document).encode("utf-8"),
        "plain": document.encode("utf-8"),
    }


OPML = (
    f"<!DOCTYPE opml [{LAUGHS}]><opml version='2.0'><head><title>t</title></head><body>"
    "<outline text='&f;' xmlUrl='https://feeds.example/rss'/></body></opml>"
)
SITEMAP = (
    f"<!DOCTYPE urlset [{LAUGHS}]><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
    "<url><loc>https://news.example/&f;</loc></url></urlset>"
)
NBK = (  # one small entity: under libxml2's amplification limit, so only the DTD rule can refuse it
    "<!DOCTYPE rates [<!ENTITY usd 'USD'>]><rates><date>02.12.2026</date><item><fullname>US dollar</fullname>"
    "<title>&usd;</title><description>512.34</description><quant>1</quant><index>UP</index><change>+1.2</change>"
    "</item></rates>"
)


@pytest.mark.parametrize("shape", ["utf-16", "long comment", "plain"])
def test_opml_with_an_entity_declaration_is_refused_in_any_shape(shape):
    with pytest.raises(OPMLError, match="DTD"):
        parse_opml(disguised(OPML)[shape])


@pytest.mark.parametrize("shape", ["utf-16", "long comment", "plain"])
def test_a_news_sitemap_with_an_entity_declaration_is_refused_in_any_shape(shape):
    with pytest.raises(FeedError, match="DTD"):
        parse_sitemap(disguised(SITEMAP)[shape])


@pytest.mark.parametrize("shape", ["utf-16", "long comment", "plain"])
def test_a_bank_payload_with_a_dtd_is_refused_in_any_shape(shape):
    with pytest.raises(RatesPayloadError, match="DTD"):
        parse("NBK", disguised(NBK)[shape])


@pytest.mark.parametrize("shape", ["utf-16", "long comment"])
def test_a_bank_payload_with_an_entity_bomb_is_refused(shape):
    bomb = NBK.replace("<!ENTITY usd 'USD'>", LAUGHS).replace("&usd;", "&f;")
    with pytest.raises(RatesPayloadError):
        parse("NBK", disguised(bomb)[shape])


def test_a_bank_payload_naming_an_external_dtd_is_refused():
    body = b'<!DOCTYPE rates SYSTEM "http://127.0.0.1:9/rates.dtd"><rates><date>02.12.2026</date></rates>'
    with pytest.raises(RatesPayloadError, match="DTD"):
        parse("NBK", body)


def test_ordinary_opml_in_utf_16_is_still_read():
    document = "<opml version='2.0'><body><outline text='Kabar' xmlUrl='https://kabar.example/rss'/></body></opml>"
    [source] = parse_opml(('<?xml version="1.0" encoding="UTF-16"?>' + document).encode("utf-16"))
    assert (source.name, source.url) == ("Kabar", "https://kabar.example/rss")
