"""Bench: backfill 10 years x 5 banks (NBK, NBKR, CBU, NBT, CBT) from local fixtures, into SQLite.

No network: local fixture files, generated before the clock starts, one per request, each
from the bank's real recorded answer (../shared/corpora/rates; the smaller tests/samples/
rates files when the corpus is absent): same format, currency list, nominals and decimals,
values moved a little each day. An httpx.MockTransport serves them at the banks' URLs.

Ours: ``rates_sync.backfill`` (request, parse, store; resumable bookkeeping included).
Baseline: the same requests and the same parse (``steppe.rates.banks.parse_rows``, the rows a
backfill stores, as ``_fetch`` parses them), without storing.
Each runs in its own process so that its peak RSS is its own. Targets: < 10 s, < 200 MB.

    python bench/rates_backfill.py [--years 10]
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "rates"
SAMPLES = ROOT / "tests" / "samples" / "rates"
BANKS = ("NBK", "NBKR", "CBU", "NBT", "CBT")
UNTIL = date(2026, 11, 28)


@functools.cache
def _template(corpus_name: str, sample_name: str) -> str:
    path = CORPUS / corpus_name if (CORPUS / corpus_name).exists() else SAMPLES / sample_name
    raw = path.read_bytes()
    return raw.decode("cp1251") if b"windows-1251" in raw[:100] else raw.decode("utf-8")


def _move(value: str, day: date, key: str, places: int, comma: bool = False, trim: bool = False) -> str:
    """A published number moved by a smooth daily drift, written with the bank's decimals."""
    number = float(value.replace(",", ".")) * (1 + 0.03 * math.sin(day.toordinal() / 40 + len(key)))
    text = f"{number:.{places}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") if comma else text


class Payloads:
    """Per-day payloads for the five banks, from their real answers as templates."""

    def __init__(self) -> None:
        self.nbk = _template("nbk/000.xml", "nbk_unchanged.xml")
        self.cbu = json.loads(_template("cbu/000.json", "cbu_carried.json"))
        self.nbt = _template("nbt/000.xml", "nbt_today_instead.xml")
        self.cbt = _template("cbt/000.xml", "cbt_2022.xml")
        self.bytes_served = 0

    def answer(self, request: httpx.Request) -> httpx.Response:
        body = self._body(request.url)
        self.bytes_served += len(body)
        return httpx.Response(200, content=body)

    def _body(self, url: httpx.URL) -> bytes:
        q = {k: v[0] for k, v in parse_qs(urlsplit(str(url)).query).items()}
        if "nationalbank.kz" in url.host:
            day = date(*map(int, reversed(q["fdate"].split("."))))
            text = re.sub(r"<date>[^<]*</date>", f"<date>{day:%d.%m.%Y}</date>", self.nbk)
            text = re.sub(
                r"<title>([A-Z]{3})</title>(\s*)<description>([\d.]+)</description>",
                lambda m: (
                    f"<title>{m[1]}</title>{m[2]}<description>{_move(m[3], day, m[1], 2, trim=True)}</description>"
                ),
                text,
            )
            return text.encode()
        if "cbu.uz" in url.host:
            day = date.fromisoformat(url.path.rstrip("/").rsplit("/", 1)[1])
            rows = [dict(r, Rate=_move(r["Rate"], day, r["Ccy"], 2), Date=f"{day:%d.%m.%Y}") for r in self.cbu]
            return json.dumps(rows).encode()
        if "nbt.tj" in url.host:
            day = date.fromisoformat(q["date"])
            text = re.sub(r'ValCurs Date="[^"]*"', f'ValCurs Date="{day:%Y-%m-%d}"', self.nbt)
            text = re.sub(
                r"<CharCode>([A-Z]{3})</CharCode>(.*?)<Value>([\d.]+)</Value>",
                lambda m: f"<CharCode>{m[1]}</CharCode>{m[2]}<Value>{_move(m[3], day, m[1], 4)}</Value>",
                text,
                flags=re.DOTALL,
            )
            return text.encode()
        if "cbt.tm" in url.host:
            name = url.path.rsplit("/", 1)[1]
            day = date(int(name[4:8]), int(name[2:4]), int(name[:2]))
            text = re.sub(r"<date>[^<]*</date>", f"<date>{day:%d.%m.%Y}</date>", self.cbt)
            text = re.sub(
                r'code="([A-Z]{3})"(.*?)<rate_tmt>([\d.]+)</rate_tmt>',
                lambda m: (
                    f'code="{m[1]}"{m[2]}<rate_tmt>'
                    f"{'3.5' if m[1] == 'USD' else _move(m[3], day, m[1], 4, trim=True)}</rate_tmt>"
                ),
                text,
                flags=re.DOTALL,
            )
            return text.encode()
        if "nbkr.kg" in url.host:
            return self._nbkr_history(q)
        raise AssertionError(f"unexpected URL {url}")

    def _nbkr_history(self, q: dict[str, str]) -> bytes:
        start = date(int(q["beg_year"]), int(q["beg_month"]), int(q["beg_day"]))
        end = date(int(q["end_year"]), int(q["end_month"]), int(q["end_day"]))
        rows, day = [], end
        while day >= start:
            if day.weekday() < 5:
                value = _move("87.4500", day, q["valuta_id"], 4, comma=True)
                rows.append(
                    f"<tr><td><!--date-->{day:%d.%m.%Y}<!--date--></td><td><!--value-->{value}<!--value--></td></tr>"
                )
            day -= timedelta(days=1)
        return ("<table>" + "".join(rows) + "</table>").encode()


