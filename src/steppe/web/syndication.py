"""Feeds out: RSS 2.0, Atom 1.0 and JSON Feed 1.1 documents built from a list of stories.

Pure: stories and a description of the feed in, a document (text) out. The web
routes in ``feeds.py`` call it with what ``queries`` returns, so a feed shows the
same stories as the page it mirrors. Item content is the story's text as escaped
paragraphs, passed through ``sanitise_html``; links are http(s) only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from feedgen.feed import FeedGenerator
from markupsafe import escape

from steppe.models import Story
from steppe.publish.safehtml import safe_url, sanitise_html, text_to_html

FORMATS = ("rss", "atom", "json")
StoryURL = Callable[[Story], str]  # a story's absolute link on the desk
MEDIA_TYPES = {
    "rss": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
    "json": "application/feed+json; charset=utf-8",
}
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
# Characters XML 1.0 cannot carry (C0 controls but tab/newline/return, surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
SUMMARY_CHARS = 280


@dataclass(frozen=True)
class FeedInfo:
    """What a feed is: its title, the page it mirrors and its own address (both absolute)."""

    title: str
    page_url: str
    feed_url: str
    description: str = "News from Central Asia, from Steppe"
    language: str | None = None


def xml_text(value: str) -> str:
    """Text with the characters XML cannot carry removed."""
    return _NOT_XML.sub("", value)


def summary(story: Story) -> str:
    """The first paragraph of a story, cut at a word near SUMMARY_CHARS."""
    first = next((p.strip() for p in story.text.split("\n") if p.strip()), "")
    if len(first) <= SUMMARY_CHARS:
        return first
    return first[:SUMMARY_CHARS].rsplit(" ", 1)[0] + "…"


def content_html(story: Story) -> str:
    """The story's text as sanitised HTML paragraphs, with a link to the original when it is safe."""
    html = str(text_to_html(xml_text(story.text)))
    original = safe_url(story.canonical_url or story.url)
    if original:
        html += f'<p>Originally published by <a href="{escape(original)}">{escape(story.site)}</a>.</p>'
    return str(sanitise_html(html))


def _moment(story: Story, fallback: datetime) -> datetime:
    moment = story.published or fallback
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _newest(stories: Sequence[Story]) -> datetime:
    moments = [s.published for s in stories if s.published]
    return max(moments) if moments else datetime(2000, 1, 1, tzinfo=UTC)


def _generator(info: FeedInfo, stories: Sequence[Story], story_url: StoryURL) -> FeedGenerator:
    fg = FeedGenerator()
    fg.id(info.feed_url)
    fg.title(xml_text(info.title))
    fg.link(href=info.page_url, rel="alternate")
    fg.link(href=info.feed_url, rel="self")
    fg.description(xml_text(info.description))
    fg.subtitle(xml_text(info.description))
    fg.generator("Steppe")
    if info.language:
        fg.language(info.language)
    newest = _newest(stories)
    fg.updated(newest)
    fg.lastBuildDate(newest)
    for story in stories:
        entry = fg.add_entry(order="append")
        url = story_url(story)
        entry.id(url)
        entry.guid(url, permalink=True)
        entry.title(xml_text(story.headline))
        entry.link(href=url, rel="alternate")
        entry.published(_moment(story, newest))
        entry.updated(_moment(story, newest))
        entry.description(xml_text(summary(story)), isSummary=True)
        entry.content(content_html(story), type="CDATA")
        entry.author({"name": xml_text(story.site)})
        for topic in story.topics:
            entry.category(term=topic)
    return fg


def render_rss(info: FeedInfo, stories: Sequence[Story], story_url: StoryURL) -> bytes:
    """An RSS 2.0 document; ``story_url(story)`` gives each item's absolute link."""
    document: bytes = _generator(info, stories, story_url).rss_str(pretty=True)  # feedgen is untyped
    return document


def render_atom(info: FeedInfo, stories: Sequence[Story], story_url: StoryURL) -> bytes:
    """An Atom 1.0 document; ``story_url(story)`` gives each item's absolute link."""
    fg = _generator(info, stories, story_url)
    for entry in fg.entry():
        entry.content(entry.content()["content"], type="html")
    document: bytes = fg.atom_str(pretty=True)  # feedgen is untyped
    return document


def json_feed(info: FeedInfo, stories: Sequence[Story], story_url: StoryURL) -> dict[str, Any]:
    """A JSON Feed 1.1 object; ``story_url(story)`` gives each item's absolute link."""
    newest = _newest(stories)
    items = []
    for story in stories:
        item: dict[str, Any] = {
            "id": story_url(story),
            "url": story_url(story),
            "title": story.headline,
            "content_html": content_html(story),
            "content_text": story.text,
            "summary": summary(story),
            "date_published": _moment(story, newest).isoformat(),
            "authors": [{"name": story.site}],
            "tags": list(story.topics) + list(story.countries),
        }
        original = safe_url(story.canonical_url or story.url)
        if original:
            item["external_url"] = original
        if story.language:
            item["language"] = story.language
        items.append(item)
    feed: dict[str, Any] = {
        "version": JSON_FEED_VERSION,
        "title": info.title,
        "home_page_url": info.page_url,
        "feed_url": info.feed_url,
        "description": info.description,
        "items": items,
    }
    if info.language:
        feed["language"] = info.language
    return feed


def render(fmt: str, info: FeedInfo, stories: Sequence[Story], story_url: StoryURL) -> bytes:
    """The feed in one of FORMATS, as bytes ready to serve."""
    if fmt == "rss":
        return render_rss(info, stories, story_url)
    if fmt == "atom":
        return render_atom(info, stories, story_url)
    return json.dumps(json_feed(info, stories, story_url), ensure_ascii=False, indent=1).encode("utf-8")
