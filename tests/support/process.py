"""Running `python -m bot` as its own process: to its exit (how it refuses to start), or as a server
to send requests to, stop, kill -9 and start again."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bot_env(env: Mapping[str, str]) -> dict[str, str]:
    """`env` on top of this environment, with the repository importable and Socket Mode off."""
    full = dict(os.environ, PYTHONPATH=str(ROOT)) | dict(env)
    full.pop("SLACK_APP_TOKEN", None)
    return full


def start_bot(env: Mapping[str, str], cwd: Path) -> subprocess.Popen[str]:
    """Start `python -m bot` and wait until /healthz answers on env["PORT"]."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot"], cwd=cwd, env=dict(env), stderr=subprocess.PIPE, text=True
    )
    wait_healthy(int(env["PORT"]), proc)
    return proc


def wait_healthy(port: int, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"bot exited early: {proc.stderr.read() if proc.stderr else ''}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise AssertionError("bot never became healthy")


def stop_bot(proc: subprocess.Popen[str]) -> str:
    """SIGTERM, wait for a clean exit; returns what it wrote to stderr."""
    proc.terminate()
    try:
        _, stderr = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, stderr = proc.communicate()
    return stderr or ""
