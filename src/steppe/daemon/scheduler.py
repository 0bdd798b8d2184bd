"""`steppe run`: claim due sources, refresh them concurrently, sleep until the next is due.

One ``Fetcher`` (its global and per-host limits apply across sources) and one writer
thread (SQLite has one writer; every database call goes through it) per run. Claiming
pushes each source's ``next_check_at`` ahead by a lease, in one transaction, so on
PostgreSQL several processes can share the work (``FOR UPDATE SKIP LOCKED`` is in
``store/sources.py``). SIGTERM/SIGINT stop claiming, give in-flight refreshes
``fetch.shutdown_grace`` seconds to finish, then cancel them: each page is its own
transaction, so cancelled work is rolled back whole and its source is handed back.

Beside the sources, a ``RatesKeeper`` (``daemon/banks.py``) asks each bank for its official rates when its
publication schedule (``rates_schedule``) says a new rate is due; bank updates run in
their own threads (blocking HTTP), so a slow bank never holds up a round of sources.
``RunStatus`` is the live picture the CLI's status line shows. Once an hour a round also
drops cluster-index entries older than ``cluster.index_days`` (the index is a working set).
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar, TypeVarTuple

from steppe.cluster import day_of
from steppe.config import Settings
from steppe.daemon.banks import BankReport, RatesKeeper
from steppe.fetch import FetchConfig, Fetcher
from steppe.fetch.guard import Resolver, resolve_host
from steppe.models import FetchOutcome, SourceHealth
from steppe.sources.refresh import Ingest, RefreshContext, RefreshReport, refresh_source
from steppe.sources.schedule import SchedulePolicy, failure_delay
from steppe.store import Store

log = logging.getLogger("steppe.daemon.scheduler")
Args = TypeVarTuple("Args")
Result = TypeVar("Result")
IDLE_POLL = 60.0  # seconds between looks at the database when nothing is due
FORGET_EVERY = timedelta(hours=1)  # how often old cluster-index entries are dropped


@dataclass(frozen=True)
class RoundReport:
    """One scheduler round: every source refreshed in it, and the bank updates that ended during it."""

    started_at: datetime
    reports: tuple[RefreshReport, ...]
    banks: tuple[BankReport, ...] = ()

    def count(self, status: str) -> int:
        return sum(1 for r in self.reports if r.status == status)


@dataclass
class RunStatus:
    """The live picture of a run, kept up to date by the scheduler (read by the status line)."""

    rounds: int = 0
    due: int = 0  # sources claimed by the latest round
    fetching: int = 0  # source refreshes in flight
    parked: int = 0
    checks: int = 0  # source checks finished since the start
    stories: int = 0  # stories added since the start
    last_error: str | None = None
    next_bank: tuple[str, datetime] | None = None
    updating: set[str] = field(default_factory=set)  # banks being asked now


def _default_ingest() -> Ingest:
    # imported late: the pipeline pulls in every stage
    from steppe.pipeline import ingest_page

    return ingest_page


class Scheduler:
    """Refreshes due sources, round after round, until told to stop."""

    def __init__(
        self,
        store: Store,
        *,
        fetch_config: FetchConfig,
        policy: SchedulePolicy,
        batch_size: int = 50,
        grace: float = 20.0,
        ingest: Ingest | None = None,
        resolver: Resolver = resolve_host,
        on_report: Callable[[RefreshReport], None] | None = None,
        rates: RatesKeeper | None = None,
        on_bank: Callable[[BankReport], None] | None = None,
        cluster_index_days: int = 14,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ):
        self.store = store
        self.clock = clock  # "now" for claims, bank schedules and the index; tests pass a fixed one
        self.fetch_config = fetch_config
        self.policy = policy
        self.batch_size = batch_size
        self.grace = grace
        self.ingest = ingest
        self.resolver = resolver
        self.on_report = on_report
        self.rates, self.on_bank = rates, on_bank
        self.status = RunStatus()
        self._bank_tasks: dict[str, asyncio.Task[BankReport]] = {}
        self._bank_reports: list[BankReport] = []
        self.stop = asyncio.Event()
        self.hurry = asyncio.Event()  # a second signal: cancel in-flight work now
        self.cluster_index_days = cluster_index_days
        self._forgot_at: datetime | None = None
        self.lease = timedelta(seconds=max(600.0, fetch_config.total_timeout * (policy.max_articles + 2)))

    @classmethod
    def from_settings(cls, store: Store, settings: Settings, **kwargs: Any) -> Scheduler:
        """A scheduler tuned by the fetch.* settings."""
        return cls(
            store,
            fetch_config=FetchConfig.from_settings(settings),
            policy=SchedulePolicy.from_settings(settings),
            batch_size=settings["fetch.batch_size"],
            grace=settings["fetch.shutdown_grace"],
            cluster_index_days=settings["cluster.index_days"],
            **kwargs,
        )

    def request_stop(self) -> None:
        """Stop claiming; the first call lets in-flight work finish, the second cancels it."""
        if self.stop.is_set():
            self.hurry.set()
        self.stop.set()

    async def run(self, *, once: bool = False) -> list[RoundReport]:
        """Run rounds until stopped (or one round with ``once``: every due source and every bank)."""
        rounds: list[RoundReport] = []
        if not self.stop.is_set():  # events bind to the loop that first waits on them
            self.stop, self.hurry = asyncio.Event(), asyncio.Event()
        with (
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="steppe-writer") as writer,
            ThreadPoolExecutor(max_workers=2, thread_name_prefix="steppe-rates") as bank_pool,
        ):
            async with Fetcher(self.fetch_config, resolver=self.resolver) as fetcher:
                ctx = RefreshContext(fetcher, self.store, self.policy, self.ingest or _default_ingest(), writer)
                while not self.stop.is_set():
                    rounds.append(await self._round(ctx, bank_pool, once=once))
                    if once:
                        break
                    await self._idle(ctx)
                await self._finish(list(self._bank_tasks.values()))
        log.info("scheduler stopped after %d rounds", len(rounds), extra={"stage": "shutdown"})
        return rounds

    async def _blocking(self, ctx: RefreshContext, function: Callable[[*Args], Result], *args: *Args) -> Result:
        return await asyncio.get_running_loop().run_in_executor(ctx.executor, function, *args)

    def _claim(self, now: datetime) -> list[SourceHealth]:
        with self.store.write() as session:
            return session.sources.claim_due(
                now, limit=self.batch_size, lease=self.lease, park_after=self.policy.park_after
            )

    def _release(self, sources: list[SourceHealth]) -> None:
        with self.store.write() as session:
            session.sources.release([source.stored_id for source in sources], self.clock())

    def _record_crash(self, source: SourceHealth, exc: Exception) -> RefreshReport | None:
        """Count an unexpected error as a failure: backoff and, after ``park_after`` of them, parking.

        Handing the source back instead would make it due at once, and a feed that crashes the
        parser would be fetched every round. Only when even recording fails is it handed back.
        """
        now = self.clock()
        message = f"{exc.__class__.__name__}: {str(exc)[:300]}"
        outcome = FetchOutcome("failed", now, now + failure_delay(self.policy, source.error_count, None), error=message)
        try:
            with self.store.write() as session:
                errors = session.sources.record(source.stored_id, outcome)
        except Exception:  # the database itself failed: hand the source back for a later round
            log.exception("recording the crash failed", extra={"source": source.source.url, "stage": "refresh"})
            self._release([source])
            return None
        return RefreshReport(source.source.url, "failed", outcome.next_check_at, error=message, error_count=errors)

    def _count_parked(self) -> int:
        with self.store.read() as session:
            return sum(1 for health in session.sources.health() if health.parked(self.policy.park_after))

    async def _round(self, ctx: RefreshContext, bank_pool: Executor, *, once: bool = False) -> RoundReport:
        started = self.clock()
        due = await self._blocking(ctx, self._claim, started)
        self.status.rounds += 1
        self.status.due = len(due)
        self.status.parked = await self._blocking(ctx, self._count_parked)
        log.info("round: %d sources due", len(due), extra={"stage": "claim", "due": len(due)})
        refreshes = [asyncio.create_task(self._refresh(ctx, source)) for source in due]
        bank_updates = self._start_banks(bank_pool, started, every=once)
        await self._finish([*refreshes, *bank_updates] if once else refreshes)  # else banks run beside the rounds
        await self._hand_back(ctx, [source for source, task in zip(due, refreshes, strict=True) if task.cancelled()])
        if self.cluster_index_days and (self._forgot_at is None or started - self._forgot_at >= FORGET_EVERY):
            self._forgot_at = started
            await self._blocking(ctx, self._forget_old_index_entries, started)
        results = (t.result() for t in refreshes if t.done() and not t.cancelled())
        reports = tuple(report for report in results if report)
        finished, self._bank_reports = tuple(self._bank_reports), []
        return RoundReport(started, reports, finished)

    def _forget_old_index_entries(self, now: datetime) -> None:
        """Keep the cluster index to its working set: stories of the last ``cluster_index_days`` days."""
        with self.store.write() as session:
            dropped = session.clusters.index.forget_before(day_of(now.date()) - self.cluster_index_days)
        if dropped:
            log.info(
                "cluster index: dropped %d stories older than %d days",
                dropped,
                self.cluster_index_days,
                extra={"stage": "cluster", "dropped": dropped},
            )

    async def _refresh(self, ctx: RefreshContext, source: SourceHealth) -> RefreshReport | None:
        self.status.fetching += 1
        try:
            report = await refresh_source(source, ctx, now=self.clock())
        except asyncio.CancelledError:  # handed back by _round, started or not
            raise
        except Exception as exc:  # a bug or a database failure: a failure like any other, the others go on
            log.exception(
                "refresh crashed", extra={"source": source.source.url, "url": source.source.url, "stage": "refresh"}
            )
            recorded = await self._blocking(ctx, self._record_crash, source, exc)
            if recorded is None:
                return None
            report = recorded
        finally:
            self.status.fetching -= 1
        self.status.checks += 1
        self.status.stories += report.added
        if report.error:
            self.status.last_error = report.error if report.url in report.error else f"{report.url}: {report.error}"
        if self.on_report:
            self.on_report(report)
        return report

    async def _hand_back(self, ctx: RefreshContext, cancelled: list[SourceHealth]) -> None:
        """Make sources whose refresh was cancelled (even before it began) due again at once."""
        if not cancelled:
            return
        await self._blocking(ctx, self._release, cancelled)
        for source in cancelled:
            log.warning(
                "cancelled; handed back",
                extra={"source": source.source.url, "url": source.source.url, "stage": "shutdown"},
            )

    def _start_banks(self, executor: Executor, now: datetime, *, every: bool) -> list[asyncio.Task[BankReport]]:
        """Start an update of each due bank not already being asked."""
        if self.rates is None:
            return []
        started = []
        for bank in self.rates.due(now, every=every):
            if bank not in self._bank_tasks:
                self._bank_tasks[bank] = asyncio.create_task(self._update_bank(executor, self.rates, bank, now))
                started.append(self._bank_tasks[bank])
        self._note_next_bank(now)
        return started

    async def _update_bank(self, executor: Executor, rates: RatesKeeper, bank: str, now: datetime) -> BankReport:
        self.status.updating.add(bank)
        try:
            report = await asyncio.get_running_loop().run_in_executor(executor, rates.update, bank, now)
        finally:
            self.status.updating.discard(bank)
            self._bank_tasks.pop(bank, None)
        if report.errors:
            self.status.last_error = f"{bank}: {report.errors[-1]}"
        self._bank_reports.append(report)
        self._note_next_bank(self.clock())
        if self.on_bank:
            self.on_bank(report)
        return report

    def _note_next_bank(self, now: datetime) -> None:
        if self.rates is not None:
            self.status.next_bank = self.rates.next_due(now, besides=self._bank_tasks)

    async def _finish(self, tasks: Sequence[asyncio.Task[object]]) -> None:
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
            _done, pending = await asyncio.wait(
                pending | {hurry_waiter}, timeout=deadline - loop.time(), return_when=asyncio.FIRST_COMPLETED
            )
            pending.discard(hurry_waiter)
        hurry_waiter.cancel()
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    async def _idle(self, ctx: RefreshContext) -> None:
        """Sleep until the next source or bank is due (at most IDLE_POLL seconds), or until stopped."""

        def next_due() -> datetime | None:
            with self.store.read() as session:
                return session.sources.next_due_at(park_after=self.policy.park_after)

        moments = [await self._blocking(ctx, next_due)]
        if self.rates is not None:
            bank = self.rates.next_due(self.clock(), besides=self._bank_tasks)
            moments.append(bank[1] if bank else None)
        due = min((m for m in moments if m is not None), default=None)
        wait = IDLE_POLL if due is None else (due - self.clock()).total_seconds()
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
