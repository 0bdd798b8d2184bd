"""Split a story into the zones that weigh differently: dateline, headline, lead, body.

A dateline ("ASTANA —", "БИШКЕК, 25 ноября", "Dushanbe, 3 March (Asia-Plus) —") says
where the story was filed, the strongest sign of its country; the headline and the
first sentence say what it is about; the rest mentions things in passing.
"""

from __future__ import annotations

import re

from steppe.models import Story

_UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІЎҲҶӢ"
# "ASTANA —", "АСТАНА. KAZINFORM —", "BISHKEK (AKIpress) -", "ALMATY, Kazakhstan —"
_CAPS_DATELINE = re.compile(
    rf"^\s*([{_UPPER}][{_UPPER}'’ʻ\-]+(?: [{_UPPER}][{_UPPER}'’ʻ\-]+){{0,2}})"
    r"\s*(?:\([^)\n]{1,40}\)\s*)?[,—–:.\-]"
)
# "Dushanbe, 3 March —", "Бишкек, 25 ноября", "Tashkent, Dec. 3", "Astana (Kazinform) —"
_PLACE_DATELINE = re.compile(
    rf"^\s*([{_UPPER}][\w'’ʻ\-]+(?: [{_UPPER}][\w'’ʻ\-]+){{0,2}})"
    r"(?:,\s*\d{1,2}\s+\w+|,\s*\w+\.?\s+\d{1,2}\b|\s*\([^)\n]{1,40}\)|\s+[—–]|\s+--)"
)
_SENTENCE_END = re.compile(r"[.!?…](?=\s|$)|\n")
LEAD_MIN, LEAD_MAX = 40, 320  # characters: the lead is the first sentence, within these bounds


def dateline(text: str) -> tuple[str, int]:
    """The dateline's place words and where the story proper starts, or ('', 0)."""
    head = text[:120]
    for pattern in (_CAPS_DATELINE, _PLACE_DATELINE):
        match = pattern.match(head)
        if match:
            return match.group(1), match.end()
    return "", 0


def lead_end(text: str, start: int) -> int:
    """Where the lead (first sentence) of ``text`` ends."""
    match = _SENTENCE_END.search(text, start + LEAD_MIN, start + LEAD_MAX)
    return match.end() if match else min(len(text), start + LEAD_MAX)


def zones(story: Story, with_dateline: bool = True) -> list[tuple[str, str]]:
    """(zone, text) pairs in reading order; ``with_dateline=False`` reads the start as text."""
    text = story.text or ""
    place, start = dateline(text) if with_dateline else ("", 0)
    end = lead_end(text, start)
    parts = [("dateline", place), ("headline", story.headline or ""), ("lead", text[start:end]), ("body", text[end:])]
    return [(zone, part) for zone, part in parts if part.strip()]
