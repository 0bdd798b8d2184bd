"""What the cluster stage compares: the language-independent features of one story.

A story is described by weighted *keys* that read the same in every language and script:

    e:<entity id>        people, organisations, places ("e:person:kassym-jomart-tokayev")
    f:<CUR>:<value>      money figures, value and currency ("f:USD:5900000000")
    n:<number>           other numbers in the text (17.5 from "17.5%" and from "17,5%")
    p:<stem>             proper names not in the gazetteer, folded and cut to a stem
                         (Сырдарья, Syrdarya -> "p:sirda")
    c:<country>          the story's countries (scored, never used to look candidates up)

and, for near-copies, a MinHash signature of the word 3-shingles of the folded text.
Pure: a Story and its folded text in, a frozen StoryFeatures out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from steppe.cluster.nearcopy import NUM_PERM, FoldWord, bands_of, signature_of
from steppe.models import Story
from steppe.text.numbers import NUMBER, parse_number

# The weight of each kind of key before the rarity (idf) factor: people, organisations and
# money figures pin an event down; places and bare numbers less; countries least.
KIND_WEIGHTS = {"person": 2.0, "organization": 2.0, "place": 1.0}
FIGURE_WEIGHT = 2.0
NUMBER_WEIGHT = 1.0
NAME_WEIGHT = 0.7
COUNTRY_WEIGHT = 0.5
HEAD_BOOST = 3.0  # keys in the headline or first paragraph
NAME_STEM = 5  # letters kept of a folded proper name: absorbs Russian case endings
MAX_NAMES = 24
CREDIT_WORDS = 40

# "1,860" is a thousand-separated integer in English, "1,5" a decimal in Russian.
# Patterns start with a digit so the regex engine can skip to digits; what precedes a match
# is checked in code (a digit run inside a word or after a decimal point is not a number).
# English text gets its own pattern, apart from text.numbers on purpose: there a comma only
# groups thousands and a dot is the only decimal mark, so "1,5" is two numbers, not 1.5.
_EN_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?(?!\d)")
_EU_NUMBER = re.compile(rf"(?:{NUMBER})(?!\d)")
_SENTENCE_END = re.compile(r"[.!?…:;\"“”«»—–\-\n]\s*$")
_WORD = re.compile(r"[^\W\d_]{4,}")
# Capitalised words that are not names: titles, weekdays and months (as folded stems).
_NOT_NAMES = frozenset(
    {
        "presi",
        "prime",
        "minis",
        "gover",
        "chair",
        "deput",
        "speak",
        "spoke",
        "gener",
        "counc",
        "monda",
        "tuesd",
        "wedne",
        "thurs",
        "frida",
        "satur",
        "sunda",
        "janua",
        "febru",
        "march",
        "april",
        "june",
        "juli",
        "augus",
        "septe",
        "octob",
        "novem",
        "decem",
        "updat",
    }
)


@dataclass(frozen=True)
class StoryFeatures:
    """The comparable summary of one story, as the cluster stage and its index keep it."""

    keys: dict[str, float]  # key -> weight: by kind and place; times rarity once placed
    day: int  # proleptic ordinal of the publication (or arrival) date
    language: str | None
    site: str
    length: int  # characters of headline and text
    published: datetime | None
    signature: tuple[int, ...] = ()  # MinHash values, NUM_PERM of them
    headline: str = ""
    credit: str = ""  # the folded closing words, where credit lines ("Reporting by ...") live
    norm: float = 0.0  # length of the weighted key vector, once weights are set (0: not computed)
    bands: tuple[int, ...] = ()  # LSH band hashes of the signature: what near-copy look-ups match on

    def lookup_keys(self) -> list[str]:
        """Keys worth looking candidates up by: everything but countries."""
        return [k for k in self.keys if not k.startswith("c:")]


def numbers(text: str, language: str | None) -> set[str]:
    """The numbers written in a text, normalised (1,860 / 1 860 -> 1860; 17,5 -> 17.5), years and digits left out."""
    english = (language or "en") == "en"
    found: set[str] = set()
    for match in (_EN_NUMBER if english else _EU_NUMBER).finditer(text):
        start = match.start()
        if start and (text[start - 1].isalnum() or text[start - 1] in "_.,"):
            continue
        value = parse_number(match.group(0), decimal_comma=not english)
        if value is None:
            continue
        if value == value.to_integral_value() and (value < 10 or 1900 <= value <= 2100):
            continue  # small counts and years are everywhere: they tell events apart poorly
        found.add(_plain(value))
    return found


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def name_stems(text: str, fold_word: FoldWord) -> list[str]:
    """Folded stems of capitalised words that do not open a sentence: names the gazetteer may lack."""
    stems: dict[str, None] = {}
    for match in _WORD.finditer(text):
        word = match.group(0)
        if not word[0].isupper() or word.isupper() and len(word) > 5:
            continue
        before = text[max(0, match.start() - 3) : match.start()]
        if match.start() == 0 or _SENTENCE_END.search(before):
            continue
        stem = _stem(word, fold_word)
        if len(stem) >= 4 and stem not in _NOT_NAMES:
            stems[stem] = None
        if len(stems) >= MAX_NAMES:
            break
    return list(stems)


def _name_zone(story: Story) -> str:
    """Where capitalisation marks names: the text, and the headline unless it is in Title Case."""
    words = [w for w in _WORD.findall(story.headline)]
    title_case = len(words) >= 3 and sum(w[0].isupper() for w in words) > len(words) / 2
    return story.text if title_case else f"{story.headline}\n{story.text}"


def _head(story: Story) -> str:
    """The headline and first paragraph: what the story is about, as opposed to background."""
    first = story.text.strip().split("\n", 1)[0]
    return f"{story.headline}\n{first}"


@lru_cache(maxsize=200_000)
def _stem(word: str, fold_word: FoldWord) -> str:
    """The folded stem of one word (words repeat across stories: folded once)."""
    return fold_word(word)[:NAME_STEM]


def _stems(text: str, fold_word: FoldWord) -> set[str]:
    return {_stem(w, fold_word) for w in _WORD.findall(text)}


@lru_cache(maxsize=50_000)
def _entity_stems(entity_name: str, fold_word: FoldWord) -> frozenset[str]:
    return frozenset(_stem(w, fold_word) for w in _WORD.findall(entity_name))


def _in_head(entity_name: str, head_stems: set[str], fold_word: FoldWord) -> bool:
    """Whether an entity seems named in the head: any of its words' stems is there (Токаевым ~ Tokayev)."""
    return not _entity_stems(entity_name, fold_word).isdisjoint(head_stems)


