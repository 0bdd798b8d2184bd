"""Steppe's one exception hierarchy.

Dependency exceptions (lxml, SQLAlchemy, httpx, ...) are converted into these at
the boundary where they occur; only the CLI and the web layer turn them into
messages and status codes.
"""

from __future__ import annotations


class SteppeError(Exception):
    """Base of every error Steppe raises on purpose."""


class ConfigError(SteppeError):
    """A setting has a value Steppe cannot use."""


class InputRejected(SteppeError):
    """An input (file, page, payload) cannot be used; the message says why."""


class EmptyInput(InputRejected):
    """The input has no bytes or no text."""


class BinaryInput(InputRejected):
    """The input is not text (an image, an archive, random bytes)."""


class InputTooLarge(InputRejected):
    """The input is larger than the configured cap."""


class UndecodableInput(InputRejected):
    """No text encoding gives readable text."""


class FeedError(InputRejected):
    """A feed could not be parsed."""


class RatesError(SteppeError):
    """A bank payload cannot be turned into quotes."""


class RatesPayloadError(RatesError, InputRejected):
    """The payload is malformed, a maintenance page, or empty: never 'no change'."""


class NoRatesForDate(RatesError):
    """The bank answered that it has no rates for the asked date."""


class StaleRates(RatesError):
    """The bank answered with another date than the one asked (NBT's quirk)."""


class RateNotFound(RatesError):
    """No stored quote can convert between the asked currencies on that date."""


class StoreError(SteppeError):
    """The database cannot do what was asked."""


class MigrationError(StoreError):
    """The schema is in a state the code does not know."""


class NotFound(SteppeError):
    """The asked-for object does not exist."""


class BadQuery(SteppeError):
    """A search or filter cannot be understood; the message says how to fix it."""


class FetchError(SteppeError):
    """A network fetch failed."""


class PrivateAddress(FetchError):
    """The fetch would reach a loopback, private, link-local or otherwise refused address."""


class UnsafeURL(FetchError):
    """The URL is not one the fetcher will try: not http(s), credentials in it, or no host."""


class FetchTimedOut(FetchError):
    """The server did not connect, answer or finish the body within the configured time."""


class TooManyRedirects(FetchError):
    """The redirect chain is longer than allowed, or loops."""


class BodyTooLarge(FetchError, InputTooLarge):
    """The (decompressed) body is larger than the configured cap; reading stopped there."""


class UnsupportedEncoding(FetchError):
    """The server compressed the body with an encoding the fetcher did not ask for."""


class BrokenBody(FetchError):
    """The body ended early or its compressed stream is corrupt."""


class BadStatus(FetchError):
    """The server answered with an HTTP error status."""

    def __init__(self, message: str, *, status: int, retry_after: float | None = None):
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class RateLimited(BadStatus):
    """The server said 429 or 503: come back later (after Retry-After, when given)."""


class DisallowedByRobots(FetchError):
    """robots.txt does not let the desk's User-Agent fetch this URL."""


class FeedNotFound(FetchError):
    """No feed was found at, or linked from, the given address."""


class NotAFeed(FeedError):
    """The address answered with something else than a feed (an HTML page, an image ...)."""


class OPMLError(InputRejected):
    """An OPML file cannot be read."""
