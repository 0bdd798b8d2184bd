"""Language of a text, told among the languages that matter on Central Asian news sites.

The one identifier of the pipeline: extract tags each story with it and enrich fills in a
story that arrived without a language, so the two can never disagree. py3langid, restricted
to the region's languages, its neighbours and the languages foreign outlets write in, is
loaded once on first use (about half a second; offline, the model ships inside the wheel).
Uzbek in Latin and in Cyrillic script both come back as 'uz'.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# The region's own languages (Uzbek Cyrillic is the model's "uzs"), its neighbours, and
# foreign languages whose pages would otherwise be taken for one of ours: without them
# Korean and Japanese came back as Chinese or Tajik, Portuguese and Italian as French,
# Indonesian as Uzbek. Every language added is one more the region's texts can be mistaken
# for, Cyrillic ones especially (Bulgarian, Serbian and Macedonian stay out for that reason).
REGION = ("en", "ru", "kk", "ky", "tg", "uz", "uzs", "tk")
NEIGHBOURS = ("az", "fa", "mn", "tr", "uk", "zh")
FOREIGN = ("de", "fr", "es", "it", "pt", "id", "ja", "ko")
LANGUAGES: tuple[str, ...] = REGION + NEIGHBOURS + FOREIGN
ALIASES: dict[str, str] = {"uzs": "uz"}
MIN_LETTERS = 12  # below this, a guess is noise
SAMPLE_CHARS = 1500  # the start of a story says enough, and costs less
_NOT_LETTER = re.compile(r"[\W\d_]+")


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    known = set(identifier.labels)
    identifier.set_languages([code for code in LANGUAGES if code in known])
    return identifier


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text to tell."""
    sample = text[:SAMPLE_CHARS]
    if len(_NOT_LETTER.sub("", sample)) < MIN_LETTERS:
        return None
    code, _confidence = _identifier().classify(sample)
    return ALIASES.get(str(code), str(code))
