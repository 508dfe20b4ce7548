"""How fast itabasami acks `/escalate`, next to a bare Bolt app that only acks (prints figures).

Each server runs in its own process behind waitress (HTTP mode); a fake Slack Web API runs in a third
process so itabasami's real work after the ack (users.info, storing, posting the card and DMs) happens
for real. Signed `/escalate @owner …` requests go to both, at 1 and at 20 concurrent clients, in
alternating rounds; the figures are medians over the rounds.

    python -m bench.ack_latency [--requests 300] [--rounds 5] [--database-url URL]
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import hmac
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, func, select

from handlers.edge import LATER_KIND
from storage.models import ScheduledSend

SECRET = "bench-signing-secret"
WARM_UP = 40  # requests per server before measuring
ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(cmd: list[str], env: dict[str, str], stack: ExitStack) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        cmd,
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    stack.callback(_stop, proc)
    return proc


def _stop(proc: subprocess.Popen[str]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def wait_healthy(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"server on {port} did not become healthy")


class Client:
    """One keep-alive connection sending signed slash commands."""

    def __init__(self, port: int, fake_root: str) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        self.fake_root = fake_root

    def escalate(self, i: int) -> float:
        form = {
            "command": "/escalate",
            "text": f"<@UOWNER> Client {i} wants a call back before 17:00 today.",
            "user_id": "URAISER",
            "user_name": "sato",
            "team_id": "T0TEAM",
            "channel_id": "CCLIENT",
            "trigger_id": f"bench.{uuid.uuid4().hex}",
            "api_app_id": "A0BENCH",
            "response_url": f"{self.fake_root}/response/bench{uuid.uuid4().hex}",
        }
        body = urllib.parse.urlencode(form).encode()
        ts = str(int(time.time()))
        sig = (
            "v0=" + hmac.new(SECRET.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256).hexdigest()
        )
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": sig,
        }
        started = time.perf_counter()
        self.conn.request("POST", "/slack/events", body=body, headers=headers)
        response = self.conn.getresponse()
        response.read()
        elapsed = time.perf_counter() - started
        if response.status != 200:
            raise SystemExit(f"unexpected status {response.status}")
        return elapsed


def run_load(port: int, fake_root: str, requests: int, concurrency: int) -> list[float]:
    counter = iter(range(requests))
    lock = threading.Lock()
    latencies: list[float] = []

    def worker() -> None:
        client = Client(port, fake_root)
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            elapsed = client.escalate(i)
            with lock:
                latencies.append(elapsed)

    # The clients' own garbage collection would stall all of them at once and be timed as the
    # server's: collect before the round, not during it.
    gc.collect()
    gc.disable()
    try:
        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            for future in [pool.submit(worker) for _ in range(concurrency)]:
                future.result()
    finally:
        gc.enable()
    return latencies


def wait_drained(database_url: str, requests_sent: int, timeout: float = 300) -> None:
    """Wait until itabasami has stored every request sent so far and sent everything they made due
    now, so rounds do not overlap (nudges and check-ins planned for hours later stay pending, as they
    should). Counting the stored requests matters: right after a round the worker may not have
    stored the last ones yet, and an empty queue then would mean nothing."""
    engine = create_engine(database_url)
    deadline = time.monotonic() + timeout
    stored = select(func.count()).select_from(ScheduledSend).where(ScheduledSend.kind == LATER_KIND)
    try:
        while time.monotonic() < deadline:
            due_now = (
                select(func.count())
                .select_from(ScheduledSend)
                .where(
                    ScheduledSend.status.in_(["pending", "sending"]),
                    ScheduledSend.due_at <= datetime.now(UTC),
                )
            )
            with engine.connect() as conn:
                done = conn.execute(stored).scalar_one() >= requests_sent
                left = conn.execute(due_now).scalar_one()
            if done and not left:
                return
            time.sleep(0.2)
    finally:
        engine.dispose()
    raise SystemExit("itabasami did not finish sending within the timeout")


def engine_name(database_url: str) -> str:
    return "SQLite" if database_url.startswith("sqlite") else "PostgreSQL"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="requests per load level per round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--database-url", default="", help="itabasami's database (default: a fresh SQLite)")
    args = parser.parse_args()

    with ExitStack() as stack, tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        # The fake stands in for Slack's servers, which do not share our CPUs: run it at the lowest
        # priority so it does not take CPU from the processes being measured.
        fake = start([sys.executable, "-m", "bench._fake_slack", "--nice", "19"], env, stack)
        base_url = (fake.stdout.readline() if fake.stdout else "").strip()
        fake_root = base_url.removesuffix("/api/")
        database_url = args.database_url or f"sqlite:///{tmp}/bench.db"
        ita_port, bare_port = free_port(), free_port()
        ita_env = env | {
            "SLACK_BOT_TOKEN": "xoxb-test-token",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_BASE_URL": base_url,
            "DATABASE_URL": database_url,
            "PORT": str(ita_port),
            "ESCALATION_CHANNEL": "C0ESCAL",
            "ADMIN_USERS": "UADMIN",
            "LOG_LEVEL": "WARNING",
            "SLACK_APP_TOKEN": "",
            # This fake sets no rate limits and the rounds wait for the queue to drain: times acks only.
            "CHANNEL_POST_INTERVAL": "off",
            # Hundreds of escalations from one person a minute: the hourly limits would refuse all but
            # the first ten, and a refusal is less work than an escalation.
            "HOURLY_LIMITS": "off",
            "SPOOL_FILE": f"{tmp}/spool.sqlite3",
        }
        start([sys.executable, "-m", "bot"], ita_env, stack)
        bare = start([sys.executable, "-m", "bench._bare_bolt", str(bare_port), base_url, SECRET], env, stack)
        if bare.stdout:
            bare.stdout.readline()
        wait_healthy(ita_port)
        wait_healthy(bare_port)
        targets = {"bare Bolt (ack only)": bare_port, "itabasami": ita_port}
        for port in targets.values():  # warm up: first auth.test, the people cache, connection pools
            run_load(port, fake_root, WARM_UP, 4)
        sent = WARM_UP
        wait_drained(database_url, sent)

        results: dict[tuple[str, int], list[tuple[float, float]]] = {}
        for _ in range(args.rounds):
            for concurrency in (1, 20):
                for name, port in targets.items():
                    lat = run_load(port, fake_root, args.requests, concurrency)
                    results.setdefault((name, concurrency), []).append((pct(lat, 0.5), pct(lat, 0.99)))
                    if port == ita_port:
                        sent += args.requests
                        wait_drained(database_url, sent)

        print(
            f"ack latency of /escalate over HTTP (waitress), {args.requests} requests x {args.rounds} "
            f"rounds, medians of the rounds; itabasami database: {engine_name(database_url)}"
        )
        print(f"{'server':<22}{'clients':>8}{'p50 ms':>10}{'p99 ms':>10}{'p99 / bare':>12}")
        for concurrency in (1, 20):
            bare_p99 = statistics.median(p99 for _, p99 in results[("bare Bolt (ack only)", concurrency)])
            for name in targets:
                rounds = results[(name, concurrency)]
                p50 = statistics.median(p for p, _ in rounds)
                p99 = statistics.median(p for _, p in rounds)
                print(f"{name:<22}{concurrency:>8}{p50:>10.1f}{p99:>10.1f}{p99 / bare_p99:>11.2f}x")
        if fake.stdin:
            fake.stdin.close()


if __name__ == "__main__":
    main()
