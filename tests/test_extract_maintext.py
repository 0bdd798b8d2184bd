"""Main text: when trafilatura's fast pass can stand, precision for Cyrillic pages, boilerplate lines, markup as text."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from steppe.extract import extract, maintext
from steppe.extract.maintext import (
    can_stand,
    covers_paragraphs,
    is_cyrillic,
    reads_like_menu,
)
from steppe.extract.text import drop_boilerplate, markup_text
from steppe.models import Page

FETCHED = datetime(2025, 12, 15, 8, 0, tzinfo=UTC)
PARAGRAPHS = [  # each at least maintext.PARAGRAPH_CHARS long: running text
    (
        "Kazakhstan and Mongolia signed an agreement in Astana on Sunday to build and launch a joint communications "
        "satellite by 2028, the two governments said."
    ),
    (
        "The satellite will be assembled at a new plant outside Astana and launched from Baikonur, the two space agencies "
        "said in a joint statement."
    ),
    (
        "Officials said the project would cost about 120 million dollars and would give both countries television and "
        "internet coverage in remote areas."
    ),
    (
        "Engineers from Ulaanbaatar will train at the Astana assembly plant for two years before the launch, the Mongolian "
        "space agency added on Monday."
    ),
]
RUSSIAN = [
    (
        "Алматинский метрополитен в пятницу открыл для пассажиров три новые станции на западном участке первой линии, "
        "сообщили в акимате города."
    ),
    (
        "Новые станции продлили линию на четыре с половиной километра, и поездка от окраины до центра города теперь займёт "
        "около двадцати минут."
    ),
    (
        "В часы пик поезда будут ходить каждые шесть минут, в остальное время каждые десять, а стоимость проезда не "
        "изменится и останется прежней."
    ),
]


def _page(body: str, url: str = "https://steppe-news.kz/news/1") -> Page:
    return Page(url=url, site=url.split("/")[2], body=body.encode(), fetched_at=FETCHED)


def test_fast_text_holding_the_pages_paragraphs_can_stand() -> None:
    page_lines = ["Home", "News", "Sport", *PARAGRAPHS, "© 2025 Steppe News"]
    assert can_stand("\n".join(PARAGRAPHS), page_lines)


def test_fast_text_missing_most_paragraphs_asks_for_the_full_cascade() -> None:
    page_lines = [*PARAGRAPHS, *(p.replace("Astana", "Almaty") for p in PARAGRAPHS)]
    text = "\n".join(PARAGRAPHS[:2])
    assert not covers_paragraphs(text, page_lines)
    assert not can_stand(text, page_lines)


def test_a_text_longer_than_all_the_pages_paragraphs_misses_none_of_its_article() -> None:
    notice = (
        "This website uses cookies to improve your experience, to analyse traffic and to show you "
        "personalised content; by continuing you accept our privacy policy."
    )
    steps = [f"Step {n}: check the satellite dish, the cable and the receiver in turn" for n in range(1, 9)]
    assert covers_paragraphs("\n".join(steps), [notice, *steps])
    assert not covers_paragraphs("\n".join(steps[:1]), [notice, *steps])


def test_short_fast_text_asks_for_the_full_cascade() -> None:
    assert not can_stand(PARAGRAPHS[0], [PARAGRAPHS[0]])


def test_a_menu_dumped_as_text_is_not_trusted() -> None:
    menu = "\n".join(["Home", "News", "Politics", "Economy", "Sport", "Culture", "Weather", "Contacts"] * 12)
    assert reads_like_menu(menu + "\n" + PARAGRAPHS[0])
    assert not reads_like_menu("\n".join(PARAGRAPHS) + "\nShare\nPrint")


@pytest.fixture
def trafilatura_runs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[bool, bool]]:
    """(fast, precision) of every trafilatura run extract makes, in order."""
    runs: list[tuple[bool, bool]] = []
    real = maintext._trafilatura_text

    def recording(tree, url, *, fast, precision):
        runs.append((fast, precision))
        return real(tree, url, fast=fast, precision=precision)

    monkeypatch.setattr(maintext, "_trafilatura_text", recording)
    return runs


def test_the_full_cascade_runs_only_when_the_fast_pass_is_in_doubt(trafilatura_runs) -> None:
    article = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    extract(
        _page(
            f"<html><body><nav><a>Home</a> <a>News</a></nav><article><h1>Satellite deal</h1>{article}</article></body></html>"
        )
    )
    assert [fast for fast, _ in trafilatura_runs] == [True]
    trafilatura_runs.clear()
    extract(_page("<html><body><div><p>Too short to trust on its own.</p></div></body></html>"))
    assert [fast for fast, _ in trafilatura_runs] == [True, False]


@pytest.mark.parametrize(
    ("lines", "cyrillic"),
    [
        (RUSSIAN, True),
        (PARAGRAPHS, False),
        (["Меню", "Главная", *PARAGRAPHS], False),
        (["Home", "News", *RUSSIAN, PARAGRAPHS[0]], True),
        (["Home", "News"], False),
    ],
)
def test_cyrillic_pages_are_told_by_their_running_text(lines: list[str], cyrillic: bool) -> None:
    assert is_cyrillic(lines) is cyrillic


def test_cyrillic_pages_use_trafilaturas_precision_mode(trafilatura_runs) -> None:
    extract(
        _page(
            "<html><body><article><h1>Метро</h1>"
            + "".join(f"<p>{p}</p>" for p in RUSSIAN * 2)
            + "</article></body></html>"
        )
    )
    extract(
        _page(
            "<html><body><article><h1>Satellite</h1>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
            + "</article></body></html>"
        )
    )
    modes = [precision for _, precision in trafilatura_runs]
    assert modes[0] is True and modes[-1] is False


@pytest.mark.parametrize(
    "line",
    [
        "Читайте также: В Бишкеке утвердили новые тарифы",
        "ЧИТАЙТЕ ТАКЖЕ — Дорогу Ош — Баткен закроют",
        "См. также: Курс тенге",
        "Нашли ошибку? Выделите текст и нажмите Ctrl+Enter",
        "Выделите её и нажмите Ctrl + Enter",
        "Подписывайтесь на наш Telegram-канал, чтобы первыми узнавать новости",
        "Свидетельство о регистрации СМИ № 12345-ИА выдано Министерством информации.",
        "Мы используем файлы cookie, чтобы сайт работал лучше.",
        "We use cookies to improve your experience.",
        "Read also: Kazakhstan signs a satellite deal",
    ],
)
def test_boilerplate_lines_are_dropped(line: str) -> None:
    assert drop_boilerplate([PARAGRAPHS[0], line]) == [PARAGRAPHS[0]]


@pytest.mark.parametrize(
    "line",
    [
        "Читайте также новости на казахском языке, которые редакция выпускает с прошлого года.",
        "Министр сказал, что нашли ошибку в расчётах тарифа, и пообещал её исправить к марту.",
        "Подписывайтесь на рассылку — такой совет дали в банке клиентам, которые ждут выплат.",
        "Also read the full statement, which the ministry published on Monday.",
    ],
)
def test_text_that_merely_resembles_boilerplate_is_kept(line: str) -> None:
    assert drop_boilerplate([line]) == [line]


def test_boilerplate_lines_never_reach_story_text() -> None:
    body = (
        "<html><body><article><h1>Метро</h1>"
        f"<p>{RUSSIAN[0]}</p><p><strong>Читайте также:</strong> <a href='/x'>Кабмин утвердил тарифы</a></p>"
        f"<p>{RUSSIAN[1]}</p><p>{RUSSIAN[2]}</p><p>Нашли ошибку? Выделите текст и нажмите Ctrl+Enter</p>"
        "</article></body></html>"
    )
    text = "\n".join(story.text for story in extract(_page(body)).stories)
    assert RUSSIAN[2] in text
    assert "Читайте также" not in text and "Ctrl+Enter" not in text


def test_markup_read_as_text_loses_scripts_and_tags_and_decodes_entities() -> None:
    markup = (
        "<html><head><title>t</title><script>var a = '<p>no</p>';</script></head><body><div>First &amp; "
        "foremost</div><p>Second<br>third</p><style>p { color: red }</style><p>Fourth</p></body></html>"
    )
    lines = [line.strip() for line in markup_text(markup).splitlines() if line.strip()]
    assert lines == ["First & foremost", "Second", "third", "Fourth"]


def test_an_unclosed_script_hides_the_rest_of_the_markup() -> None:
    assert markup_text("<p>Kept</p><script>if (a < b) { x = '<p>lost</p>'").strip() == "Kept"
