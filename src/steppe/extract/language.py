"""Language of a story, told among the languages that matter on Central Asian news sites.

py3langid restricted to the region's languages and a few neighbours; Uzbek in Latin
and in Cyrillic script both come back as 'uz'.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

LANGUAGES: tuple[str, ...] = (
    "en",
    "ru",
    "kk",
    "ky",
    "tg",
    "uz",
    "uzs",
    "tk",
    "tr",
    "fa",
    "mn",
    "zh",
    "de",
    "fr",
)
ALIASES: dict[str, str] = {"uzs": "uz"}
MIN_LETTERS = 12  # below this, a guess is noise
SAMPLE_CHARS = 1500  # enough for a stable answer, cheap on long pages
_NOT_LETTER = re.compile(r"[\W\d_]+")


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    known = set(identifier.labels)
    identifier.set_languages([code for code in LANGUAGES if code in known])
    return identifier


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text."""
    sample = text[:SAMPLE_CHARS]
    if len(_NOT_LETTER.sub("", sample)) < MIN_LETTERS:
        return None
    code, _confidence = _identifier().classify(sample)
    return ALIASES.get(code, code)
