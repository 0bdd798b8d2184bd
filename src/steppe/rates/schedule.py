"""When each bank's new rate appears, and when `steppe run` should next ask that bank.

Pure: no I/O and no clock (``now`` is always an argument). The facts are in
docs/rates.md: each bank's local time zone, the weekdays it sets a
rate, the local time the new rate is out, and whether that rate is in force from the
next working day ("ahead": NBK, NBKR, CBU, CBT, CBR) or the same day (NBT, ECB).

The rule (``next_update_at``): ask once at start; when the rate due from the latest
publication is stored, wait for the next publication (looking in at most every
``light_check`` on days without one: weekends, holidays, Saturday files); when it is
not out yet, poll every ``poll`` for ``window`` after the usual time, then leave it for
the next publication (most likely a holiday); after a failure, retry after
``retry_delay``, doubled on each further failure up to ``light_check``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from steppe.config import default
from steppe.models import Backoff
from steppe.rates.banks import PUBLISHES

SEARCH_DAYS = 14  # publication days are never further apart than this, holidays included


def _no_closing_days(_day: date) -> bool:
    return False


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return date(year, month, day + 1)


def target_closed(day: date) -> bool:
    """True on TARGET closing days, when the ECB publishes no reference rates."""
    if (day.month, day.day) in {(1, 1), (5, 1), (12, 25), (12, 26)}:
        return True
    easter = easter_sunday(day.year)
    return day in {easter - timedelta(days=2), easter + timedelta(days=1)}  # Good Friday, Easter Monday


@dataclass(frozen=True)
class BankSchedule:
    """When one bank sets its rate, in its own time zone."""

    bank: str
    zone: tzinfo
    weekdays: frozenset[int]  # local weekdays on which a new rate is set (Monday = 0)
    appears: time  # local time the new rate is usually out
    ahead: bool  # the rate set on a day is in force from the bank's next working day
    any_day: bool = False  # the bank serves only its latest file, whatever day is asked (NBKR)
    closed: Callable[[date], bool] = _no_closing_days  # known days without a rate
    dated: frozenset[int] | None = None  # weekdays its rates are dated for (default: banks.PUBLISHES)

    def dates(self, day: date) -> bool:
        """True when the bank's files carry ``day`` as an effective date."""
        return day.weekday() in (PUBLISHES[self.bank] if self.dated is None else self.dated)

    def publishes_on(self, day: date) -> bool:
        """True when the bank sets a new rate on this local day."""
        return day.weekday() in self.weekdays and not self.closed(day)

    def moment(self, day: date) -> datetime:
        """The moment the rate set on ``day`` is out."""
        return datetime.combine(day, self.appears, tzinfo=self.zone)

    def effective_day(self, set_on: date) -> date:
        """The day a rate set on ``set_on`` is in force (stored as its effective date)."""
        if not self.ahead:
            return set_on
        day = set_on + timedelta(days=1)
        while not self.dates(day):
            day += timedelta(days=1)
        return day


WEEKDAYS = frozenset(range(5))
# Central Asia and Moscow keep no summer time: fixed offsets, so an old tz database (which
# still puts Almaty at UTC+6, before Kazakhstan's single UTC+5 zone of March 2024) cannot mislead.
SCHEDULES: dict[str, BankSchedule] = {
    s.bank: s
    for s in (
        # USD is the KASE average at 15:30 Astana time, the crosses at 16:00; in force the next working day.
        BankSchedule("NBK", timezone(timedelta(hours=5)), WEEKDAYS, time(16, 0), ahead=True),
        # Fixed between 15:00 and 15:30 Bishkek time; daily.xml carries the next calendar day's date
        # (Friday's file is dated Saturday, and it is refreshed on Saturdays too).
        BankSchedule(
            "NBKR",
            timezone(timedelta(hours=6)),
            WEEKDAYS,
            time(15, 30),
            ahead=True,
            any_day=True,
            dated=frozenset(range(7)),
        ),
        # Announced the day before it takes effect; Frankfurter polls from 13:00 Tashkent time.
        BankSchedule("CBU", timezone(timedelta(hours=5)), WEEKDAYS, time(13, 0), ahead=True),
        # A file every calendar day, there by the Dushanbe morning (Frankfurter polls from 09:00).
        BankSchedule("NBT", timezone(timedelta(hours=5)), frozenset(range(7)), time(9, 0), ahead=False),
        # Files appear 10-12 UTC on the previous business day (Saturday's on Friday).
        BankSchedule("CBT", timezone(timedelta(hours=5)), WEEKDAYS, time(15, 0), ahead=True),
        # Set as of 15:30 Moscow time (cbr.ru press releases of 25 April 2022 and 13 June 2024),
        # in force the next day; Friday's rate covers Saturday to Monday.
        BankSchedule("CBR", timezone(timedelta(hours=3)), WEEKDAYS, time(15, 30), ahead=True),
        # Around 16:00 CET on TARGET working days.
        BankSchedule("ECB", ZoneInfo("Europe/Berlin"), WEEKDAYS, time(16, 0), ahead=False, closed=target_closed),
    )
}


