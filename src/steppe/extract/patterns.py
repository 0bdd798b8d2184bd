"""Data the extract stage matches against: kept apart from the logic that uses it.

Magic numbers of binary formats, month names, currency names, ticker shapes,
story-container class names and the separators sites put before their name in
a page title. Changing what is recognised should mean editing this file only.
"""

from __future__ import annotations

import re

# --- binary formats: (leading bytes, human name) -------------------------------------
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"RIFF", "RIFF media (WebP/WAV/AVI)"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"\x00\x00\x01\x00", "ICO image"),
    (b"ID3", "MP3 audio"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"\x1aE\xdf\xa3", "Matroska/WebM video"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
)
# ISO media (MP4/MOV/HEIC) carry their tag at offset 4.
ISO_MEDIA_TAG = (4, b"ftyp", "MP4/QuickTime media")

# --- months, as they appear in date lines ------------------------------------------------
MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan январь января янв қаңтар қаңтары yanvar январ",
        "february feb февраль февраля фев ақпан ақпаны fevral феврал",
        "march mar март марта мар наурыз наурызы mart",
        "april apr апрель апреля апр сәуір сәуірі aprel апрел",
        "may май мая мамыр мамыры may",
        "june jun июнь июня июн маусым маусымы iyun июн",
        "july jul июль июля июл шілде шілдесі iyul июл",
        "august aug август августа авг тамыз тамызы avgust",
        "september sep sept сентябрь сентября сен қыркүйек қыркүйегі sentabr сентябр",
        "october oct октябрь октября окт қазан қазаны oktabr октябр",
        "november nov ноябрь ноября ноя қараша қарашасы noyabr ноябр",
        "december dec декабрь декабря дек желтоқсан желтоқсаны dekabr декабр",
    ),
    start=1,
):
    for _name in _names.split():
        MONTHS.setdefault(_name, _number)

MONTH_ALT = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
WEEKDAY_ALT = (
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun"
    r"|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|пн|вт|ср|чт|пт|сб|вс"
)

# A line that is only a date (with optional weekday and time) dates the stories below it.
DATE_LINE_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        (
            rf"^(?:(?:{WEEKDAY_ALT})[,.]?\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{MONTH_ALT})\.?,?\s+(?P<y>\d{{4}})"
            r"(?:\s*(?:г\.?|года|ж\.?|жыл[ыа]?|y\.?|yil))?(?:[,\s]+\d{1,2}:\d{2})?\s*$"
        ),
        (
            rf"^(?:(?:{WEEKDAY_ALT})[,.]?\s+)?(?P<m>{MONTH_ALT})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})"
            r"(?:[,\s]+\d{1,2}:\d{2})?\s*$"
        ),
        r"^(?:(?:" + WEEKDAY_ALT + r")[,.]?\s+)?(?P<d>\d{1,2})[./](?P<mn>\d{1,2})[./](?P<y>\d{4})"
        r"(?:\s*(?:г\.?|года))?(?:[,\s]+\d{1,2}:\d{2})?\s*$",
        r"^(?P<y>\d{4})-(?P<mn>\d{2})-(?P<d>\d{2})(?:[T\s]+\d{1,2}:\d{2}(?::\d{2})?)?\s*$",
    )
)

