"""Build the Russian news extraction set from stories.py: run `python generate.py` in this folder.

Writes pages/*.html and labels.json (file, url, site, template, headline, and text: the
true main text). Each
story is dressed in one of eight site templates modelled on the shapes of Central Asian
Russian-language news sites (the sites and all text are invented): mega-menus, rates
tickers, "Читайте также" boxes and paragraphs inside the article, "Популярное" and news
feeds with teaser text, comment threads, tag clouds, share buttons, cookie banners,
polls, promos, old table layouts in windows-1251. The true main text is the lead, the
body paragraphs, subheadings and quotations; the headline, bylines, captions and
everything around the article are not. Deterministic: no randomness.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from pathlib import Path

from stories import STORIES

HERE = Path(__file__).parent
MONTHS = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]

MENU: dict[str, list[str]] = {
    "Новости": ["Политика", "Экономика", "Общество", "Происшествия", "Регионы", "В мире"],
    "Бизнес": ["Финансы", "Банки", "Недвижимость", "Энергетика", "Агро", "Малый бизнес"],
    "Город": ["Транспорт", "ЖКХ", "Экология", "Образование", "Здоровье", "Афиша"],
    "Спорт": ["Футбол", "Борьба", "Бокс", "Хоккей", "Кокпар", "Другие виды"],
    "Мультимедиа": ["Фото", "Видео", "Подкасты", "Инфографика", "Спецпроекты"],
    "Сервисы": ["Курсы валют", "Погода", "Афиша кино", "Расписание поездов", "Гороскоп"],
}
MENU_BLURBS: dict[str, str] = {
    "Новости": "Главные события страны и региона круглосуточно: оперативно, проверенно, без лишнего шума.",
    "Бизнес": "Деньги, компании и рынки: аналитика, интервью с предпринимателями и разборы законов.",
    "Город": "Всё о жизни города: транспорт, коммунальные службы, стройки и городские инициативы.",
}
COMMENTS: list[tuple[str, str]] = [
    ("Айбек_89", "Опять обещания. Посмотрим, что будет через год, когда все забудут про эту новость."),
    ("Гульнара", "Наконец-то! Давно пора было этим заняться, у нас в районе люди годами ждут перемен."),
    ("нурлан кз", "А кто будет платить за всё это? Как всегда, простые люди из своего кармана."),
    ("Сардор", "Хорошая новость, спасибо журналистам, что следите за этой темой и пишете подробно."),
    ("Читатель", "Интересно, сколько из этих денег реально дойдёт до дела, а сколько осядет по дороге."),
    ("Мадина А.", "У моих родственников та же проблема, никто не отвечает на звонки и письма уже месяц."),
    ("Бекзод", "Было бы неплохо опубликовать цифры за прошлые годы, чтобы можно было сравнить."),
    ("Асель", "Звучит красиво, но на местах всё по-старому. Приезжайте к нам и посмотрите сами."),
]
TAG_CLOUD = [
    "Казахстан",
    "Кыргызстан",
    "Узбекистан",
    "Таджикистан",
    "Туркменистан",
    "экономика",
    "курс доллара",
    "инфляция",
    "ЖКХ",
    "транспорт",
    "образование",
    "медицина",
    "погода",
    "происшествия",
    "спорт",
    "культура",
    "туризм",
    "энергетика",
    "сельское хозяйство",
    "экология",
    "IT",
    "банки",
    "нефть",
    "газ",
    "выборы",
]
COOKIE = (
    "Мы используем файлы cookie, чтобы сайт работал лучше. Продолжая просмотр, вы соглашаетесь "
    "с политикой конфиденциальности и обработкой персональных данных."
)
LEGAL = (
    "Свидетельство о регистрации СМИ № 12345-ИА выдано Министерством информации. При полном или частичном "
    "использовании материалов ссылка на сайт обязательна. Мнение авторов может не совпадать с позицией "
    "редакции. 18+"
)
SHARE = ["ВКонтакте", "Telegram", "WhatsApp", "Facebook", "Одноклассники"]


def paragraphs(story: dict) -> list[tuple[str, str]]:
    """(kind, text) of the story's body: kind is 'p', 'h' (subheading) or 'q' (quotation)."""
    out = []
    for text in story["body"]:
        if text.startswith("## "):
            out.append(("h", text[3:]))
        elif text.startswith("> "):
            out.append(("q", text[2:]))
        else:
            out.append(("p", text))
    return out


def truth(story: dict) -> str:
    """The true main text: the lead, then every body paragraph, subheading and quotation."""
    return "\n".join([story["lead"], *(text for _kind, text in paragraphs(story))])


