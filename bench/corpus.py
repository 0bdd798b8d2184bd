"""A synthetic news corpus for benches and stress tests: stories and pages, deterministic by seed.

N stories across outlets, languages (English and Russian), countries, people, figures and topics,
with syndicated duplicates and multi-outlet clusters. The sentences are written for Steppe and
recombined; the news is fictional. A `Shape` sets how the corpus is laid out: stories a day, extra
running text drawn from a Zipf-distributed made-up vocabulary (so full-text indexes see realistic
word frequencies and story lengths), and pools of made-up people and organisations. The default
shape gives the short readable stories of the page sets; `DESK` gives full-length stories, as the
serving and scale benches use.

    python bench/corpus.py pages --count 2000 --out /tmp/pages       # HTML and text pages to ingest
    python bench/corpus.py db --count 100000 --db /tmp/big.db --desk  # stories straight into a store
"""

from __future__ import annotations

import argparse
import html
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from functools import cache
from itertools import accumulate
from pathlib import Path

from steppe.models import Entity, Figure, Story

START = datetime(2026, 1, 1, 6, 0, tzinfo=UTC)

COUNTRIES = {
    "KZ": ("Kazakhstan", "Казахстан", "Astana", "Астана"),
    "KG": ("Kyrgyzstan", "Кыргызстан", "Bishkek", "Бишкек"),
    "TJ": ("Tajikistan", "Таджикистан", "Dushanbe", "Душанбе"),
    "UZ": ("Uzbekistan", "Узбекистан", "Tashkent", "Ташкент"),
    "TM": ("Turkmenistan", "Туркменистан", "Ashgabat", "Ашхабад"),
    "MN": ("Mongolia", "Монголия", "Ulaanbaatar", "Улан-Батор"),
}
LEADERS = {
    "KZ": ("person:kassym-jomart-tokayev", "Kassym-Jomart Tokayev", "Токаев"),
    "KG": ("person:sadyr-japarov", "Sadyr Japarov", "Жапаров"),
    "TJ": ("person:emomali-rahmon", "Emomali Rahmon", "Рахмон"),
    "UZ": ("person:shavkat-mirziyoyev", "Shavkat Mirziyoyev", "Мирзиёев"),
    "TM": ("person:serdar-berdimuhamedov", "Serdar Berdimuhamedov", "Бердымухамедов"),
    "MN": ("person:ukhnaagiin-khurelsukh", "Ukhnaagiin Khurelsukh", "Хурэлсух"),
}
OUTLETS = (
    ("steppetimes.example", "en"),
    ("caspianwire.example", "en"),
    ("dalanews.example", "ru"),
    ("oasis-daily.example", "en"),
    ("vesti-stepi.example", "ru"),
)
TOPICS = ("energy", "economy-and-trade", "diplomacy", "finance", "culture", "environment", "sport")
SUBJECTS_EN = (
    "a new hydropower unit",
    "a cross-border railway",
    "a grain export deal",
    "a solar park",
    "a customs post",
    "a water-sharing accord",
    "a copper mine",
    "a film festival",
    "a wrestling championship",
    "a bond issue",
    "a gas pipeline section",
    "a wind farm",
)
SUBJECTS_RU = (
    "новый гидроагрегат",
    "трансграничная железная дорога",
    "сделка по экспорту зерна",
    "солнечная электростанция",
    "таможенный пост",
    "соглашение о воде",
    "медный рудник",
    "кинофестиваль",
    "чемпионат по борьбе",
    "выпуск облигаций",
    "участок газопровода",
    "ветровая электростанция",
)
FILLER_EN = (
    "Officials said the work would continue through the winter despite the cold.",
    "Analysts in the region described the step as modest but overdue.",
    "The ministry did not say how the cost would be shared between the partners.",
    "Local residents have waited for the project for more than a decade.",
    "A second phase is planned for the following year if financing is secured.",
    "The agreement still has to be ratified by both parliaments.",
)
FILLER_RU = (
    "По словам чиновников, работы продолжатся и зимой, несмотря на морозы.",
    "Аналитики в регионе назвали этот шаг скромным, но давно назревшим.",
    "В министерстве не уточнили, как стороны разделят расходы.",
    "Местные жители ждали этого проекта больше десяти лет.",
    "Второй этап запланирован на следующий год, если найдётся финансирование.",
    "Соглашение ещё должны ратифицировать парламенты обеих стран.",
)


