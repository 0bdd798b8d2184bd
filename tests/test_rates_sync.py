"""Fetching rates into the store: update, resumable backfill, errors per bank and day, the CBT peg.

The banks are replaced by ``FakeBanks``: an httpx.MockTransport that answers each bank's
real URLs with payloads in that bank's own format (encodings, decimals, nominals, dates),
built per day from one table of "true" rates; failures are injected per bank and day.
The API and page tests fill their stores with it too.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from steppe.models import Quote
from steppe.rates.sync import ALL_BANKS, backfill, publication_days, update

NOW = datetime(2026, 4, 10, 12, 0, tzinfo=UTC)
# Units per USD; the day's figure drifts a little so that charts and changes have something to show.
TRUTH = {
    "USD": Decimal(1),
    "KZT": Decimal("478.77"),
    "KGS": Decimal("87.45"),
    "UZS": Decimal("12194.21"),
    "TJS": Decimal("9.345"),
    "TMT": Decimal("3.5"),
    "RUB": Decimal("75.5273"),
    "EUR": Decimal("0.9259259"),
    "CNY": Decimal("7.25"),
    "JPY": Decimal("151.2"),
}
NOMINAL = {"UZS": 100, "KZT": 10, "KGS": 10}
HOME = {"NBK": "KZT", "NBKR": "KGS", "CBU": "UZS", "NBT": "TJS", "CBT": "TMT", "CBR": "RUB", "ECB": "EUR"}


def per_usd(code: str, day: date) -> Decimal:
    """The 'true' units of ``code`` per USD on ``day`` (TMT stays on its peg)."""
    if code in ("USD", "TMT"):
        return TRUTH[code]
    step = Decimal(day.toordinal() % 9 + sum(map(ord, code)) % 5) / 2000
    return TRUTH[code] * (1 + step)


def home_per(bank: str, code: str, day: date, nominal: int = 1, places: int = 4) -> Decimal:
    """Units of the bank's home currency for ``nominal`` units of ``code``."""
    value = per_usd(HOME[bank], day) / per_usd(code, day) * nominal
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _xml_items(bank: str, day: date, codes: list[str], item) -> str:
    return "".join(item(code, NOMINAL.get(code, 1), home_per(bank, code, day, NOMINAL.get(code, 1))) for code in codes)


def nbk(day: date) -> bytes:
    codes = ["USD", "EUR", "KGS", "UZS", "RUB", "CNY", "TJS"]
    items = _xml_items(
        "NBK",
        day,
        codes,
        lambda c, n, v: (
            f"<item><fullname>X</fullname><title>{c}</title><description>{v.quantize(Decimal('0.01')).normalize():f}"
            f"</description><quant>{n}</quant><index></index><change>0.00</change></item>"
        ),
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rates><generator>Alternate RSS Builder</generator>'
        f"<title>NBK</title><date>{day:%d.%m.%Y}</date>{items}</rates>"
    ).encode()


def cbu(day: date) -> bytes:
    rows = [
        {
            "id": i,
            "Code": "000",
            "Ccy": c,
            "CcyNm_RU": "",
            "CcyNm_UZ": "",
            "CcyNm_UZC": "",
            "CcyNm_EN": c,
            "Nominal": "1",
            "Rate": f"{home_per('CBU', c, day, 1, 2)}",
            "Diff": "0",
            "Date": f"{day:%d.%m.%Y}",
        }
        for i, c in enumerate(["USD", "EUR", "RUB", "KZT", "KGS", "TJS", "CNY"])
    ]
    rows.append(
        {
            "id": 99,
            "Code": "934",
            "Ccy": "TMT",
            "CcyNm_RU": "",
            "CcyNm_UZ": "",
            "CcyNm_UZC": "",
            "CcyNm_EN": "TMT",
            "Nominal": "1",
            "Rate": "4037.68",
            "Diff": "0",
            "Date": f"{day:%d.%m.%Y}",
        }
    )
    return json.dumps(rows).encode()