def when(index: int) -> tuple[str, str]:
    """A date line and an ISO date for the index-th story."""
    day, month, hour = 1 + (index * 7) % 28, 1 + (index * 5) % 11, 8 + index % 12
    return (
        f"{day} {MONTHS[month - 1]} 2025, {hour:02d}:{(index * 13) % 60:02d}",
        f"2025-{month:02d}-{day:02d}T{hour:02d}:00:00+05:00",
    )


def others(index: int, count: int) -> list[dict]:
    """Other stories of the set, as a site's teasers for the index-th page."""
    return [STORIES[(index + step) % len(STORIES)] for step in range(1, count + 1)]


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def body_html(story: dict, wrap: str = "p", after: dict[int, str] | None = None) -> str:
    """The story's body as <p>/<h2>/<blockquote>, with extra blocks after given paragraphs."""
    parts = []
    for i, (kind, text) in enumerate(paragraphs(story)):
        if kind == "h":
            parts.append(f"<h2>{esc(text)}</h2>")
        elif kind == "q":
            parts.append(f"<blockquote><p>{esc(text)}</p></blockquote>")
        else:
            parts.append(f"<{wrap}>{esc(text)}</{wrap}>" if wrap == "p" else f'<div class="{wrap}">{esc(text)}</div>')
        if after and i in after:
            parts.append(after[i])
    return "\n".join(parts)


def mega_menu() -> str:
    sections = []
    for name, items in MENU.items():
        links = "".join(f'<li><a href="/{i}">{esc(i)}</a></li>' for i in items)
        blurb = f'<p class="menu-blurb">{esc(MENU_BLURBS[name])}</p>' if name in MENU_BLURBS else ""
        sections.append(
            f'<li class="menu-item"><a href="/{name}">{esc(name)}</a><div class="dropdown">{blurb}<ul>{links}</ul></div></li>'
        )
    return f'<nav class="mega-menu"><ul>{"".join(sections)}</ul></nav>'


def teaser_list(stories: list[dict], title: str, lead: bool, css: str) -> str:
    items = []
    for index, story in enumerate(stories):
        date, _ = when(index + 3)
        text = f"<p>{esc(story['lead'])}</p>" if lead else ""
        items.append(
            f'<div class="{css}-item"><span class="date">{date}</span>'
            f'<h3><a href="/news/{story["slug"]}">{esc(story["headline"])}</a></h3>{text}</div>'
        )
    return f'<div class="{css}"><div class="block-title">{esc(title)}</div>{"".join(items)}</div>'


def comments(index: int, count: int) -> str:
    picked = [COMMENTS[(index + k) % len(COMMENTS)] for k in range(count)]
    items = "".join(
        f'<div class="comment"><div class="comment-author">{esc(name)}</div><div class="comment-date">{3 + k} часа назад</div>'
        f'<div class="comment-text">{esc(text)}</div><a class="reply">Ответить</a></div>'
        for k, (name, text) in enumerate(picked)
    )
    return (
        f'<section class="comments" id="comments"><h3>Комментарии ({count})</h3>{items}'
        f'<form class="comment-form"><textarea placeholder="Ваш комментарий"></textarea><button>Отправить</button></form></section>'
    )


def tags_line(story: dict) -> str:
    return '<div class="tags">Теги: ' + ", ".join(f'<a href="/tag/{t}">{esc(t)}</a>' for t in story["tags"]) + "</div>"


def share() -> str:
    return (
        '<div class="share"><span>Поделиться:</span>'
        + "".join(f'<a class="share-btn">{s}</a>' for s in SHARE)
        + "</div>"
    )


def head(story: dict, site: str, iso: str, charset: str = "utf-8") -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="ru"><head><meta charset="{charset}">'
        f"<title>{esc(story['headline'])} — {site}</title>"
        f'<meta property="og:title" content="{html.escape(story["headline"])}">'
        f'<meta property="article:published_time" content="{iso}">'
        f'<link rel="canonical" href="https://{site}/news/{story["slug"]}"></head>'
    )


# --- the eight site templates ----------------------------------------------------------------


