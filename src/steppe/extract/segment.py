"""Digest segmentation: one story per headline in a page that carries several.

Headlines are found as a reader finds them, not by a separator: a short line without final
punctuation that opens a run of body paragraphs. Marker lines are not text: a date line above
or below a headline dates its story, a byline under a headline and a "Read more" line after a
story's last paragraph are set aside. A marker next to a headline-like line opens a story on its
own; a page whose date lines stand under their headlines reads every date line that way. The
other headline-like lines are weighed for the whole page at once: the set of breaks is chosen
by dynamic programming, each break paying for a weak headline form (short, not Title Case), for
words shared with the lines just above it (a subheading goes on with its article's subject), and
for a case unlike the page's other headlines, and being paid back by a change of vocabulary
between the stories it separates. Where most stories are marked by one kind of marker, unmarked
lines do not open one; after a single sentence a short subheading does not.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from steppe.extract.dates import parse_date_line
from steppe.extract.patterns import DATELINE, HEADLINE_END_OK, SENTENCE_END, STOP_WORDS, TITLE_SMALL_WORDS
from steppe.extract.text import is_credit, is_name_line, is_read_more, lower_words

MAX_HEADLINE_WORDS = 24
MAX_HEADLINE_CHARS = 180
BREAK_THRESHOLD = 4
DATE_ABOVE_SCORE = 100  # a marker next to a headline always opens a story
_WORD = re.compile(r"[^\W\d_]{4,}")
_OPENING_MARKS = "«\"'“‘(„[¿¡"


@dataclass
class Segment:
    """One story's lines as found on a page, its date, and the marker lines set aside."""

    headline: str | None
    lines: list[str] = field(default_factory=list)
    day: date | None = None
    markers: list[str] = field(default_factory=list)


def is_headline_like(line: str) -> bool:
    """Short, capitalised, no closing full stop: could be a headline."""
    words = line.split()
    if not 2 <= len(words) <= MAX_HEADLINE_WORDS or len(line) > MAX_HEADLINE_CHARS:
        return False
    first_word = line.lstrip(_OPENING_MARKS)
    first = first_word[:1]
    if not first or not (first.isupper() or first.isdigit() or _has_inner_capital(first_word.split()[0])):
        return False
    last = line.rstrip()[-1]
    return last in HEADLINE_END_OK or last not in ".,;:…"


def _has_inner_capital(word: str) -> bool:
    return any(ch.isupper() for ch in word[1:])  # "iPhone", "eBay"


def is_title_case(line: str) -> bool:
    """Most significant Latin-script words capitalised ("Kazakhstan Signs Satellite Deal")."""
    words = [w.strip("\"'“”‘’()«»,:") for w in line.split()]
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


def _stems(lines: list[str]) -> Counter[str]:
    return Counter(w[:6] for line in lines for w in _WORD.findall(line.lower()) if w not in STOP_WORDS)


def form_score(lines: list[str], i: int) -> float:
    """How much line i looks like a story's headline rather than an article's subheading, from its form alone."""
    line, words = lines[i], len(lines[i].split())
    title_case = is_title_case(line)
    score = (1 if title_case else 0) + (words >= 6) + (words >= 8) - 2 * (words <= 4)
    if not title_case and not _is_latin(line) and words >= 5:
        score += 2  # Cyrillic headlines are in sentence case: length stands in for Title Case
    if i + 1 < len(lines) and DATELINE.match(lines[i + 1]):
        score += 2
    return score


_NUMBERED = re.compile(r"^(?:\d{1,2}|[ivx]{1,4}|[a-z])[.)]\s", re.IGNORECASE)
_LABEL = re.compile(r"^([^:]{1,20}):\s")


def _is_section_heading(lines: list[str], i: int, story: list[str]) -> bool:
    """The shapes of an article's own subheadings: a numbered item, one announced by a colon, a repeated label."""
    line = lines[i]
    if _NUMBERED.match(line) or (i > 0 and lines[i - 1].rstrip().endswith(":")):
        return True
    label = _LABEL.match(line)
    return label is not None and any(other.startswith(label.group(0)) for other in story[1:])


def _is_marker(line: str) -> bool:
    return parse_date_line(line) is not None or is_read_more(line) or is_credit(line)


def _next_text(lines: list[str], i: int) -> int | None:
    """Index of the first line after i that is not a marker."""
    for j in range(i + 1, len(lines)):
        if not _is_marker(lines[j]):
            return j
    return None


