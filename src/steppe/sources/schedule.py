"""When to check a source next: adapted to how often it publishes, backed off when it fails.

Success: Miniflux's entry-frequency rule, interval = 7 days / entries of the last
week, clamped to [min, max]; never sooner than the server's Cache-Control / Expires /
<ttl> asks. Failure: exponential backoff from the minimum interval with "equal
jitter" (half fixed, half random), never sooner than a 429/503 Retry-After.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import Any

from steppe.config import default
from steppe.models import Backoff
from steppe.sources.feeds import Feed

WEEK = 7 * 24 * 3600
MAX_RETRY_AFTER = 7 * 24 * 3600  # a server asking for more than a week is taken at a week


@dataclass(frozen=True)
class SchedulePolicy:
    """Intervals, limits and thresholds of refreshing (the fetch.* settings)."""

    min_interval: int = default("fetch.min_interval")
    max_interval: int = default("fetch.max_interval")
    default_interval: int = default("fetch.default_interval")
    park_after: int = default("fetch.park_after")
    fulltext_min_chars: int = default("fetch.fulltext_min_chars")
    max_articles: int = default("fetch.max_articles")

    @classmethod
    def from_settings(cls, settings: Any) -> SchedulePolicy:
        """The policy from resolved settings (each field is the fetch.* setting of its name)."""
        return cls(**{f.name: settings[f"fetch.{f.name}"] for f in fields(cls)})

    def clamp(self, seconds: float) -> int:
        return int(min(self.max_interval, max(self.min_interval, seconds)))


def publishing_interval(policy: SchedulePolicy, feed: Feed, previous: int | None, now: datetime) -> int:
    """The check interval a feed's recent publishing rate calls for.

    When the feed reaches back past a week, the week's count is complete and the
    interval is a week divided by it (Miniflux's rule); when it holds less than a week
    (a busy outlet's last 20 items), the rate is taken over the span it does cover.
    """
    dated = [_aware(e.published, now) for e in feed.entries if e.published is not None]
    if not dated:
        return policy.clamp(previous or policy.default_interval)
    week_ago = now - timedelta(seconds=WEEK)
    recent = [moment for moment in dated if week_ago < moment <= now + timedelta(hours=1)]
    if not recent:
        return policy.max_interval
    oldest = min(dated)
    span = WEEK if oldest < week_ago else max((now - oldest).total_seconds(), 3600.0)
    return policy.clamp(span / len(recent))


def _aware(moment: datetime, now: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=now.tzinfo)


def success_delay(
    policy: SchedulePolicy,
    feed: Feed | None,
    previous: int | None,
    server_delay: float | None,
    now: datetime,
    *,
    rng: random.Random | None = None,
) -> tuple[int, timedelta]:
    """(interval to remember, delay until the next check) after a successful check."""
    interval = (
        publishing_interval(policy, feed, previous, now) if feed else policy.clamp(previous or policy.default_interval)
    )
    jittered = interval * (rng or random).uniform(0.9, 1.1)  # spreads sources that were added together
    wait = max(jittered, server_delay or 0.0)
    return interval, timedelta(seconds=min(max(wait, policy.min_interval), policy.max_interval))


def failure_delay(
    policy: SchedulePolicy, previous_errors: int, retry_after: float | None, *, rng: random.Random | None = None
) -> timedelta:
    """Delay before retrying a failed source: exponential backoff with jitter, Retry-After honoured."""
    ceiling = Backoff(policy.min_interval, policy.max_interval).delay(previous_errors + 1)
    # never sooner than min_interval: a source that fails at once (a feed that breaks the parser) is
    # otherwise asked again after min_interval / 2, three times in ten minutes at the default 300 s
    backoff = max(ceiling / 2 + (rng or random).uniform(0, ceiling / 2), policy.min_interval)
    wait = max(backoff, min(retry_after or 0.0, MAX_RETRY_AFTER))
    return timedelta(seconds=wait)
