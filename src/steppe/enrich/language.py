"""Language identification for stories that arrive without a language.

py3langid, restricted to the region's languages and a few neighbours, loaded once on
first use (about half a second). Offline: the model ships inside the wheel.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

LANGUAGES = ("en", "ru", "kk", "ky", "tg", "uz", "tk", "mn", "tr", "az", "fa", "uk")
SAMPLE_CHARS = 1500  # the start of a story says enough, and costs less


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid import langid

    identifier = langid.LanguageIdentifier.from_modelpath(langid.MODEL_DIR / langid.MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or None when there is no text."""
    sample = text[:SAMPLE_CHARS]
    if not any(c.isalpha() for c in sample):
        return None
    language, _ = _identifier().classify(sample)
    return str(language)
