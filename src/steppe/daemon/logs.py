"""Logging for `steppe run`: one JSON object per line on stderr."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any, TextIO


class JsonLogFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, and source/url/stage when given."""

    FIELDS = ("source", "url", "stage", "errors", "entries", "articles", "added", "due")

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        data.update({name: getattr(record, name) for name in self.FIELDS if hasattr(record, name)})
        if record.exc_info:
            data["traceback"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


class _CurrentStderr:
    """Writes to whatever ``sys.stderr`` is at the time (a live status line swaps in a proxy)."""

    def write(self, text: str) -> int:
        return sys.stderr.write(text)

    def flush(self) -> None:
        sys.stderr.flush()


class _JsonLinesHandler(logging.StreamHandler[TextIO | _CurrentStderr]):
    """The handler ``configure_logging`` sets: known by its class, so that a second call replaces it."""


def configure_logging(*, level: int = logging.INFO, stream: TextIO | None = None) -> logging.Handler:
    """Send steppe.* logs to ``stream`` (stderr) as JSON lines, replacing a handler set here before."""
    logger = logging.getLogger("steppe")
    for old in [h for h in logger.handlers if isinstance(h, _JsonLinesHandler)]:
        logger.removeHandler(old)
    handler = _JsonLinesHandler(stream or _CurrentStderr())
    handler.setFormatter(JsonLogFormatter())
    logger.addHandler(handler)
    logger.setLevel(level)
    return handler
