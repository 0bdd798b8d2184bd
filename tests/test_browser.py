"""The desk in a real browser: Debian's chromium driven by Playwright against 127.0.0.1."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from livesite import LiveServer
from steppe.demo import build_demo
from steppe.store import open_store

CHROMIUM = os.environ.get("STEPPE_CHROMIUM", "/usr/bin/chromium")
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium (apt-get install chromium) to run browser tests")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield b
        b.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    store = open_store(str(tmp_path_factory.mktemp("browser") / "demo.db"))
    build_demo(store)
    server = LiveServer(store).start()
    yield server
    server.stop()


def test_front_page_shows_the_ticker_once_and_stories_by_country(browser, site):
    page = browser.new_page()
    page.goto(site.url + "/")
    assert page.locator(".ticker").count() == 1
    assert page.locator(".ticker li").count() == 5
    assert page.locator("section.country").count() >= 5
    assert page.locator("section.country .story-item").count() >= 20
    assert page.locator(".ticker").inner_text().count("KZT") == 1


def test_search_then_open_a_story(browser, site):
    page = browser.new_page()
    page.goto(site.url + "/")
    page.fill("#q", "Tokayev")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=Tokayev")
    first = page.locator(".story-item a").first
    headline = first.inner_text()
    first.click()
    page.wait_for_url("**/story/*")
    assert page.locator("article.story h1").inner_text() == headline


def test_keyboard_reaches_the_skip_link_first(browser, site):
    page = browser.new_page()
    page.goto(site.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
