"""Build the labelled segmentation set from pool.py: run `python generate.py` in this folder.

Writes pages/*.txt|*.html and labels.json (deterministic: fixed seed). Multi-story pages
are plain-text dumps shaped like the example in DESIGN.md (tickers repeated, date lines,
Title Case or Russian headlines) and HTML digests (one <article> per story). Single
articles are text or HTML pages of one story with a subheading, a date line, a ticker
and, in HTML, a sidebar of links to other stories: none of them may be split.
"""

from __future__ import annotations

import html
import json
import random
from pathlib import Path

from pool import EN, RU

HERE = Path(__file__).parent
SEED = 2025
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MONTHS_RU = [
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

TICKERS = [  # (lines, url suffix for the site, distinct quotes)
    (
        [
            "  • KGS/USD = 0.01143 -0%",
            "  • KZT/USD = 0.00192 -0%",
            "  • TJS/USD = 0.10820 0.19%",
            "  • UZS/USD = 0.00008 0%",
            "  • TMT/USD = 0.28575 0%",
        ],
        "example-digest.com",
        5,
    ),
    (["USD 478.77 ▼", "EUR 520.11 ▲", "RUB 5.12 ▼"], "steppe-news.kz", 3),
    (["Доллар 87,45", "Евро 95,10", "Рубль 1,08"], "ala-too-daily.kg", 3),
    (["USD/KZT 478,77 | EUR/KZT 520,11 | RUB/KZT 5,12"], "example-wire.com", 3),
]


def date_line(rng: random.Random, day: int, month: int, russian: bool) -> str:
    style = rng.randrange(3)
    if style == 0:
        return f"{day:02d}.{month:02d}.2025"
    if russian or style == 1:
        return f"{day} {MONTHS_RU[month - 1]} 2025" if russian else f"{day} {MONTHS_EN[month - 1]} 2025"
    return f"{day} {MONTHS_EN[month - 1]} 2025"


def _undated(paragraphs: list[str]) -> list[str]:
    """The paragraphs without the "CITY — " dateline, so that segmentation cannot lean on it."""
    first = paragraphs[0].split(" — ", 1)[-1]
    return [first[0].upper() + first[1:], *paragraphs[1:]]


def text_digest(rng: random.Random, stories: list, russian: bool) -> tuple[str, dict]:
    lines, quotes, site = [], 0, "example-digest.com"
    if rng.random() < 0.4:
        stories = [(h, _undated(p), s) for h, p, s in stories]
    if rng.random() < 0.7:
        ticker, site, quotes = rng.choice(TICKERS)
        lines += ticker * rng.randint(1, 8)
    day, month = rng.randint(1, 28), rng.randint(1, 11)
    lines.append(date_line(rng, day, month, russian))
    for i, (headline, paragraphs, _sub) in enumerate(stories):
        if i and rng.random() < 0.2:
            lines.append(date_line(rng, min(day + i, 28), month, russian))
        lines.append(headline)
        lines += paragraphs[: rng.randint(2, 3)]
    return "\n".join(lines) + "\n", {"site": site, "quotes": quotes}


def text_single(rng: random.Random, story: tuple, russian: bool) -> tuple[str, dict]:
    headline, paragraphs, sub = story
    lines, quotes, site = [], 0, "example-digest.com"
    if rng.random() < 0.4:
        paragraphs = _undated(paragraphs)
    if rng.random() < 0.5:
        ticker, site, quotes = rng.choice(TICKERS)
        lines += ticker * rng.randint(1, 8)
    if rng.random() < 0.6:
        lines.append(date_line(rng, rng.randint(1, 28), rng.randint(1, 11), russian))
    lines += [headline, paragraphs[0], sub, *paragraphs[1:]]
    return "\n".join(lines) + "\n", {"site": site, "quotes": quotes}


def _ticker_html(rng: random.Random) -> tuple[str, str, int]:
    ticker, site, quotes = rng.choice(TICKERS)
    if rng.random() < 0.5:
        rows = "".join(f"<li>{html.escape(t.strip(' •'))}</li>" for t in ticker)
        block = f'<ul class="rates">{rows}</ul>'
    else:
        rows = "".join(
            "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in t.strip(" •").split(" ", 1)) + "</tr>"
            for t in ticker
        )
        block = f'<table class="rates">{rows}</table>'
    return block * rng.randint(1, 4), site, quotes


def html_page(title: str, header: str, main: str, aside: str, lang: str) -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(title)} | Steppe Wire</title>'
        f"</head><body><header><nav><a href='/'>Home</a> <a href='/kz'>Kazakhstan</a> <a href='/kg'>Kyrgyzstan</a>"
        f"</nav>{header}</header><main>{main}</main><aside>{aside}</aside>"
        "<footer><p>© 2025 Steppe Wire. All rights reserved.</p></footer></body></html>"
    )