# --- currencies ---------------------------------------------------------------------------
CURRENCY_CODES: frozenset[str] = frozenset(
    [
        "USD",
        "EUR",
        "RUB",
        "KZT",
        "KGS",
        "UZS",
        "TJS",
        "TMT",
        "CNY",
        "GBP",
        "JPY",
        "CHF",
        "TRY",
        "AED",
        "MNT",
        "AFN",
        "IRR",
        "INR",
        "KRW",
        "BYN",
        "UAH",
        "AZN",
        "GEL",
        "AMD",
        "SEK",
        "NOK",
        "DKK",
        "PLN",
        "CZK",
        "HUF",
        "CAD",
        "AUD",
        "SGD",
        "HKD",
        "SAR",
        "XAU",
        "XAG",
        "BTC",
    ]
)
CURRENCY_NAMES: dict[str, str] = {
    "доллар": "USD",
    "доллара": "USD",
    "долл": "USD",
    "доллар сша": "USD",
    "dollar": "USD",
    "us dollar": "USD",
    "евро": "EUR",
    "euro": "EUR",
    "рубль": "RUB",
    "рубля": "RUB",
    "российский рубль": "RUB",
    "rouble": "RUB",
    "ruble": "RUB",
    "юань": "CNY",
    "юаня": "CNY",
    "yuan": "CNY",
    "тенге": "KZT",
    "теңге": "KZT",
    "tenge": "KZT",
    "сом": "KGS",
    "som": "KGS",
    "сум": "UZS",
    "so'm": "UZS",
    "soʻm": "UZS",
    "сомони": "TJS",
    "somoni": "TJS",
    "манат": "TMT",
    "manat": "TMT",
    "фунт": "GBP",
    "pound": "GBP",
    "иена": "JPY",
    "йена": "JPY",
    "yen": "JPY",
    "лира": "TRY",
    "lira": "TRY",
    "золото": "XAU",
    "gold": "XAU",
    "ақш доллары": "USD",
    "доллары": "USD",
    "еуро": "EUR",
    "ресей рублі": "RUB",
}
CURRENCY_SYMBOLS: dict[str, str] = {"$": "USD", "€": "EUR", "₽": "RUB", "¥": "CNY", "£": "GBP", "₸": "KZT"}

# The home currency a bare "USD 478.77" on a site is quoted in, by the site's domain ending.
HOME_CURRENCY_BY_TLD: dict[str, str] = {
    "kz": "KZT",
    "kg": "KGS",
    "uz": "UZS",
    "tj": "TJS",
    "tm": "TMT",
    "ru": "RUB",
    "mn": "MNT",
    "af": "AFN",
    "by": "BYN",
    "ua": "UAH",
    "tr": "TRY",
    "cn": "CNY",
}

# --- HTML ---------------------------------------------------------------------------------
BLOCK_TAGS: frozenset[str] = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
        "html",
        "title",
        "option",
        "caption",
    ]
)
CELL_TAGS: frozenset[str] = frozenset({"td", "th"})
SKIPPED_TAGS: frozenset[str] = frozenset({"script", "style", "noscript", "template", "svg", "head"})
HEADING_TAGS: tuple[str, ...] = ("h1", "h2", "h3", "h4")
# Elements of a front page or digest that hold one story each.
STORY_CONTAINER_CLASS = re.compile(
    r"(?:^|[\s_-])(story|news-item|newsitem|news_item|post|entry|teaser|digest-item|article-item)(?:$|[\s_-])",
    re.IGNORECASE,
)
HEADLINE_CLASS = re.compile(r"(?:^|[\s_-])(title|headline|heading)(?:$|[\s_-])", re.IGNORECASE)
# What separates a headline from the site name in <title>: "Headline | Site", "Headline - Site".
TITLE_SEPARATORS = re.compile(r"\s+(?:[|–—·•:»]|-|::)\s+")

# --- tickers ------------------------------------------------------------------------------
NUMBER = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
ARROWS = "▲▼↑↓△▽⬆⬇🔺🔻"
CHANGE = (
    rf"(?:\s*\|)?(?:\s*[{ARROWS}])?\s*(?P<chg>[+\-−–]\s?(?:{NUMBER})\s?%?|(?:{NUMBER})\s?%|\(\s*[+\-−–]?(?:{NUMBER})\s?%?\s*\))?"
    rf"(?:\s*[{ARROWS}])?"
)
# Words naming a ticker or its columns ("Курсы валют:", "Currency | Rate | Change").
TICKER_LABEL = re.compile(
    r"^\s*(?:[\w .]{0,20}\b)?(курс\w*|валют\w*|rates?|exchange|currency|currencies|buy|sell|"
    r"покупка|продажа|change|изм\w*|нбк|нбкр|цб|цбу|official)\b[\w .|/:()-]{0,60}$",
    re.IGNORECASE,
)
TICKER_SEPARATORS = re.compile(r"^[\s|•·,;/*\-–—:=()\[\]]*$")

