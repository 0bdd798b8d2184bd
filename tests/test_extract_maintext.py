"""Main text: when trafilatura's fast pass can stand, precision for Cyrillic pages, boilerplate lines, markup as text."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from steppe.extract import extract, maintext
from steppe.extract.html import parse_html, read_page
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
def trafilatura_runs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """(pass, precision) of every trafilatura run extract makes, in order: pass is "first"
    (our stage one on a pre-cleaned copy), "fast" or "full" (trafilatura's own cascades)."""
    runs: list[tuple[str, bool]] = []
    real_text, real_first = maintext._trafilatura_text, maintext._first_pass

    def recording(tree, url, *, fast, precision):
        runs.append(("fast" if fast else "full", precision))
        return real_text(tree, url, fast=fast, precision=precision)

    def recording_first(tree, url, precision, page_chars):
        runs.append(("first", precision))
        return real_first(tree, url, precision, page_chars)

    monkeypatch.setattr(maintext, "_trafilatura_text", recording)
    monkeypatch.setattr(maintext, "_first_pass", recording_first)
    return runs


def test_the_full_cascade_runs_only_when_the_fast_pass_is_in_doubt(trafilatura_runs) -> None:
    article = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    extract(
        _page(
            f"<html><body><nav><a>Home</a> <a>News</a></nav><article><h1>Satellite deal</h1>{article}</article></body></html>"
        )
    )
    assert [name for name, _ in trafilatura_runs] == ["first"]
    trafilatura_runs.clear()
    extract(_page("<html><body><div><p>Too short to trust on its own.</p></div></body></html>"))
    assert [name for name, _ in trafilatura_runs] == ["first", "full"]


def test_a_text_small_beside_its_page_is_left_to_trafilaturas_recall_retry(trafilatura_runs) -> None:
    article = "".join(f"<p>{p}</p>" for p in PARAGRAPHS * 2)
    menus = "".join(f"<div class='teaser'><a href='/{i}'>{PARAGRAPHS[i % 3]}</a></div>" for i in range(20))
    extract(_page(f"<html><body><article><h1>Satellite deal</h1>{article}</article>{menus}</body></html>"))
    assert [name for name, _ in trafilatura_runs][:2] == ["first", "fast"]


def test_the_first_pass_gives_trafilaturas_own_fast_text() -> None:
    article = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    markup = (
        "<html><head><title>Deal</title><script>var x = 1;</script></head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/n'>News</a></li></ul></nav>"
        f"<div class='wrap'><button>Menu</button><article><h1>Satellite deal</h1>{article}"
        "<aside><p>Related: an older story about satellites and launch pads.</p></aside>tail words</article></div>"
        "<footer><p>Contacts and the editorial board of the paper.</p></footer></body></html>"
    )
    tree = parse_html(markup)
    lines = read_page(tree).lines
    text, final = maintext._first_pass(tree, "https://steppe-news.kz/news/1", False, sum(map(len, lines)))
    assert final
    assert text == maintext._trafilatura_text(tree, "https://steppe-news.kz/news/1", fast=True, precision=False)
    assert "Satellite" in text and "Contacts" not in text


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


# Side boxes (boxes.py): dropped from the tree before trafilatura reads it.
def _boxed(inside: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in RUSSIAN)
    return f"<html><body><article><h1>Метро</h1>{body}{inside}<p>{RUSSIAN[0]}</p></article></body></html>"


def _remaining_text(markup: str) -> str:
    from steppe.extract.boxes import drop_side_boxes
    from steppe.extract.html import parse_html, text_lines

    tree = parse_html(markup)
    drop_side_boxes(tree, sum(map(len, text_lines(tree))))
    return " ".join(tree.xpath("string(//body)").split())


@pytest.mark.parametrize(
    "box",
    [
        '<div class="news-detail__also"><a href="/a">Трамваи вернутся на проспект Абая</a></div>',
        '<div class="b-incut">Строительство депо завершат к зиме, сообщили в акимате города</div>',
        '<div class="photo-caption">Станция «Сарыарка» в день открытия</div>',
        '<div class="adv-block">Кредит на любые цели без залога и поручителей</div>',
        '<div id="subscribe">Подписывайтесь на наш канал в Telegram</div>',
        '<p><strong>Читайте также:</strong> <a href="/b">Трамваи вернутся на проспект Абая</a></p>',
        '<h3>По теме</h3><ul><li><a href="/c">Трамваи вернутся на проспект Абая</a></li></ul>',
        '<table><tr><td><a href="/">Главная</a></td><td><a href="/n">Новости</a></td></tr></table>',
    ],
)
def test_side_boxes_inside_an_article_are_dropped(box: str) -> None:
    from lxml.html import fromstring

    text = _remaining_text(_boxed(box))
    assert " ".join(fromstring(box).text_content().split()) not in text
    assert all(" ".join(p.split()) in text for p in RUSSIAN)


@pytest.mark.parametrize(
    "kept",
    [
        f'<div class="entry-content">{"".join(f"<p>{p}</p>" for p in RUSSIAN)}</div>',  # a box word in no class
        f'<div class="post-related-content"><h1>Метро</h1><p>{RUSSIAN[1]}</p></div>',  # holds an <h1>
        "<p>По теме транспорта акимат отчитается в июне: на западном участке откроют ещё две станции.</p>",
    ],
)
def test_article_text_that_looks_like_a_box_is_kept(kept: str) -> None:
    from lxml.html import fromstring

    text = _remaining_text(_boxed(kept))
    assert " ".join(fromstring(kept).text_content().split()) in text


def test_a_box_holding_most_of_the_page_is_never_dropped() -> None:
    body = "".join(f"<p>{p}</p>" for p in RUSSIAN)
    text = _remaining_text(f'<html><body><div class="related-wrapper">{body}</div></body></html>')
    assert all(" ".join(p.split()) in text for p in RUSSIAN)
