"""`steppe run` serves the web desk from the same process and stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import httpx

from livesite import free_port


def test_run_serves_the_desk_and_exits_cleanly_on_sigterm(tmp_path):
    port = free_port()
    env = {**os.environ, "STEPPE_DB": str(tmp_path / "run.db")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "steppe.cli", "run", "--port", str(port), "--quiet", "--no-rates"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        status = None
        while time.monotonic() < deadline and status is None:
            try:
                status = httpx.get(f"http://127.0.0.1:{port}/", timeout=1).status_code
            except httpx.TransportError:
                time.sleep(0.1)
        assert status == 200
        proc.send_signal(signal.SIGTERM)
        out, errors = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, errors
    assert "stopped after" in out and "Traceback" not in errors
