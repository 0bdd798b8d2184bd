"""Time and peak memory of `extract` on adversarial pages up to the fetch cap (issue 17 item 8).

Usage: python bench/hostile_pages.py [--mb N] [--shape NAME ...] [--baseline]

Each shape is built at about N MB (default 15, the fetch cap; the ordinary-paragraph page
is 19 MB, the size the review used, under the 20 MB ingest cap) and extracted in a fresh
child process, so that the peak resident memory printed is that page's alone. Prints wall
seconds, peak MB and the outcome (stories found, or the rejection reason) per shape, beside
the target: every page extracted or rejected within 5 s and 300 MB. --baseline also runs bare
`trafilatura.extract` on the same page in its own child, with a 60 s limit (the review saw it
run for minutes on some shapes).
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime

TARGET_SECONDS = 5.0
TARGET_MB = 300
BASELINE_LIMIT_SECONDS = 60
MB = 1024 * 1024

PARAGRAPH = (
    "<p>Городской совет утвердил план ремонта набережной: работы начнутся весной и продлятся до осени, "
    "а движение по соседним улицам ограничат только по ночам.</p>\n"
)


def _sized(head: str, unit: str, tail: str, size: int) -> bytes:
    """head + unit repeated until the page is about size bytes + tail."""
    unit_bytes = len(unit.encode())
    return (head + unit * max(1, size // unit_bytes) + tail).encode()


def empty_paragraphs(size: int) -> bytes:
    """<article><h1>…</h1> and then nothing but empty paragraphs (quadratic in trafilatura)."""
    return _sized("<html><body><article><h1>Заголовок статьи</h1>", "<p></p>", "</article></body></html>", size)


def deep_nesting(size: int) -> bytes:
    """Unclosed <div>s nested far past the parser's depth limit, text at the bottom."""
    return _sized("<html><body>", "<div>", PARAGRAPH * 3 + "</body></html>", size)


def huge_word(size: int) -> bytes:
    """An article whose one paragraph is a single word of size bytes."""
    return _sized("<html><body><article><h1>Заголовок</h1><p>", "ж", "</p></article></body></html>", size)


def many_links(size: int) -> bytes:
    """A page of nothing but links, thousands of them, in list items."""
    unit = '<li><a href="/news/item">Новость дня о ремонте набережной</a></li>'
    return _sized("<html><body><h1>Все новости</h1><ul>", unit, "</ul></body></html>", size)


def ordinary_paragraphs(size: int) -> bytes:
    """An article of ordinary paragraphs, many megabytes of them, each a little different."""

    def paragraph(n: int) -> str:
        return PARAGRAPH.replace("весной", f"в {n}-й день весны")

    count = max(1, size // len(paragraph(10**6).encode()))
    body = "".join(paragraph(n) for n in range(count))
    return ("<html><body><article><h1>Длинная статья</h1>" + body + "</article></body></html>").encode()


def many_empty_blocks(size: int) -> bytes:
    """An article followed by empty nested blocks (<div><span></span></div>) to the cap."""
    article = "".join(PARAGRAPH.replace("весной", f"в {n}-й день весны") for n in range(5))
    head = "<html><body><article><h1>Заголовок</h1>" + article + "</article>"
    return _sized(head, "<div><span></span></div>", "</body></html>", size)


SHAPES: dict[str, tuple[Callable[[int], bytes], float]] = {
    "empty paragraphs": (empty_paragraphs, 1.0),
    "deep nesting": (deep_nesting, 1.0),
    "one huge word": (huge_word, 1.0),
    "thousands of links": (many_links, 1.0),
    "empty blocks after an article": (many_empty_blocks, 1.0),
    "ordinary paragraphs (19 MB)": (ordinary_paragraphs, 19 / 15),
}


def _run_ours(body: bytes, out: multiprocessing.Queue) -> None:
    from steppe.extract import extract
    from steppe.models import Page

    warm = b"<html><body><article><h1>Warm-up</h1><p>" + PARAGRAPH.encode() * 3 + b"</p></article></body></html>"
    extract(
        Page(url="https://warm.example/", site="warm.example", body=warm, fetched_at=datetime(2026, 1, 1, tzinfo=UTC))
    )
    page = Page(
        url="https://hostile.example/page",
        site="hostile.example",
        body=body,
        fetched_at=datetime(2026, 1, 1, tzinfo=UTC),
    )
    start = time.perf_counter()
    result = extract(page)
    seconds = time.perf_counter() - start
    outcome = (
        f"rejected: {result.rejected}"
        if result.rejected
        else f"{len(result.stories)} story(ies), {sum(len(s.text) for s in result.stories)} chars"
    )
    out.put((seconds, _peak_mb(), outcome))


def _run_bare(body: bytes, out: multiprocessing.Queue) -> None:
    import trafilatura

    trafilatura.extract("<html><body><article><p>" + PARAGRAPH * 3 + "</p></article></body></html>")
    start = time.perf_counter()
    text = trafilatura.extract(body) or ""
    out.put((time.perf_counter() - start, _peak_mb(), f"{len(text)} chars"))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def in_child(target: Callable, body: bytes, limit: float | None) -> tuple[float, float, str]:
    """Run target(body) in a fresh process; (seconds, peak MB, outcome), or a timeout note."""
    queue: multiprocessing.Queue = multiprocessing.Queue()
    child = multiprocessing.get_context("fork").Process(target=target, args=(body, queue))
    start = time.perf_counter()
    child.start()
    child.join(limit)
    if child.is_alive():
        child.kill()
        child.join()
        return time.perf_counter() - start, float("nan"), f"still running after {limit:.0f} s: killed"
    return queue.get() if not queue.empty() else (float("nan"), float("nan"), f"died (exit {child.exitcode})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=15.0)
    parser.add_argument("--shape", action="append", choices=sorted(SHAPES), help="run only these shapes")
    parser.add_argument("--baseline", action="store_true", help="also time bare trafilatura.extract (60 s limit)")
    args = parser.parse_args()
    print(f"target: every page extracted or rejected within {TARGET_SECONDS:.0f} s and {TARGET_MB} MB peak")
    failed = False
    for name in args.shape or list(SHAPES):
        build, scale = SHAPES[name]
        body = build(int(args.mb * scale * MB))
        seconds, peak, outcome = in_child(_run_ours, body, None)
        ok = seconds <= TARGET_SECONDS and peak <= TARGET_MB
        failed |= not ok
        print(
            f"{name:32s} {len(body) / MB:5.1f} MB  ours {seconds:6.2f} s {peak:6.0f} MB peak  {'ok ' if ok else 'OVER'} {outcome}"
        )
        if args.baseline:
            seconds, peak, outcome = in_child(_run_bare, body, BASELINE_LIMIT_SECONDS)
            print(f"{'':32s} {'':8s}  bare {seconds:6.2f} s {peak:6.0f} MB peak       {outcome}")
        sys.stdout.flush()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
