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