# --- segmentation -------------------------------------------------------------------------
# Words a Title Case headline may leave in lower case.
TITLE_SMALL_WORDS: frozenset[str] = frozenset(
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
        "off",
        "on",
        "onto",
        "or",
        "over",
        "per",
        "the",
        "to",
        "up",
        "upon",
        "vs",
        "via",
        "with",
        "without",
        "than",
        "that",
        "is",
        "are",
        "was",
        "be",
        "its",
        "his",
        "her",
        "their",
        "amid",
        "after",
        "before",
        "against",
    ]
)
HEADLINE_END_OK = "?!"
SENTENCE_END = '.!?…»"”’)'
# Short common words left out when measuring how much two passages share.
STOP_WORDS: frozenset[str] = frozenset(
    [
        "this",
        "that",
        "with",
        "from",
        "have",
        "were",
        "been",
        "which",
        "their",
        "there",
        "they",
        "will",
        "would",
        "said",
        "says",
        "also",
        "about",
        "after",
        "than",
        "into",
        "over",
        "more",
        "most",
        "such",
        "some",
        "other",
        "them",
        "these",
        "those",
        "what",
        "when",
        "where",
        "while",
        "year",
        "years",
        "percent",
        "million",
        "billion",
        "между",
        "было",
        "были",
        "будет",
        "который",
        "которые",
        "также",
        "после",
        "более",
        "этом",
        "этого",
        "году",
        "года",
        "свои",
        "своей",
        "когда",
        "если",
        "только",
        "отметил",
        "сообщил",
        "заявил",
        "является",
    ]
)
# A first paragraph opening with a dateline: "ASTANA, Dec 14 (Steppe) —", "БИШКЕК, 14 декабря —".
DATELINE = re.compile(
    r"^[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][A-ZА-ЯЁӘҒҚҢӨҰҮҺІ' .-]{2,30}(?:\s*\([^)]{1,30}\))?\s*[,–—-]\s*"
    r"(?:\d{1,2}\s+\w+\.?|\w+\.?\s+\d{1,2})?\s*(?:\([^)]{1,30}\))?\s*[.,]?\s*[–—-]?\s*(?:/[^/]{1,30}/)?",
)

# --- boilerplate lines --------------------------------------------------------------------
# Lines news sites put around and inside an article that are never its text: teaser lead-ins
# ("Читайте также: <headline>"), the error-report note, channel promos, the media
# registration notice, cookie notices. Matched from the start of a line, case-insensitively.
BOILERPLATE_LINE = re.compile(
    r"^\s*(?:"
    r"(?:читайте|смотрите) (?:также|еще|ещё)\s*[:.—–-]|см\. также\s*[:.—–-]|(?:read|see) also\s*[:.—–-]"
    r"|нашли (?:ошибку|опечатку)\?|(?:выделите|выделив) (?:её|ее|текст|фрагмент|ошибку)[^.]{0,40}ctrl\s*\+\s*enter"
    r"|(?:подписывайтесь|подпишитесь) на (?:наш|нас)[^.]{0,30}(?:telegram|телеграм|канал|соцсет|youtube|instagram)"
    r"|свидетельство о регистрации (?:сми|средства массовой)"
    r"|(?:мы используем|сайт использует|этот сайт использует) (?:файлы )?cookie|we use cookies"
    r")",
    re.IGNORECASE,
)
MAX_BOILERPLATE_LINE = 400  # longer lines are text that happens to start like boilerplate
