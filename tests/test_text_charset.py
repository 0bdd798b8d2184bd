"""One charset rule: pages (extract) and feeds (fetch) decode the same bytes the same way.

The bodies are written here (a regression floor, not evidence of accuracy): Russian and
Kazakh news text in windows-1251, KOI8-R and UTF-8, with the charset declared rightly,
wrongly or not at all, in the HTTP header or in the document.
"""

from __future__ import annotations

import pytest

from steppe.extract.encoding import decode
from steppe.fetch.charset import feed_as_utf8
from steppe.text.charset import codec_name, decide, declared_charsets, readability

RUSSIAN = (
    "Правительство Кыргызстана утвердило план строительства трёх малых гидроэлектростанций "
    "на реке Чу. Первая станция должна дать ток к осени следующего года, сообщили в министерстве."
)
# Kazakh written with the letters windows-1251 can hold (the Russian alphabet and і), as the
# region's older sites wrote it (KOI8-R lacks і); UTF-8 gets the full alphabet below.
KAZAKH_LEGACY = (
    "Президент Астанада шетелдік инвесторлармен кездесті. Кездесуде зауыттар мен темір "
    "жолдар туралы келісім жасалды, деп хабарлады министрлік."
)
KAZAKH_FULL = (
    "Ұлттық банк базалық мөлшерлемені он алты пайыз деңгейінде қалдырды. Сарапшылар "
    "мұндай шешімді күткен және көктемде мөлшерлеменің төмендеуін жоққа шығармайды."
)
WRONG = {"cp1251": "koi8-r", "koi8_r": "windows-1251", "utf-8": "windows-1251"}


def _page(text: str, meta: str | None) -> str:
    head = f'<meta charset="{meta}">' if meta else ""
    return f"<html><head>{head}<title>Новости</title></head><body><article><p>{text}</p></article></body></html>"


def _feed(text: str, xml: str | None) -> str:
    declaration = f"<?xml version='1.0' encoding='{xml}'?>" if xml else "<?xml version='1.0'?>"
    return (
        f"{declaration}<rss version='2.0'><channel><title>Новости</title><item><title>{text[:40]}</title>"
        f"<link>https://dala.example/1</link><description>{text}</description></item></channel></rss>"
    )


def _cases() -> list[tuple[str, str, str, str]]:
    """(text, codec, where the charset is declared, what is declared)."""
    cases = []
    for codec in ("cp1251", "koi8_r", "utf-8"):
        texts = [RUSSIAN] + ([KAZAKH_LEGACY] if codec != "koi8_r" else []) + ([KAZAKH_FULL] if codec == "utf-8" else [])
        for text in texts:
            for where in ("header", "document", "nowhere"):
                for claim in ("right", "wrong"):
                    if where != "nowhere" or claim == "right":
                        cases.append((text, codec, where, claim))
    return cases


def _declared(codec: str, claim: str) -> str:
    return codec if claim == "right" else WRONG[codec]


def _case_id(case: tuple[str, str, str, str]) -> str:
    text, codec, where, claim = case
    language = "ru" if text == RUSSIAN else "kk"
    return f"{language}-{codec}-{where}-{claim}"


@pytest.mark.parametrize(("text", "codec", "where", "claim"), _cases(), ids=[_case_id(c) for c in _cases()])
def test_pages_and_feeds_decode_the_same_bytes_alike(text: str, codec: str, where: str, claim: str) -> None:
    declared = _declared(codec, claim)
    header = f"charset={declared}" if where == "header" else ""
    in_document = declared if where == "document" else None
    page = _page(text, in_document).encode(codec)
    feed = _feed(text, in_document).encode(codec)

    decoded_page = decode(page, f"text/html; {header}")
    assert not isinstance(decoded_page, str)
    assert text in decoded_page.text

    feed_text = feed_as_utf8(feed, f"application/rss+xml; {header}").decode("utf-8")
    assert text in feed_text
    page_as_feed = feed_as_utf8(page, f"text/html; {header}").decode("utf-8")
    assert page_as_feed == decoded_page.text  # the same bytes: the same codec on both paths


@pytest.mark.parametrize("codec", ["cp1251", "koi8_r"])
def test_a_wrong_declaration_loses_to_the_charset_that_reads(codec: str) -> None:
    body = _page(RUSSIAN, WRONG[codec]).encode(codec)
    decided = decide(body, "text/html")
    assert decided.how == "guessed" and decided.encoding == codec_name(codec)


def test_a_right_declaration_is_the_publishers_word() -> None:
    body = _page(RUSSIAN, "windows-1251").encode("cp1251")
    decided = decide(body, "text/html")
    assert (decided.how, decided.encoding) == ("declared", "cp1251")


def test_valid_utf8_wins_over_any_declaration() -> None:
    body = _page(KAZAKH_FULL, "koi8-r").encode("utf-8")
    decided = decide(body, "text/html; charset=windows-1251")
    assert (decided.how, decided.text) == ("utf-8", body.decode("utf-8"))


def test_declarations_are_read_header_first_then_xml_then_meta() -> None:
    body = b"<?xml version='1.0' encoding='koi8-r'?><html><meta charset='utf-16'></html>"
    assert declared_charsets(body, "text/xml; charset=windows-1251") == ["cp1251", "koi8-r", "utf-16"]
    assert declared_charsets(b"<p>nothing</p>", "text/html; charset=no-such-codec") == []


def test_mojibake_reads_worse_than_text() -> None:
    body = RUSSIAN.encode("cp1251")
    assert readability(body.decode("cp1251")) > readability(body.decode("koi8_r"))
    assert readability("Café au lait") > readability("Cafй au lait")  # mixed scripts: a wrong codec


def test_caseless_scripts_read_as_text() -> None:
    assert readability("哈萨克斯坦和蒙古签署了卫星合作协议") == 1.0