class Fixtures:
    """The generated payloads written once to files (untimed), then served from disk by URL."""

    def __init__(self, folder: Path, since: date) -> None:
        from steppe.rates.sync import SyncReport, _plan
        from steppe.store import open_store

        self.folder, self.files, self.bytes_served = folder, {}, 0
        store = open_store(str(folder / "plan.db"))
        payloads = Payloads()
        for bank in BANKS:
            for n, job in enumerate(_plan(store, bank, since, UNTIL, SyncReport())):
                path = folder / f"{bank}-{n:05d}"
                path.write_bytes(payloads._body(httpx.URL(job.url)))
                self.files[job.url] = (job, path)
        store.close()

    def answer(self, request: httpx.Request) -> httpx.Response:
        body = self.files[str(request.url)][1].read_bytes()
        self.bytes_served += len(body)
        return httpx.Response(200, content=body)


def run_ours(since: date) -> dict:
    """Backfill into a fresh SQLite file: request, parse, store."""
    from steppe.rates.sync import backfill
    from steppe.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        fixtures = Fixtures(Path(tmp), since)
        store = open_store(str(Path(tmp) / "bench.db"))
        started, cpu = time.perf_counter(), time.process_time()
        with httpx.Client(transport=httpx.MockTransport(fixtures.answer)) as client:
            report = backfill(store, client, since, UNTIL, BANKS)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        # The backfill's memory, before the count below maps and reads the whole table to check it.
        peak, split = _peak_rss_mb(), _rss_split_mb()
        with store.read() as session:
            rows = session.quotes.count()
        size_mb = sum(f.stat().st_size for f in Path(tmp).glob("bench.db*")) / 1e6
        store.close()
    return {
        "seconds": seconds,
        "cpu": cpu,
        "requests": report.requests,
        "quotes": rows,
        "errors": len(report.errors),
        "bytes": fixtures.bytes_served,
        "peak_rss_mb": peak,
        "rss_now": split,
        "db_mb": size_mb,
    }


def run_baseline(since: date) -> dict:
    """The same requests and parses as the backfill, nothing stored."""
    from steppe.rates.banks import parse_rows

    with tempfile.TemporaryDirectory() as tmp:
        fixtures = Fixtures(Path(tmp), since)
        started, cpu = time.perf_counter(), time.process_time()
        quotes = 0
        with httpx.Client(transport=httpx.MockTransport(fixtures.answer)) as client:
            for url, (job, _) in fixtures.files.items():
                quotes += len(parse_rows(job.bank, client.get(url).content, provenance=url, **dict(job.options)))
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {
        "seconds": seconds,
        "cpu": cpu,
        "requests": len(fixtures.files),
        "quotes": quotes,
        "bytes": fixtures.bytes_served,
        "peak_rss_mb": _peak_rss_mb(),
        "rss_now": _rss_split_mb(),
    }


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def _rss_split_mb() -> dict[str, float]:
    """Resident memory now: anonymous (the heap) and file-backed (mapped files, e.g. SQLite's mmap)."""
    try:
        lines = Path("/proc/self/status").read_text().splitlines()
    except OSError:
        return {}
    fields = dict(line.split(":", 1) for line in lines if line.startswith(("RssAnon", "RssFile")))
    return {name: int(value.split()[0]) / 1024 for name, value in fields.items()}


def _child(mode: str, years: int) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--years", str(years)], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--child", choices=("ours", "baseline"))
    args = parser.parse_args()
    since = UNTIL - timedelta(days=round(365.25 * args.years)) + timedelta(days=1)
    if args.child:
        print(json.dumps((run_ours if args.child == "ours" else run_baseline)(since)))
        return
    baseline, ours = _child("baseline", args.years), _child("ours", args.years)
    print(f"rates backfill, {args.years} years x {len(BANKS)} banks ({', '.join(BANKS)}), {since}..{UNTIL}")
    print(f"  templates: {'../shared/corpora/rates' if CORPUS.exists() else 'tests/samples/rates'}")
    for name, r in (("baseline: fetch+parse, no store", baseline), ("ours: backfill into SQLite", ours)):
        print(
            f"  {name:34} {r['seconds']:6.2f} s (CPU {r['cpu']:5.2f} s)  peak RSS {r['peak_rss_mb']:6.1f} MB  "
            f"{r['requests']} requests, {r['quotes']} quotes, {r['bytes'] / 1e6:.0f} MB served"
        )
    for name, r in (("baseline", baseline), ("ours", ours)):
        if r["rss_now"]:
            print(f"  {name} at the end: " + ", ".join(f"{k} {v:.1f} MB" for k, v in r["rss_now"].items()))
    print(f"  database written: {ours['db_mb']:.1f} MB (with its WAL)")
    print(
        f"  ratio ours/baseline: time {ours['seconds'] / baseline['seconds']:.2f}x, "
        f"RSS {ours['peak_rss_mb'] / baseline['peak_rss_mb']:.2f}x"
    )
    print(
        f"  targets: < 10 s -> {'met' if ours['seconds'] < 10 else 'MISSED'}, "
        f"< 200 MB -> {'met' if ours['peak_rss_mb'] < 200 else 'MISSED'}; errors: {ours['errors']}"
    )


if __name__ == "__main__":
    main()