def vestnik(story: dict, index: int, site: str) -> str:
    """Mega-menu, rates bar, "Читайте также" boxes inside the text, tags, share, "Популярное" aside, cookie banner."""
    date, iso = when(index)
    also = others(index, 2)
    boxes = {
        1: f'<div class="read-also"><span>Читайте также:</span> <a href="/news/{also[0]["slug"]}">{esc(also[0]["headline"])}</a></div>',
        3: f'<div class="read-also"><span>Читайте также:</span> <a href="/news/{also[1]["slug"]}">{esc(also[1]["headline"])}</a></div>',
    }
    return (
        head(story, site, iso)
        + "<body><header>"
        + mega_menu()
        + '<div class="rates-bar"><span>USD 478,77 ▼</span> <span>EUR 520,11 ▲</span> <span>RUB 5,12 ▼</span></div></header>'
        + '<div class="breadcrumbs"><a href="/">Главная</a> / <a href="/news">Новости</a> / '
        + esc(story["rubric"])
        + "</div>"
        + f'<div class="article"><h1>{esc(story["headline"])}</h1><div class="meta">{date} · Автор: Данияр Ахметов</div>'
        + f'<p class="lead"><b>{esc(story["lead"])}</b></p>'
        + body_html(story, after=boxes)
        + tags_line(story)
        + share()
        + "</div>"
        + "<aside>"
        + teaser_list(others(index + 2, 5), "Популярное", True, "popular")
        + "</aside>"
        + f"<footer><p>© 2025 {site}. Все права защищены.</p><p>{LEGAL}</p></footer>"
        + f'<div class="cookie-banner"><p>{COOKIE}</p><button>Принять</button></div></body></html>'
    )


def lenta(story: dict, index: int, site: str) -> str:
    """A news feed column, text in one div split by <br><br>, a comment thread."""
    date, iso = when(index)
    feed = "".join(
        f'<li><span class="time">{9 + k % 10}:{(k * 7) % 60:02d}</span> <a href="/news/{s["slug"]}">{esc(s["headline"])}</a></li>'
        for k, s in enumerate(others(index, 15))
    )
    chunks = []
    for kind, text in paragraphs(story):
        chunks.append(f"<b>{esc(text)}</b>" if kind == "h" else esc(text))
    return (
        head(story, site, iso) + '<body><div id="top"><a href="/">Главная</a> | <a href="/kg">Кыргызстан</a> | '
        '<a href="/world">Мир</a> | <a href="/sport">Спорт</a> | <a href="/rss">RSS</a></div>'
        + f'<div id="left"><h4>Лента новостей</h4><ul class="feed">{feed}</ul></div>'
        + f'<div id="content"><h1>{esc(story["headline"])}</h1><div class="date">{date}</div>'
        + f'<div class="text">{esc(story["lead"])}<br><br>'
        + "<br><br>".join(chunks)
        + "</div>"
        + comments(index, 5)
        + "</div>"
        + f'<div id="footer">{site} — информационное агентство. {LEGAL}</div></body></html>'
    )


def gazeta(story: dict, index: int, site: str) -> str:
    """<article> with a figure, a Telegram promo inside the body, related cards inside the article, a tag cloud."""
    date, iso = when(index)
    promo = {
        2: '<p class="promo">Подписывайтесь на наш Telegram-канал, чтобы первыми узнавать главные новости Узбекистана.</p>'
    }
    related = "".join(
        f'<div class="card"><a href="/news/{s["slug"]}"><h3>{esc(s["headline"])}</h3></a><p>{esc(s["lead"])}</p></div>'
        for s in others(index, 4)
    )
    cloud = " ".join(f'<a class="tag" href="/tag/{t}">{esc(t)}</a>' for t in TAG_CLOUD)
    return (
        head(story, site, iso)
        + '<body><header><a class="logo" href="/">'
        + site
        + "</a>"
        + mega_menu()
        + "</header>"
        + f'<main><article><header><span class="rubric">{esc(story["rubric"])}</span><h1>{esc(story["headline"])}</h1>'
        + f'<time datetime="{iso}">{date}</time></header>'
        + '<figure><img src="/img/1.jpg" alt=""><figcaption>Фото: пресс-служба хокимията</figcaption></figure>'
        + f'<div class="article-body"><p class="lead">{esc(story["lead"])}</p>'
        + body_html(story, after=promo)
        + "</div>"
        + '<section class="related"><h2>Материалы по теме</h2>'
        + related
        + "</section></article>"
        + f'<aside class="sidebar"><div class="tag-cloud"><h3>Популярные теги</h3>{cloud}</div></aside></main>'
        + f"<footer><p>© {site}, 2025</p></footer></body></html>"
    )


