"""Reading a response body under a size cap measured after decompression.

httpx's own decoders inflate a whole network chunk at once, so a small gzip bomb chunk
can become hundreds of megabytes before anyone can count. Here the raw bytes are
inflated with ``max_length`` set to what is left of the budget, so reading stops as
soon as the decompressed body passes the cap, whatever the compression ratio.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import AsyncIterator, Iterator

from steppe.errors import BodyTooLarge, BrokenBody, FetchTimedOut, UnsupportedEncoding

ACCEPT_ENCODING = "gzip, deflate"  # brotli is not asked for: no bounded streaming decoder ships here


def _limit_text(cap: int) -> str:
    return f"{cap / 1024 / 1024:.1f} MiB" if cap >= 1024 * 1024 else f"{cap} bytes"


class _Inflater:
    """Incremental gzip/zlib/raw-deflate decoder that never produces more than asked for."""

    def __init__(self, encoding: str):
        # 47 = auto-detect a gzip or zlib header; raw deflate is tried if that fails.
        self.wbits = 47 if encoding in {"gzip", "x-gzip"} else 15
        self.decoder = zlib.decompressobj(self.wbits)
        self.started = False

    def feed(self, data: bytes, room: int) -> tuple[bytes, bytes]:
        """Inflate up to ``room`` + 1 bytes of ``data``; returns (output, unconsumed input)."""
        try:
            out = self.decoder.decompress(data, room + 1)
        except zlib.error:
            if self.started or self.wbits != 15:
                raise
            self.decoder = zlib.decompressobj(-15)  # some servers send raw deflate
            self.wbits = -15
            out = self.decoder.decompress(data, room + 1)
        self.started = True
        if self.decoder.eof and self.decoder.unused_data:
            rest = self.decoder.unused_data  # another gzip member follows
            self.decoder = zlib.decompressobj(self.wbits)
            return out, rest
        return out, self.decoder.unconsumed_tail

    @property
    def finished(self) -> bool:
        return self.decoder.eof


class CappedBody:
    """Bytes of a body gathered chunk by chunk: decoded, counted, stopped the moment they pass ``cap``."""

    def __init__(self, content_encoding: str, cap: int):
        self.encoding = content_encoding.strip().lower()
        if self.encoding not in {"", "identity", "gzip", "x-gzip", "deflate"}:
            raise UnsupportedEncoding(f"server used Content-Encoding {content_encoding!r}, which was not asked for")
        self.inflater = _Inflater(self.encoding) if self.encoding not in {"", "identity"} else None
        self.cap = cap
        self.parts: list[bytes] = []
        self.size = 0

    def add(self, chunk: bytes) -> None:
        """Take one raw chunk off the wire; BodyTooLarge or BrokenBody as soon as it shows."""
        if self.inflater is None:
            self._keep(chunk, "")
            return
        pending = chunk
        try:
            while pending:
                out, pending = self.inflater.feed(pending, self.cap - self.size)
                self._keep(out, " once decompressed")
                if not out and pending == chunk:
                    break
        except zlib.error as exc:
            raise BrokenBody(f"corrupt {self.encoding} body: {exc}") from None

    def _keep(self, data: bytes, how: str) -> None:
        self.size += len(data)
        if self.size > self.cap:
            raise BodyTooLarge(f"body passes the {_limit_text(self.cap)} limit{how}; stopped reading")
        self.parts.append(data)

    def finish(self) -> bytes:
        """The whole decoded body; BrokenBody when a compressed stream stopped before its end."""
        if self.inflater and self.parts and not self.inflater.finished and self.encoding != "deflate":
            raise BrokenBody(f"{self.encoding} body ended before its end marker (truncated)")
        return b"".join(self.parts)


async def read_capped(chunks: AsyncIterator[bytes], content_encoding: str, cap: int) -> bytes:
    """The decoded body; BodyTooLarge as soon as it would pass ``cap`` bytes."""
    body = CappedBody(content_encoding, cap)
    async for chunk in chunks:
        body.add(chunk)
    return body.finish()


def read_capped_sync(
    chunks: Iterator[bytes], content_encoding: str, cap: int, *, deadline: float | None = None
) -> bytes:
    """``read_capped`` for a blocking client; FetchTimedOut past ``deadline`` (a ``time.monotonic`` moment)."""
    body = CappedBody(content_encoding, cap)
    for chunk in chunks:
        body.add(chunk)
        if deadline is not None and time.monotonic() > deadline:
            raise FetchTimedOut("the body did not finish within the time limit; stopped reading")
    return body.finish()