def html_digest(rng: random.Random, stories: list, russian: bool) -> tuple[str, dict]:
    ticker, site, quotes = _ticker_html(rng) if rng.random() < 0.7 else ("", "example-digest.com", 0)
    blocks = []
    for i, (headline, paragraphs, _sub) in enumerate(stories):
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs[: rng.randint(1, 3)])
        blocks.append(
            f'<article class="story"><h2><a href="/news/{i}">{html.escape(headline)}</a></h2>{body}</article>'
        )
    title = "Главные новости" if russian else "Top Stories"
    page = html_page(title, ticker, f"<h1>{title}</h1>" + "".join(blocks), "", "ru" if russian else "en")
    return page, {"site": site, "quotes": quotes}


def html_single(rng: random.Random, story: tuple, others: list, russian: bool) -> tuple[str, dict]:
    headline, paragraphs, sub = story
    ticker, site, quotes = _ticker_html(rng) if rng.random() < 0.5 else ("", "example-digest.com", 0)
    body = f"<p>{html.escape(paragraphs[0])}</p><h2>{html.escape(sub)}</h2>" + "".join(
        f"<p>{html.escape(p)}</p>" for p in paragraphs[1:]
    )
    related = "".join(f'<li><a href="/news/r{i}">{html.escape(o[0])}</a></li>' for i, o in enumerate(others))
    aside = f"<h3>{'Читайте также' if russian else 'Related'}</h3><ul>{related}</ul>"
    main = f"<article><h1>{html.escape(headline)}</h1>{body}</article>"
    return html_page(headline, ticker, main, aside, "ru" if russian else "en"), {"site": site, "quotes": quotes}


def _label(name: str, kind: str, stories: list, extra: dict, page: str) -> dict:
    firsts = [s[1][0] if html.escape(s[1][0]) in page or s[1][0] in page else _undated(s[1])[0] for s in stories]
    return {
        "file": name,
        "kind": kind,
        "url": f"https://{extra['site']}/{name}",
        "quotes": extra["quotes"],
        "stories": [{"headline": s[0], "first": first} for s, first in zip(stories, firsts)],
    }


def build() -> list[dict]:
    rng = random.Random(SEED)
    labels, pages = [], HERE / "pages"
    pages.mkdir(exist_ok=True)
    for n in range(48):
        russian = n % 3 == 2
        pool = RU if russian else EN
        stories = rng.sample(pool, rng.randint(2, min(6, len(pool))))
        fmt = "html" if n % 2 else "txt"
        name = f"multi-{n:02d}.{fmt}"
        page, extra = (html_digest if fmt == "html" else text_digest)(rng, stories, russian)
        (pages / name).write_text(page, encoding="utf-8")
        labels.append(_label(name, "multi", stories, extra, page))
    for n in range(44):
        russian = n % 3 == 2
        pool = RU if russian else EN
        story = pool[n % len(pool)]
        fmt = "html" if n % 2 else "txt"
        name = f"single-{n:02d}.{fmt}"
        if fmt == "html":
            page, extra = html_single(rng, story, rng.sample([s for s in pool if s is not story], 4), russian)
        else:
            page, extra = text_single(rng, story, russian)
        (pages / name).write_text(page, encoding="utf-8")
        labels.append(_label(name, "single", [story], extra, page))
    (HERE / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, indent=1), encoding="utf-8")
    return labels


if __name__ == "__main__":
    print(f"{len(build())} pages written")
