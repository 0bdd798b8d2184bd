"""Multi-story text dumps assembled from labelled real pages, and how well a segmenter splits them.

The sources are the title and main text of the real articles in ../shared/corpora/extraction
(ScrapingHub: the page's <h1> or og:title beside its labelled body; WCXB dev articles: the labelled
title and main content). Pages are split into a tuning half and a held-out half by the parity of
their file id. A dump holds 2-8 stories in one separator style (blank lines, no-break-space lines,
none at all, "Read more" lines, bylines, date lines before or after each headline, a nav or ticker
header) and one headline case (title case, sentence case or as published). Everything is drawn
from a seeded random generator: the same seed gives the same dumps.

Scores: headline precision and recall (a found headline is right when it equals a true one) and
whole stories (headline right, the text starting with the first sentence and ending with the last
one, no line of another story inside).
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

STYLES = ("blank", "nbsp", "none", "readmore", "byline", "date-above", "date-below", "header")
CASES = ("title", "sentence", "as-published")
HALVES = ("tuning", "held-out")
MAX_TITLE_WORDS = 22
MAX_PARAGRAPHS = 10
MIN_BODY_CHARS = 200
_SENTENCE = re.compile(r"(?<=[.!?…])[\"'”»)]*\s+(?=[\"'“«(]*[A-ZА-ЯЁ0-9])")
_SMALL = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "the",
        "to",
        "vs",
        "via",
        "with",
    ]
)

# Markers written for this bench (fictional names, common marker words); none is taken from the sources.
READ_MORE = {
    "en": ("Read more", "Read more »", "Read more →", "Continue reading", "READ MORE"),
    "ru": ("Подробнее", "Подробнее →", "Читать далее", "Читать полностью »"),
    "other": ("Толығырақ", "Batafsil", "Толук окуу", "Муфассал"),
}
NAMES = {
    "en": ("Aigerim Bekova", "Daniyar Sultanov", "Laura Whitfield", "Marcus Oyelaran", "Nodira Yusupova"),
    "ru": ("Айгерим Бекова", "Данияр Султанов", "Ольга Ветрова", "Тимур Рахимов", "Нодира Юсупова"),
}
BYLINES = {
    "en": ("By {n}", "By {n} and {m}", "Author: {n}", "{n}, staff reporter", "{n}"),
    "ru": ("Автор: {n}", "{n}", "Текст: {n}", "{n}, корреспондент"),
}
MONTHS = {
    "en": [
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
    ],
    "ru": [
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
    ],
}
NAV_LINES = (
    "Home | News | Business | Politics | Sport | Culture",
    "Главная  Новости  Экономика  Политика  Спорт",
    "World • Region • Markets • Opinion • Video",
)
TICKER_HEADER = ("  • KZT/USD = 0.00192 -0.1%", "  • KGS/USD = 0.01143 0.0%", "  • UZS/USD = 0.0000812 0.2%")


@dataclass(frozen=True)
class Article:
    """One labelled real page: where it came from, which half it is in, its title and paragraphs."""

    key: str
    half: str
    language: str
    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class TrueStory:
    """A story as placed in a dump: its headline as printed and its body paragraphs."""

    headline: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Dump:
    """A generated multi-story text page and the stories it truly holds."""

    style: str
    case: str
    text: str
    stories: tuple[TrueStory, ...]


@dataclass(frozen=True)
class Found:
    """A story as a segmenter returned it."""

    headline: str | None
    text: str


def load_articles(root: Path) -> list[Article]:
    """Usable articles of ScrapingHub and WCXB dev articles under root (corpora/extraction)."""
    found = [*_scrapinghub(root / "scrapinghub"), *_wcxb(root / "wcxb-dev-articles")]
    return [a for a in found if a is not None]


def _scrapinghub(root: Path) -> Iterable[Article | None]:
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    for key, item in sorted(truth.items()):
        with gzip.open(root / "html" / f"{key}.html.gz") as file:
            title = _page_title(file.read())
        yield _article(f"scrapinghub/{key}", int(key[-1], 16) % 2, title, item["articleBody"])


def _wcxb(root: Path) -> Iterable[Article | None]:
    for path in sorted((root / "ground-truth").glob("*.json")):
        label = json.loads(path.read_text(encoding="utf-8"))
        truth = label["ground_truth"]
        yield _article(f"wcxb/{path.stem}", int(path.stem) % 2, truth.get("title"), truth.get("main_content"))


def _page_title(body: bytes) -> str | None:
    import lxml.html

    tree = lxml.html.fromstring(body)
    for found in (tree.xpath("//h1"), tree.xpath("//meta[@property='og:title']/@content")):
        for item in found:
            text = item if isinstance(item, str) else item.text_content()
            text = " ".join(text.split())
            if text:
                return text
    return None


def _article(key: str, parity: int, title: str | None, body: str | None) -> Article | None:
    if not title or not body:
        return None
    title = " ".join(title.split())
    paragraphs = [" ".join(p.split()) for p in body.splitlines()]
    paragraphs = [p for p in paragraphs if p and _norm(p) != _norm(title)]
    if not 2 <= len(title.split()) <= MAX_TITLE_WORDS or sum(map(len, paragraphs)) < MIN_BODY_CHARS:
        return None
    language = "ru" if _cyrillic_share(" ".join(paragraphs[:5])) > 0.5 else "en"
    return Article(key, HALVES[parity], language, title, tuple(paragraphs))


def _cyrillic_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    return sum("\u0400" <= ch <= "\u04ff" for ch in letters) / max(1, len(letters))


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").casefold().split())


def title_case(title: str) -> str:
    """Every significant word capitalised; words with capitals or digits inside kept as they are."""
    words = title.split()
    out = []
    for i, word in enumerate(words):
        bare = word.strip("\"'“”‘’()«»:,")
        if i > 0 and bare.lower() in _SMALL or not bare or bare != bare.lower() or not bare[0].isalpha():
            out.append(word)
        else:
            out.append(word.replace(bare, bare[0].upper() + bare[1:], 1))
    return " ".join(out)


def sentence_case(title: str, body: Sequence[str]) -> str:
    """Only the first word and names capitalised: a word is lowered when the body uses it in lower case."""
    lower_words = {w for p in body for w in re.findall(r"[^\W\d_]+", p) if w.islower()}
    words = title.split()
    out = [words[0]] if words else []
    for word in words[1:]:
        bare = word.strip("\"'“”‘’()«»:,")
        lowered = bare.lower()
        keep = not bare or bare.isupper() or lowered not in lower_words or bare[1:] != bare[1:].lower()
        out.append(word if keep else word.replace(bare, lowered, 1))
    return " ".join(out)


def make_dump(rng: random.Random, articles: Sequence[Article], style: str, case: str) -> Dump:
    """One dump of 2-8 stories drawn from articles, in one separator style and headline case."""
    picked = rng.sample(list(articles), rng.randint(2, 8))
    stories = [_placed(rng, a, case) for a in picked]
    day = (rng.randint(1, 28), rng.randint(1, 12), rng.choice((2023, 2024, 2025)))
    blocks: list[str] = []
    if style == "header":
        blocks += _header(rng, day)
    for article, story in zip(picked, stories):
        blocks += _story_blocks(rng, article.language, story, style, day)
    joiner = {"blank": "\n\n", "nbsp": "\n\u00a0\n"}.get(style, "\n")
    if style not in ("blank", "nbsp", "none") and rng.random() < 0.5:
        joiner = rng.choice(("\n\n", "\n"))  # markers come with or without blank lines
    return Dump(style, case, joiner.join(blocks) + "\n", tuple(stories))


def _placed(rng: random.Random, article: Article, case: str) -> TrueStory:
    cut = rng.randint(1, MAX_PARAGRAPHS)
    paragraphs = article.paragraphs[:cut]
    headline = article.title
    if article.language != "ru" and case == "title":
        headline = title_case(headline)
    elif article.language != "ru" and case == "sentence":
        headline = sentence_case(headline, article.paragraphs)
    return TrueStory(headline, paragraphs)


def _header(rng: random.Random, day: tuple[int, int, int]) -> list[str]:
    if rng.random() < 0.5:
        return [rng.choice(NAV_LINES), _date_line(rng, "en", day)]
    return list(TICKER_HEADER) * rng.randint(2, 8) + [_date_line(rng, "en", day)]


def _story_blocks(rng: random.Random, language: str, story: TrueStory, style: str, day: tuple) -> list[str]:
    lang = "ru" if language == "ru" else "en"
    blocks = [story.headline]
    if style == "date-above":
        blocks.insert(0, _date_line(rng, lang, day))
    elif style == "date-below":
        blocks.append(_date_line(rng, lang, day))
    elif style == "byline":
        name, other = rng.sample(NAMES[lang], 2)
        blocks.append(rng.choice(BYLINES[lang]).format(n=name, m=other))
    blocks += story.paragraphs
    if style == "readmore":
        pool = READ_MORE[lang] + (READ_MORE["other"] if rng.random() < 0.3 else ())
        blocks.append(rng.choice(pool))
    return blocks


def _date_line(rng: random.Random, lang: str, day: tuple[int, int, int]) -> str:
    d, m, y = day
    hour = f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
    month = MONTHS[lang][m - 1]
    shapes = [f"{d} {month} {y}", f"{d:02d}.{m:02d}.{y}", f"{d:02d}.{m:02d}.{y} {hour}", f"{y}-{m:02d}-{d:02d}"]
    shapes += [f"{month} {d}, {y}", f"{month} {d}, {y} {hour}"] if lang == "en" else [f"{d} {month} {y}, {hour}"]
    return rng.choice(shapes)


def make_dumps(articles: Sequence[Article], seed: int, per_style: int) -> list[Dump]:
    """per_style dumps of every style, headline cases drawn at random, from one seed."""
    rng = random.Random(seed)
    return [make_dump(rng, articles, style, rng.choice(CASES)) for style in STYLES for _ in range(per_style)]


def _sentences(paragraph: str) -> list[str]:
    return [s for s in _SENTENCE.split(paragraph) if s.strip()]


def judge(dump: Dump, found: Sequence[Found]) -> dict[str, int]:
    """Counts for one dump: headlines found, true and matched, and stories found whole."""
    truth = [_norm(s.headline) for s in dump.stories]
    names = [_norm(f.headline) if f.headline else "" for f in found]
    matched = len(set(truth) & set(names))
    owners = {_norm(line): i for i, s in enumerate(dump.stories) for line in (s.headline, *s.paragraphs)}
    whole = 0
    for i, story in enumerate(dump.stories):
        hit = next((f for f in found if f.headline and _norm(f.headline) == truth[i]), None)
        if hit is not None and _is_whole(story, hit, owners, i):
            whole += 1
    return {"true": len(truth), "found": len(found), "matched": matched, "whole": whole}


def _is_whole(story: TrueStory, hit: Found, owners: dict[str, int], index: int) -> bool:
    text = _norm(hit.text)
    first = _norm(_sentences(story.paragraphs[0])[0])
    last = _norm(_sentences(story.paragraphs[-1])[-1])
    if not (text.startswith(first) and text.endswith(last)):
        return False
    return all(owners.get(_norm(line), index) == index for line in hit.text.splitlines())


def score(dumps: Sequence[Dump], segment: Callable[[str], Sequence[Found]]) -> dict[str, dict[str, float]]:
    """Headline precision, recall and whole-story share per style, per case and overall."""
    totals: dict[str, dict[str, int]] = {}
    for dump in dumps:
        counts = judge(dump, segment(dump.text))
        for group in (f"style {dump.style}", f"case {dump.case}", "overall"):
            into = totals.setdefault(group, {"true": 0, "found": 0, "matched": 0, "whole": 0, "dumps": 0})
            for name, value in counts.items():
                into[name] += value
            into["dumps"] += 1
    return {group: _rates(c) for group, c in totals.items()}


def _rates(c: dict[str, int]) -> dict[str, float]:
    return {
        "precision": c["matched"] / max(1, c["found"]),
        "recall": c["matched"] / max(1, c["true"]),
        "whole": c["whole"] / max(1, c["true"]),
        "stories": float(c["true"]),
        "dumps": float(c["dumps"]),
    }
