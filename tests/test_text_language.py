"""One language identifier: extract and enrich tag a story alike; foreign pages are not taken for the region's.

The sentences are written here (a regression floor); the measured figure is the agreement
on the extraction corpora's ground-truth texts, reported with the change that unified the two.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from steppe.enrich import enrich
from steppe.extract import extract
from steppe.models import Page, Story
from steppe.text.language import detect_language

TEXTS = {
    "kk": "Алматыда жаңа метро бекеті ашылды, оған жиырма миллион доллар жұмсалды деп хабарлады әкімдік.",
    "ky": "Бишкекте жаңы мектеп ачылды, ага эки жүз окуучу кабыл алынды жана мугалимдер даярдалды.",
    "tg": "Дар Хуҷанд корхонаи нави бофандагӣ ба кор шурӯъ кард ва сад нафар ҷои корӣ гирифтанд.",
    "uz": "Toshkent shahrida yangi metro bekati ochildi, unga yigirma million dollar sarflandi.",
    "tk": "Aşgabatda täze futbol stadiony açyldy we oňa müňlerçe janköýer geldi.",
    "ru": "В Караганде открылся новый завод по переработке угля, на нём будут работать триста человек.",
    "ko": "카자흐스탄과 몽골이 위성 협력 협정을 체결했다고 양국 정부가 일요일 밝혔다.",
    "ja": "カザフスタンとモンゴルは日曜日、衛星分野での協力協定に署名したと発表した。",
    "pt": "O governo do Cazaquistão assinou ontem um acordo com a Mongólia para lançar um satélite.",
    "id": "Pemerintah Kazakhstan dan Mongolia menandatangani perjanjian kerja sama satelit pada hari Minggu.",
}
FETCHED = datetime(2026, 11, 28, tzinfo=UTC)


@pytest.mark.parametrize("code", list(TEXTS))
def test_each_text_gets_its_own_language(code: str) -> None:
    assert detect_language(TEXTS[code]) == code


@pytest.mark.parametrize("code", ["kk", "ky", "tg", "ru"])
def test_extract_and_enrich_tag_a_story_alike(code: str) -> None:
    text = TEXTS[code]
    body = f"<html><head><title>{text[:30]}</title></head><body><article><h1>{text[:30]}</h1><p>{text}</p><p>{text}</p></article></body></html>"
    page = Page(url="https://dala.example/a", site="dala.example", body=body.encode(), fetched_at=FETCHED)
    extracted = extract(page).stories[0]
    untagged = Story(url=extracted.url, site=extracted.site, headline=extracted.headline, text=extracted.text)
    assert extracted.language == enrich(untagged).language == code
