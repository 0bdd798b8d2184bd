"""`steppe run`: claim due sources, refresh them concurrently, sleep until the next is due.

One ``Fetcher`` (its global and per-host limits apply across sources) and one writer
thread (SQLite has one writer; every database call goes through it) per run. Claiming
pushes each source's ``next_check_at`` ahead by a lease, in one transaction, so on
PostgreSQL several processes can share the work (``FOR UPDATE SKIP LOCKED`` is in
``store/sources.py``). SIGTERM/SIGINT stop claiming, give in-flight refreshes
``fetch.shutdown_grace`` seconds to finish, then cancel them: each page is its own
transaction, so cancelled work is rolled back whole and its source is handed back.
"""

from __future__ import annotations

import asyncio
import json
import logging
import signal
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, TextIO

from .fetch import FetchConfig, Fetcher
from .fetch.guard import Resolver, resolve_host
from .sources.refresh import Ingest, RefreshContext, RefreshReport, refresh_source
from .sources.schedule import SchedulePolicy
from .store.sources import SourceHealth

log = logging.getLogger("steppe.scheduler")
IDLE_POLL = 60.0  # seconds between looks at the database when nothing is due


@dataclass(frozen=True)
class RoundReport:
    """One scheduler round: every source refreshed in it."""

    started_at: datetime
    reports: tuple[RefreshReport, ...]

    def count(self, status: str) -> int:
        return sum(1 for r in self.reports if r.status == status)


def _default_ingest() -> Ingest:
    from .pipeline import ingest_page  # imported late: the pipeline pulls in every stage

    return ingest_page


