"""A real HTTP server on 127.0.0.1 for the fetch, sources and scheduler tests.

Routes answer with ``Reply`` values (or functions of the request returning one), can
drip slowly, lie about their length or break off, and every request is logged so a
test can assert on what the fetcher actually asked for (and what it never asked).
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from steppe.fetch import FetchConfig, parse_networks


@dataclass
class Reply:
    """What a route answers."""

    status: int = 200
    body: bytes | Iterable[bytes] = b""
    headers: dict[str, str] = field(default_factory=dict)
    chunk_delay: float = 0.0  # seconds between chunks: a slow drip
    content_length: int | None = None  # claim another length than sent (truncation)


@dataclass(frozen=True)
class Request:
    """One request the server received."""

    method: str
    path: str
    headers: dict[str, str]
    at: float


Route = Reply | Callable[[Request], Reply]


class LocalServer:
    """A threaded HTTP/1.1 server with a route table and a request log."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[Request] = []
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def route(self, path: str, reply: Route) -> str:
        """Serve ``reply`` at ``path``; returns the full URL."""
        self.routes[path] = reply
        return self.url(path)

    def hits(self, path: str) -> list[Request]:
        return [r for r in self.log if r.path == path]

    def start(self) -> LocalServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _handler_for(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # keep test output clean
            pass

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            request = Request("GET", self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic())
            server.log.append(request)
            route = server.routes.get(self.path) or server.routes.get(self.path.split("?", 1)[0])
            if route is None:
                reply = Reply(404, b"not found", {"Content-Type": "text/plain"})
            else:
                reply = route(request) if callable(route) else route
            try:
                self._send(reply)
            except OSError:  # the client hung up: part of several tests
                self.close_connection = True

        def _send(self, reply: Reply) -> None:
            chunks = [reply.body] if isinstance(reply.body, bytes) else reply.body
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if reply.content_length is not None:
                self.send_header("Content-Length", str(reply.content_length))
                self.send_header("Connection", "close")
            elif isinstance(reply.body, bytes):
                self.send_header("Content-Length", str(len(reply.body)))
            else:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            for chunk in chunks:
                self.wfile.write(chunk)
                self.wfile.flush()
                if reply.chunk_delay:
                    time.sleep(reply.chunk_delay)
            if reply.content_length is not None:
                self.close_connection = True

    return Handler


@pytest.fixture
def server():
    """A started LocalServer, stopped after the test."""
    local = LocalServer().start()
    yield local
    local.stop()


def local_config(**overrides) -> FetchConfig:
    """A FetchConfig that may reach 127.0.0.0/8 (and only that), with short timeouts."""
    values = dict(
        user_agent="Steppe/0.1 (+https://example.org/steppe; ops@example.org)",
        allow_networks=parse_networks(["127.0.0.0/8"]),
        connect_timeout=2.0,
        read_timeout=2.0,
        total_timeout=5.0,
    )
    values.update(overrides)
    return FetchConfig(**values)


def gzip_bomb(decompressed_size: int) -> bytes:
    """A small gzip body that inflates to ``decompressed_size`` zero bytes."""
    return gzip.compress(b"\0" * decompressed_size, compresslevel=9)


def test_the_local_server_logs_every_request(server):
    import httpx

    url = server.route("/hello", Reply(200, b"hi"))
    assert httpx.get(url).text == "hi"
    assert [r.path for r in server.log] == ["/hello"]
