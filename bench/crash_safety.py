"""The crash-safety test in its full form: 20 SIGKILLs at random moments of an ingest (the suite runs 6).

Run: python bench/crash_safety.py [TRIALS]   (prints pytest's verdict and the time it took)
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    trials = sys.argv[1] if len(sys.argv) > 1 else "20"
    began = time.perf_counter()
    test = "tests/test_crash_safety.py"
    env = {**os.environ, "STEPPE_CRASH_TRIALS": trials}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test], cwd=ROOT, env=env)
    print(
        f"crash safety, {trials} kills: {'passed' if done.returncode == 0 else 'FAILED'} in {time.perf_counter() - began:.1f} s"
    )
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
