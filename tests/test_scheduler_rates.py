"""`steppe run` asks each bank when its schedule says so, beside the sources (banks faked)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from steppe.daemon.banks import RatesKeeper
from steppe.daemon.scheduler import Scheduler
from steppe.errors import StoreError
from steppe.models import Quote
from steppe.rates.schedule import SCHEDULES, BankState, RatesTiming
from steppe.rates.sync import ALL_BANKS, SyncIssue, SyncReport
from steppe.sources.schedule import SchedulePolicy
from test_fetch_server import Reply, local_config, server  # noqa: F401 (fixture)
from test_sources_refresh import FakeIngest, add_sources, entries, rss

FAR = date(2100, 1, 1)
# A fixed clock: a Wednesday at 15:00 in Tashkent, Almaty and Dushanbe (after every bank's usual time but
# the ECB's). Tests never read the wall clock: what a bank is asked for depends on the day and the hour.
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
# Moments whose calendars differ (weekend, month's end, year's end), none within ten minutes of a publication.
MOMENTS = {  # the moment, and the CBU dates due then (after 13:00 on a working day: today's and the next)
    "wednesday-after-publication": (NOW, ("2026-12-02", "2026-12-03")),
    "wednesday-before-publication": (datetime(2026, 12, 2, 5, 0, tzinfo=UTC), ("2026-12-02",)),
    "saturday": (datetime(2026, 12, 5, 10, 0, tzinfo=UTC), ("2026-12-07",)),
    "monday": (datetime(2026, 12, 7, 10, 0, tzinfo=UTC), ("2026-12-07", "2026-12-08")),
    "last-day-of-month": (datetime(2026, 11, 30, 10, 0, tzinfo=UTC), ("2026-11-30", "2026-12-01")),
    "31-december": (datetime(2026, 12, 31, 10, 0, tzinfo=UTC), ("2026-12-31", "2027-01-01")),
    "1-january": (datetime(2027, 1, 1, 10, 0, tzinfo=UTC), ("2027-01-01", "2027-01-04")),
}


class FakeBanks:
    """Stands in for rates_sync.update: stores one USD quote per asked day, or answers with an error."""

    def __init__(self, failing=()):
        self.failing = set(failing)
        self.asked: list[tuple[str, date]] = []
        self.lock = threading.Lock()

    def __call__(self, store, client, day, *, banks):
        (bank,) = banks
        with self.lock:
            self.asked.append((bank, day))
        report = SyncReport(requests=1)
        if bank in self.failing:
            report.errors.append(SyncIssue(bank, day, "error", "HTTP 503", f"https://{bank.lower()}.example/"))
            return report
        quote = Quote(bank, day, "USD", "XXX", Decimal("1.5"), effective_date=day)
        with store.write() as session:
            report.added[bank] = session.quotes.add([quote], now=NOW)
        return report

    def banks_asked(self) -> set[str]:
        return {bank for bank, _ in self.asked}


def keeper(store, fake: FakeBanks, **kwargs) -> RatesKeeper:
    return RatesKeeper(store, lambda: contextlib.nullcontext(), update=fake, timing=RatesTiming(), **kwargs)


def scheduler(store, rates, **kwargs) -> Scheduler:
    return Scheduler(
        store,
        fetch_config=local_config(),
        policy=SchedulePolicy(),
        ingest=FakeIngest(),
        rates=rates,
        grace=5,
        clock=lambda: NOW,
        **kwargs,
    )


def test_run_once_asks_every_bank_and_reports_it(store):
    banks = FakeBanks()
    rates = keeper(store, banks)
    rates.states["NBK"] = BankState(NOW, FAR)  # not due by its schedule: --once asks it all the same
    rounds = asyncio.run(scheduler(store, rates).run(once=True))
    assert banks.banks_asked() == set(ALL_BANKS)
    assert {report.bank for report in rounds[0].banks} == set(ALL_BANKS)


def test_a_bank_whose_due_rates_are_stored_is_not_asked_again(store):
    banks = FakeBanks()
    rates = keeper(store, banks)
    now = NOW
    first = rates.update("CBR", now)
    again = rates.update("CBR", now + timedelta(seconds=1))
    assert first.asked and first.added == len(first.asked)
    assert again.asked == () and len(banks.asked) == len(first.asked)


def test_a_round_asks_only_the_banks_that_are_due(store):
    banks = FakeBanks()
    rates = keeper(store, banks)
    now = NOW
    for bank in ("NBK", "ECB", "CBR"):
        rates.states[bank] = BankState(now, FAR)
    reports = []
    sched = scheduler(store, rates)

    def on_bank(report):
        reports.append(report)
        if len(reports) == 4:
            sched.request_stop()

    sched.on_bank = on_bank
    asyncio.run(sched.run())
    assert banks.banks_asked() == {"NBKR", "CBU", "NBT", "CBT"}
    assert all(report.next_update_at > now for report in reports)


def test_a_stored_rate_makes_the_bank_current_until_its_next_publication(store):
    banks = FakeBanks()
    rates = keeper(store, banks)
    now = NOW
    report = rates.update("NBT", now)
    assert report.asked == (now.astimezone(SCHEDULES["NBT"].zone).date(),) and report.added == 1
    assert rates.states["NBT"].last_effective == report.asked[0] and rates.states["NBT"].failures == 0
    assert rates.due(now + timedelta(seconds=1)) == [bank for bank in ALL_BANKS if bank != "NBT"]


@pytest.mark.parametrize(("now", "due_days"), MOMENTS.values(), ids=MOMENTS.keys())
def test_a_failing_bank_is_retried_after_the_retry_delay_not_every_round(store, caplog, now, due_days):
    banks = FakeBanks(failing={"CBU"})
    rates = keeper(store, banks, banks=["CBU"])
    with caplog.at_level(logging.WARNING, logger="steppe.daemon.scheduler"):
        report = rates.update("CBU", now)
    # after CBU's 13:00 announcement on a working day, today's and tomorrow's rates are both due: one error each
    assert tuple(day.isoformat() for day in report.asked) == due_days
    assert report.errors == ("HTTP 503",) * len(report.asked) and rates.states["CBU"].failures == 1
    assert rates.due(now + timedelta(seconds=599)) == []
    assert rates.next_at("CBU", now) <= now + timedelta(seconds=600)
    logged = next(r for r in caplog.records if r.message == "rates: HTTP 503")
    assert (logged.source, logged.url, logged.stage) == ("CBU", "https://cbu.example/", "rates")


def test_a_crashing_update_is_logged_and_counted_as_a_failure(store, caplog):
    def broken(*args, **kwargs):
        raise KeyError("surprise")

    rates = RatesKeeper(store, lambda: contextlib.nullcontext(), update=broken, banks=["NBT"])
    with caplog.at_level(logging.ERROR, logger="steppe.daemon.scheduler"):
        report = rates.update("NBT", NOW)
    assert report.errors and "KeyError" in report.errors[0]
    assert rates.states["NBT"].failures == 1
    assert any(r.message == "rates update crashed" and r.exc_info for r in caplog.records)


def test_a_database_failure_during_an_update_is_a_failure_not_a_crash(store):
    def refused(*args, **kwargs):
        raise StoreError("database is locked")

    rates = RatesKeeper(store, lambda: contextlib.nullcontext(), update=refused, banks=["ECB"])
    report = rates.update("ECB", NOW)
    assert report.errors == ("database is locked",) and rates.states["ECB"].failures == 1


def test_the_status_tracks_checks_stories_errors_and_the_next_bank(server, store):
    good = server.route("/good.xml", Reply(200, rss(entries(server, 2))))
    bad = server.route("/bad.xml", Reply(500, b""))
    add_sources(store, good, bad)
    sched = scheduler(store, keeper(store, FakeBanks()))
    asyncio.run(sched.run(once=True))
    status = sched.status
    assert (status.rounds, status.due, status.checks, status.stories, status.fetching) == (1, 2, 2, 2, 0)
    assert bad in status.last_error and "HTTP 500" in status.last_error
    assert status.next_bank is not None and status.next_bank[0] in ALL_BANKS
    assert status.updating == set()


def test_a_bank_error_is_the_status_last_error(store):
    sched = scheduler(store, keeper(store, FakeBanks(failing={"ECB"})))
    asyncio.run(sched.run(once=True))
    assert sched.status.last_error == "ECB: HTTP 503"