def khabar(story: dict, index: int, site: str) -> str:
    """An old table layout in windows-1251 with a rates table and "Другие новости рубрики"."""
    date, iso = when(index)
    rates = (
        '<table class="rates"><tr><th colspan="2">Курсы валют НБТ</th></tr><tr><td>USD</td><td>10,9512</td></tr>'
        "<tr><td>EUR</td><td>11,8034</td></tr><tr><td>RUB</td><td>0,1203</td></tr></table>"
    )
    menu = "".join(
        f'<tr><td><a href="/{n}">{esc(n)}</a></td></tr>' for n in ["Главная", *MENU["Новости"], *MENU["Город"]]
    )
    more = "".join(
        f'<p class="more"><span>{when(k + 5)[0]}</span> <a href="/news/{s["slug"]}">{esc(s["headline"])}</a><br>{esc(s["lead"])}</p>'
        for k, s in enumerate(others(index + 4, 4))
    )
    return (
        head(story, site, iso, "windows-1251")
        + '<body><table width="100%"><tr><td colspan="3" class="top">'
        + f'<img src="/logo.gif" alt="{site}"> Новости Таджикистана</td></tr><tr>'
        + f'<td width="180" valign="top"><table>{menu}</table>{rates}</td>'
        + f'<td valign="top" class="news-body"><h1>{esc(story["headline"])}</h1><p class="date">{date}</p>'
        + f"<p><strong>{esc(story['lead'])}</strong></p>"
        + body_html(story)
        + f'<p class="author">Автор: Зарина Саидова</p><div class="rubric-news"><h3>Другие новости рубрики</h3>{more}</div></td>'
        + f'<td width="200" valign="top">{teaser_list(others(index + 9, 4), "Самое читаемое", False, "top-read")}</td>'
        + f'</tr><tr><td colspan="3" class="footer">{LEGAL}</td></tr></table></body></html>'
    )


def portal(story: dict, index: int, site: str) -> str:
    """Div soup with hashed classes, a "Главное" carousel with leads, a source line, the Ctrl+Enter note."""
    date, iso = when(index)
    carousel = "".join(
        f'<div class="css-9f2a1"><a href="/news/{s["slug"]}"><div class="css-3kq">{esc(s["headline"])}</div></a>'
        f'<div class="css-77x">{esc(s["lead"])}</div></div>'
        for s in others(index + 1, 4)
    )
    body = "".join(f'<div class="css-k2j3">{esc(t)}</div>' for _kind, t in paragraphs(story))
    return (
        head(story, site, iso)
        + '<body><div class="css-hdr"><div class="css-logo">'
        + site
        + "</div>"
        + "".join(f'<a class="css-nav">{esc(n)}</a>' for n in MENU)
        + "</div>"
        + f'<div class="css-main-list"><div class="css-ttl">Главное</div>{carousel}</div>'
        + f'<div class="css-wrap"><div class="css-h1"><h1>{esc(story["headline"])}</h1></div><div class="css-dt">{date}</div>'
        + f'<div class="css-k2j3"><b>{esc(story["lead"])}</b></div>{body}'
        + '<div class="css-src">Источник: Государственное информационное агентство</div>'
        + '<div class="css-err">Нашли ошибку? Выделите текст и нажмите Ctrl+Enter</div>'
        + share()
        + "</div>"
        + f'<div class="css-ftr"><div>{LEGAL}</div><div>Политика конфиденциальности · Реклама на сайте · Контакты</div></div>'
        + "</body></html>"
    )


def buro(story: dict, index: int, site: str) -> str:
    """articleBody with "Читайте также:" paragraphs, a poll, a long comment thread, a cookie banner."""
    date, iso = when(index)
    also = others(index + 3, 2)
    inline = {
        0: f'<p><strong>Читайте также:</strong> <a href="/news/{also[0]["slug"]}">{esc(also[0]["headline"])}</a></p>',
        2: f'<p><strong>Читайте также:</strong> <a href="/news/{also[1]["slug"]}">{esc(also[1]["headline"])}</a></p>',
    }
    poll = (
        '<div class="poll"><h3>Опрос</h3><p>Как вы оцениваете работу коммунальных служб в вашем городе?</p>'
        '<label><input type="radio"> Хорошо</label><label><input type="radio"> Удовлетворительно</label>'
        '<label><input type="radio"> Плохо</label><button>Голосовать</button></div>'
    )
    return (
        head(story, site, iso)
        + "<body><header>"
        + mega_menu()
        + "</header>"
        + f'<main><article itemscope><h1 itemprop="headline">{esc(story["headline"])}</h1>'
        + f'<div class="byline">Алия Бекова · <time>{date}</time> · 4 мин. чтения</div>'
        + f'<div itemprop="articleBody"><p><b>{esc(story["lead"])}</b></p>'
        + body_html(story, after=inline)
        + "</div>"
        + tags_line(story)
        + share()
        + "</article>"
        + poll
        + comments(index + 2, 6)
        + "</main>"
        + f'<footer><p>{LEGAL}</p></footer><div id="cookie"><p>{COOKIE}</p><a href="/privacy">Подробнее</a>'
        + "<button>Хорошо</button></div></body></html>"
    )


