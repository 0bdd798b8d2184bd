"""Query parameters shared by the HTML pages and their JSON twins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fastapi import Query

from .. import queries
from ..store import StoryFilter


@dataclass
class ListParams:
    """Filters and paging of a story list, as a reader sends them."""

    q: str | None = Query(None, max_length=400, description="Words to search for (Latin or Cyrillic)")
    country: str | None = Query(None, max_length=8, description="ISO 3166-1 alpha-2 code, e.g. KZ")
    topic: str | None = Query(None, max_length=40)
    language: str | None = Query(None, max_length=8)
    site: str | None = Query(None, max_length=200)
    since: date | None = Query(None, description="First day, YYYY-MM-DD")
    until: date | None = Query(None, description="Last day, YYYY-MM-DD")
    cursor: str | None = Query(None, max_length=200, description="next_cursor of the previous page")
    limit: int = Query(50, ge=1, le=200)

    def filter(self) -> StoryFilter:
        return queries.story_filter(country=self.country, topic=self.topic, language=self.language,
                                    site=self.site, since=self.since, until=self.until, q=self.q)
