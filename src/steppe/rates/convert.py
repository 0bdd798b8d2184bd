"""Conversion of any currency pair on a date, from the quotes the banks published.

Pure: quotes in, a ``Conversion`` out; no database. The rules:

* Each bank's quotes in force on the date are its latest at or before it, looked back
  at most ``max_carry_days``; an older figure used on a later date is *carried forward*.
* A currency takes its value from its own (home) bank: KZT from NBK, KGS from NBKR,
  UZS from CBU, TJS from NBT, TMT from CBT, RUB from CBR, EUR from ECB.
  - one side home (USD/KZT, CNY/KZT): the home bank's own figure;
  - both sides home (KGS/UZS, TMT/UZS): through USD, each side from its own bank;
  - neither (CNY/JPY): a cross inside one reference bank, through its home currency.
* Where another bank publishes the same pair and differs by more than the tolerance
  (0.5 %), the conversion lists a ``Disagreement``; the home bank's figure still wins.
* TMT falls back to the labelled 3.5 peg when CBT gave nothing (it is often unreachable).

Arithmetic is exact (rationals built from the published Decimals, one Decimal division
at the end), so there is no float drift and no rounding chain. Exact arithmetic on a number
of a million digits would run for minutes, so every amount passes ``parse_amount`` first:
what a currency converter needs (``MIN_AMOUNT`` to ``MAX_AMOUNT``, at most
``MAX_SIGNIFICANT`` significant digits), the same rule for the API and the CLI.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation, localcontext
from fractions import Fraction

from steppe.errors import BadQuery, NoRatesForDate, RateNotFound
from steppe.models import Quote
from steppe.rates.banks import BANKS, HOME_BANKS, cbt

PIVOT = "USD"
TOLERANCE_PCT = Decimal("0.5")
MAX_CARRY_DAYS = 14
MIN_AMOUNT = Decimal("1e-6")
MAX_AMOUNT = Decimal("1e15")
MAX_SIGNIFICANT = 20
MAX_AMOUNT_CHARS = 64  # longer text cannot be a number within the bounds above
# Banks asked for a cross when neither currency is a home currency, best first.
REFERENCE_ORDER = ("ECB", "CBR", "NBK", "NBKR", "CBU", "NBT", "CBT")

# Figures known not to be what they claim: CBU's TMT implies ~3.02 TMT/USD against the
# 3.5 peg. They are never routed through, only compared (and so flagged).
NOT_FOR_ROUTING = {("CBU", "TMT")}

Book = dict[str, dict[tuple[str, str], Quote]]


@dataclass(frozen=True)
class Leg:
    """One step of a route: ``rate`` units of ``to`` per unit of ``frm``, from one bank."""

    frm: str
    to: str
    rate: Decimal
    bank: str
    via: str | None  # the bank's home currency when the leg is a cross through it
    sources: tuple[Quote, ...]
    exact: Fraction = Fraction(0)


@dataclass(frozen=True)
class Disagreement:
    """Another bank's figure for a pair, further from the one used than the tolerance."""

    bank: str
    frm: str
    to: str
    theirs: Decimal  # units of ``to`` per unit of ``frm`` by that bank
    ours: Decimal
    diff_pct: Decimal  # (theirs - ours) / ours, in percent
    quote: Quote


@dataclass(frozen=True)
class Conversion:
    """The answer: ``value`` units of ``to`` for ``amount`` of ``frm`` on ``on``, and how."""

    amount: Decimal
    frm: str
    to: str
    on: date
    rate: Decimal  # units of ``to`` per unit of ``frm``
    value: Decimal
    route: tuple[str, ...]  # currencies passed through, e.g. ('KGS', 'USD', 'UZS')
    legs: tuple[Leg, ...]
    sources: tuple[Quote, ...]
    disagreements: tuple[Disagreement, ...] = ()
    carried_forward: bool = False
    effective_date: date | None = None  # the oldest date among the sources

    @property
    def banks(self) -> tuple[str, ...]:
        """The banks whose figures were used, in route order."""
        return tuple(dict.fromkeys(leg.bank for leg in self.legs))

    @property
    def uses_peg(self) -> bool:
        """True when a peg stood in for a published figure."""
        return any(q.kind == "peg" for q in self.sources)