def nbt(day: date) -> bytes:
    codes = ["USD", "EUR", "CNY", "RUB", "UZS", "KGS", "KZT", "TMT"]
    items = _xml_items(
        "NBT",
        day,
        codes,
        lambda c, n, v: (
            f'<Valute ID="1"><CharCode>{c}</CharCode><Nominal>{n}</Nominal><Name>{c}</Name><Value>{v}</Value></Valute>'
        ),
    )
    return (
        f'<?xml version="1.0" encoding="utf-8" ?><ValCurs Date="{day:%Y-%m-%d}" '
        f'name="Foreign Currency Market">{items}</ValCurs>'
    ).encode()


def cbt(day: date) -> bytes:
    codes = ["USD", "EUR", "KZT", "UZS", "RUB", "CNY"]
    items = _xml_items(
        "CBT",
        day,
        codes,
        lambda c, n, v: (
            f'<rate code="{c}"><name>{c}</name><rate_usd>1</rate_usd><multiplier>{n}</multiplier>'
            f"<rate_tmt>{v.normalize():f}</rate_tmt><checksum>{'0' * 32}</checksum></rate>"
        ),
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cbt_currency_rate name="CBT Currency XML">'
        f"<date>{day:%d.%m.%Y}</date>{items}</cbt_currency_rate>"
    ).encode()


def cbr(day: date) -> bytes:
    codes = ["USD", "EUR", "KZT", "KGS", "UZS", "TJS", "TMT", "CNY"]
    items = _xml_items(
        "CBR",
        day,
        codes,
        lambda c, n, v: (
            f'<Valute ID="R0"><NumCode>000</NumCode><CharCode>{c}</CharCode><Nominal>{n}</Nominal>'
            f"<Name>Валюта</Name><Value>{str(v).replace('.', ',')}</Value></Valute>"
        ),
    )
    return (
        f'<?xml version="1.0" encoding="windows-1251"?><ValCurs Date="{day:%d.%m.%Y}" '
        f'name="Foreign Currency Market">{items}</ValCurs>'
    ).encode("cp1251")


def ecb(start: date, end: date) -> bytes:
    lines = ["FREQ,CURRENCY,TIME_PERIOD,OBS_VALUE"]
    for day in publication_days("ECB", start, end):
        # The ECB quotes the other way round: units of the currency per one euro.
        lines += [
            f"D,{c},{day:%Y-%m-%d},{(per_usd(c, day) / per_usd('EUR', day)).quantize(Decimal('0.0001'))}"
            for c in ("USD", "CNY")
        ]
    return ("\n".join(lines) + "\n").encode()


def nbkr_file(day: date, weekly: bool) -> bytes:
    codes = ["TJS", "UZS", "TMT", "JPY"] if weekly else ["USD", "EUR", "CNY", "KZT", "RUB"]
    name = "Weekly" if weekly else "Daily"
    items = "".join(
        f'<Currency ISOCode="{c}"><Nominal>1</Nominal><Value>{str(home_per("NBKR", c, day)).replace(".", ",")}'
        f"</Value></Currency>"
        for c in codes
        if c in TRUTH
    )
    return (
        f'<?xml version="1.0" encoding="windows-1251" ?><CurrencyRates Name="{name} Exchange Rates" '
        f'Date="{day:%d.%m.%Y}">{items}</CurrencyRates>'
    ).encode("cp1251")


def nbkr_history(code: str, start: date, end: date) -> bytes:
    nominal = 10 if code == "JPY" else 1  # the page does not say; steppe.rates.banks.nbkr knows
    rows = "".join(
        f"<tr><td><!--date-->{d:%d.%m.%Y}<!--date--></td><td><!--value-->"
        f"{str(home_per('NBKR', code, d, nominal)).replace('.', ',')}<!--value--></td></tr>"
        for d in reversed(publication_days("NBKR", start, end))
    )
    return f"<table>{rows}</table>".encode()


MAINTENANCE = b"<!DOCTYPE html><html><head><title>Technical works</title></head><body>Back soon</body></html>"
VALUTA = {
    "15": "USD",
    "20": "EUR",
    "24": "CNY",
    "36": "JPY",
    "40": "KZT",
    "44": "RUB",
    "45": "TJS",
    "46": "UZS",
    "108": "TMT",
}


