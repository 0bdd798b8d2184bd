"""Each bank's publication schedule, and when `steppe run` asks it next (pure functions)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from steppe.rates.schedule import (
    SCHEDULES,
    BankState,
    RatesTiming,
    days_to_ask,
    easter_sunday,
    expected_day,
    next_publication,
    next_update_at,
    target_closed,
)
from steppe.rates.sync import ALL_BANKS

ALMATY = timezone(timedelta(hours=5))
MOSCOW = timezone(timedelta(hours=3))
TIMING = RatesTiming(retry_delay=600, poll=1800, window=6 * 3600, light_check=6 * 3600)


def at(day: str, clock: str, zone=UTC) -> datetime:
    return datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=zone)


def test_every_bank_the_desk_updates_has_a_schedule():
    assert set(SCHEDULES) == set(ALL_BANKS)


@pytest.mark.parametrize(
    ("bank", "after", "expected"),
    [
        # Friday evening in Astana: the next rate is set on Monday at 16:00 local, 11:00 UTC.
        ("NBK", at("2026-05-22", "17:00", ALMATY), at("2026-05-25", "11:00")),
        # NBT files every calendar day, by 09:00 in Dushanbe.
        ("NBT", at("2026-05-23", "10:00", ALMATY), at("2026-05-24", "04:00")),
        # CBR sets its rate at 15:30 Moscow time on working days.
        ("CBR", at("2026-05-20", "09:00", MOSCOW), at("2026-05-20", "12:30")),
        # NBKR at 15:30 in Bishkek (UTC+6).
        ("NBKR", at("2026-05-20", "00:00"), at("2026-05-20", "09:30")),
    ],
)
def test_the_next_publication_is_at_the_banks_local_hour_on_its_days(bank, after, expected):
    assert next_publication(SCHEDULES[bank], after) == expected


def test_the_ecb_hour_follows_central_european_summer_and_winter_time():
    ecb = SCHEDULES["ECB"]
    assert next_publication(ecb, at("2026-07-01", "00:00")) == at("2026-07-01", "14:00")
    assert next_publication(ecb, at("2026-01-07", "00:00")) == at("2026-01-07", "15:00")


def test_the_ecb_skips_target_closing_days_around_easter():
    # Easter 2026 is 5 April: no rates on Good Friday (3 April) or Easter Monday (6 April).
    assert easter_sunday(2026) == date(2026, 4, 5)
    assert target_closed(date(2026, 4, 3)) and target_closed(date(2026, 4, 6)) and target_closed(date(2026, 12, 25))
    assert not target_closed(date(2026, 4, 7))
    assert next_publication(SCHEDULES["ECB"], at("2026-04-02", "18:00")) == at("2026-04-07", "14:00")


@pytest.mark.parametrize(
    ("bank", "now", "expected"),
    [
        # A rate set on a Friday is in force on the bank's next working day.
        ("NBK", at("2026-05-22", "17:00", ALMATY), date(2026, 5, 25)),
        ("CBR", at("2026-05-22", "16:00", MOSCOW), date(2026, 5, 23)),  # CBR's effective days run Tuesday-Saturday
        ("CBR", at("2026-05-25", "10:00", MOSCOW), date(2026, 5, 23)),  # Monday morning: still Friday's rate
        ("CBU", at("2026-05-21", "12:00", ALMATY), date(2026, 5, 21)),  # before 13:00: yesterday's, for today
        ("ECB", at("2026-05-22", "17:00"), date(2026, 5, 22)),  # same-day rates
        ("NBKR", at("2026-05-22", "16:00", timezone(timedelta(hours=6))), date(2026, 5, 23)),  # dated Saturday
    ],
)
def test_the_expected_effective_date_is_that_of_the_latest_publication(bank, now, expected):
    assert expected_day(SCHEDULES[bank], now) == expected


def test_a_bank_never_asked_is_due_at_once():
    now = at("2026-05-23", "12:00")
    assert next_update_at(SCHEDULES["NBK"], BankState(), now, TIMING) == now


def test_a_current_bank_waits_for_its_next_publication():
    nbk = SCHEDULES["NBK"]
    tuesday = at("2026-05-19", "16:05", ALMATY)
    state = BankState(last_attempt=tuesday, last_effective=date(2026, 5, 20))
    assert next_update_at(nbk, state, tuesday, RatesTiming(light_check=86400)) == at("2026-05-20", "16:00", ALMATY)


def test_over_a_weekend_a_current_bank_gets_only_light_checks():
    nbk = SCHEDULES["NBK"]
    friday = at("2026-05-22", "16:05", ALMATY)
    state = BankState(last_attempt=friday, last_effective=date(2026, 5, 25))
    assert next_update_at(nbk, state, friday, TIMING) == friday + timedelta(hours=6)


def test_a_rate_not_out_yet_is_polled_within_the_window():
    cbr = SCHEDULES["CBR"]
    asked = at("2026-05-20", "15:40", MOSCOW)  # Wednesday; Thursday's rate is due but not stored
    state = BankState(last_attempt=asked, last_effective=date(2026, 5, 20))
    assert next_update_at(cbr, state, asked, TIMING) == asked + timedelta(minutes=30)


def test_a_rate_still_missing_after_the_window_waits_for_the_next_publication_with_light_checks():
    cbr = SCHEDULES["CBR"]
    asked = at("2026-05-20", "22:00", MOSCOW)  # 6.5 hours after 15:30: most likely a holiday
    state = BankState(last_attempt=asked, last_effective=date(2026, 5, 20))
    assert next_update_at(cbr, state, asked, TIMING) == asked + timedelta(hours=6)
    late = at("2026-05-21", "12:00", MOSCOW)
    state = BankState(last_attempt=late, last_effective=date(2026, 5, 20))
    assert next_update_at(cbr, state, late, TIMING) == at("2026-05-21", "15:30", MOSCOW)


@pytest.mark.parametrize(("failures", "wait"), [(1, 600), (2, 1200), (4, 4800), (9, 6 * 3600)])
def test_a_failed_update_is_retried_after_a_delay_that_doubles(failures, wait):
    nbt = SCHEDULES["NBT"]
    asked = at("2026-05-20", "09:30", ALMATY)  # NBT's next file is tomorrow at 09:00: further than any wait
    state = BankState(last_attempt=asked, last_effective=date(2026, 5, 19), failures=failures)
    assert next_update_at(nbt, state, asked, TIMING) == asked + timedelta(seconds=wait)


def test_a_failure_is_not_retried_past_the_next_publication():
    cbr = SCHEDULES["CBR"]
    asked = at("2026-05-20", "14:00", MOSCOW)
    state = BankState(last_attempt=asked, last_effective=date(2026, 5, 19), failures=8)
    assert next_update_at(cbr, state, asked, TIMING) == at("2026-05-20", "15:30", MOSCOW)


@pytest.mark.parametrize(
    ("bank", "now", "stored", "expected"),
    [
        # After Friday's CBR publication: Friday's own rate is stored, Saturday's is asked.
        ("CBR", at("2026-05-22", "16:00", MOSCOW), {date(2026, 5, 22)}, (date(2026, 5, 23),)),
        # A fresh desk on Friday morning asks for the rate in force today only.
        ("CBR", at("2026-05-22", "10:00", MOSCOW), set(), (date(2026, 5, 22),)),
        # Saturday in Astana: no rate for a Saturday; Monday's (set on Friday) if missing.
        ("NBK", at("2026-05-23", "12:00", ALMATY), set(), (date(2026, 5, 25),)),
        ("NBK", at("2026-05-23", "12:00", ALMATY), {date(2026, 5, 25)}, ()),
        # NBKR serves only its latest file, whatever the day: always asked once.
        ("NBKR", at("2026-05-23", "12:00"), {date(2026, 5, 24)}, (date(2026, 5, 23),)),
        ("NBT", at("2026-05-23", "12:00", ALMATY), set(), (date(2026, 5, 23),)),
    ],
)
def test_only_effective_dates_not_yet_stored_are_asked(bank, now, stored, expected):
    assert days_to_ask(SCHEDULES[bank], now, stored) == expected
