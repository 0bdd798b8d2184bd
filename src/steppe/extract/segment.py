"""Digest segmentation: one story per headline in a page that carries several.

Lines are classified as date lines, headline candidates and paragraphs. The first
headline-like line opens the first story; a later candidate opens a new story only
when the evidence adds up (Title Case, length, a date line above it, a dateline in the
paragraph below, little vocabulary shared with the story so far). Short subheadings
inside one article never reach the threshold, so a single article is not split.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from steppe.extract.dates import parse_date_line
from steppe.extract.patterns import (
    DATELINE,
    HEADLINE_END_OK,
    SENTENCE_END,
    STOP_WORDS,
    TITLE_SMALL_WORDS,
)

MAX_HEADLINE_WORDS = 20
MAX_HEADLINE_CHARS = 160
BREAK_THRESHOLD = 4
DATE_ABOVE_SCORE = 100  # a date line right above a headline always opens a story
LOOKAHEAD_WORDS = 80
_WORD = re.compile(r"[^\W\d_]{4,}")


@dataclass
class Segment:
    """One story's lines as found on a page, with the date line above it if any."""

    headline: str | None
    lines: list[str] = field(default_factory=list)
    day: date | None = None


def is_headline_like(line: str) -> bool:
    """Short, capitalised, no closing full stop: could be a headline."""
    words = line.split()
    if not 2 <= len(words) <= MAX_HEADLINE_WORDS or len(line) > MAX_HEADLINE_CHARS:
        return False
    first = line.lstrip("«\"'“‘(")[:1]
    if not first or not (first.isupper() or first.isdigit()):
        return False
    last = line.rstrip()[-1]
    return last in HEADLINE_END_OK or last not in ".,;:…"


def is_title_case(line: str) -> bool:
    """Most significant Latin-script words capitalised ("Kazakhstan Signs Satellite Deal")."""
    words = [w.strip("\"'“”‘’()«»,") for w in line.split()]
    latin = [w for w in words if w and w[0].isalpha() and w[0].isascii()]
    significant = [w for w in latin if w.lower() not in TITLE_SMALL_WORDS]
    if len(significant) < 2 or len(latin) < len(words) * 0.6:
        return False
    capitalised = sum(1 for w in significant if w[0].isupper())
    return capitalised / len(significant) >= 0.75


def _is_latin(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return sum(ch.isascii() for ch in letters) >= 0.6 * max(1, len(letters))


def is_paragraph(line: str) -> bool:
    """Running text: long, or ending like a sentence."""
    return len(line) >= 80 or (len(line.split()) >= 6 and line.rstrip()[-1:] in SENTENCE_END)


def _stems(lines: list[str]) -> set[str]:
    return {w[:6] for line in lines for w in _WORD.findall(line.lower()) if w not in STOP_WORDS}


def _lookahead(lines: list[str], start: int) -> list[str]:
    taken, words = [], 0
    for line in lines[start:]:
        taken.append(line)
        words += len(line.split())
        if words >= LOOKAHEAD_WORDS:
            break
    return taken


def break_score(lines: list[str], i: int, story: list[str], date_above: bool) -> int:
    """How strongly line i opens a new story rather than a section of the current one."""
    line, words = lines[i], len(lines[i].split())
    if date_above:
        return DATE_ABOVE_SCORE
    title_case = is_title_case(line)
    score = 2 if title_case else 0
    score += (words >= 6) + (words >= 8) - 2 * (words <= 4)
    if not title_case and not _is_latin(line) and words >= 5:
        score += 2  # Cyrillic headlines are in sentence case: length stands in for Title Case
    if i + 1 < len(lines) and DATELINE.match(lines[i + 1]):
        score += 2
    ahead, before = _stems(_lookahead(lines, i + 1)), _stems(story)
    if ahead and before:
        overlap = len(ahead & before) / min(len(ahead), len(before))
        # A follow-up told as its own story shares words with the story above (the satellite
        # deal after the state visit): shared vocabulary weighs against a break only when the
        # line lacks a headline's form.
        score += 1 if overlap < 0.12 else -1 if overlap > 0.3 and not (title_case and words >= 8) else 0
    return score


def _opens_story(lines: list[str], i: int) -> bool:
    """Line i is headline-like, follows running text, and is followed by running text."""
    if not is_headline_like(lines[i]) or i + 1 >= len(lines):
        return False
    return (
        is_paragraph(lines[i + 1])
        and not is_headline_like(lines[i + 1])
        or (is_paragraph(lines[i + 1]) and len(lines[i + 1]) >= 80)
    )


def segment_lines(lines: list[str], threshold: int = BREAK_THRESHOLD) -> list[Segment]:
    """Split a page's text lines into stories; a page without headlines is one story."""
    segments: list[Segment] = []
    current = Segment(headline=None)
    day: date | None = None
    date_above = False
    for i, line in enumerate(lines):
        found = parse_date_line(line)
        if found is not None:
            day, date_above = found, True
            continue
        if _starts_here(lines, i, current, date_above, threshold):
            if current.lines or current.headline:
                segments.append(current)
            current = Segment(headline=line, day=day)
        else:
            if current.headline is None and not current.lines:
                current.day = day
            current.lines.append(line)
        date_above = False
    if current.lines or current.headline:
        segments.append(current)
    return [s for s in segments if s.lines or s.headline]


def _starts_here(lines: list[str], i: int, current: Segment, date_above: bool, threshold: int) -> bool:
    if not _opens_story(lines, i):
        return False
    if current.headline is None and not current.lines:
        return True  # the first headline of the page
    if not current.lines:
        return False  # a second headline-like line straight after a headline: a standfirst
    if threshold > DATE_ABOVE_SCORE - BREAK_THRESHOLD and not date_above:
        return False  # only a date line can split here: skip the costly scoring
    return break_score(lines, i, current.lines, date_above) >= threshold
