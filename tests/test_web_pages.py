"""The desk's other pages over real HTTP: topics, clusters, sources, the digest archive, and their JSON twins."""

from __future__ import annotations

import re

import httpx
import pytest

from webdesk import SOURCES


def get(site, path: str, **params) -> httpx.Response:
    return httpx.get(site.url + path, params=params or None, timeout=30)


def story_ids(html: str) -> list[int]:
    main = html.split('<main id="main">')[1].split("</main>")[0]
    return [int(i) for i in re.findall(r'href="/story/(\d+)"', main)]


def test_topic_page_lists_the_topic_stories_as_its_json_twin_does(site):
    html = get(site, "/topic/energy").text
    data = get(site, "/api/v1/stories", topic="energy").json()
    assert "<h1>Energy</h1>" in html
    assert story_ids(html) == [s["id"] for s in data["stories"]] and data["stories"]
    assert all("energy" in s["topics"] for s in data["stories"])


def test_topic_index_lists_every_topic_with_counts(site):
    html = get(site, "/topic/").text
    topics = get(site, "/api/v1/topics").json()["topics"]
    assert [t["slug"] for t in topics][:3] == ["politics", "diplomacy", "economy-and-trade"]
    assert len(topics) == 14
    for topic in topics:
        assert f'href="/topic/{topic["slug"]}"' in html


def test_unknown_topic_is_a_404_that_names_the_topics(site):
    response = get(site, "/topic/astrology")
    assert response.status_code == 404 and "economy-and-trade" in response.text


def test_cluster_page_lists_every_report_of_the_event(desk):
    site, cluster_id = desk
    data = get(site, f"/api/v1/clusters/{cluster_id}").json()
    html = get(site, f"/cluster/{cluster_id}").text
    assert data["size"] == len(data["stories"]) >= 2 and len(data["sites"]) >= 2
    assert story_ids(html) == [s["id"] for s in data["stories"]]
    assert f"{data['size']} reports" in html


def test_story_page_links_to_its_cluster_and_topics(desk):
    site, cluster_id = desk
    first = get(site, f"/api/v1/clusters/{cluster_id}").json()["stories"][0]
    html = get(site, f"/story/{first['id']}").text
    assert f'href="/cluster/{cluster_id}"' in html
    for topic in first["topics"]:
        assert f'href="/topic/{topic}"' in html


def test_unknown_cluster_is_a_404(site):
    assert get(site, "/cluster/999999").status_code == 404
    assert get(site, "/api/v1/clusters/999999").json() == {"error": "no cluster 999999"}


def test_sources_page_shows_each_source_and_its_health(site):
    html = get(site, "/sources").text
    data = get(site, "/api/v1/sources").json()["sources"]
    assert {s["url"] for s in data} == {s.url for s in SOURCES}
    for source in data:
        assert source["name"] in html and source["health"] in {"ok", "failing", "disabled", "new"}
        assert {"last_success_at", "last_error", "error_count", "next_check_at", "enabled"} <= set(source)
    assert 'href="/sources.opml"' in html


def test_digest_archive_links_every_day_with_stories(site):
    days = get(site, "/api/v1/digest").json()["days"]
    html = get(site, "/digest/").text
    assert days and sum(d["stories"] for d in days) == get(site, "/api/v1/front").json()["story_count"]
    for day in days:
        assert f'href="/digest/{day["date"]}"' in html
    assert [d["date"] for d in days] == sorted((d["date"] for d in days), reverse=True)
    assert get(site, "/digest").status_code == 200


def test_digest_page_has_the_date_the_ticker_once_headlines_by_country_then_stories(site):
    day = get(site, "/api/v1/digest").json()["days"][0]["date"]
    data = get(site, f"/api/v1/digest/{day}").json()
    html = get(site, f"/digest/{day}").text
    assert html.count('class="ticker"') == 1
    h1 = html.index("<h1>Central Asia digest")
    headlines = html.index('class="headlines"')
    first_story = html.index('class="digest-story"')
    assert h1 < headlines < first_story
    names = [c["name"] for c in data["countries"]]
    positions = [html.index(f"<h2>{name}</h2>") for name in names]
    assert positions == sorted(positions) and positions[-1] < first_story
    ids = [s["id"] for c in data["countries"] for s in c["stories"]] + [s["id"] for s in data["other"]]
    assert re.findall(r'class="digest-story" id="story-(\d+)"', html) == [str(i) for i in ids]


def test_front_page_shows_top_clusters_and_links_rates_topics_digest_and_sources(site):
    html = get(site, "/").text
    for href in ("/rates", "/topic/", "/digest/", "/sources"):
        assert f'href="{href}"' in html
    data = get(site, "/api/v1/front").json()
    assert data["clusters"] and all(c["size"] >= 2 for c in data["clusters"])
    assert f'href="/cluster/{data["clusters"][0]["id"]}"' in html


def test_list_pages_page_with_a_cursor_keeping_their_filters(site):
    html = get(site, "/country/KZ", limit=3).text
    link = re.search(r'rel="next" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert link.startswith("/country/KZ?") and "limit=3" in link and "cursor=" in link
    following = get(site, link)
    assert following.status_code == 200 and not set(story_ids(following.text)) & set(story_ids(html))


@pytest.mark.parametrize(
    "path",
    ["/", "/topic/energy", "/sources", "/digest/", "/search?q=Rogun", "/api/v1/stories", "/feeds/all.rss", "/nowhere"],
)
def test_every_response_carries_the_security_headers(site, path):
    headers = get(site, path).headers
    csp = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "'unsafe-inline'" not in csp and "script-src 'self'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"


def test_the_api_docs_allow_only_their_own_inline_script_by_hash(site):
    csp = get(site, "/api/docs").headers["content-security-policy"]
    assert "'sha256-" in csp and "'unsafe-inline'" not in csp and "frame-ancestors 'none'" in csp


def test_api_answers_cors_preflight_for_get_only(site):
    response = httpx.options(
        site.url + "/api/v1/stories",
        headers={"Origin": "https://reader.example", "Access-Control-Request-Method": "GET"},
        timeout=10,
    )
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["access-control-allow-methods"] == "GET, HEAD, OPTIONS"
    assert "access-control-allow-origin" not in get(site, "/").headers


def test_bad_parameters_are_400_with_the_parameter_named(site):
    response = get(site, "/api/v1/stories", since="31-12-2026")
    assert response.status_code == 400 and response.json()["error"].startswith("since:")
    page = get(site, "/stories", limit="many")
    assert page.status_code == 400 and "limit" in page.text


def test_openapi_documents_every_api_route(site):
    paths = set(get(site, "/api/openapi.json").json()["paths"])
    assert {
        "/api/v1/stories",
        "/api/v1/search",
        "/api/v1/stories/{story_id}",
        "/api/v1/clusters/{cluster_id}",
        "/api/v1/front",
        "/api/v1/topics",
        "/api/v1/sources",
        "/api/v1/digest",
        "/api/v1/digest/{day}",
        "/feeds/all.{fmt}",
        "/feeds/country/{code}.{fmt}",
        "/feeds/topic/{slug}.{fmt}",
        "/feeds/search.{fmt}",
        "/sources.opml",
    } <= paths
