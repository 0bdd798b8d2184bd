"""A synthetic news corpus for benches and stress tests: stories and pages, deterministic by seed.

N stories across outlets, languages (English and Russian), countries, people, figures and topics,
with syndicated duplicates and multi-outlet clusters. The sentences are written for Steppe and
recombined; the news is fictional.

    python bench/corpus.py pages --count 2000 --out /tmp/pages     # HTML and text pages to ingest
    python bench/corpus.py db --count 100000 --db /tmp/big.db       # stories straight into a store
"""

from __future__ import annotations

import argparse
import html
import random
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Iterator

from steppe.models import Entity, Figure, Story

START = datetime(2026, 1, 1, 6, 0, tzinfo=timezone.utc)

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
OUTLETS = (("steppetimes.example", "en"), ("caspianwire.example", "en"), ("dalanews.example", "ru"),
           ("oasis-daily.example", "en"), ("vesti-stepi.example", "ru"))
TOPICS = ("energy", "economy-and-trade", "diplomacy", "finance", "culture", "environment", "sport")
SUBJECTS_EN = ("a new hydropower unit", "a cross-border railway", "a grain export deal", "a solar park",
               "a customs post", "a water-sharing accord", "a copper mine", "a film festival",
               "a wrestling championship", "a bond issue", "a gas pipeline section", "a wind farm")
SUBJECTS_RU = ("новый гидроагрегат", "трансграничная железная дорога", "сделка по экспорту зерна",
               "солнечная электростанция", "таможенный пост", "соглашение о воде", "медный рудник",
               "кинофестиваль", "чемпионат по борьбе", "выпуск облигаций", "участок газопровода",
               "ветровая электростанция")
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


@dataclass(frozen=True)
class Event:
    """What a cluster of stories is about."""

    number: int
    country: str
    partner: str
    subject: int
    amount: int  # millions of US dollars
    topic: str
    day: datetime


def _event(rng: random.Random, number: int) -> Event:
    country, partner = rng.sample(sorted(COUNTRIES), 2)
    day = START + timedelta(minutes=number * 7)
    return Event(number, country, partner, rng.randrange(len(SUBJECTS_EN)), rng.randrange(5, 2000),
                 rng.choice(TOPICS), day)


def _english(event: Event, rng: random.Random) -> tuple[str, str]:
    name, _, capital, _ = COUNTRIES[event.country]
    partner = COUNTRIES[event.partner][0]
    leader = LEADERS[event.country][1]
    subject = SUBJECTS_EN[event.subject]
    headline = f"{name} and {partner} agree on {subject} worth ${event.amount} million (#{event.number})"
    lead = (f"{capital.upper()} — {name} and {partner} agreed on {subject} worth ${event.amount} million, "
            f"President {leader} said after talks in {capital} (event {event.number}).")
    body = [lead] + rng.sample(FILLER_EN, 3)
    return headline, "\n".join(body)


def _russian(event: Event, rng: random.Random) -> tuple[str, str]:
    _, name, _, capital = COUNTRIES[event.country]
    partner = COUNTRIES[event.partner][1]
    leader = LEADERS[event.country][2]
    subject = SUBJECTS_RU[event.subject]
    headline = f"{name} и {partner} договорились: {subject} за ${event.amount} млн (№{event.number})"
    lead = (f"{capital.upper()}. {name} и {partner} договорились: {subject} обойдётся в ${event.amount} млн, "
            f"сообщил президент {leader} после переговоров (событие {event.number}).")
    body = [lead] + rng.sample(FILLER_RU, 3)
    return headline, "\n".join(body)


def synthetic_stories(count: int, *, seed: int = 0) -> Iterator[Story]:
    """``count`` enriched stories: about a third of events told by 2-3 outlets, 5 % syndicated copies."""
    rng = random.Random(seed)
    made = event_number = 0
    while made < count:
        event = _event(rng, event_number)
        event_number += 1
        tellings = rng.choice((1, 1, 2, 3))
        for site, language in rng.sample(OUTLETS, tellings):
            if made >= count:
                return
            headline, text = (_english if language == "en" else _russian)(event, rng)
            text += "\n" + (f"Reported by {site}." if language == "en" else f"Сообщает {site}.")
            copy = rng.random() < 0.05
            yield _story(event, site, language, headline, text, made)
            made += 1
            if copy and made < count:
                yield _story(event, "wire-mirror.example", language, headline, text + "\n(Syndicated.)", made)
                made += 1


def _story(event: Event, site: str, language: str, headline: str, text: str, index: int) -> Story:
    person_id, person_name, _ = LEADERS[event.country]
    return Story(
        url=f"https://{site}/{event.day:%Y/%m/%d}/story-{index}",
        site=site, headline=headline, text=text, language=language,
        published=event.day + timedelta(minutes=index % 50),
        countries=(event.country, event.partner),
        entities=(Entity("person", person_id, person_name),),
        figures=(Figure(f"${event.amount} million", Decimal(event.amount) * 1_000_000, "USD", None),),
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


def write_pages(count: int, folder: Path, *, seed: int = 0, text_share: float = 0.7) -> list[str]:
    """Write ``count`` pages to a folder; returns the headlines of the distinct stories written."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed + 1)
    headlines = []
    for index, story in enumerate(synthetic_stories(count, seed=seed)):
        as_text = rng.random() < text_share
        name = f"{index:06d}.{'txt' if as_text else 'html'}"
        (folder / name).write_bytes(page_bytes(story, as_text=as_text))
        headlines.append(story.headline)
    return headlines


def fill_store(target: str, count: int, *, seed: int = 0, batch: int = 2000) -> float:
    """Put ``count`` synthetic stories straight into a store (no extraction); returns seconds taken."""
    from steppe.enrich import fold
    from steppe.store import open_store

    store = open_store(target)
    started = time.perf_counter()
    stories = synthetic_stories(count, seed=seed)
    now = datetime.now(timezone.utc)
    while True:
        chunk = [s for _, s in zip(range(batch), stories)]
        if not chunk:
            break
        with store.write() as session:
            for story in chunk:
                session.stories.add(story, folded=fold(story.headline + "\n" + story.text), now=now)
    store.close()
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=("pages", "db"))
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--db")
    args = parser.parse_args(argv)
    if args.what == "pages":
        if not args.out:
            parser.error("pages needs --out DIR")
        write_pages(args.count, args.out, seed=args.seed)
        print(f"wrote {args.count} pages to {args.out}")
    else:
        if not args.db:
            parser.error("db needs --db PATH")
        seconds = fill_store(args.db, args.count, seed=args.seed)
        print(f"stored {args.count} stories in {args.db} in {seconds:.1f} s")


if __name__ == "__main__":
    sys.exit(main())