@dataclass
class FakeBanks:
    """The seven banks behind one MockTransport; ``faults[(bank, day)]`` injects a failure."""

    today: date = date(2026, 4, 10)
    faults: dict[tuple[str, date | None], str] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)

    def client(self) -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(self.answer))

    def answer(self, request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        self.requests.append(url)
        bank, day, body = self._route(request.url)
        fault = self.faults.get((bank, day)) or self.faults.get((bank, None))
        if fault == "down":
            raise httpx.ConnectError("connection refused", request=request)
        if fault:
            status, payload = {
                "maintenance": (200, MAINTENANCE),
                "empty": (200, b""),
                "404": (404, b"no"),
                "403": (403, b"Forbidden"),
                "500": (500, b"oops"),
                "stale": (200, nbt(day + timedelta(days=3)) if day else b""),
            }[fault]
            return httpx.Response(status, content=payload)
        return httpx.Response(200, content=body)

    def _route(self, url: httpx.URL) -> tuple[str, date | None, bytes]:
        q = {k: v[0] for k, v in parse_qs(urlsplit(str(url)).query).items()}
        host, path = url.host, url.path
        if "nationalbank.kz" in host:
            day = datetime.strptime(q["fdate"], "%d.%m.%Y").date()
            return "NBK", day, nbk(day)
        if "cbu.uz" in host:
            day = date.fromisoformat(path.rstrip("/").rsplit("/", 1)[1])
            return "CBU", day, cbu(day)
        if "nbt.tj" in host:
            day = date.fromisoformat(q["date"])
            return "NBT", day, nbt(day)
        if "cbt.tm" in host:
            day = datetime.strptime(path.rsplit("/", 1)[1][:8], "%d%m%Y").date()
            return "CBT", day, cbt(day)
        if "cbr.ru" in host:
            day = datetime.strptime(q["date_req"], "%d/%m/%Y").date()
            return "CBR", day, cbr(day)
        if "ecb.europa.eu" in host:
            start, end = date.fromisoformat(q["startPeriod"]), date.fromisoformat(q["endPeriod"])
            return "ECB", start, ecb(start, end)
        if "nbkr.kg" in host:
            if path.endswith("daily.xml"):
                return "NBKR", self.today, nbkr_file(self.today + timedelta(days=1), weekly=False)
            if path.endswith("weekly.xml"):
                return "NBKR", self.today, nbkr_file(self.today, weekly=True)
            start = date(int(q["beg_year"]), int(q["beg_month"]), int(q["beg_day"]))
            end = date(int(q["end_year"]), int(q["end_month"]), int(q["end_day"]))
            return "NBKR", start, nbkr_history(VALUTA[q["valuta_id"]], start, end)
        raise AssertionError(f"unexpected URL {url}")


def fill(store, since: date, until: date, banks=ALL_BANKS) -> FakeBanks:
    """Backfill a store from FakeBanks (used by the API and page tests too)."""
    fake = FakeBanks(today=until)
    with fake.client() as client:
        backfill(store, client, since, until, banks, now=NOW)
    return fake


# --- update -------------------------------------------------------------------------------------


def test_update_stores_todays_rates_of_every_bank(store):
    fake = FakeBanks()
    with fake.client() as client:
        report = update(store, client, date(2026, 4, 10), now=NOW)  # a Friday
    assert report.ok, report.errors
    assert set(report.added) == set(ALL_BANKS) and all(report.added[b] > 0 for b in ALL_BANKS)
    with store.read() as session:
        assert session.quotes.days_stored("NBK", date(2026, 4, 1), date(2026, 4, 30)) == {date(2026, 4, 10)}
        nbkr_days = session.quotes.days_stored("NBKR", date(2026, 4, 1), date(2026, 4, 30))
    assert nbkr_days == {date(2026, 4, 10), date(2026, 4, 11)}  # weekly today, daily effective tomorrow


def test_update_skips_banks_that_do_not_publish_on_that_weekday(store):
    fake = FakeBanks(today=date(2026, 4, 12))
    with fake.client() as client:
        report = update(store, client, date(2026, 4, 12), now=NOW)  # a Sunday
    skipped = {n.bank for n in report.notes if n.kind == "skipped"}
    assert skipped == {"NBK", "CBU", "CBT", "CBR", "ECB"}
    assert not any("cbu.uz" in u for u in fake.requests)
    assert report.added["NBT"] > 0


def test_a_maintenance_page_is_an_error_for_that_bank_and_day_and_the_others_go_on(store):
    day = date(2026, 4, 10)
    fake = FakeBanks(faults={("NBK", day): "maintenance", ("CBU", day): "empty"})
    with fake.client() as client:
        report = update(store, client, day, now=NOW)
    errors = {(e.bank, e.day): e.reason for e in report.errors}
    assert "HTML page" in errors[("NBK", day)] and "Technical works" in errors[("NBK", day)]
    assert "empty answer" in errors[("CBU", day)]
    assert report.added["NBK"] == 0 and report.added["CBU"] == 0
    assert report.added["NBT"] > 0 and report.added["NBKR"] > 0
    with store.read() as session:
        assert session.quotes.days_stored("NBK", day, day) == set()  # nothing recorded as "no change"


def test_an_answer_for_another_day_is_an_error_not_a_quote(store):
    day = date(2026, 4, 10)
    fake = FakeBanks(faults={("NBT", day): "stale"})
    with fake.client() as client:
        report = update(store, client, day, banks=["NBT"], now=NOW)
    (error,) = report.errors
    assert error.bank == "NBT" and error.day == day and "asked for 2026-04-10" in error.reason
    with store.read() as session:
        assert session.quotes.count() == 0


def test_cbt_unreachable_falls_back_to_the_labelled_peg(store):
    day = date(2026, 4, 10)
    fake = FakeBanks(faults={("CBT", day): "down"})
    with fake.client() as client:
        report = update(store, client, day, banks=["CBT"], now=NOW)
    assert [e.bank for e in report.errors] == ["CBT"] and "unreachable" in report.errors[0].reason
    assert [n.kind for n in report.notes] == ["fallback"]
    with store.read() as session:
        (peg,) = session.quotes.on_or_before(day)
    assert (peg.kind, peg.base, peg.quote, peg.amount) == ("peg", "USD", "TMT", Decimal("3.5"))
    assert "peg" in (peg.provenance or "")


def test_cbt_refusing_with_403_also_falls_back_to_the_peg(store):
    day = date(2026, 4, 10)
    fake = FakeBanks(faults={("CBT", day): "403"})
    with fake.client() as client:
        report = update(store, client, day, banks=["CBT"], now=NOW)
    assert "403" in report.errors[0].reason and report.added["CBT"] == 1


def test_a_404_is_no_data_for_that_day_and_server_errors_are_errors(store):
    day = date(2026, 4, 10)
    fake = FakeBanks(faults={("CBR", day): "404", ("ECB", day): "500"})
    with fake.client() as client:
        report = update(store, client, day, banks=["CBR", "ECB"], now=NOW)
    assert [(n.bank, n.kind) for n in report.notes] == [("CBR", "no-data")]
    assert [(e.bank, e.reason) for e in report.errors] == [("ECB", "HTTP 500")]


def test_unknown_bank_is_refused_with_the_known_ones(store):
    from steppe.errors import RatesError

    with pytest.raises(RatesError, match="unknown bank XYZ; known: NBK"):
        update(store, FakeBanks().client(), date(2026, 4, 10), banks=["xyz"])


# --- backfill -----------------------------------------------------------------------------------


def test_backfill_asks_only_publication_days_and_stores_them(store):
    fake = FakeBanks(today=date(2026, 4, 12))
    progress: list[tuple[str, int, int]] = []
    with fake.client() as client:
        report = backfill(
            store,
            client,
            date(2026, 4, 6),
            date(2026, 4, 12),
            ["NBK", "NBT", "CBR", "CBT"],
            lambda *a: progress.append(a),
            now=NOW,
        )
    assert report.ok
    with store.read() as session:
        days = {
            b: session.quotes.days_stored(b, date(2026, 4, 1), date(2026, 4, 30)) for b in ("NBK", "NBT", "CBR", "CBT")
        }
    week = [date(2026, 4, d) for d in range(6, 13)]
    assert days["NBK"] == set(week[:5])  # Monday to Friday
    assert days["NBT"] == set(week)  # every day
    assert days["CBR"] == set(week[1:6])  # Tuesday to Saturday
    assert days["CBT"] == set(week[:6])  # no Sunday file
    assert report.requests == 5 + 7 + 5 + 6
    assert ("NBK", 5, 5) in progress and ("NBT", 7, 7) in progress


def test_backfill_resumes_skipping_days_already_stored(store):
    fake = FakeBanks(today=date(2026, 4, 10))
    with fake.client() as client:
        backfill(store, client, date(2026, 4, 6), date(2026, 4, 8), ["NBK", "CBU"], now=NOW)
        fake.requests.clear()
        report = backfill(store, client, date(2026, 4, 6), date(2026, 4, 10), ["NBK", "CBU"], now=NOW)
    asked = sorted(re.search(r"(\d\d\.\d\d\.2026|2026-\d\d-\d\d)", u).group(1) for u in fake.requests)
    assert asked == ["09.04.2026", "10.04.2026", "2026-04-09", "2026-04-10"]
    assert report.already_stored == {"NBK": 3, "CBU": 3}
    assert report.added["NBK"] == 2 * 7


def test_backfill_records_an_error_for_the_failed_day_and_fetches_it_next_time(store):
    bad = date(2026, 4, 8)
    fake = FakeBanks(faults={("CBU", bad): "maintenance"})
    with fake.client() as client:
        first = backfill(store, client, date(2026, 4, 6), date(2026, 4, 10), ["CBU", "NBK"], now=NOW)
        assert [(e.bank, e.day) for e in first.errors] == [("CBU", bad)]
        assert first.added["NBK"] == 5 * 7  # the other bank was not stopped
        fake.faults.clear()
        fake.requests.clear()
        second = backfill(store, client, date(2026, 4, 6), date(2026, 4, 10), ["CBU", "NBK"], now=NOW)
    assert fake.requests == ["https://cbu.uz/en/arkhiv-kursov-valyut/json/all/2026-04-08/"]
    assert second.ok and second.added["CBU"] == 8


def test_backfill_reads_nbkr_history_pages_per_currency_and_ecb_ranges(store):
    fake = FakeBanks(today=date(2026, 4, 10))
    with fake.client() as client:
        report = backfill(store, client, date(2026, 3, 30), date(2026, 4, 10), ["NBKR", "ECB"], now=NOW)
    assert report.ok, report.errors
    assert sum("nbkr.kg" in u for u in fake.requests) == 9 and sum("ecb" in u for u in fake.requests) == 1
    with store.read() as session:
        usd = session.quotes.series("NBKR", "USD", "KGS", date(2026, 3, 30), date(2026, 4, 10))
        ecb_days = session.quotes.days_stored("ECB", date(2026, 3, 30), date(2026, 4, 10))
    assert len(usd) == 10 and usd[0].amount == home_per("NBKR", "USD", date(2026, 3, 30))
    assert len(ecb_days) == 10


def test_backfill_does_not_ask_cbt_before_its_archive_begins(store):
    fake = FakeBanks(today=date(2020, 4, 20))
    with fake.client() as client:
        report = backfill(store, client, date(2020, 4, 13), date(2020, 4, 18), ["CBT"], now=NOW)
    assert fake.requests == ["https://cbt.tm/kurs/2020/17042020.xml", "https://cbt.tm/kurs/2020/18042020.xml"]
    assert any("archive starts on 2020-04-17" in n.reason for n in report.notes)


def test_backfill_with_a_pause_spaces_requests_to_one_bank(store):
    import time

    fake = FakeBanks(today=date(2026, 4, 10))
    started = time.monotonic()
    with fake.client() as client:
        backfill(store, client, date(2026, 4, 6), date(2026, 4, 8), ["NBK", "CBU"], pause=0.05, now=NOW)
    # 3 days per bank, banks taken in turn: two pauses per bank, overlapping between banks
    assert 0.1 <= time.monotonic() - started < 1.0


def test_without_a_pause_a_bank_is_asked_its_days_in_a_row_and_with_one_the_banks_alternate(store):
    def hosts(monday: date, pause: float) -> list[str]:  # Monday to Wednesday of one week
        fake = FakeBanks(today=date(2026, 4, 10))
        with fake.client() as client:
            backfill(store, client, monday, monday + timedelta(days=2), ["NBK", "CBU"], pause=pause, now=NOW)
        return [httpx.URL(url).host.split(".")[-2] for url in fake.requests]

    assert hosts(date(2026, 4, 6), 0.05) == ["nationalbank", "cbu", "nationalbank", "cbu", "nationalbank", "cbu"]
    assert hosts(date(2026, 3, 30), 0.0) == ["nationalbank"] * 3 + ["cbu"] * 3


def test_backfill_refuses_an_inverted_range(store):
    from steppe.errors import RatesError

    with pytest.raises(RatesError, match="after until"):
        backfill(store, FakeBanks().client(), date(2026, 4, 10), date(2026, 4, 1))


def test_an_interrupted_backfill_keeps_what_it_fetched_and_a_rerun_asks_only_the_rest(store):
    fake = FakeBanks(today=date(2026, 4, 10))

    def answer_until_the_fourth(request: httpx.Request) -> httpx.Response:
        if len(fake.requests) == 3:
            raise KeyboardInterrupt  # the operator's Ctrl-C while the fourth day is asked
        return fake.answer(request)

    with (
        httpx.Client(transport=httpx.MockTransport(answer_until_the_fourth)) as client,
        pytest.raises(KeyboardInterrupt),
    ):
        backfill(store, client, date(2026, 4, 6), date(2026, 4, 10), ["NBK"], now=NOW)
    with store.read() as session:
        assert session.quotes.days_stored("NBK", date(2026, 4, 1), date(2026, 4, 30)) == {
            date(2026, 4, 6),
            date(2026, 4, 7),
            date(2026, 4, 8),
        }
    fake.requests.clear()
    with fake.client() as client:
        report = backfill(store, client, date(2026, 4, 6), date(2026, 4, 10), ["NBK"], now=NOW)
    assert [re.search(r"fdate=([\d.]+)", u).group(1) for u in fake.requests] == ["09.04.2026", "10.04.2026"]
    assert report.added == {"NBK": 2 * 7}
    with store.read() as session:
        assert session.quotes.count() == 5 * 7


def test_a_backfill_commits_one_batch_unless_it_is_older_than_batch_seconds(store, monkeypatch):
    from steppe.rates import sync as rates_sync

    fake = FakeBanks(today=date(2026, 4, 10))
    before = store.commits
    with fake.client() as client:
        backfill(store, client, date(2026, 4, 6), date(2026, 4, 7), ["NBK"], now=NOW)
        assert store.commits == before + 1  # two answers, one batch
        monkeypatch.setattr(rates_sync, "BATCH_SECONDS", 0.0)  # every batch is already old enough
        backfill(store, client, date(2026, 4, 8), date(2026, 4, 10), ["NBK"], now=NOW)
    assert store.commits == before + 1 + 3


def test_recorded_payloads_from_the_shared_corpus_backfill_through_the_same_path(store, shared):
    """The real recorded answers (manifest.json: URL -> file) served at their own URLs."""
    corpus = shared / "corpora" / "rates"
    files = {e["url"]: corpus / e["file"] for e in json.loads((corpus / "manifest.json").read_text())}

    def answer(request: httpx.Request) -> httpx.Response:
        path = files.get(str(request.url))
        return httpx.Response(200, content=path.read_bytes()) if path else httpx.Response(404)

    with httpx.Client(transport=httpx.MockTransport(answer)) as client:
        report = backfill(store, client, date(2026, 4, 1), date(2026, 4, 3), ["NBK", "CBU"], now=NOW)
        nbt_report = backfill(store, client, date(2026, 5, 18), date(2026, 5, 20), ["NBT"], now=NOW)
    assert report.ok and nbt_report.ok
    assert report.added == {"NBK": 3 * 39, "CBU": 3 * 75}
    with store.read() as session:
        (usd,) = [q for q in session.quotes.on_or_before(date(2026, 4, 1)) if q.bank == "NBK" and q.base == "USD"]
        tmt = [
            q for q in session.quotes.on_or_before(date(2026, 5, 18)) if q.bank == "NBT" and q.base in ("USD", "TMT")
        ]
    assert usd.amount == Decimal("478.77")
    rate = {q.base: q.rate for q in tmt}
    assert (rate["USD"] / rate["TMT"]).quantize(Decimal("0.0001")) == Decimal("3.5000")


def test_a_bulk_write_reads_back_as_the_quotes_written_and_a_rerun_adds_nothing(store):
    day = date(2026, 4, 10)
    quotes = [
        Quote(
            bank="NBK",
            date=day,
            base="USD",
            quote="KZT",
            amount=Decimal("478.770"),
            change=Decimal("-1.20"),
            provenance="https://nationalbank.kz/x",
        ),
        Quote(
            bank="CBU",
            date=day - timedelta(days=3),
            effective_date=day,
            base="USD",
            quote="UZS",
            amount=Decimal("12194.21"),
            change=Decimal("0.00"),
        ),
        Quote(bank="NBKR", date=day, base="JPY", quote="KGS", amount=Decimal("5.6000"), nominal=10),
        Quote(bank="CBT", date=day, base="USD", quote="TMT", amount=Decimal("3.5"), kind="peg"),
    ]
    with store.write() as session:
        assert session.quotes.add(quotes, now=NOW) == 4
        assert session.quotes.add(quotes, now=NOW) == 0
    with store.read() as session:
        back = session.quotes.between(day - timedelta(days=7), day)
    assert sorted(back, key=repr) == sorted(quotes, key=repr)
    assert [str(q.amount) for q in sorted(back, key=repr)] == [str(q.amount) for q in sorted(quotes, key=repr)]


# --- the CLI commands (through click, the store checked through the library) ---------------------


def test_cli_backfill_and_convert(sqlite_store, monkeypatch):
    import click
    from click.testing import CliRunner

    from steppe.cli import rates as cli_rates

    fake = FakeBanks(today=date(2026, 4, 10))
    monkeypatch.setattr(cli_rates, "bank_client", lambda settings: fake.client())

    @click.group()
    def rates() -> None:
        """The rates group, as cli.py defines it."""

    cli_rates.register(rates)
    db = ["--db", sqlite_store.target]
    runner = CliRunner()
    result = runner.invoke(
        rates,
        [
            "backfill",
            "--since",
            "2026-04-06",
            "--until",
            "2026-04-10",
            "--bank",
            "NBK",
            "--bank",
            "CBT",
            "--pause",
            "0",
            "--json",
            *db,
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["added"] == {"NBK": 5 * 7, "CBT": 5 * 6}
    with sqlite_store.read() as session:
        assert len(session.quotes.days_stored("NBK", date(2026, 4, 6), date(2026, 4, 10))) == 5
    result = runner.invoke(rates, ["convert", "100", "USD", "KZT", "--date", "2026-04-12", *db])
    friday = home_per("NBK", "USD", date(2026, 4, 10)).quantize(Decimal("0.01"))
    assert result.exit_code == 0 and f"100 USD = {(100 * friday).normalize():f} KZT on 2026-04-12" in result.output
    assert "carried forward" in result.output
    result = runner.invoke(rates, ["convert", "1", "TMT", "USD", "--json", *db])
    assert json.loads(result.output)["rate"] == str(Decimal(1) / Decimal("3.5"))


def test_cli_update_reports_errors_per_bank(sqlite_store, monkeypatch):
    import click
    from click.testing import CliRunner

    from steppe.cli import rates as cli_rates

    fake = FakeBanks(faults={("NBK", date(2026, 4, 10)): "maintenance"})
    monkeypatch.setattr(cli_rates, "bank_client", lambda settings: fake.client())
    rates = click.Group("rates")
    cli_rates.register(rates)
    args = ["update", "--date", "2026-04-10", "--pause", "0", "--db", sqlite_store.target]
    result = CliRunner().invoke(rates, args)
    assert result.exit_code == 0 and "ERROR NBK 2026-04-10: NBK: got an HTML page" in result.output
    assert CliRunner().invoke(rates, [*args, "--strict"]).exit_code == 1