def kg24(story: dict, index: int, site: str) -> str:
    """Weather and rates in the header, "Самое читаемое" with leads inside the article's block, share counters."""
    date, iso = when(index)
    counters = (
        '<div class="share">'
        + "".join(f'<a class="btn">{s} <span>{3 + k * 4}</span></a>' for k, s in enumerate(SHARE))
        + "</div>"
    )
    cloud = '<div class="tags-cloud">' + " ".join(f'<a href="/tag/{t}">{esc(t)}</a>' for t in TAG_CLOUD[:14]) + "</div>"
    return (
        head(story, site, iso)
        + '<body><div class="header"><span class="weather">Погода в Бишкеке: +5°C</span>'
        + '<span class="rates">USD 87,45 EUR 95,10 RUB 1,08 KZT 0,18</span></div>'
        + mega_menu()
        + f'<div class="content"><div class="news-block"><h1>{esc(story["headline"])}</h1><div class="info">{date} · Просмотров: 1 2{index}4</div>'
        + f'<div class="cont"><p>{esc(story["lead"])}</p>'
        + body_html(story)
        + "</div>"
        + counters
        + teaser_list(others(index + 5, 6), "Самое читаемое", True, "most-read")
        + "</div>"
        + cloud
        + "</div>"
        + f'<div class="footer">© 2025 {site}. {LEGAL}</div></body></html>'
    )


def zamon(story: dict, index: int, site: str) -> str:
    """A 30-item "Последние новости" feed, an advert inside the text, an author card, a mega footer."""
    date, iso = when(index)
    feed = "".join(
        f'<div class="feed-item"><span>{(k * 11) % 24:02d}:{(k * 17) % 60:02d}</span> '
        f'<a href="/news/{s["slug"]}">{esc(s["headline"])}</a></div>'
        for k, s in enumerate(others(index, 25))
    )
    advert = {
        1: '<div class="adv"><span>Реклама</span><p>Кредит на любые цели до 100 миллионов сумов без залога и поручителей. '
        "Оформите заявку онлайн за пять минут.</p></div>"
    }
    mega_footer = "".join(
        f'<div class="col"><h4>{esc(n)}</h4>' + "".join(f"<a>{esc(i)}</a>" for i in items) + "</div>"
        for n, items in MENU.items()
    )
    return (
        head(story, site, iso)
        + '<body><div class="topbar">'
        + "".join(f"<a>{esc(n)}</a>" for n in MENU)
        + "</div>"
        + f'<div class="layout"><section class="latest"><h3>Последние новости</h3>{feed}</section>'
        + f'<div class="single"><h1>{esc(story["headline"])}</h1><div class="single-date">{date}</div>'
        + f'<div class="single-content"><p><strong>{esc(story["lead"])}</strong></p>'
        + body_html(story, after=advert)
        + "</div>"
        + '<div class="author-card"><b>Шахзод Юлдашев</b><p>Журналист, пишет об экономике и региональном развитии. '
        + "Работает в редакции с 2019 года.</p></div>"
        + share()
        + "</div></div>"
        + f'<footer class="mega-footer">{mega_footer}<p>{LEGAL}</p></footer></body></html>'
    )


TEMPLATES: list[tuple[Callable[[dict, int, str], str], str, str]] = [
    (vestnik, "vestnik-stepi.kz", "utf-8"),
    (lenta, "ala-too-lenta.kg", "utf-8"),
    (gazeta, "tashkent-gazeta.uz", "utf-8"),
    (khabar, "dushanbe-khabar.tj", "windows-1251"),
    (portal, "ashgabat-habar.tm", "utf-8"),
    (buro, "dala-buro.kz", "utf-8"),
    (kg24, "bishkek-24.kg", "utf-8"),
    (zamon, "zamon-yangiliklari.uz", "utf-8"),
]


def main() -> None:
    pages = HERE / "pages"
    pages.mkdir(exist_ok=True)
    for old in pages.glob("*.html"):
        old.unlink()
    labels = []
    for index, story in enumerate(STORIES):
        render, site, encoding = TEMPLATES[index % len(TEMPLATES)]
        name = f"{index:02d}-{render.__name__}.html"
        (pages / name).write_bytes(render(story, index, site).encode(encoding))
        labels.append(
            {
                "file": name,
                "url": f"https://{site}/news/{story['slug']}",
                "site": site,
                "template": render.__name__,
                "headline": story["headline"],
                "text": truth(story),
            }
        )
    (HERE / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(labels)} pages")


if __name__ == "__main__":
    main()
