"""Benchmark: `ingest`, `rates import` and `sources import` meeting /dev/zero, a FIFO and a link out of the folder.

    python bench/hostile_inputs.py

Issue 17's target: each hostile input refused clearly within 1 s and 150 MB peak memory, the
rest of the batch landing. Each command runs in a child process on a clean batch (the
baseline), on the same batch plus the hostile inputs, and (ingest, rates import) on the hostile
inputs alone; the script prints wall time and peak RSS (``wait4``) of each, the difference
and the ratio, and how many inputs were refused. The
child runs under a 2 GB address-space limit, so an unbounded read fails instead of swapping.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEMO = Path(__file__).resolve().parents[1] / "src" / "steppe" / "data" / "demo"


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def measure(args: list[str], cwd: Path) -> tuple[float, float, int, str]:
    """(seconds, peak RSS in MB, exit status, stdout) of `steppe ARGS` in a child process."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "steppe.cli", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_limit,
    )
    out, _err = child.stdout.read(), child.stderr.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - started, usage.ru_maxrss / 1024, child.returncode, out.decode()


def add_hostile(folder: Path, outside: Path) -> list[str]:
    """A FIFO, a link to /dev/zero and a link to a file outside, inside ``folder``; /dev/zero named as well."""
    os.mkfifo(folder / "pipe.html")
    os.symlink("/dev/zero", folder / "zero.html")
    secret = outside / "secret"
    secret.write_text("not for publication\n")
    os.symlink(secret, folder / "secret.html")
    return ["/dev/zero"]


def cases(work: Path) -> dict[str, tuple[list[str], ...]]:
    """command -> (clean args, clean + hostile args[, hostile only args])."""
    outside = work / "outside"
    outside.mkdir()
    news, news_bad = work / "news", work / "news-bad"
    shutil.copytree(DEMO / "steppe-times", news)
    shutil.copytree(DEMO / "steppe-times", news_bad)
    rates, rates_bad = work / "rates", work / "rates-bad"
    shutil.copytree(DEMO / "rates", rates)
    shutil.copytree(DEMO / "rates", rates_bad)
    extra_news = add_hostile(news_bad, outside)
    extra_rates = add_hostile(rates_bad, outside)
    only = work / "only-hostile"
    only.mkdir()
    extra_only = add_hostile(only, outside)
    opml = work / "feeds.opml"
    opml.write_text('<opml version="2.0"><body><outline text="K" xmlUrl="https://kabar.example/rss"/></body></opml>')
    os.mkfifo(work / "feeds-fifo.opml")
    db = lambda name: ["--db", str(work / f"{name}.db")]  # noqa: E731
    return {
        "ingest": (
            ["ingest", str(news), "--json", *db("a")],
            ["ingest", str(news_bad), *extra_news, "--json", *db("b")],
            ["ingest", str(only), *extra_only, "--json", *db("g")],
        ),
        "rates import": (
            ["rates", "import", str(rates), "--json", *db("c")],
            ["rates", "import", str(rates_bad), *extra_rates, "--json", *db("d")],
            ["rates", "import", str(only), *extra_only, "--json", *db("h")],
        ),
        "sources import": (
            ["sources", "import", str(opml), *db("e")],
            ["sources", "import", str(work / "feeds-fifo.opml"), *db("f")],
        ),
    }


def refused(stdout: str) -> str:
    try:
        return str(len(json.loads(stdout)["rejected"]))
    except (ValueError, KeyError):
        return "-"


def main() -> None:
    print(f"# {platform.node()} {platform.machine()} {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"{'command':<15} {'batch':<8} {'seconds':>8} {'peak MB':>8} {'exit':>5} {'refused':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name, (clean, hostile, *alone) in cases(work).items():
            base = measure(clean, work)
            ours = measure(hostile, work)
            rows = [("clean", base), ("+hostile", ours)] + [("hostile", measure(args, work)) for args in alone]
            for label, (seconds, peak, code, out) in rows:
                print(f"{name:<15} {label:<8} {seconds:>8.2f} {peak:>8.1f} {code:>5} {refused(out):>8}")
            print(
                f"{name:<15} {'extra':<8} {ours[0] - base[0]:>+8.2f} {ours[1] - base[1]:>+8.1f}"
                f"   ratio {ours[0] / base[0]:.2f}x time, {ours[1] / base[1]:.2f}x memory"
            )


if __name__ == "__main__":
    main()