class Scheduler:
    """Refreshes due sources, round after round, until told to stop."""

    def __init__(self, store: Any, *, fetch_config: FetchConfig, policy: SchedulePolicy, batch_size: int = 50,
                 grace: float = 20.0, ingest: Ingest | None = None, resolver: Resolver = resolve_host,
                 on_report: Callable[[RefreshReport], None] | None = None):
        self.store = store
        self.fetch_config = fetch_config
        self.policy = policy
        self.batch_size = batch_size
        self.grace = grace
        self.ingest = ingest
        self.resolver = resolver
        self.on_report = on_report
        self.stop = asyncio.Event()
        self.hurry = asyncio.Event()  # a second signal: cancel in-flight work now
        self.lease = timedelta(seconds=max(600.0, fetch_config.total_timeout * (policy.max_articles + 2)))

    @classmethod
    def from_settings(cls, store: Any, settings: Any, **kwargs: Any) -> "Scheduler":
        """A scheduler tuned by the fetch.* settings."""
        return cls(store, fetch_config=FetchConfig.from_settings(settings),
                   policy=SchedulePolicy.from_settings(settings), batch_size=settings["fetch.batch_size"],
                   grace=settings["fetch.shutdown_grace"], **kwargs)

    def request_stop(self) -> None:
        """Stop claiming; the first call lets in-flight work finish, the second cancels it."""
        if self.stop.is_set():
            self.hurry.set()
        self.stop.set()

    async def run(self, *, once: bool = False) -> list[RoundReport]:
        """Run rounds until stopped (or one round with ``once``); returns the rounds' reports."""
        rounds: list[RoundReport] = []
        if not self.stop.is_set():  # events bind to the loop that first waits on them
            self.stop, self.hurry = asyncio.Event(), asyncio.Event()
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="steppe-writer") as writer:
            async with Fetcher(self.fetch_config, resolver=self.resolver) as fetcher:
                ctx = RefreshContext(fetcher, self.store, self.policy, self.ingest or _default_ingest(), writer)
                while not self.stop.is_set():
                    rounds.append(await self._round(ctx))
                    if once:
                        break
                    await self._idle(ctx)
        log.info("scheduler stopped after %d rounds", len(rounds), extra={"stage": "shutdown"})
        return rounds

    async def _blocking(self, ctx: RefreshContext, function: Callable, *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(ctx.executor, function, *args)

    def _claim(self, now: datetime) -> list[SourceHealth]:
        with self.store.write() as session:
            return session.sources.claim_due(now, limit=self.batch_size, lease=self.lease,
                                             park_after=self.policy.park_after)

    def _release(self, source: SourceHealth) -> None:
        with self.store.write() as session:
            session.sources.release([source.source.id], datetime.now(timezone.utc))

    async def _round(self, ctx: RefreshContext) -> RoundReport:
        started = datetime.now(timezone.utc)
        due = await self._blocking(ctx, self._claim, started)
        log.info("round: %d sources due", len(due), extra={"stage": "claim", "due": len(due)})
        tasks = [asyncio.create_task(self._refresh(ctx, source)) for source in due]
        await self._finish(tasks)
        reports = tuple(t.result() for t in tasks if t.done() and not t.cancelled() and t.result())
        return RoundReport(started, reports)

    async def _refresh(self, ctx: RefreshContext, source: SourceHealth) -> RefreshReport | None:
        try:
            report = await refresh_source(source, ctx)
        except asyncio.CancelledError:
            self._release(source)
            log.warning("cancelled; handed back", extra={"source": source.source.url, "stage": "shutdown"})
            raise
        except Exception:  # a bug or a database failure: logged, handed back, the others go on
            log.exception("refresh crashed", extra={"source": source.source.url, "stage": "refresh"})
            await self._blocking(ctx, self._release, source)
            return None
        if self.on_report:
            self.on_report(report)
        return report

    async def _finish(self, tasks: list[asyncio.Task]) -> None:
        """Wait for the round; on stop, allow the grace period, then cancel what is left."""
        pending = set(tasks)
        stop_waiter = asyncio.create_task(self.stop.wait())
        while pending and not self.stop.is_set():
            _done, pending = await asyncio.wait(pending | {stop_waiter}, return_when=asyncio.FIRST_COMPLETED)
            pending.discard(stop_waiter)
        stop_waiter.cancel()
        if not pending:
            return
        log.info("stopping: %d refreshes in flight get %g s", len(pending), self.grace, extra={"stage": "shutdown"})
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.grace
        hurry_waiter = asyncio.create_task(self.hurry.wait())
        while pending and not self.hurry.is_set() and loop.time() < deadline:
            _done, pending = await asyncio.wait(pending | {hurry_waiter}, timeout=deadline - loop.time(),
                                                return_when=asyncio.FIRST_COMPLETED)
            pending.discard(hurry_waiter)
        hurry_waiter.cancel()
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    async def _idle(self, ctx: RefreshContext) -> None:
        """Sleep until the next source is due (at most IDLE_POLL seconds), or until stopped."""
        def next_due() -> datetime | None:
            with self.store.read() as session:
                return session.sources.next_due_at(park_after=self.policy.park_after)

        due = await self._blocking(ctx, next_due)
        wait = IDLE_POLL if due is None else (due - datetime.now(timezone.utc)).total_seconds()
        try:
            await asyncio.wait_for(self.stop.wait(), timeout=min(IDLE_POLL, max(1.0, wait)))
        except TimeoutError:
            pass


def run_scheduler(scheduler: Scheduler, *, once: bool = False) -> list[RoundReport]:
    """Run a scheduler in a fresh event loop with SIGTERM/SIGINT asking it to stop."""
    async def main() -> list[RoundReport]:
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            try:
                loop.add_signal_handler(signum, scheduler.request_stop)
            except (NotImplementedError, RuntimeError):  # not the main thread, or not Unix
                pass
        return await scheduler.run(once=once)

    return asyncio.run(main())


class JsonLogFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, and source/url/stage when given."""

    FIELDS = ("source", "url", "stage", "errors", "entries", "articles", "added", "due")

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(), "logger": record.name, "message": record.getMessage(),
        }
        data.update({name: getattr(record, name) for name in self.FIELDS if hasattr(record, name)})
        if record.exc_info:
            data["traceback"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


def configure_logging(*, level: int = logging.INFO, stream: TextIO | None = None) -> logging.Handler:
    """Send steppe.* logs to ``stream`` (stderr) as JSON lines; returns the handler."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonLogFormatter())
    logger = logging.getLogger("steppe")
    logger.addHandler(handler)
    logger.setLevel(level)
    return handler