def convert(
    amount: Decimal | int | str,
    frm: str,
    to: str,
    on: date,
    quotes: Iterable[Quote],
    *,
    max_carry_days: int = MAX_CARRY_DAYS,
    tolerance_pct: Decimal = TOLERANCE_PCT,
    peg_fallback: bool = True,
) -> Conversion:
    """Convert ``amount`` of ``frm`` into ``to`` on ``on`` using the quotes in force then."""
    value = parse_amount(amount)
    frm, to = frm.strip().upper(), to.strip().upper()
    chosen = quotes_on(quotes, on, max_carry_days=max_carry_days)
    if peg_fallback:
        chosen = _with_peg(chosen, on)
    book = _book(chosen)
    legs = [] if frm == to else _route(book, frm, to)
    if frm != to and not legs:
        raise RateNotFound(f"no quote in force on {on} converts {frm} to {to}")
    exact = Fraction(1)
    for leg in legs:
        exact *= leg.exact
    sources = tuple(dict.fromkeys(q for leg in legs for q in leg.sources))
    disagreements = _disagreements(book, frm, to, exact, legs, tolerance_pct)
    dates = [q.applies_on for q in sources if q.kind != "peg"]
    return Conversion(
        amount=value,
        frm=frm,
        to=to,
        on=on,
        rate=to_decimal(exact),
        value=to_decimal(Fraction(value) * exact),
        route=(frm,) + tuple(leg.to for leg in legs),
        legs=tuple(legs),
        sources=sources,
        disagreements=disagreements,
        carried_forward=any(d < on for d in dates),
        effective_date=min(dates) if dates else (on if sources else None),
    )


def quotes_on(quotes: Iterable[Quote], on: date, *, max_carry_days: int = MAX_CARRY_DAYS) -> list[Quote]:
    """Each bank's latest quote per pair at or before ``on`` (official beats peg; no tickers)."""
    oldest = on - timedelta(days=max_carry_days)
    best: dict[tuple[str, str, str], Quote] = {}
    for quote in quotes:
        if quote.kind == "page-ticker" or not oldest <= quote.applies_on <= on:
            continue
        key = (quote.bank, quote.base, quote.quote)
        held = best.get(key)
        if held is None or _rank(quote) > _rank(held):
            best[key] = quote
    return list(best.values())


def to_decimal(exact: Fraction) -> Decimal:
    """An exact rational as a Decimal with 28 significant digits (the one rounding step)."""
    with localcontext() as ctx:
        ctx.prec = 28
        return Decimal(exact.numerator) / Decimal(exact.denominator)


def _rank(quote: Quote) -> tuple[bool, date, date]:
    return (quote.kind == "official", quote.applies_on, quote.date)


def parse_amount(amount: Decimal | int | str) -> Decimal:
    """An amount to convert, checked against the bounds; BadQuery saying which bound it breaks."""
    if isinstance(amount, bool) or not isinstance(amount, (Decimal, int, str)):
        raise BadQuery(f"amount must be a Decimal, int or str, not {type(amount).__name__}")
    if isinstance(amount, str):
        amount = amount.strip()
        if len(amount) > MAX_AMOUNT_CHARS:
            raise BadQuery(f"amount is {len(amount)} characters long; write it in at most {MAX_AMOUNT_CHARS}")
    try:
        value = Decimal(amount)
    except InvalidOperation:
        raise BadQuery(f"amount {amount!r} is not a number") from None
    if not value.is_finite():
        raise BadQuery(f"amount {amount!r} is not a finite number")
    if value <= 0:
        raise BadQuery(f"amount {amount} is not positive: give an amount above zero")
    if not MIN_AMOUNT <= value <= MAX_AMOUNT:
        raise BadQuery(f"amount {amount} is out of range: give {MIN_AMOUNT:f} to {MAX_AMOUNT:,f}")
    if len("".join(map(str, value.as_tuple().digits)).strip("0")) > MAX_SIGNIFICANT:  # normalize() would round
        raise BadQuery(f"amount {amount} has more than {MAX_SIGNIFICANT} significant digits")
    return value


def _with_peg(chosen: list[Quote], on: date) -> list[Quote]:
    """Add the labelled TMT peg when CBT gave no USD figure in force."""
    if any(q.bank == "CBT" and {q.base, q.quote} == {PIVOT, "TMT"} for q in chosen):
        return chosen
    try:
        return chosen + [cbt.peg_quote(on)]
    except NoRatesForDate:
        return chosen


