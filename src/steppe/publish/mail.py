"""E-mailing the daily digest through the configured SMTP server (settings smtp.host/port/sender).

The message is multipart/alternative: the plain-text digest and the sanitised HTML
digest. SMTP and socket failures become ``MailError`` with the server named.
"""

from __future__ import annotations

import re
import smtplib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from steppe.config import Settings
from steppe.errors import SteppeError
from steppe.publish.digest import render_html, render_text
from steppe.publish.queries import Digest
from steppe.publish.views import public_base_url

ADDRESS = re.compile(r"[^@\s<>,;\"']+@[^@\s<>,;\"']+\.[^@\s<>,;\"']+|[^@\s<>,;\"']+@localhost")


class MailError(SteppeError):
    """The digest could not be sent: a bad address or an SMTP server that refused or is unreachable."""


@dataclass(frozen=True)
class SmtpServer:
    """Where to hand mail over, and who it comes from."""

    host: str
    port: int
    sender: str
    timeout: float = 30.0
    public_url: str | None = None  # the desk's address the digest links to (web.public_url)

    @classmethod
    def from_settings(cls, settings: Settings) -> SmtpServer:
        """The server the settings table names, and the public address its messages link to."""
        return cls(
            settings["smtp.host"], settings["smtp.port"], settings["smtp.sender"], public_url=public_base_url(settings)
        )


def check_addresses(addresses: Sequence[str]) -> list[str]:
    """The addresses, stripped; MailError naming the first that is not a plain e-mail address."""
    cleaned = [a.strip() for a in addresses]
    if not cleaned:
        raise MailError("no recipient: give at least one address, e.g. --email reader@example.org")
    for address in cleaned:
        if not ADDRESS.fullmatch(address):
            raise MailError(f"{address!r} is not an e-mail address like reader@example.org")
    return cleaned


def digest_message(
    digest: Digest, *, sender: str, recipients: Sequence[str], base_url: str | None = None
) -> EmailMessage:
    """The digest as an e-mail: plain text first, the HTML version as the alternative."""
    message = EmailMessage()
    message["Subject"] = f"Central Asia digest, {digest.day.strftime('%d %B %Y')}"
    message["From"] = check_addresses([sender])[0]
    message["To"] = ", ".join(check_addresses(recipients))
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1] or "localhost")
    message.set_content(render_text(digest))
    message.add_alternative(render_html(digest, base_url=base_url), subtype="html")
    return message


def send_message(message: EmailMessage, server: SmtpServer) -> None:
    """Hand one message to the SMTP server; MailError when it cannot be delivered there."""
    try:
        with smtplib.SMTP(server.host, server.port, timeout=server.timeout) as smtp:
            smtp.ehlo_or_helo_if_needed()
            refused = smtp.send_message(message)
    except smtplib.SMTPRecipientsRefused as exc:
        raise MailError(f"{server.host}:{server.port} refused every recipient: {sorted(exc.recipients)}") from None
    except (smtplib.SMTPException, OSError) as exc:
        raise MailError(f"cannot send through {server.host}:{server.port}: {exc.__class__.__name__}: {exc}") from None
    if refused:
        raise MailError(f"{server.host}:{server.port} refused some recipients: {sorted(refused)}")


def send_digest(
    digest: Digest, recipients: Sequence[str], server: SmtpServer, *, base_url: str | None = None
) -> EmailMessage:
    """E-mail a day's digest to the recipients; returns the message sent (links on base_url or web.public_url)."""
    base_url = base_url or server.public_url
    message = digest_message(digest, sender=server.sender, recipients=recipients, base_url=base_url)
    send_message(message, server)
    return message
