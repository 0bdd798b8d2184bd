"""How numbers are written in the region's texts, and how to read one as a Decimal.

Two shapes, apart on purpose:

- ``NUMBER``: thousands grouped by spaces only ("12 345,6"); a comma or a dot is always the
  decimal mark. Tickers and rate tables print "87,450" and "87.450" for 87.45, never 87450.
- ``PROSE_NUMBER``: thousands grouped by spaces, commas or dots ("$1,500,000", "1.500.000"),
  as running text writes amounts; which mark is decimal is then settled by ``parse_number``
  from the language of the text around it.

Both are regex source strings, to be embedded in larger patterns.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

SPACES = " \u00a0\u202f"  # space, no-break space, narrow no-break space: thousands separators
DECIMAL = r"\d+(?:[.,]\d+)?"  # 17, 17.5, 17,5
SPACE_GROUPED = rf"\d{{1,3}}(?:[{SPACES}]\d{{3}})+(?:[.,]\d+)?"  # 1 860 000, 1 860,5
ANY_GROUPED = rf"\d{{1,3}}(?:[{SPACES},.]\d{{3}})+(?:[.,]\d+)?"  # also 1,860,000 and 1.860.000
NUMBER = rf"{SPACE_GROUPED}|{DECIMAL}"
PROSE_NUMBER = rf"{ANY_GROUPED}|{DECIMAL}"
_SPACES = re.compile(f"[{SPACES}]")
_COMMA_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")


def parse_number(text: str, decimal_comma: bool) -> Decimal | None:
    """A written number as a Decimal; ``decimal_comma`` for Russian-style text ('1,5' is 1.5, '1,500' is 1.5).

    Without it a lone comma followed by groups of three digits separates thousands ('1,500' is
    1500, English style). Where both marks occur the last one is the decimal mark; several dots
    and no comma are thousands ('1.500.000').
    """
    digits = _SPACES.sub("", text)
    if "," in digits and "." in digits:
        last = max(digits.rfind(","), digits.rfind("."))
        digits = re.sub(r"[,.]", "", digits[:last]) + "." + digits[last + 1 :]
    elif "," in digits:
        thousands = _COMMA_THOUSANDS.fullmatch(digits) and not (decimal_comma and digits.count(",") == 1)
        digits = digits.replace(",", "") if thousands else digits.replace(",", ".")
    elif digits.count(".") > 1:
        digits = digits.replace(".", "")
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None
