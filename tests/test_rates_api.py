"""The Frankfurter v1-compatible rates API, over a real HTTP server on 127.0.0.1.

The store is filled by a backfill from the fake banks (test_rates_sync.FakeBanks), so the
figures checked here are the banks' own published figures.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import httpx
import pytest

from livesite import LiveServer
from steppe.web.rates_api import AnswerCache
from test_rates_sync import fill, home_per

FRI, SAT, SUN = date(2026, 4, 10), date(2026, 4, 11), date(2026, 4, 12)


@pytest.fixture
def api(store):
    fill(store, date(2026, 3, 2), SUN)
    server = LiveServer(store).start()
    with httpx.Client(base_url=server.url + "/api/rates", timeout=30) as client:
        yield client
    server.stop()


def exact(response: httpx.Response) -> dict:
    """The JSON body with numbers read as Decimals, as a careful client would."""
    return json.loads(response.text, parse_float=Decimal, parse_int=Decimal)


def test_latest_has_frankfurters_shape_with_eur_as_the_default_base(api):
    response = api.get("/latest")
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    body = response.json()
    assert list(body)[:4] == ["amount", "base", "date", "rates"]
    # EUR legs come from the ECB, whose last file before the weekend is Friday's
    assert body["amount"] == 1.0 and body["base"] == "EUR" and body["date"] == FRI.isoformat()
    assert {"USD", "KZT", "KGS", "UZS", "TJS", "TMT", "RUB", "CNY"} <= set(body["rates"])
    assert "EUR" not in body["rates"] and all(isinstance(v, (int, float)) for v in body["rates"].values())
    assert '"amount":1.0' in response.text  # written as Frankfurter writes it


def test_a_frankfurter_client_works_unchanged_with_from_to_and_amount(api):
    body = exact(api.get("/latest", params={"from": "USD", "to": "KZT,UZS", "amount": "100"}))
    assert body["base"] == "USD" and set(body["rates"]) == {"KZT", "UZS"}
    assert body["rates"]["KZT"] == 100 * home_per("NBK", "USD", FRI, 1, 4).quantize(Decimal("0.01"))
    assert body["date"] == FRI.isoformat()  # the newest figure used: NBK's and CBU's Friday


def test_base_and_symbols_are_aliases_of_from_and_to(api):
    assert api.get("/latest?base=USD&symbols=KZT").json() == api.get("/latest?from=USD&to=KZT").json()


def test_the_home_bank_supplies_each_currency_and_says_so(api):
    body = api.get("/2026-04-10", params={"base": "USD", "symbols": "KZT,KGS,UZS,TJS,TMT,RUB"}).json()
    banks = {code: s["bank"] for code, s in body["steppe"]["sources"].items()}
    assert banks == {"KZT": "NBK", "KGS": "NBKR", "UZS": "CBU", "TJS": "NBT", "TMT": "CBT", "RUB": "CBR"}
    assert body["rates"]["TMT"] == 3.5


def test_a_weekend_date_is_answered_with_fridays_rate_marked_carried_forward(api):
    body = api.get(f"/{SUN}", params={"base": "USD", "symbols": "KZT"}).json()
    assert body["date"] == FRI.isoformat()
    assert body["steppe"]["asked"] == SUN.isoformat() and body["steppe"]["carried_forward"] == ["KZT"]
    source = body["steppe"]["sources"]["KZT"]
    assert source["effective_date"] == FRI.isoformat() and source["carried_forward"] is True
    friday = api.get(f"/{FRI}", params={"base": "USD", "symbols": "KZT"}).json()
    assert body["rates"] == friday["rates"] and friday["steppe"]["carried_forward"] == []


def test_a_range_holds_only_days_with_data_and_keeps_the_friday_before_a_weekend_start(api):
    body = api.get("/2026-04-04..2026-04-10", params={"base": "USD", "symbols": "KZT"}).json()
    assert set(body) >= {"amount", "base", "start_date", "end_date", "rates"}
    days = list(body["rates"])
    assert days == ["2026-04-03", "2026-04-06", "2026-04-07", "2026-04-08", "2026-04-09", "2026-04-10"]
    assert body["start_date"] == "2026-04-03" and body["end_date"] == "2026-04-10"
    assert body["rates"]["2026-04-07"]["KZT"] == float(
        home_per("NBK", "USD", date(2026, 4, 7)).quantize(Decimal("0.01"))
    )


def test_an_open_ended_range_runs_to_today(api):
    body = api.get("/2026-04-08..", params={"base": "USD", "symbols": "KZT"}).json()
    assert body["start_date"] == "2026-04-08" and body["end_date"] == FRI.isoformat()


def test_currencies_lists_codes_with_names(api):
    body = api.get("/currencies").json()
    assert body["KZT"] == "Tenge" and body["TMT"] == "Turkmenistan New Manat" and body["USD"] == "US Dollar"
    assert list(body) == sorted(body)


@pytest.mark.parametrize(
    "path,params,status,message",
    [
        ("/latest", {"base": "USD", "symbols": "USD"}, 422, "bad currency pair"),
        ("/latest", {"amount": "0"}, 422, "invalid amount"),
        ("/latest", {"amount": "abc"}, 422, "invalid amount"),
        ("/2026-02-30", {}, 422, "invalid date"),
        ("/latest", {"base": "XYZ"}, 404, "not found"),
        ("/latest", {"symbols": "XYZ"}, 404, "not found"),
        ("/1999-01-04", {}, 404, "not found"),
        ("/2030-01-01", {}, 404, "not found"),
        ("/2026-04-10..2026-04-01", {}, 422, "start date is after end date"),
        ("/yesterday", {}, 404, "not found"),
    ],
)
def test_errors_are_frankfurters_status_and_message(api, path, params, status, message):
    response = api.get(path, params=params)
    assert (response.status_code, response.json()) == (status, {"message": message})


def test_banks_that_disagree_beyond_half_a_percent_are_flagged(api):
    body = api.get("/latest", params={"base": "TMT", "symbols": "UZS"}).json()
    (flag,) = body["steppe"]["disagreements"]
    assert (flag["bank"], flag["pair"], flag["theirs"]) == ("CBU", "TMT/UZS", "4037.68")
    assert Decimal(flag["diff_pct"]) > Decimal("0.5")
    assert body["steppe"]["sources"]["UZS"]["bank"] == "CBT+CBU"  # the peg side from CBT, UZS from CBU


def test_figures_are_exact_decimals_without_float_drift(api):
    response = api.get(f"/{FRI}", params={"from": "USD", "to": "TMT", "amount": "0.1"})
    assert '"TMT":0.35' in response.text
    assert exact(response)["rates"]["TMT"] == Decimal("0.35")
    third = exact(api.get(f"/{FRI}", params={"from": "TMT", "to": "USD", "amount": "3"}))
    assert third["rates"]["USD"] == Decimal("0.8571428571")  # 3 / 3.5 to 10 significant digits


def test_answers_carry_an_etag_and_a_repeat_is_a_304(api):
    first = api.get("/latest", params={"symbols": "KZT"})
    again = api.get("/latest", params={"symbols": "KZT"}, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    assert first.headers["access-control-allow-origin"] == "*"


def _lines(response: httpx.Response) -> list[tuple[str, str]]:
    """The response's headers in order, without the server's own date and name."""
    return [(k, v) for k, v in response.headers.multi_items() if k not in ("date", "server")]


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/latest", {"from": "USD", "to": "KZT,UZS", "amount": "100"}),
        ("/currencies", {}),
        (f"/{FRI}..", {"base": "", "symbols": "KGS"}),
    ],
)
def test_a_repeated_request_gets_the_first_answers_bytes_and_headers(api, path, params):
    first = api.get(path, params=params)
    again = api.get(path, params=params)  # from the cache, before the app's routing
    assert first.status_code == again.status_code == 200
    assert again.content == first.content and _lines(again) == _lines(first)
    assert ("access-control-allow-origin", "*") in _lines(again)


def test_a_304_from_the_cache_keeps_the_security_and_cors_headers(api):
    first = api.get("/latest")
    again = api.get("/latest", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    for name in ("etag", "cache-control", "content-security-policy", "x-frame-options", "access-control-allow-origin"):
        assert again.headers[name] == first.headers[name]


def test_a_cached_answer_is_sent_without_the_apps_routes(store):
    fill(store, FRI, SUN)
    server = LiveServer(store)
    app = server.server.config.app
    app.state.rates_cache = AnswerCache(store, ttl=3600)  # the stamp stays fresh through the test
    server.start()
    try:
        with httpx.Client(base_url=server.url + "/api/rates", timeout=30) as client:
            first = client.get("/latest", params={"symbols": "KZT"})
            app.router.routes.clear()  # from here on only the cache can answer
            again = client.get("/latest", params={"symbols": "KZT"})
            assert client.get("/latest", params={"symbols": "KGS"}).status_code == 404  # not cached: routing
    finally:
        server.stop()
    assert first.status_code == again.status_code == 200 and again.content == first.content


def test_latest_on_an_empty_store_is_not_found(store):
    server = LiveServer(store).start()
    try:
        response = httpx.get(server.url + "/api/rates/latest", timeout=30)
        assert (response.status_code, response.json()) == (404, {"message": "not found"})
        assert httpx.get(server.url + "/api/rates/currencies", timeout=30).json() == {}
    finally:
        server.stop()


@pytest.mark.parametrize("value", [float("nan"), float("inf"), Decimal("NaN"), Decimal("-Infinity")])
def test_the_rates_json_writer_refuses_what_json_cannot_carry(value):
    from steppe.rates.queries import json_text

    with pytest.raises(ValueError):
        json_text({"rates": {"USD": value}})
    assert json_text({"USD": Decimal("470.41"), "n": 2, "f": 0.5}) == '{"USD":470.41,"n":2,"f":0.5}'
