"""Steppe's fetch stage: polite, guarded HTTP (robots, per-host limits, conditional GET, SSRF guard)."""

from steppe.fetch.client import ACCEPT_FEED, ACCEPT_PAGE, FetchConfig, Fetcher, FetchResult, user_agent
from steppe.fetch.guard import AddressPolicy, parse_networks, refusal_reason

__all__ = [
    "ACCEPT_FEED",
    "ACCEPT_PAGE",
    "AddressPolicy",
    "FetchConfig",
    "FetchResult",
    "Fetcher",
    "parse_networks",
    "refusal_reason",
    "user_agent",
]
