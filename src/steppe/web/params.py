"""Query parameters shared by the HTML pages, their JSON twins and the feeds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fastapi import Query

from steppe.publish import queries
from steppe.store import StoryFilter


@dataclass
class FilterParams:
    """Search words and filters of a story list, as a reader sends them."""

    q: str | None = Query(
        None,
        max_length=400,
        description="Words to search for (Latin or Cyrillic); "
        "every word must match, each as a prefix; punctuation is ignored",
    )
    country: str | None = Query(None, max_length=8, description="ISO 3166-1 alpha-2 code, e.g. KZ")
    topic: str | None = Query(None, max_length=40, description="Topic slug, e.g. energy (see /api/v1/topics)")
    language: str | None = Query(None, max_length=8, description="Language code, e.g. en, ru, kk")
    site: str | None = Query(None, max_length=200, description="Outlet host name, e.g. steppetimes.example")
    since: date | None = Query(None, description="First day, YYYY-MM-DD")
    until: date | None = Query(None, description="Last day, YYYY-MM-DD")

    def filter(self) -> StoryFilter:
        """The validated store filter (BadQuery with a hint when a value is unusable)."""
        return queries.story_filter(
            country=self.country,
            topic=self.topic,
            language=self.language,
            site=self.site,
            since=self.since,
            until=self.until,
            q=self.q,
        )


@dataclass
class ListParams(FilterParams):
    """Filters and paging of a story list."""

    cursor: str | None = Query(None, max_length=200, description="next_cursor of the previous page")
    limit: int = Query(50, ge=1, le=200)


@dataclass
class SearchParams(FilterParams):
    """Filters and paging of a search (smaller pages: every hit carries a snippet)."""

    cursor: str | None = Query(None, max_length=200, description="next_cursor of the previous page")
    limit: int = Query(20, ge=1, le=100)


@dataclass
class FeedParams(FilterParams):
    """Filters of a feed, and how many items it carries."""

    limit: int = Query(50, ge=1, le=100, description="Number of items")
