"""The daily digest from the CLI: text, Markdown and HTML, and e-mailed through a local SMTP server."""

from __future__ import annotations

import email
import email.policy
from datetime import date

import pytest
from click.testing import CliRunner

from livesite import free_port
from steppe.cli import main
from steppe.demo import build_demo
from steppe.models import Story
from steppe.publish import queries
from steppe.publish.digest import render_html, render_markdown, render_text
from steppe.publish.mail import MailError, SmtpServer, send_digest
from steppe.publish.queries import CountrySection, Digest
from steppe.store import open_store

DAY = "2026-11-28"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("digest") / "demo.db")
    store = open_store(path)
    build_demo(store)
    store.close()
    return path


@pytest.fixture
def smtp():
    """An aiosmtpd server on 127.0.0.1 that keeps every message it receives."""
    controller_module = pytest.importorskip("aiosmtpd.controller")

    class Keep:
        def __init__(self):
            self.messages: list[tuple[str, list[str], bytes]] = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
            return "250 OK"

    handler = Keep()
    controller = controller_module.Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, handler
    controller.stop()


def run(*args: str, env: dict | None = None):
    result = CliRunner().invoke(main, list(args), env=env or {}, catch_exceptions=False)
    return result


def test_text_digest_has_the_date_the_ticker_once_then_headlines_by_country_then_stories(demo_db):
    out = run("digest", "--date", DAY, "--db", demo_db).output
    title, ticker, rest = out.split("\n\n", 2)
    assert title == "Central Asia digest, 28 November 2026"
    assert [line.split()[0] for line in ticker.splitlines()] == ["USD/KZT", "USD/KGS", "USD/UZS", "USD/TJS", "USD/TMT"]
    assert "USD/KZT" not in rest
    blocks = rest.split("\n\n")
    headline_blocks = [b for b in blocks if b.splitlines()[0].isupper() and b.splitlines()[1].startswith("  - ")]
    assert [b.splitlines()[0] for b in headline_blocks] == ["KYRGYZSTAN", "UZBEKISTAN", "TURKMENISTAN", "RUSSIA"]
    first_headline = headline_blocks[0].splitlines()[1][4:]
    assert blocks.index(headline_blocks[-1]) < blocks.index(first_headline + "\n(steppetimes.example)")


@pytest.mark.parametrize("fmt, marker", [("md", "# Central Asia digest"), ("html", "<!DOCTYPE html>")])
def test_digest_formats(demo_db, fmt, marker):
    out = run("digest", "--date", DAY, "--format", fmt, "--db", demo_db).output
    assert out.startswith(marker)


def test_html_digest_is_sanitised_and_links_headlines_when_given_a_base_url(demo_db):
    out = run("digest", "--date", DAY, "--format", "html", "--base-url", "https://desk.example", "--db", demo_db).output
    assert '<a href="https://desk.example/story/' in out
    hostile = Digest(
        date(2026, 11, 25),
        (),
        (
            CountrySection(
                "KZ",
                "Kazakhstan",
                (
                    Story(
                        url="javascript:alert(1)",
                        site="x",
                        id=7,
                        headline="<script>alert(1)</script>",
                        text='<img src=x onerror=alert(1)>\n<a href="javascript:alert(2)">x</a>',
                    ),
                ),
            ),
        ),
    )
    html = render_html(hostile, base_url="javascript:alert(3)//")
    assert "<script" not in html and "<img" not in html and '<a href="javascript' not in html
    assert "onerror=alert(1)&gt;" in html and "alert(3)" not in html
    assert "&lt;script&gt;" in render_html(hostile)


def test_stories_about_no_country_are_listed_under_elsewhere():
    digest = Digest(
        date(2026, 11, 25),
        (),
        (),
        (Story(url="https://x.example/1", site="x.example", headline="A story about no country", text="Text.", id=1),),
    )
    for rendered in (render_text(digest), render_markdown(digest), render_html(digest)):
        assert "A story about no country" in rendered and ("Elsewhere" in rendered or "ELSEWHERE" in rendered)


def test_email_sends_the_digest_as_text_and_html_through_the_configured_server(demo_db, smtp):
    controller, handler = smtp
    env = {
        "STEPPE_SMTP_HOST": "127.0.0.1",
        "STEPPE_SMTP_PORT": str(controller.port),
        "STEPPE_SMTP_SENDER": "desk@steppe.example",
    }
    result = run(
        "digest",
        "--date",
        DAY,
        "--email",
        "reader@example.org",
        "--email",
        "editor@example.org",
        "--db",
        demo_db,
        env=env,
    )
    assert result.exit_code == 0, result.output
    assert len(handler.messages) == 1
    sender, recipients, raw = handler.messages[0]
    assert sender == "desk@steppe.example" and recipients == ["reader@example.org", "editor@example.org"]
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["Subject"] == "Central Asia digest, 28 November 2026"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert text.startswith("Central Asia digest, 28 November 2026") and text.count("KZT") == 1
    assert "<h1>Central Asia digest, 28 November 2026</h1>" in html and "<script" not in html
    store = open_store(demo_db)
    expected = queries.digest(store, date.fromisoformat(DAY))
    for section in expected.sections:
        assert section.name.upper() in text and f"<h2>{section.name}</h2>" in html


def test_a_bad_address_is_a_clean_error_and_sends_nothing(demo_db, smtp):
    controller, handler = smtp
    env = {"STEPPE_SMTP_PORT": str(controller.port)}
    result = CliRunner().invoke(main, ["digest", "--email", "not an address", "--db", demo_db], env=env)
    assert result.exit_code == 1 and "is not an e-mail address" in result.output
    assert handler.messages == []


def test_an_unreachable_server_is_a_clean_error(demo_db):
    env = {"STEPPE_SMTP_HOST": "127.0.0.1", "STEPPE_SMTP_PORT": str(free_port())}
    result = CliRunner().invoke(main, ["digest", "--email", "reader@example.org", "--db", demo_db], env=env)
    assert result.exit_code == 1 and "cannot send through 127.0.0.1" in result.output
    assert "Traceback" not in result.output


def test_send_digest_is_a_library_function(smtp):
    controller, handler = smtp
    digest = Digest(date(2026, 11, 25), (), ())
    message = send_digest(digest, ["reader@example.org"], SmtpServer("127.0.0.1", controller.port, "desk@localhost"))
    assert message["To"] == "reader@example.org" and len(handler.messages) == 1
    with pytest.raises(MailError):
        send_digest(digest, [], SmtpServer("127.0.0.1", controller.port, "desk@localhost"))
