"""The desk in Debian's chromium: flows a reader follows, keyboard only, dark mode contrast, a clean console.

Every page visited is checked for console errors, page errors and CSP violations; a failing
test leaves a screenshot of each page it had open in its temporary folder.
"""

from __future__ import annotations

import pytest

from webdesk import browser_or_skip, launch_chromium

pytestmark = pytest.mark.browser

# Registered before any page script: records CSP violations the browser reports.
CSP_WATCH = (
    "window.__csp = []; document.addEventListener('securitypolicyviolation', "
    "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
)

CONTRAST = """
() => {
  const parse = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = rgb => { const [r, g, b] = rgb.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                       return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const [x, y] = [lum(parse(a)), lum(parse(b))].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const bg = getComputedStyle(document.body).backgroundColor;
  const worst = {};
  for (const sel of ['body', 'main a', '.meta', '.ticker .pair', '.ticker .value', '.colophon', 'mark', 'h1', 'button']) {
    for (const el of Array.from(document.querySelectorAll(sel)).slice(0, 20)) {
      const style = getComputedStyle(el);
      let back = style.backgroundColor;
      if (back === 'rgba(0, 0, 0, 0)') back = bg;
      const r = ratio(style.color, back);
      worst[sel] = Math.min(worst[sel] ?? 99, r);
    }
  }
  return {bg, worst};
}
"""


@pytest.fixture(scope="module")
def browser():
    sync_api = browser_or_skip()
    with sync_api.sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()


@pytest.fixture
def open_page(browser, request, tmp_path):
    """A factory of watched pages; screenshots of all of them land in tmp_path when the test fails."""
    opened = []
    failures_before = request.session.testsfailed

    def make(color_scheme: str = "light", viewport: dict | None = None):
        context = browser.new_context(color_scheme=color_scheme, viewport=viewport or {"width": 1280, "height": 900})
        page = context.new_page()
        page.add_init_script(CSP_WATCH)
        page.problems = []
        page.on("console", lambda m: page.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))
        page.on("dialog", lambda d: (page.problems.append(f"dialog: {d.message}"), d.dismiss()))
        opened.append((context, page))
        return page

    yield make
    failed = request.session.testsfailed > failures_before
    for n, (context, page) in enumerate(opened):
        if failed:
            page.screenshot(path=str(tmp_path / f"page-{n}.png"), full_page=True)
        context.close()


def assert_clean(page) -> None:
    """No console errors, page errors, dialogs or CSP violations so far."""
    violations = page.evaluate("window.__csp")
    assert page.problems == [] and violations == [], (page.url, page.problems, violations)


def test_front_page_shows_the_ticker_once_with_no_console_errors_or_csp_violations(open_page, site):
    page = open_page()
    page.goto(site.url + "/")
    assert page.locator(".ticker").count() == 1 and page.locator(".ticker li").count() == 5
    assert page.locator(".top-clusters .cluster-item").count() >= 1
    assert_clean(page)


def test_search_then_story_then_cluster(open_page, desk):
    site, cluster_id = desk
    page = open_page()
    page.goto(site.url + "/")
    page.fill("#q", "Khurelsukh")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=Khurelsukh")
    assert page.locator(".hit mark").count() >= 1
    page.locator('.hit a[href^="/story/"]').first.click()
    page.wait_for_url("**/story/*")
    cluster_link = page.locator(f'a[href="/cluster/{cluster_id}"]')
    assert cluster_link.count() == 1
    cluster_link.click()
    page.wait_for_url(f"**/cluster/{cluster_id}")
    assert page.locator(".cluster-stories .story-item").count() >= 2
    assert_clean(page)


def test_search_filters_narrow_the_results_without_javascript(open_page, site):
    page = open_page()
    page.goto(site.url + "/search?q=Tokayev")
    everything = page.locator(".hit").count()
    page.select_option("#f-language", "ru")
    page.click(".filters button")
    page.wait_for_url("**language=ru**")
    narrowed = page.locator(".hit").count()
    assert 0 < narrowed < everything
    assert all(lang == "ru" for lang in page.locator(".hit").evaluate_all("els => els.map(e => e.lang)"))
    assert_clean(page)


def test_country_page_shows_only_that_country(open_page, site):
    page = open_page()
    page.goto(site.url + "/")
    page.click('nav[aria-label="Countries"] a[href="/country/TJ"]')
    page.wait_for_url("**/country/TJ")
    assert page.locator("h1").inner_text() == "Tajikistan"
    assert page.locator('nav a[aria-current="page"]').inner_text() == "Tajikistan"
    assert page.locator(".story-item").count() >= 2
    assert_clean(page)


def test_keyboard_alone_reaches_search_and_opens_a_story(open_page, site):
    page = open_page()
    page.goto(site.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        active = page.evaluate(
            "[document.activeElement.tagName, document.activeElement.id, "
            "getComputedStyle(document.activeElement).outlineStyle]"
        )
        seen.append(active)
        if active[0] == "A" and page.evaluate("document.activeElement.getAttribute('href')").startswith("/story/"):
            break
    assert seen[-1][0] == "A" and seen[-1][2] != "none", seen  # a visible focus ring
    page.keyboard.press("Enter")
    page.wait_for_url("**/story/*")
    page.goto(site.url + "/")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q":
            break
    page.keyboard.type("Rogun")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=Rogun")
    assert page.locator(".hit").count() >= 1
    assert_clean(page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_colours_meet_wcag_aa_in_light_and_dark_mode(open_page, site, scheme):
    page = open_page(color_scheme=scheme)
    for path in ("/", "/search?q=Tokayev", "/sources"):
        page.goto(site.url + path)
        result = page.evaluate(CONTRAST)
        background = [int(float(v)) for v in result["bg"][result["bg"].index("(") + 1 : -1].split(",")[:3]]
        assert (sum(background) < 150) == (scheme == "dark"), result
        low = {sel: round(r, 2) for sel, r in result["worst"].items() if r < 4.5}
        assert low == {}, (path, scheme, result)
    assert_clean(page)


def test_pages_fit_a_phone_screen(open_page, site):
    page = open_page(viewport={"width": 375, "height": 740})
    for path in ("/", "/story/1", "/search?q=Rogun", "/digest/", "/sources"):
        page.goto(site.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, (path, overflow)
    assert_clean(page)


def test_every_desk_page_is_clean(open_page, desk):
    site, cluster_id = desk
    page = open_page()
    for path in (
        "/topic/",
        "/topic/energy",
        f"/cluster/{cluster_id}",
        "/sources",
        "/digest/",
        "/digest/2026-11-28",
        "/story/1",
        "/stories?limit=5",
    ):
        response = page.goto(site.url + path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        assert_clean(page)
