"""The web desk that `steppe run` serves beside its scheduler, in a thread of the same process."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from starlette.types import ASGIApp


class WebThread:
    """The web desk that `steppe run` serves beside the scheduler, in a thread."""

    def __init__(self, app: ASGIApp, host: str, port: int) -> None:
        import uvicorn

        self.host, self.port = host, port
        config = uvicorn.Config(app, host=self.host, port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)  # not the main thread: it leaves signals to the scheduler
        self.thread = threading.Thread(target=self.server.run, name="steppe-web", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)
