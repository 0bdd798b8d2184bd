"""The parsers' fast paths answer exactly as the general paths they shortcut.

Each test crafts the case that leaves the fast path (a namespaced or missing field,
a blank or CDATA text, an odd number, a second date) and checks the answer the
general path gives.
"""

from __future__ import annotations

import itertools
import json
import re
from datetime import date
from decimal import Decimal, InvalidOperation, localcontext

import pytest
from lxml import etree

from steppe.errors import RatesPayloadError, StaleRates
from steppe.rates.banks import cbt, cbu, nbk, nbt
from steppe.rates.banks.payload import (
    children_text,
    fields_text,
    is_code,
    parse_decimal,
    parse_xml,
)

PLAIN = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def nbk_payload(*items: str) -> bytes:
    body = "".join(f"<item>{item}</item>" for item in items)
    return f'<?xml version="1.0" encoding="utf-8"?><rates><date>01.04.2026</date>{body}</rates>'.encode()


def test_every_short_string_of_digits_dots_and_signs_is_read_as_the_plain_notation_reads_it():
    for size in range(1, 6):
        for chars in itertools.product("09.+-", repeat=size):
            text = "".join(chars)
            if PLAIN.fullmatch(text):
                value = parse_decimal(text, "a number")
                assert value.as_tuple() == Decimal(text).as_tuple(), text
            else:
                with pytest.raises(RatesPayloadError, match="bad number"):
                    parse_decimal(text, "a number")


@pytest.mark.parametrize("text", ["1.2.3", "+-1", "1-", "."])
def test_a_malformed_number_is_refused_even_when_the_caller_does_not_trap_invalid_operation(text):
    with localcontext() as context:
        context.traps[InvalidOperation] = False
        with pytest.raises(RatesPayloadError, match=re.escape(repr(text))):
            parse_decimal(text, "a number")


def test_a_number_keeps_its_written_decimals():
    assert str(parse_decimal("1.50", "a number")) == "1.50"
    assert str(parse_decimal("87,4500", "a number", comma=True)) == "87.4500"


@pytest.mark.parametrize(
    "children",
    [
        "<a>1</a><b>2</b><c>3</c>",
        "<a>1</a><a>9</a><b> 2 </b>",  # the first of two, stripped
        '<x:a xmlns:x="urn:x">1</x:a><b>2</b>',  # a only namespaced
        '<x:a xmlns:x="urn:x">9</x:a><a>1</a><b>2</b>',  # un-namespaced wins over an earlier namespaced
        "<a/><b></b>",  # empty texts
        "<b>2</b>",  # a missing
        "<!-- c --><a>1</a><?pi x?><b>2</b>",
        "<a>1<!-- c -->9</a><b><![CDATA[2]]></b>",
        "",
    ],
)
def test_fields_text_answers_as_children_text_for_the_names_asked(children):
    element = etree.fromstring(f"<item>{children}</item>")
    names = frozenset(("a", "b"))
    every = children_text(element)
    assert fields_text(element, names) == {name: every[name] for name in names if name in every}


@pytest.mark.parametrize("text", ["  <![CDATA[USD]]>  ", "\n  USD\n", "USD<!-- c -->", " \n<![CDATA[US]]>D "])
def test_blank_text_around_a_field_does_not_change_what_is_read(text):
    rows = nbk.parse_rows(nbk_payload(f"<title>{text}</title><description>478.77</description><quant>1</quant>"))
    assert [row[0] for row in rows] == ["USD"]


def test_text_after_a_comment_is_not_the_field_text():
    rows = nbk.parse_rows(
        nbk_payload(
            "<title> <!-- c -->USD</title><description>478.77</description><quant>1</quant>",
            "<title>EUR</title><description>500.10</description><quant>1</quant>",
        )
    )
    assert [row[0] for row in rows] == ["EUR"]


def test_nbk_item_with_a_namespaced_title_or_no_change_is_still_read():
    rows = nbk.parse_rows(
        nbk_payload(
            '<y:title xmlns:y="urn:y">EUR</y:title><description>500.10</description><quant>1</quant>'
            "<change>-1.5</change>",
            "<title>USD</title><description>478.77</description><quant>1</quant>",
        )
    )
    day = date(2026, 4, 1)
    assert rows == [
        ("EUR", "KZT", day, Decimal("500.10"), 1, Decimal("-1.5")),
        ("USD", "KZT", day, Decimal("478.77"), 1, None),
    ]
    assert str(rows[0][3]) == "500.10"


