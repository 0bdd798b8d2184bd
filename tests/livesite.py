"""A real uvicorn server on 127.0.0.1 serving a store, for web and browser tests."""

from __future__ import annotations

import socket
import threading
import time

import httpx
import uvicorn

from steppe.config import load_settings
from steppe.web.app import create_app


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """Start with ``start()``, stop with ``stop()``; ``url`` is its base address."""

    def __init__(self, store, **settings):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        app = self.app = create_app(store, load_settings(settings, env={}, toml_path="/nonexistent"))
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                httpx.get(self.url + "/api/openapi.json", timeout=1)
                return self
            except httpx.TransportError:
                time.sleep(0.05)
        raise RuntimeError("the test server did not start")

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
