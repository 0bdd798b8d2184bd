"""The bank keeper of `steppe run`: asks each central bank for its rates when its schedule says one is due.

Blocking (bank updates run in their own threads, beside the scheduler's rounds); what the
keeper knows of each bank is a ``BankState`` kept in memory, rebuilt from the store at start.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from steppe.errors import SteppeError
from steppe.rates.schedule import SCHEDULES, SEARCH_DAYS, BankState, RatesTiming, days_to_ask, next_update_at

if TYPE_CHECKING:
    from steppe.rates.sync import SyncReport
    from steppe.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BankReport:
    """What one update of one bank did."""

    bank: str
    asked: tuple[date, ...]  # effective dates asked for (none: every due rate was stored)
    added: int
    errors: tuple[str, ...]
    next_update_at: datetime


class Update(Protocol):
    """What asks banks for one day's rates and stores them: ``rates.sync.update``."""

    def __call__(self, store: Store, client: Any, today: date, /, *, banks: Iterable[str]) -> SyncReport:
        """``client`` is whatever ``make_client`` opened: the keeper only hands it on."""
        ...


class RatesKeeper:
    """Keeps each bank's official rates current, asking it when its schedule says a new rate is due."""

    def __init__(
        self,
        store: Store,
        make_client: Callable[[], AbstractContextManager[Any]],
        *,
        banks: Iterable[str] | None = None,
        timing: RatesTiming | None = None,
        update: Update | None = None,
    ):
        self.store, self.make_client, self.timing = store, make_client, timing or RatesTiming()
        self.update_bank = update or _default_update()
        self.states = {bank: BankState() for bank in (SCHEDULES if banks is None else banks)}

    def next_at(self, bank: str, now: datetime) -> datetime:
        """When ``bank`` is next due (at or before ``now``: due now)."""
        return next_update_at(SCHEDULES[bank], self.states[bank], now, self.timing)

    def due(self, now: datetime, *, every: bool = False) -> list[str]:
        """The banks due at ``now`` (all of them with ``every``)."""
        return [bank for bank in self.states if every or self.next_at(bank, now) <= now]

    def next_due(self, now: datetime, *, besides: Iterable[str] = ()) -> tuple[str, datetime] | None:
        """The bank due first and when, leaving out ``besides`` (banks being asked now)."""
        times = [(self.next_at(bank, now), bank) for bank in self.states if bank not in set(besides)]
        return (min(times)[1], min(times)[0]) if times else None

    def update(self, bank: str, now: datetime) -> BankReport:
        """Ask one bank for the rates it should have out by ``now`` and remember how it went (blocking)."""
        schedule = SCHEDULES[bank]
        errors: list[str] = []
        added = 0
        days: tuple[date, ...] = ()
        try:
            days = days_to_ask(schedule, now, self._stored(bank, now))
            if days:
                added = self._ask(bank, days, errors)
            stored = self._stored(bank, now)
        except SteppeError as exc:  # the database: retried like a bank failure
            errors.append(str(exc))
            stored = set()
        except Exception as exc:  # a bug: logged with its traceback, the bank retried later
            log.exception("rates update crashed", extra={"source": bank, "url": None, "stage": "rates"})
            errors.append(f"{exc.__class__.__name__}: {exc}")
            stored = set()
        previous = self.states[bank]
        self.states[bank] = BankState(
            now, max(stored, default=previous.last_effective), previous.failures + 1 if errors else 0
        )
        report = BankReport(bank, days, added, tuple(errors), self.next_at(bank, now))
        log.info(
            "rates: %d new quotes, %d errors; next update %s",
            added,
            len(errors),
            report.next_update_at.isoformat(timespec="minutes"),
            extra={"source": bank, "url": None, "stage": "rates", "added": added, "errors": len(errors)},
        )
        return report

    def _ask(self, bank: str, days: tuple[date, ...], errors: list[str]) -> int:
        added = 0
        with self.make_client() as client:
            for day in days:
                report = self.update_bank(self.store, client, day, banks=[bank])
                added += report.total_added
                for issue in report.errors:
                    errors.append(issue.reason)
                    log.warning("rates: %s", issue.reason, extra={"source": bank, "url": issue.url, "stage": "rates"})
        return added

    def _stored(self, bank: str, now: datetime) -> set[date]:
        today = now.astimezone(SCHEDULES[bank].zone).date()
        span = timedelta(days=SEARCH_DAYS)
        with self.store.read() as session:
            return session.quotes.days_stored(bank, today - span, today + span, kinds=("official", "peg"))


def _default_update() -> Update:
    # imported late: the banks' parsers are only needed when a bank is asked
    from steppe.rates.sync import update

    return update