# Made-up words are syllables written in both scripts, so a name reads naturally in either language.
CONSONANTS = (
    ("b", "б"),
    ("d", "д"),
    ("f", "ф"),
    ("g", "г"),
    ("k", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("p", "п"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("v", "в"),
    ("z", "з"),
)
VOWELS = (("a", "а"), ("e", "е"), ("i", "и"), ("o", "о"), ("u", "у"))
VOCABULARY_SIZE = 20_000


@dataclass(frozen=True)
class Shape:
    """How a synthetic corpus is laid out; the defaults give short, readable stories."""

    event_minutes: float = 7.0  # minutes between events (7: about 380 stories a day)
    body_words: int = 0  # mean words of extra running text per story, Zipf-drawn (0: none)
    actors: int = 0  # made-up people and organisations in each pool (0: only the leaders)
    details: bool = False  # each event names its own project and a measure (what tells events apart)


DESK = Shape(event_minutes=7.0, body_words=180, actors=400, details=True)  # ~250-word stories, like a desk


@dataclass(frozen=True)
class Event:
    """What a cluster of stories is about."""

    number: int
    country: str
    partner: str
    subject: int
    amount: Decimal  # millions of US dollars
    topic: str
    day: datetime
    actors: tuple[Entity, ...] = ()
    project: tuple[str, str] | None = None  # its name in Latin and Cyrillic letters
    measure: tuple[int, int] = (0, 0)  # kilometres, as whole and tenths


@dataclass(frozen=True)
class Labelled:
    """A synthetic story and the number of the event it tells (the clustering answer)."""

    story: Story
    event: int


def _event(rng: random.Random, number: int, shape: Shape) -> Event:
    country, partner = rng.sample(sorted(COUNTRIES), 2)
    day = START + timedelta(minutes=number * shape.event_minutes)
    event = Event(
        number,
        country,
        partner,
        rng.randrange(len(SUBJECTS_EN)),
        Decimal(rng.randrange(5, 2000)),
        rng.choice(TOPICS),
        day,
    )
    if shape.actors:
        actors = rng.sample(_people(shape.actors), rng.randint(0, 2)) + rng.sample(
            _organisations(shape.actors), rng.randint(0, 2)
        )
        event = replace(event, actors=tuple(actors))
    if shape.details:  # amounts to a tenth of a million: two events rarely share one
        latin, cyrillic = _made_up_word(rng, rng.randint(2, 4))
        event = replace(
            event,
            amount=event.amount + Decimal(rng.randrange(10)) / 10,
            project=(latin.capitalize(), cyrillic.capitalize()),
            measure=(rng.randint(10, 999), rng.randint(1, 9)),
        )
    return event


def _made_up_word(rng: random.Random, syllables: int) -> tuple[str, str]:
    """One pronounceable made-up word in Latin and Cyrillic letters."""
    parts = [(rng.choice(CONSONANTS), rng.choice(VOWELS)) for _ in range(syllables)]
    return "".join(c[0] + v[0] for c, v in parts), "".join(c[1] + v[1] for c, v in parts)


@cache
def vocabulary(language: str) -> tuple[str, ...]:
    """The made-up vocabulary of a language, commonest word first (Zipf rank order)."""
    rng = random.Random(f"vocabulary-{language}")
    script = 1 if language == "ru" else 0
    words: dict[str, None] = {}
    while len(words) < VOCABULARY_SIZE:
        words[_made_up_word(rng, rng.choice((1, 2, 2, 3, 3, 4)))[script]] = None
    return tuple(words)


@cache
def _zipf_weights(size: int) -> tuple[float, ...]:
    """Cumulative 1/rank weights: the commonest word is ~10 % of running text, like "the"."""
    return tuple(accumulate(1 / rank for rank in range(1, size + 1)))


@cache
def _people(size: int) -> tuple[Entity, ...]:
    rng = random.Random("people")
    people = []
    for n in range(size):
        first, last = _made_up_word(rng, 2), _made_up_word(rng, 3)
        name = f"{first[0].capitalize()} {last[0].capitalize()}"
        people.append(Entity("person", f"person:{first[0]}-{last[0]}-{n}", name))
    return tuple(people)


@cache
def _organisations(size: int) -> tuple[Entity, ...]:
    rng = random.Random("organisations")
    kinds = ("Bank", "Holding", "Energy", "Logistics", "Mining", "Telecom")
    organisations = []
    for n in range(size):
        word = _made_up_word(rng, 3)[0].capitalize()
        kind = kinds[n % len(kinds)]
        organisations.append(Entity("organization", f"org:{word.lower()}-{kind.lower()}-{n}", f"{word} {kind}"))
    return tuple(organisations)


def _running_text(rng: random.Random, language: str, mean_words: int) -> list[str]:
    """Sentences of Zipf-drawn made-up words, about ``mean_words`` in all."""
    total = rng.randint(mean_words // 2, mean_words * 3 // 2)
    words = rng.choices(vocabulary(language), cum_weights=_zipf_weights(VOCABULARY_SIZE), k=total)
    sentences, start = [], 0
    while start < len(words):
        length = rng.randint(8, 18)
        chunk = words[start : start + length]
        sentences.append(" ".join([chunk[0].capitalize(), *chunk[1:]]) + ".")
        start += length
    return [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]  # paragraphs


def _actors_sentence(event: Event, language: str) -> list[str]:
    if not event.actors:
        return []
    names = ", ".join(a.name for a in event.actors)
    return [f"Also at the talks: {names}." if language == "en" else f"На переговорах также были: {names}."]


def _project_clause(event: Event, language: str) -> str:
    """The event's own specifics, told in the lead by every outlet: the project's name and length."""
    if not event.project:
        return ""
    whole, tenths = event.measure
    if language == "en":
        return f" The project, called {event.project[0]}, covers {whole}.{tenths} km."
    return f" Проект под названием {event.project[1]} охватывает {whole},{tenths} км."


def _english(event: Event, rng: random.Random, shape: Shape) -> tuple[str, str]:
    name, _, capital, _ = COUNTRIES[event.country]
    partner = COUNTRIES[event.partner][0]
    leader = LEADERS[event.country][1]
    subject = SUBJECTS_EN[event.subject]
    amount = f"{event.amount:f}"
    headline = f"{name} and {partner} agree on {subject} worth ${amount} million (#{event.number})"
    lead = (
        f"{capital.upper()} — {name} and {partner} agreed on {subject} worth ${amount} million, "
        f"President {leader} said after talks in {capital} (event {event.number})." + _project_clause(event, "en")
    )
    running = _running_text(rng, "en", shape.body_words) if shape.body_words else []
    body = [lead, *_actors_sentence(event, "en"), *running, *rng.sample(FILLER_EN, 3)]
    return headline, "\n".join(body)


def _russian(event: Event, rng: random.Random, shape: Shape) -> tuple[str, str]:
    _, name, _, capital = COUNTRIES[event.country]
    partner = COUNTRIES[event.partner][1]
    leader = LEADERS[event.country][2]
    subject = SUBJECTS_RU[event.subject]
    amount = f"{event.amount:f}".replace(".", ",")
    headline = f"{name} и {partner} договорились: {subject} за ${amount} млн (№{event.number})"
    lead = (
        f"{capital.upper()}. {name} и {partner} договорились: {subject} обойдётся в ${amount} млн, "
        f"сообщил президент {leader} после переговоров (событие {event.number})." + _project_clause(event, "ru")
    )
    running = _running_text(rng, "ru", shape.body_words) if shape.body_words else []
    body = [lead, *_actors_sentence(event, "ru"), *running, *rng.sample(FILLER_RU, 3)]
    return headline, "\n".join(body)


def synthetic_stories(count: int, *, seed: int = 0, shape: Shape = Shape()) -> Iterator[Story]:
    """``count`` enriched stories: about a third of events told by 2-3 outlets, 5 % syndicated copies."""
    return (item.story for item in labelled_stories(count, seed=seed, shape=shape))


def labelled_stories(count: int, *, seed: int = 0, shape: Shape = Shape()) -> Iterator[Labelled]:
    """The stories of ``synthetic_stories``, each with the event it tells."""
    rng = random.Random(seed)
    made = event_number = 0
    while made < count:
        event = _event(rng, event_number, shape)
        event_number += 1
        tellings = rng.choice((1, 1, 2, 3))
        for site, language in rng.sample(OUTLETS, tellings):
            if made >= count:
                return
            headline, text = (_english if language == "en" else _russian)(event, rng, shape)
            text += "\n" + (f"Reported by {site}." if language == "en" else f"Сообщает {site}.")
            copy = rng.random() < 0.05
            yield Labelled(_story(event, site, language, headline, text, made), event.number)
            made += 1
            if copy and made < count:
                yield Labelled(
                    _story(event, "wire-mirror.example", language, headline, text + "\n(Syndicated.)", made),
                    event.number,
                )
                made += 1


def _story(event: Event, site: str, language: str, headline: str, text: str, index: int) -> Story:
    person_id, person_name, _ = LEADERS[event.country]
    return Story(
        url=f"https://{site}/{event.day:%Y/%m/%d}/story-{index}",
        site=site,
        headline=headline,
        text=text,
        language=language,
        published=event.day + timedelta(minutes=index % 50),
        countries=(event.country, event.partner),
        entities=(Entity("person", person_id, person_name), *event.actors),
        figures=(Figure(f"${event.amount:f} million", event.amount * 1_000_000, "USD", None),),
        topics=(event.topic,),
    )


def page_bytes(story: Story, *, as_text: bool) -> bytes:
    """A page carrying one story: a plain-text dump, or an HTML article with site chrome."""
    if as_text:
        return f"{story.published:%d %B %Y}\n{story.headline}\n{story.text}\n".encode()
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in story.text.split("\n"))
    return (
        f'<!DOCTYPE html><html lang="{story.language}"><head><meta charset="utf-8">'
        f"<title>{html.escape(story.headline)}</title>"
        f'<link rel="canonical" href="{story.url}">'
        f'<meta property="article:published_time" content="{story.published.isoformat()}"></head>'
        f'<body><nav><a href="/">Home</a> <a href="/region">Region</a></nav><main><article>'
        f"<h1>{html.escape(story.headline)}</h1>{paragraphs}</article></main>"
        f"<footer>© {story.site}</footer></body></html>"
    ).encode()


def write_pages(
    count: int, folder: Path, *, seed: int = 0, text_share: float = 0.7, shape: Shape = Shape()
) -> list[str]:
    """Write ``count`` pages to a folder; returns the headlines of the distinct stories written."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed + 1)
    headlines = []
    for index, story in enumerate(synthetic_stories(count, seed=seed, shape=shape)):
        as_text = rng.random() < text_share
        name = f"{index:06d}.{'txt' if as_text else 'html'}"
        (folder / name).write_bytes(page_bytes(story, as_text=as_text))
        headlines.append(story.headline)
    return headlines


@dataclass(frozen=True)
class Filled:
    """What ``fill_store`` wrote: stories offered, stories stored, raw text bytes, seconds taken."""

    offered: int
    stored: int
    raw_bytes: int  # UTF-8 bytes of headline + text of the stories stored
    seconds: float


def fill_store(
    target: str, count: int, *, seed: int = 0, shape: Shape = Shape(), batch: int = 20_000, progress: bool = False
) -> Filled:
    """Put ``count`` synthetic stories straight into a store (no extraction), ``batch`` per transaction.

    Goes through the store's own write API (``session.stories.add`` with the folded search keys,
    as the pipeline does), so the database is what Steppe itself would have written.
    """
    from steppe.store import open_store
    from steppe.text.fold import fold

    store = open_store(target)
    started = time.perf_counter()
    stories = synthetic_stories(count, seed=seed, shape=shape)
    now = datetime.now(UTC)
    offered = stored = raw = 0
    while chunk := [s for _, s in zip(range(batch), stories)]:
        with store.write() as session:
            for story in chunk:
                if session.stories.add(story, folded=fold(story.headline + "\n" + story.text), now=now):
                    stored += 1
                    raw += len(story.headline.encode()) + len(story.text.encode())
        offered += len(chunk)
        if progress:
            print(
                f"  {offered:,} stories, {time.perf_counter() - started:.0f} s", end="\r", flush=True, file=sys.stderr
            )
    if progress:
        print(file=sys.stderr)
    store.close()
    return Filled(offered, stored, raw, time.perf_counter() - started)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=("pages", "db"))
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--db")
    parser.add_argument("--desk", action="store_true", help="full-length stories (the DESK shape)")
    args = parser.parse_args(argv)
    shape = DESK if args.desk else Shape()
    if args.what == "pages":
        if not args.out:
            parser.error("pages needs --out DIR")
        write_pages(args.count, args.out, seed=args.seed, shape=shape)
        print(f"wrote {args.count} pages to {args.out}")
    else:
        if not args.db:
            parser.error("db needs --db PATH")
        filled = fill_store(args.db, args.count, seed=args.seed, shape=shape, progress=True)
        print(
            f"stored {filled.stored:,} of {filled.offered:,} stories ({filled.raw_bytes / 1e6:.1f} MB of text) "
            f"in {args.db} in {filled.seconds:.1f} s"
        )


if __name__ == "__main__":
    sys.exit(main())