def _marked_below(lines: list[str], i: int, dates_below: bool = False, names: frozenset[str] = frozenset()) -> bool:
    """A date line or a byline right under line i, then running text: the way headlines are marked.

    On a page whose date lines stand under their headlines any date line below marks line i;
    elsewhere a date line followed by another headline-like line dates that one instead.
    """
    if i + 1 >= len(lines):
        return False
    below = lines[i + 1]
    if is_credit(below):
        return True
    if below in names:
        j = _next_text(lines, i + 1)
        return j is not None and _is_body(lines[j])
    if parse_date_line(below) is None:
        return False
    if dates_below:
        return True
    j = _next_text(lines, i + 1)
    return j is not None and (is_paragraph(lines[j]) and not is_headline_like(lines[j]) or lines[j] in names)


def _byline_below(lines: list[str], i: int, names: frozenset[str]) -> bool:
    """A credit or a line of names right under line i: a headline however short, whatever follows."""
    return i + 1 < len(lines) and (is_credit(lines[i + 1]) or lines[i + 1] in names)


def dates_stand_below(lines: list[str]) -> bool:
    """Whether this page's date lines stand under their headlines rather than above them, by majority."""
    below = above = 0
    for i, line in enumerate(lines):
        if parse_date_line(line) is None:
            continue
        before = lines[i - 1] if i > 0 else ""
        after = lines[i + 1] if i + 1 < len(lines) else ""
        heading_before = is_headline_like(before) and not is_paragraph(before)
        heading_after = is_headline_like(after) and not is_paragraph(after)
        below += heading_before and not heading_after
        above += heading_after and not heading_before
    return below > above


def _opens_story(lines: list[str], i: int, dated: bool = False, names: frozenset[str] = frozenset()) -> bool:
    """Line i is headline-like and followed by running text: past any markers, or past one short line.

    Under a date line any short line without a closing full stop opens a story.
    """
    if is_credit(lines[i]) or _is_menu_or_table(lines[i]):
        return False
    if dated and _is_short_unpunctuated(lines[i]):
        return _next_text(lines, i) is not None
    if not is_headline_like(lines[i]):
        return False
    j = _next_text(lines, i)
    if j is not None and j == i + 1 and lines[j] in names:
        j = _next_text(lines, j)  # a bare byline under the headline
    if j is None:
        return False
    if j == i + 1 and not is_paragraph(lines[j]) and j + 1 < len(lines):
        j += 1  # a kicker or the article's first subheading under the headline
    return _is_body(lines[j])


def _is_short_unpunctuated(line: str) -> bool:
    return 2 <= len(line.split()) <= MAX_HEADLINE_WORDS and line.rstrip()[-1] not in ".,;:…"


def _is_body(line: str) -> bool:
    return is_paragraph(line) and (not is_headline_like(line) or len(line) >= 80)


_MENU_MARKS = re.compile(r"[|•·/]")
_NUMBER = re.compile(r"^[\d.,:%$€£+-]+$")


def _is_menu_or_table(line: str) -> bool:
    """A menu ("Home | News | Sport") or a table row ("Palm Bay 18 22 13 17"): never a headline."""
    words = line.split()
    return len(_MENU_MARKS.findall(line)) >= 3 or sum(bool(_NUMBER.match(w)) for w in words) > 0.4 * len(words)


@dataclass
class _Walk:
    """The state of one pass over a page's lines; `free` says whether an unmarked candidate line opens a story."""

    free: Callable[[int], bool]
    segments: list[Segment] = field(default_factory=list)
    current: Segment = field(default_factory=lambda: Segment(headline=None))
    day: date | None = None
    date_above: bool = False
    ended: bool = False  # a "Read more" line closed the current story
    dates_below: bool = False  # this page's date lines stand under their headlines
    names: frozenset[str] = frozenset()  # the page's lines of people's names only
    opened: list[int] = field(default_factory=list)
    marks: Counter[str] = field(default_factory=Counter)  # stories opened by each kind of marker

    @property
    def marked(self) -> int:
        """How many stories the page's most used kind of marker opened."""
        return max(self.marks.values(), default=0)

    def open(self, i: int, headline: str) -> None:
        if self.current.lines or self.current.headline or self.current.markers:
            self.segments.append(self.current)
        self.current = Segment(headline=headline, day=self.day)
        self.ended = False
        self.opened.append(i)


def segment_lines(lines: list[str], threshold: int = BREAK_THRESHOLD) -> list[Segment]:
    """Split a page's text lines into stories; a page without headlines is one story.

    Lines marked as headlines (a date line above, a byline or date line below, a "Read more"
    line before) always open a story. Among the other headline-like lines, the set that opens
    stories is chosen for the whole page at once (`best_breaks`). threshold at DATE_ABOVE_SCORE
    or above: only marker lines split (HTML articles, whose subheadings look like headlines).
    """
    below = dates_stand_below(lines)
    if threshold >= DATE_ABOVE_SCORE:
        return _walk(lines, lambda i: False, below).segments
    candidates: list[int] = []

    def note(i: int) -> bool:  # the first pass only notes the unmarked candidates
        candidates.append(i)
        return False

    first = _walk(lines, note, below)
    chosen = best_breaks(lines, first.opened, candidates, first.marked)
    habit = case_habit([lines[i] for i in sorted({*first.opened, *chosen}) if i < len(lines)])
    if habit is not None:
        chosen = best_breaks(lines, first.opened, candidates, first.marked, habit)
    return _walk(lines, chosen.__contains__, below).segments