def _book(chosen: list[Quote]) -> Book:
    book: Book = {}
    for quote in chosen:
        book.setdefault(quote.bank, {})[(quote.base, quote.quote)] = quote
    return book


def _unit(quote: Quote, base: str) -> Fraction:
    """Units of the other currency per one ``base`` according to ``quote``."""
    ratio = Fraction(quote.amount) / quote.nominal
    return ratio if quote.base == base else 1 / ratio


def _published(book: Book, bank: str, frm: str, to: str) -> Quote | None:
    """The bank's own quote of the pair, in either orientation."""
    pairs = book.get(bank, {})
    return pairs.get((frm, to)) or pairs.get((to, frm))


def _usable(quote: Quote | None) -> Quote | None:
    """The quote, unless it is one of the figures never to route through."""
    if quote is None or {(quote.bank, quote.base), (quote.bank, quote.quote)} & NOT_FOR_ROUTING:
        return None
    return quote


def _leg(book: Book, bank: str | None, frm: str, to: str) -> Leg | None:
    """A leg from one bank: its direct figure, or a cross through its home currency."""
    if bank is None or bank not in book:
        return None
    direct = _usable(_published(book, bank, frm, to))
    if direct is not None:
        exact = _unit(direct, frm)
        return Leg(frm, to, to_decimal(exact), bank, None, (direct,), exact)
    home = BANKS[bank].HOME if bank in BANKS else None
    if home is None or home in (frm, to):
        return None
    first = _usable(_published(book, bank, frm, home))
    second = _usable(_published(book, bank, to, home))
    if first is None or second is None:
        return None
    exact = _unit(first, frm) / _unit(second, to)
    return Leg(frm, to, to_decimal(exact), bank, home, (first, second), exact)


def _reference(book: Book, frm: str, to: str) -> Leg | None:
    for bank in REFERENCE_ORDER + tuple(sorted(set(book) - set(REFERENCE_ORDER))):
        leg = _leg(book, bank, frm, to)
        if leg is not None:
            return leg
    return None


def _route(book: Book, frm: str, to: str) -> list[Leg]:
    """The legs from ``frm`` to ``to`` following the home-bank rules (empty if none)."""
    home_frm, home_to = HOME_BANKS.get(frm), HOME_BANKS.get(to)
    if home_frm and home_to:
        first, second = _leg(book, home_frm, frm, PIVOT), _leg(book, home_to, PIVOT, to)
        if first and second:
            return [first, second]
    elif home_frm or home_to:
        direct = _leg(book, home_frm or home_to, frm, to)
        if direct:
            return [direct]
        if PIVOT not in (frm, to):
            first = _leg(book, home_frm, frm, PIVOT) or _reference(book, frm, PIVOT)
            second = _leg(book, home_to, PIVOT, to) or _reference(book, PIVOT, to)
            if first and second:
                return [first, second]
    for bank in (home_to, home_frm):
        leg = _leg(book, bank, frm, to)
        if leg:
            return [leg]
    leg = _reference(book, frm, to)
    return [leg] if leg else []


def _disagreements(
    book: Book, frm: str, to: str, exact: Fraction, legs: list[Leg], tolerance_pct: Decimal
) -> tuple[Disagreement, ...]:
    """Other banks' figures for the pair, or for a leg, that differ beyond the tolerance."""
    used = {q for leg in legs for q in leg.sources}
    checks = [(frm, to, exact)] + [(leg.frm, leg.to, leg.exact) for leg in legs]
    found: dict[tuple[str, str, str], Disagreement] = {}
    for pair_frm, pair_to, ours in checks:
        if pair_frm == pair_to or ours == 0:
            continue
        for bank in sorted(book):
            quote = _published(book, bank, pair_frm, pair_to)
            if quote is None or quote in used or quote.kind != "official":
                continue
            theirs = _unit(quote, pair_frm)
            diff = (theirs - ours) / ours * 100
            if abs(diff) > Fraction(tolerance_pct):
                found.setdefault(
                    (bank, pair_frm, pair_to),
                    Disagreement(
                        bank,
                        pair_frm,
                        pair_to,
                        to_decimal(theirs),
                        to_decimal(ours),
                        to_decimal(diff).quantize(Decimal("0.0001")),
                        quote,
                    ),
                )
    return tuple(found.values())
