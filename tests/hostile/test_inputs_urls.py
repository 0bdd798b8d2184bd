"""Source addresses (issue 17, item 9): only http(s) URLs with a host become sources.

`sources add --no-discover` and OPML import stored any string (``javascript:``, ``file:``) and
re-exported it to every reader that imported the desk's OPML.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from steppe.cli import main
from steppe.errors import UnsafeURL
from steppe.fetch import FetchConfig
from steppe.sources.manage import add_source, export_opml, import_opml, list_sources

HOSTILE = [
    "javascript:alert(document.cookie)",
    "file:///etc/passwd",
    "https:javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://files.example/feed.xml",
    "https://user:secret@feeds.example/rss",
    "https://feeds.example/rss\r\nX-Injected: 1",
    "feeds.example/rss",
]


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("url", HOSTILE)
def test_sources_add_without_discovery_refuses_what_is_not_an_http_url(tmp_path, url):
    db = str(tmp_path / "d.db")
    result = run("sources", "add", url, "--no-discover", "--db", db)
    assert result.exit_code == 1 and "refused" in result.output
    assert "no sources yet" in run("sources", "list", "--db", db).output


@pytest.mark.parametrize("url", HOSTILE[:3])
def test_the_library_refuses_the_same_addresses(store, url):
    with pytest.raises(UnsafeURL):
        add_source(store, url, config=FetchConfig(), find_feed=False)
    assert list_sources(store) == []


def test_an_http_url_is_still_added_as_given(store):
    source, added = add_source(store, " https://kabar.example/rss ", config=FetchConfig(), find_feed=False)
    assert added and source.url == "https://kabar.example/rss"


def test_opml_import_refuses_outlines_that_are_not_web_addresses_and_adds_the_rest(store, tmp_path):
    outlines = "".join(f'<outline text="bad {i}" xmlUrl="{url}"/>' for i, url in enumerate(HOSTILE[:3]))
    path = tmp_path / "feeds.opml"
    path.write_text(
        f'<opml version="2.0"><body>{outlines}<outline text="Kabar" xmlUrl="https://kabar.example/rss"/></body></opml>',
        encoding="utf-8",
    )
    report = import_opml(store, path)
    assert report.added == ("https://kabar.example/rss",)
    assert [r.name for r in report.refused] == HOSTILE[:3]
    exported = export_opml(store)
    assert "javascript:" not in exported and "file:" not in exported