def case_habit(headlines: list[str]) -> bool | None:
    """Whether the page writes its headlines in Title Case (True), in sentence case (False), or mixes them.

    Read from its Latin-script headlines of HABIT_MIN_WORDS words or more, at least two of them.
    """
    known = [is_title_case(h) for h in headlines if _is_latin(h) and len(h.split()) >= HABIT_MIN_WORDS]
    if len(known) < 2:
        return None
    share = sum(known) / len(known)
    return True if share >= HABIT_SHARE else False if share <= 1 - HABIT_SHARE else None


def _walk(lines: list[str], free: Callable[[int], bool], dates_below: bool) -> _Walk:
    common = lower_words(lines)
    names = frozenset(line for line in lines if is_name_line(line, common))
    walk = _Walk(free, dates_below=dates_below, names=names)
    for i, line in enumerate(lines):
        found = parse_date_line(line)
        if found is not None:
            _take_date(walk, lines, i, found)
            continue
        if _is_story_marker(walk, lines, i):
            walk.current.markers.append(line)
            walk.ended = walk.ended or is_read_more(line)
            continue
        if _starts_here(lines, i, walk):
            walk.open(i, line)
        else:
            if walk.current.headline is None and not walk.current.lines:
                walk.current.day = walk.day
            walk.current.lines.append(line)
        walk.date_above = False
    opened = list(walk.opened)
    walk.open(len(lines), "")
    walk.opened = opened
    walk.segments = _without_furniture([s for s in walk.segments if s.lines or s.headline])
    return walk


def _take_date(walk: _Walk, lines: list[str], i: int, found: date) -> None:
    """A date right under a headline dates that story; any other dates the stories below it."""
    current = walk.current
    if current.headline and not current.lines and i > 0 and lines[i - 1] == current.headline:
        current.day = walk.day = found
        return
    walk.day, walk.date_above = found, not walk.dates_below


def _is_story_marker(walk: _Walk, lines: list[str], i: int) -> bool:
    """A "Read more" line, or a byline right under the current headline."""
    line = lines[i]
    if is_read_more(line):
        return True
    under_headline = walk.current.headline is not None and not walk.current.lines
    return under_headline and (is_credit(line) or line in walk.names)


def _starts_here(lines: list[str], i: int, walk: _Walk) -> bool:
    below = _marked_below(lines, i, walk.dates_below, walk.names)
    signed = _byline_below(lines, i, walk.names)
    dated = walk.date_above or walk.ended or signed or (below and walk.dates_below)
    if not _opens_story(lines, i, dated, walk.names):
        return False
    current = walk.current
    if current.headline is None and not current.lines:
        _count_mark(walk, below)
        return True  # the first headline of the page
    if not current.lines:
        return False  # a second headline-like line straight after a headline: a standfirst
    if walk.date_above or below or walk.ended:
        _count_mark(walk, below)
        return True
    return walk.free(i)


def _count_mark(walk: _Walk, below: bool) -> None:
    kind = "above" if walk.date_above else "below" if below else "end" if walk.ended else ""
    if kind:
        walk.marks[kind] += 1


def _without_furniture(segments: list[Segment]) -> list[Segment]:
    """Short lines before the first headline with no running text (a menu, a caption) are markers too."""
    if len(segments) < 2 or segments[0].headline is not None:
        return segments
    lead = segments[0]
    if any(is_paragraph(line) for line in lead.lines):
        return segments
    segments[1].markers[:0] = lead.markers + lead.lines
    return segments[1:]


# --- choosing the breaks of a whole page ------------------------------------------------------
# Each story is read as drawn from its own vocabulary (Utiyama and Isahara's maximum-probability
# segmentation): a split pays where the two parts share words and is paid back where they do not.
# A break's own cost falls with its form: a long Title Case line is cheap to open a story with,
# a short one dear.
BREAK_COST = 7.0
FORM_WEIGHT = 4.0
MARKED_PAGE = 2
MIN_EVIDENCE_TOKENS = 20
STRONG_FORM = 3
WEAK_EVIDENCE_COST = 20.0
MARKED_PAGE_COST = 100.0
HABIT_MIN_WORDS = 4
HABIT_COST = 8.0
HABIT_SHARE = 0.7
COHESION_LINES = 4
COHESION_WEIGHT = 250.0
COHESION_MID = 0.03
WALL_FORM = 2
STRONG_COHESION_CAP = 0.0
COHESION_SMOOTHING = 60.0  # keeps a word or two shared by short windows from reading as one topic


