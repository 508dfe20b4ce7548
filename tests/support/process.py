"""Running `python -m bot` to its exit, for the tests of how it refuses to start."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path


def run_bot_until_exit(env: Mapping[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """`python -m bot` with exactly `env`, in `cwd`, its output captured; at most a minute."""
    return subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=cwd,
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
