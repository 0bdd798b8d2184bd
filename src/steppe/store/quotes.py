"""Quotes: exchange rates as published, one row per bank, pair, day and kind."""

from __future__ import annotations

from datetime import date, datetime
from typing import Iterable

from sqlalchemy import Connection, func, select

from ..models import Quote
from . import schema
from .codec import quote_from_row, quote_row
from .dialect import insert_ignoring_conflicts

Q = schema.quotes


class Quotes:
    """The quotes table on one connection."""

    def __init__(self, conn: Connection):
        self.conn = conn

    def add(self, quotes: Iterable[Quote], *, now: datetime) -> int:
        """Store quotes not yet stored; returns how many were new."""
        added = 0
        keys = ["bank", "base", "quote", "effective_date", "kind"]
        for quote in quotes:
            added += insert_ignoring_conflicts(self.conn, Q, quote_row(quote, now), keys=keys)
        return added

    def on_or_before(self, day: date, *, kinds: tuple[str, ...] = ("official", "peg")) -> list[Quote]:
        """For every bank and pair, the last quote in force on ``day``."""
        latest = (
            select(Q.c.bank, Q.c.base, Q.c.quote, Q.c.kind, func.max(Q.c.effective_date).label("d"))
            .where(Q.c.effective_date <= day.isoformat(), Q.c.kind.in_(kinds))
            .group_by(Q.c.bank, Q.c.base, Q.c.quote, Q.c.kind)
            .subquery()
        )
        query = select(Q).join(
            latest,
            (Q.c.bank == latest.c.bank) & (Q.c.base == latest.c.base) & (Q.c.quote == latest.c.quote)
            & (Q.c.kind == latest.c.kind) & (Q.c.effective_date == latest.c.d),
        )
        return [quote_from_row(r) for r in self.conn.execute(query)]

    def latest_day(self, *, kinds: tuple[str, ...] = ("official",)) -> date | None:
        """The most recent effective date of any stored quote."""
        value = self.conn.execute(select(func.max(Q.c.effective_date)).where(Q.c.kind.in_(kinds))).scalar()
        return date.fromisoformat(value) if value else None

    def history(self, base: str, quote: str, since: date, until: date) -> list[Quote]:
        """Every stored quote of one pair between two dates, oldest first."""
        query = (
            select(Q)
            .where(Q.c.base == base, Q.c.quote == quote)
            .where(Q.c.effective_date >= since.isoformat(), Q.c.effective_date <= until.isoformat())
            .order_by(Q.c.effective_date)
        )
        return [quote_from_row(r) for r in self.conn.execute(query)]

    def count(self) -> int:
        return self.conn.execute(select(func.count()).select_from(Q)).scalar_one()