def describe(story: Story, folded: str, *, fold_word: FoldWord, arrived: datetime) -> StoryFeatures:
    """The features of a story; ``folded`` is its folded headline and text, ``fold_word`` the word folder.

    Keys found in the headline or first paragraph weigh HEAD_BOOST times more: an event named
    in passing further down (background, "earlier this week ...") pulls less.
    """
    head = _head(story)
    head_stems = _stems(head, fold_word)
    head_numbers = numbers(head, story.language)
    keys: dict[str, float] = {}
    for entity in story.entities:
        boost = HEAD_BOOST if _in_head(entity.name, head_stems, fold_word) else 1.0
        keys[f"e:{entity.id}"] = KIND_WEIGHTS.get(entity.kind, 1.0) * boost
    for figure in story.figures:
        if figure.currency:
            boost = HEAD_BOOST if figure.text in head else 1.0
            key = f"f:{figure.currency}:{_plain(figure.value)}"
            keys[key] = max(keys.get(key, 0.0), FIGURE_WEIGHT * boost)
    body = f"{story.headline}\n{story.text}"
    for number in numbers(body, story.language):
        keys.setdefault(f"n:{number}", NUMBER_WEIGHT * (HEAD_BOOST if number in head_numbers else 1.0))
    for stem in name_stems(_name_zone(story), fold_word):
        keys.setdefault(f"p:{stem}", NAME_WEIGHT * (HEAD_BOOST if stem in head_stems else 1.0))
    for country in story.countries:
        keys[f"c:{country}"] = COUNTRY_WEIGHT
    moment = story.published or arrived
    signature = signature_of(folded)
    return StoryFeatures(
        keys=keys,
        day=day_of(moment.date()),
        language=story.language,
        site=story.site,
        length=len(body),
        published=story.published,
        signature=signature,
        bands=bands_of(signature),
        headline=story.headline,
        credit=" ".join(folded.split()[-CREDIT_WORDS:]),
    )


def day_of(when: date) -> int:
    """The day number the cluster window is counted in."""
    return when.toordinal()


__all__ = ["StoryFeatures", "describe", "numbers", "name_stems", "day_of", "NUM_PERM"]