def best_breaks(
    lines: list[str], forced: list[int], candidates: list[int], marked: int = 0, habit: bool | None = None
) -> set[int]:
    """The candidate lines that open stories, chosen for the whole page by dynamic programming.

    On a page whose stories are marked (marked of them, more than the unmarked lines of strong headline
    form), an unmarked line is dearer to break at.
    """
    if not candidates:
        return set()
    free = set(candidates)
    bounds = sorted({0, *forced} | free)
    counts = [_stems([] if _is_marker(line) else [line]) for line in lines]
    vocabulary = len(set().union(*counts)) + 1
    strong = sum(form_score(lines, i) >= WALL_FORM for i in candidates)
    # the local window stops at a marked headline and at a line of strong headline form
    walls = sorted({0, *forced, len(lines)} | {i for i in candidates if form_score(lines, i) >= WALL_FORM})
    cohesion = {}
    for i in candidates:
        k = bisect.bisect_right(walls, i)  # walls[k - 1] is i itself when i is a wall
        start = walls[k - 2] if walls[k - 1] == i and k >= 2 else walls[k - 1]
        before, after = max(start, i - COHESION_LINES), min(walls[k], i + 1 + COHESION_LINES)
        cohesion[i] = COHESION_WEIGHT * (_cohesion(counts, before, i, after) - COHESION_MID)
        if form_score(lines, i) >= STRONG_FORM:  # a long Title Case line may open a story on the same subject
            cohesion[i] = min(cohesion[i], STRONG_COHESION_CAP)
    unmarked = MARKED_PAGE_COST if marked >= MARKED_PAGE and marked > strong else 0.0
    ends = bounds[1:] + [len(lines)]
    best = [0.0] + [math.inf] * len(bounds)
    back = [0] * (len(bounds) + 1)
    for a in range(len(bounds)):
        seen: Counter[str] = Counter()
        tokens, surprise = 0, 0.0
        for b in range(a + 1, len(bounds) + 1):
            for stem, n in _segment_counts(counts, bounds[b - 1], ends[b - 1]).items():
                old = seen[stem]
                surprise += (old + n) * math.log(old + n + 1) - old * math.log(old + 1)
                seen[stem] = old + n
                tokens += n
            cost = best[a] + tokens * math.log(tokens + vocabulary) - surprise
            if b < len(bounds) and bounds[b] in free:
                cost += _break_cost(lines, bounds[b], tokens, habit) + unmarked + cohesion[bounds[b]]
            if cost < best[b]:
                best[b], back[b] = cost, a
            if b < len(bounds) and bounds[b] not in free:
                break  # no story runs over a marked headline
    chosen, b = set(), len(bounds)
    while b > 0:
        b = back[b]
        if b > 0:
            chosen.add(bounds[b])
    return chosen & free


def _break_cost(lines: list[str], i: int, tokens_before: int, habit: bool | None = None) -> float:
    """The cost of opening a story at line i: high for a weak headline form, after too little text to
    tell a change of subject (a lede of one sentence, then a subheading), or against the page's case habit;
    low for a strong headline form after too little text."""
    form = form_score(lines, i)
    # After too little text to weigh a change of subject, the form alone decides: a weak line stays a
    # subheading, a line of strong headline form opens a story (the word counts cannot tell either way).
    short = tokens_before < MIN_EVIDENCE_TOKENS
    cost = BREAK_COST - FORM_WEIGHT * form
    if short:
        cost += WEAK_EVIDENCE_COST if form < STRONG_FORM else -WEAK_EVIDENCE_COST
    line = lines[i]
    if habit is not None and _is_latin(line) and len(line.split()) >= HABIT_MIN_WORDS:
        cost += HABIT_COST if is_title_case(line) != habit else 0.0
    return cost


def _cohesion(counts: list[Counter[str]], start: int, i: int, end: int) -> float:
    """The cosine of the words of lines start..i-1 and of lines i..end-1: the text just above a candidate
    headline and the start of the story it would open."""
    before = _segment_counts(counts, start, i)
    after = _segment_counts(counts, i, end)
    shared = sum(n * after[stem] for stem, n in before.items())
    norms = math.sqrt(sum(n * n for n in before.values()) * sum(n * n for n in after.values()))
    return shared / (norms + COHESION_SMOOTHING)


def _segment_counts(counts: list[Counter[str]], start: int, end: int) -> Counter[str]:
    total: Counter[str] = Counter()
    for i in range(start, end):
        total.update(counts[i])
    return total
