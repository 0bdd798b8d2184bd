"""Reading a response body under a size cap measured after decompression.

httpx's own decoders inflate a whole network chunk at once, so a small gzip bomb chunk
can become hundreds of megabytes before anyone can count. Here the raw bytes are
inflated with ``max_length`` set to what is left of the budget, so reading stops as
soon as the decompressed body passes the cap, whatever the compression ratio.
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator

from steppe.errors import BodyTooLarge, BrokenBody, UnsupportedEncoding

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


async def read_capped(chunks: AsyncIterator[bytes], content_encoding: str, cap: int) -> bytes:
    """The decoded body; BodyTooLarge as soon as it would pass ``cap`` bytes."""
    encoding = content_encoding.strip().lower()
    if encoding in {"", "identity"}:
        return await _read_plain(chunks, cap)
    if encoding not in {"gzip", "x-gzip", "deflate"}:
        raise UnsupportedEncoding(f"server used Content-Encoding {content_encoding!r}, which was not asked for")
    inflater = _Inflater(encoding)
    parts: list[bytes] = []
    size = 0
    try:
        async for chunk in chunks:
            pending = chunk
            while pending:
                out, pending = inflater.feed(pending, cap - size)
                size += len(out)
                if size > cap:
                    raise BodyTooLarge(f"body passes the {_limit_text(cap)} limit once decompressed; stopped reading")
                parts.append(out)
                if not out and pending == chunk:
                    break
    except zlib.error as exc:
        raise BrokenBody(f"corrupt {encoding} body: {exc}") from None
    if parts and not inflater.finished and encoding != "deflate":
        raise BrokenBody(f"{encoding} body ended before its end marker (truncated)")
    return b"".join(parts)


async def _read_plain(chunks: AsyncIterator[bytes], cap: int) -> bytes:
    parts: list[bytes] = []
    size = 0
    async for chunk in chunks:
        size += len(chunk)
        if size > cap:
            raise BodyTooLarge(f"body passes the {_limit_text(cap)} limit; stopped reading")
        parts.append(chunk)
    return b"".join(parts)
