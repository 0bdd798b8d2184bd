"""Paths and small helpers the tests share (imported by tests; conftest.py keeps only fixtures and hooks)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = Path(__file__).parent / "samples"
DEMO = ROOT / "src" / "steppe" / "data" / "demo"
# The demo corpus's labels (clusters, syndicated pairs, digest headlines...): test data, not shipped with the package
DEMO_EXPECTED = SAMPLES / "demo" / "expected.json"


def shared_dir() -> Path:
    """../shared beside the checkout (or STEPPE_SHARED)."""
    return Path(os.environ.get("STEPPE_SHARED") or ROOT.parent / "shared")
