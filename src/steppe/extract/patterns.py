"""Data the extract stage matches against: kept apart from the logic that uses it.

Magic numbers of binary formats, month names, currency names, ticker shapes,
story-container class names and the separators sites put before their name in
a page title. Changing what is recognised should mean editing this file only.
"""

from __future__ import annotations

import re

from steppe.text.numbers import NUMBER

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
# ISO codes a ticker may print ("USD 478.77", "USD/KZT 478,77").
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
# Names a ticker prints instead of a code, by currency and language ("uz" is Uzbek in Latin
# letters, "uz-Cyrl" in Cyrillic), forms separated by "|". Short forms are what tickers print
# ("Доллар 478,77"); long ones follow CLDR's display names ("Қазақстан теңгесі"). In Uzbek Latin
# "'" stands for every apostrophe sites use (' ‘ ʻ ’ `). Plain English words that are currency
# names only by accident ("sum", "won", "real", "rand") are left out.
CURRENCY_NAME_FORMS: dict[str, dict[str, str]] = {
    "USD": {
        "en": "dollar|us dollar|u.s. dollar|american dollar",
        "ru": "доллар|доллара|долл|доллар сша|американский доллар",
        "kk": "доллар|доллары|ақш доллары",
        "ky": "доллар|доллары|акш доллары",
        "uz": "dollar|dollari|aqsh dollari",
        "uz-Cyrl": "доллар|доллари|ақш доллари",
        "tg": "доллар|доллари има",
        "tk": "dollar|dollary|abş dollary",
    },
    "EUR": {
        "en": "euro",
        "ru": "евро",
        "kk": "еуро|евро",
        "ky": "евро",
        "uz": "yevro|evro",
        "uz-Cyrl": "евро",
        "tg": "евро",
        "tk": "ýewro|ewro",
    },
    "RUB": {
        "en": "ruble|rouble|russian ruble|russian rouble",
        "ru": "рубль|рубля|российский рубль",
        "kk": "рубль|ресей рублі",
        "ky": "рубль|орус рублу|орус рубли",
        "uz": "rubl|rossiya rubli",
        "uz-Cyrl": "рубль|россия рубли|рус рубли",
        "tg": "рубл|рубли русӣ|рубли русия",
        "tk": "rubl|rus rubly|russiýa rubly",
    },
    "CNY": {
        "en": "yuan|chinese yuan|renminbi|rmb",
        "ru": "юань|юаня|китайский юань",
        "kk": "юань|қытай юані",
        "ky": "юань|кытай юаны",
        "uz": "yuan|xitoy yuani",
        "uz-Cyrl": "юань|хитой юани",
        "tg": "юан|юани чин|иенаи хитоӣ",
        "tk": "ýuan|hytaý ýuany",
    },
    "KZT": {
        "en": "tenge|kazakhstani tenge|kazakh tenge",
        "ru": "тенге|казахстанский тенге|казахский тенге",
        "kk": "теңге|тенге|қазақстан теңгесі",
        "ky": "теңге|тенге|казакстан теңгеси",
        "uz": "tenge|qozog'iston tengesi",
        "uz-Cyrl": "тенге|қозоғистон тенгеси",
        "tg": "тенге|тангаи қазоқистон|тангаи казокистон",
        "tk": "teňňe|tenge|gazak teňňesi",
    },
    "KGS": {
        "en": "som|kyrgyz som|kyrgyzstani som",
        "ru": "сом|киргизский сом|кыргызский сом",
        "kk": "сом|қырғыз сомы|қырғызстан сомы",
        "ky": "сом|кыргыз сому|кыргызстан сому",
        "uz": "som|qirg'iziston somi",
        "uz-Cyrl": "сом|қирғизистон соми",
        "tg": "сом|соми қирғизистон",
        "tk": "som|gyrgyz somy",
    },
    "UZS": {
        "en": "uzbek sum|uzbek som|uzbekistani som|uzbekistani sum",
        "ru": "сум|узбекский сум",
        "kk": "сум|өзбек сомы|өзбекстан сомы",
        "ky": "сум|өзбекстан суму",
        "uz": "so'm|o'zbekiston so'mi",
        "uz-Cyrl": "сўм|ўзбекистон сўм|ўзбекистон сўми",
        "tg": "сўм|сўми ӯзбекистон",
        "tk": "özbek somy",
    },
    "TJS": {
        "en": "somoni|tajikistani somoni|tajik somoni",
        "ru": "сомони|таджикский сомони",
        "kk": "сомони|тәжікстан сомониі",
        "ky": "сомони|тажикстан сомониси",
        "uz": "somoni|tojikiston somoniysi",
        "uz-Cyrl": "сомоний|тожикистон сомонийси",
        "tg": "сомонӣ|сомони|сомонии тоҷикистон",
        "tk": "somoni|täjik somonisi",
    },
    "TMT": {
        "en": "manat|turkmen manat|turkmenistani manat",
        "ru": "манат|туркменский манат|новый туркменский манат",
        "kk": "манат|түрікменстан манаты",
        "ky": "манат|түркмөнстан манаты",
        "uz": "manat|turkmaniston manati",
        "uz-Cyrl": "манат|туркманистон манати",
        "tg": "манат|манати туркманистон",
        "tk": "manat|türkmen manady",
    },
    "GBP": {
        "en": "pound|british pound|pound sterling",
        "ru": "фунт|фунт стерлингов|британский фунт|британский фунт стерлингов",
        "kk": "фунт|британдық фунт|фунт стерлинг",
        "ky": "фунт|британия фунт стерлинги",
        "uz": "funt|funt sterling|angliya funt sterlingi",
        "uz-Cyrl": "фунт|инглиз фунт|фунт стерлинг",
        "tg": "фунт|фунт стерлинги британӣ",
        "tk": "funt|britan funt sterlingi",
    },
    "JPY": {
        "en": "yen|japanese yen",
        "ru": "иена|йена|японская иена|японская йена",
        "kk": "иена|жапония иенасы",
        "ky": "йен|жапан йени",
        "uz": "iyena|yaponiya iyenasi",
        "uz-Cyrl": "йена|япон йенаси",
        "tg": "иена|иенаи японӣ",
        "tk": "ýen|ýapon ýeni",
    },
    "CHF": {
        "en": "franc|swiss franc",
        "ru": "франк|швейцарский франк",
        "kk": "франк|швейцария франкі",
        "ky": "франк|швейцария франкы",
        "uz": "frank|shveytsariya franki",
        "uz-Cyrl": "франк|швейцария франки",
        "tg": "франк|франки швейтсария",
        "tk": "frank|şweýsar franky",
    },
    "TRY": {
        "en": "lira|turkish lira",
        "ru": "лира|турецкая лира",
        "kk": "лира|түрік лирасы",
        "ky": "лира|түркия лирасы",
        "uz": "lira|turk lirasi",
        "uz-Cyrl": "лира|турк лираси",
        "tg": "лира|лираи туркия",
        "tk": "lira|türk lirasy",
    },
    "AED": {"en": "dirham|uae dirham", "ru": "дирхам|дирхам оаэ", "tg": "дирҳам|дирҳами ама", "tk": "bae dirhemi"},
    "XAU": {"en": "gold", "ru": "золото", "kk": "алтын", "ky": "алтын", "uz": "oltin", "tk": "altyn"},
    "XAG": {"en": "silver", "ru": "серебро", "kk": "күміс", "ky": "күмүш", "uz": "kumush", "tk": "kümüş"},
    "BTC": {"en": "bitcoin", "ru": "биткоин|биткойн"},
    "BYN": {"en": "belarusian ruble", "ru": "белорусский рубль"},
    "UAH": {"en": "hryvnia", "ru": "гривна|украинская гривна"},
    "AZN": {"en": "azerbaijani manat", "ru": "азербайджанский манат"},
    "GEL": {"en": "lari|georgian lari", "ru": "лари|грузинский лари"},
    "AMD": {"en": "dram|armenian dram", "ru": "драм|армянский драм"},
    "MNT": {"en": "tugrik|mongolian tugrik", "ru": "тугрик|монгольский тугрик"},
    "AFN": {"en": "afghani|afghan afghani", "ru": "афгани|афганский афгани"},
    "IRR": {"en": "iranian rial", "ru": "иранский риал"},
    "INR": {"en": "rupee|indian rupee", "ru": "рупия|индийская рупия"},
    "KRW": {"en": "south korean won", "ru": "вона|южнокорейская вона"},
    "CAD": {"en": "canadian dollar", "ru": "канадский доллар"},
    "AUD": {"en": "australian dollar", "ru": "австралийский доллар"},
    "SGD": {"en": "singapore dollar", "ru": "сингапурский доллар"},
    "HKD": {"en": "hong kong dollar", "ru": "гонконгский доллар"},
    "SEK": {"en": "swedish krona", "ru": "шведская крона"},
    "NOK": {"en": "norwegian krone", "ru": "норвежская крона"},
    "DKK": {"en": "danish krone", "ru": "датская крона"},
    "PLN": {"en": "zloty|polish zloty", "ru": "злотый|польский злотый"},
    "CZK": {"en": "czech koruna", "ru": "чешская крона"},
    "HUF": {"en": "forint|hungarian forint", "ru": "форинт|венгерский форинт"},
    "SAR": {"en": "saudi riyal", "ru": "саудовский риял"},
}
APOSTROPHES = "'‘ʻ’`"


def _name_table() -> dict[str, str]:
    """Every name form, lower case, to its code; Uzbek apostrophes in every spelling."""
    table: dict[str, str] = {}
    for code, by_language in CURRENCY_NAME_FORMS.items():
        for forms in by_language.values():
            for form in forms.split("|"):
                for apostrophe in APOSTROPHES:
                    table.setdefault(form.replace("'", apostrophe), code)
    return table


CURRENCY_NAMES: dict[str, str] = _name_table()
CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD",
    "US$": "USD",
    "€": "EUR",
    "₽": "RUB",
    "¥": "CNY",
    "CN¥": "CNY",
    "JP¥": "JPY",
    "£": "GBP",
    "₸": "KZT",
    "₺": "TRY",
    "₴": "UAH",
    "₼": "AZN",
    "₾": "GEL",
    "֏": "AMD",
    "₮": "MNT",
    "₹": "INR",
    "₩": "KRW",
    "₿": "BTC",
}

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