@dataclass(frozen=True)
class RatesTiming:
    """How eagerly banks are asked (seconds)."""

    retry_delay: float = float(default("rates.retry_delay"))  # after a failed update (doubled on each failure)
    poll: float = 1800.0  # while a due rate is not out yet
    window: float = 6 * 3600.0  # how long after the usual time a late rate is polled for
    light_check: float = 6 * 3600.0  # longest wait between two looks, on days without a publication


@dataclass(frozen=True)
class BankState:
    """What this process knows of one bank: its last update and the newest rate stored."""

    last_attempt: datetime | None = None
    last_effective: date | None = None  # the newest effective date stored for the bank
    failures: int = 0  # consecutive failed updates


def latest_publication(schedule: BankSchedule, now: datetime) -> datetime | None:
    """The most recent moment, at or before ``now``, a new rate of the bank was out."""
    today = now.astimezone(schedule.zone).date()
    for back in range(SEARCH_DAYS + 1):
        day = today - timedelta(days=back)
        if schedule.publishes_on(day) and schedule.moment(day) <= now:
            return schedule.moment(day)
    return None


def next_publication(schedule: BankSchedule, after: datetime) -> datetime:
    """The first moment after ``after`` a new rate of the bank is due out."""
    today = after.astimezone(schedule.zone).date()
    for ahead in range(SEARCH_DAYS + 1):
        day = today + timedelta(days=ahead)
        if schedule.publishes_on(day) and schedule.moment(day) > after:
            return schedule.moment(day)
    return after + timedelta(days=SEARCH_DAYS)


def expected_day(schedule: BankSchedule, now: datetime) -> date | None:
    """The effective date of the newest rate out at ``now``."""
    published = latest_publication(schedule, now)
    return None if published is None else schedule.effective_day(published.astimezone(schedule.zone).date())


def is_current(schedule: BankSchedule, last_effective: date | None, now: datetime) -> bool:
    """True when the newest rate out at ``now`` is stored."""
    expected = expected_day(schedule, now)
    return last_effective is not None and (expected is None or last_effective >= expected)


def next_update_at(
    schedule: BankSchedule, state: BankState, now: datetime, timing: RatesTiming = RatesTiming()
) -> datetime:
    """When the bank should next be asked (``now`` or earlier means: ask now)."""
    last = state.last_attempt
    if last is None:
        return now
    upcoming = next_publication(schedule, last)
    light = last + timedelta(seconds=timing.light_check)
    if is_current(schedule, state.last_effective, last):
        return min(upcoming, light)
    if state.failures:
        backoff = Backoff(timing.retry_delay, timing.light_check).delay(state.failures)
        return min(upcoming, last + timedelta(seconds=backoff))
    published = latest_publication(schedule, last)
    if published is not None and last < published + timedelta(seconds=timing.window):
        return min(upcoming, last + timedelta(seconds=timing.poll))
    return min(upcoming, light)  # not out within the window: most likely a holiday


def days_to_ask(schedule: BankSchedule, now: datetime, stored: Iterable[date]) -> tuple[date, ...]:
    """The effective dates worth asking the bank for at ``now``: today's and the newest due, if not stored.

    A bank that serves only its latest file is always asked once (for the local day).
    """
    today = now.astimezone(schedule.zone).date()
    if schedule.any_day:
        return (today,)
    have = set(stored)
    wanted = dict.fromkeys(d for d in (today, expected_day(schedule, now)) if d is not None)
    return tuple(d for d in wanted if schedule.dates(d) and d not in have)
