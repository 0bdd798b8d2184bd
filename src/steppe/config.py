"""Steppe's one settings table: defaults < steppe.toml < STEPPE_* environment < flags.

Every setting is declared once here with its type, default and help. Code never
reads the environment itself: it receives a ``Settings`` value.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from steppe import __version__
from steppe.errors import ConfigError
from steppe.models import HOME_CURRENCIES


@dataclass(frozen=True)
class Setting:
    """One declared setting."""

    name: str
    type: Callable[[str], Any]
    default: Any
    help: str

    @property
    def env(self) -> str:
        return "STEPPE_" + self.name.upper().replace(".", "_")


def _bool(value: str | bool) -> bool:
    if isinstance(value, bool):
        return value
    lowered = str(value).strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"not a boolean: {value!r}")


def _list(value: str | list[object] | tuple[object, ...]) -> tuple[str, ...]:
    if isinstance(value, (list, tuple)):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(part.strip() for part in str(value).split(",") if part.strip())


def default_db_path() -> str:
    """The SQLite file in the user's data directory."""
    return str(Path(platformdirs.user_data_dir("steppe")) / "steppe.db")


SETTINGS: tuple[Setting, ...] = (
    Setting("db", str, None, "Database: a SQLite file path or an SQLAlchemy URL (postgresql+psycopg://...)."),
    Setting("web.host", str, "127.0.0.1", "Address the web server binds to."),
    Setting("web.port", int, 8000, "Port the web server listens on."),
    Setting(
        "web.page_cache_seconds",
        float,
        30.0,
        "Longest time a shared page (front, country, topic, feeds) is served from memory; "
        "a new story or rate ends it sooner (0: off).",
    ),
    Setting(
        "web.public_url",
        str,
        None,
        "The desk's public address (e.g. https://news.example.org); feeds, sitemaps and e-mails build their "
        "links from it, never from the request's Host header. Unset: http://{web.host}:{web.port}.",
    ),
    Setting(
        "web.allowed_hosts",
        _list,
        (),
        "Host names the web server answers (others get 400); always also localhost, 127.0.0.1, ::1 and "
        "the public URL's host. A leading *. allows subdomains.",
    ),
    Setting(
        "web.request_timeout",
        float,
        10.0,
        "Seconds a web request may take before it is answered 503; the budget no reader's request can exceed.",
    ),
    Setting("ticker.orientation", str, "per_usd", "Ticker orientation: per_usd (KZT per USD) or usd_per_unit."),
    Setting("ticker.currencies", _list, HOME_CURRENCIES, "Currencies shown in the ticker."),
    Setting("ingest.max_bytes", int, 20 * 1024 * 1024, "Largest input file or page accepted, in bytes."),
    Setting(
        "fetch.user_agent",
        str,
        f"Steppe/{__version__} (+https://github.com/steppe-desk/steppe)",
        "User-Agent of the fetcher.",
    ),
    Setting("fetch.contact", str, "", "Operator contact (e-mail or URL) added to the User-Agent."),
    Setting("fetch.allow_networks", _list, (), "CIDRs the fetcher may reach although private (tests, intranets)."),
    Setting("fetch.max_connections", int, 16, "Most fetches in flight at once, over all hosts."),
    Setting("fetch.per_host", int, 2, "Most fetches in flight at once to one host."),
    Setting("fetch.connect_timeout", float, 10.0, "Seconds to wait for a connection (per hop)."),
    Setting("fetch.read_timeout", float, 20.0, "Seconds to wait for the next bytes of an answer."),
    Setting("fetch.total_timeout", float, 60.0, "Seconds one fetch may take in all, redirects and body included."),
    Setting("fetch.max_redirects", int, 5, "Most redirects followed for one fetch; every hop is checked."),
    Setting("fetch.max_body_bytes", int, 15 * 1024 * 1024, "Largest body read, measured after decompression."),
    Setting("fetch.robots_ttl", int, 86400, "Seconds a host's robots.txt is kept before it is fetched again."),
    Setting("fetch.min_interval", int, 300, "Shortest time between two checks of one source, in seconds."),
    Setting("fetch.max_interval", int, 86400, "Longest time between two checks of one source, in seconds."),
    Setting(
        "fetch.default_interval",
        int,
        3600,
        "Check interval of a source whose publishing rate is not known yet, in seconds.",
    ),
    Setting("fetch.park_after", int, 10, "Consecutive failures after which a source is parked until re-enabled."),
    Setting(
        "fetch.fulltext_min_chars", int, 600, "Feed entries with less text than this are fetched as full article pages."
    ),
    Setting("fetch.max_articles", int, 30, "Most article pages fetched for one source in one round."),
    Setting("fetch.batch_size", int, 50, "Most due sources claimed by one scheduler round."),
    Setting(
        "cluster.index_days",
        int,
        14,
        "Days of stories (by publication date) the cluster index keeps for placing (a 3-day window) and "
        "near-copy checks (7 days); older entries are dropped once an hour (0: keep all). Stories keep their clusters.",
    ),
    Setting("fetch.shutdown_grace", float, 20.0, "Seconds in-flight work may take to finish after SIGTERM/SIGINT."),
    Setting("smtp.host", str, "127.0.0.1", "SMTP server for the e-mailed digest."),
    Setting("smtp.port", int, 25, "SMTP port."),
    Setting("smtp.sender", str, "steppe@localhost", "From address of the e-mailed digest."),
    Setting(
        "rates.retry_delay",
        int,
        600,
        "Seconds `steppe run` waits to ask a bank again after a failed update (doubled on each further failure, up to 6 hours).",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def default(name: str) -> Any:
    """A setting's declared default: the settings dataclasses of the stages take theirs from here."""
    return _BY_NAME[name].default


@dataclass(frozen=True)
class Settings:
    """Resolved setting values, passed explicitly to whoever needs them."""

    values: Mapping[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    @property
    def db(self) -> str:
        return self.values["db"] or default_db_path()


def _coerce(setting: Setting, raw: Any, origin: str) -> Any:
    if raw is None:
        return None
    try:
        return setting.type(raw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{origin}: {setting.name} = {raw!r} is invalid ({exc})") from None


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = value
    return flat


def load_settings(
    flags: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
    toml_path: str | Path | None = None,
) -> Settings:
    """Resolve every setting: defaults < steppe.toml < STEPPE_* env < flags."""
    env = os.environ if env is None else env
    values = {s.name: s.default for s in SETTINGS}
    path = Path(toml_path or env.get("STEPPE_CONFIG") or "steppe.toml")
    if path.is_file():
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from None
        for name, raw in _flatten(table).items():
            if name not in _BY_NAME:
                raise ConfigError(f"{path}: unknown setting {name!r}")
            values[name] = _coerce(_BY_NAME[name], raw, str(path))
    for setting in SETTINGS:
        if setting.env in env:
            values[setting.name] = _coerce(setting, env[setting.env], setting.env)
    for name, raw in (flags or {}).items():
        if raw is not None:
            values[name] = _coerce(_BY_NAME[name], raw, "--" + name)
    return Settings(values)