def test_nbk_item_without_a_description_is_refused_naming_the_currency():
    with pytest.raises(RatesPayloadError, match="bad number None for NBK RUB"):
        nbk.parse_rows(nbk_payload("<title>RUB</title><quant>1</quant>"))


def test_nbt_valute_without_a_nominal_is_refused_naming_the_currency():
    payload = b'<ValCurs Date="2026-04-01"><Valute><CharCode>USD</CharCode><Value>10,9</Value></Valute></ValCurs>'
    with pytest.raises(RatesPayloadError, match="bad nominal None for NBT USD"):
        nbt.parse_rows(payload)


def test_cbt_usd_cross_is_read_from_a_namespaced_rate_usd_and_skipped_without_one():
    payload = (
        '<cbt_currency_rate xmlns:z="urn:z"><date>01.04.2026</date>'
        '<rate code="EUR"><name>ÝEWRO / ABŞ DOLL.</name><z:rate_usd>1.08</z:rate_usd>'
        "<multiplier>1</multiplier><rate_tmt>3.78</rate_tmt></rate>"
        '<rate code="RUB"><multiplier>100</multiplier><rate_tmt>4.1</rate_tmt></rate>'
        "</cbt_currency_rate>"
    ).encode()
    day = date(2026, 4, 1)
    assert cbt.parse_rows(payload, usd_crosses=True) == [
        ("EUR", "TMT", day, Decimal("3.78"), 1, None),
        ("EUR", "USD", day, Decimal("1.08"), 1, None),
        ("RUB", "TMT", day, Decimal("4.1"), 100, None),
    ]
    assert cbt.parse_rows(payload) == [
        ("EUR", "TMT", day, Decimal("3.78"), 1, None),
        ("RUB", "TMT", day, Decimal("4.1"), 100, None),
    ]


def cbu_entry(code: str, day: str) -> dict:
    return {"Ccy": code, "Rate": "12194.21", "Nominal": "1", "Date": day, "Diff": "-1"}


def test_cbu_entries_keep_their_own_dates_within_one_payload():
    payload = json.dumps(
        [cbu_entry("USD", "01.04.2026"), cbu_entry("EUR", "02.04.2026"), cbu_entry("RUB", "01.04.2026")]
    ).encode()
    assert [row[2] for row in cbu.parse_rows(payload)] == [date(2026, 4, 1), date(2026, 4, 2), date(2026, 4, 1)]
    with pytest.raises(StaleRates, match="answered for 2026-04-02"):
        cbu.parse_rows(payload, asked=date(2026, 4, 1))


def test_cbu_bad_date_on_a_later_entry_is_refused_naming_it():
    payload = json.dumps([cbu_entry("USD", "01.04.2026"), cbu_entry("EUR", "31.02.2026")]).encode()
    with pytest.raises(RatesPayloadError, match="bad date '31.02.2026' for CBU EUR Date"):
        cbu.parse_rows(payload)


class Code(str):
    """A str subclass, as lxml's smart strings are."""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("USD", True),
        (Code("EUR"), True),
        ("usd", False),
        ("US", False),
        ("USDX", False),
        ("ÄÖÜ", False),
        ("U1D", False),
        (None, False),
        (["USD"], False),
        (840, False),
    ],
)
def test_is_code_answers_the_same_the_first_time_and_after(text, expected):
    assert is_code(text) is expected
    assert is_code(text) is expected


@pytest.mark.parametrize("declaration", [b"<!ENTITY", b"<!entity", b"<!EnTiTy"])
def test_entities_are_refused_in_any_case(declaration):
    body = b'<?xml version="1.0"?><!DOCTYPE r [' + declaration + b' x "y">]><r>&x;</r>'
    with pytest.raises(RatesPayloadError, match="declares a DTD|malformed XML"):  # no DTD, so no entity
        parse_xml(body, "NBK")


def test_a_comment_in_the_head_is_not_taken_for_an_entity():
    root = parse_xml(b"<!-- ENTITY --><r><a>1</a></r>", "NBK")
    assert root.findtext("a") == "1"
