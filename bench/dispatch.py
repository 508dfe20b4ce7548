"""How fast the outbox drains against a fake Slack that enforces Slack's limits (prints figures).

10,000 DMs to 10,000 people and 300 posts to 3 busy channels come due at once. The fake Slack Web
API runs in its own process and enforces about one post a second per channel (bursts of 3), the
method tiers, and a workspace-wide cap on posts that this bench sets (600 a minute by default); a
share of posts (5%) misbehaves: 429 with Retry-After, 503, or an answer so slow the client gives up
although the message was posted. The dispatcher is the app's own (`create_app`: SlackSender, the
paced delivery client, SEND_THREADS threads) on SQLite or PostgreSQL.

The fake's clock runs `--time-scale` times faster than real time, and so do the dispatcher's clock
and its pacing, so a run that would take Slack 17 minutes takes a few. Figures are in the fake's
("Slack") seconds.

    python -m bench.dispatch [--database-url URL] [--time-scale 10] [--threads 8]
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
import tempfile
import time
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select

from bot.app import create_app
from bot.outbox import FAILED, PENDING, SENDING
from bot.settings import Settings
from handlers.delivery.pacing import Throttle
from storage.db import SessionFactory, make_engine, make_session_factory
from storage.migrate import upgrade_to_head
from storage.models import ScheduledSend
from tests.outbox import notes

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "xoxb-test-token"  # the fake's


@dataclass
class ScaledClock:
    """The dispatcher's clock, running as fast as the fake's."""

    scale: float
    origin: datetime
    started: float

    def now(self) -> datetime:
        return self.origin + timedelta(seconds=(time.monotonic() - self.started) * self.scale)


def main() -> None:
    args = parse_args()
    logging.disable(logging.ERROR)  # each deferral and client timeout is logged; the figures say enough
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        url = args.database_url or f"sqlite:///{tmp}/dispatch.db"
        fake, base_url = start_fake(args, stack)
        run(args, url, fake, base_url)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="default: a temporary SQLite file")
    parser.add_argument("--dms", type=int, default=10_000, help="DMs, one each to this many people")
    parser.add_argument("--channels", type=int, default=3, help="busy channels")
    parser.add_argument("--per-channel", type=int, default=100, help="posts to each busy channel")
    parser.add_argument("--workspace-per-minute", type=int, default=600, help="the workspace's post cap")
    parser.add_argument("--fault-rate", type=float, default=0.05)
    parser.add_argument("--time-scale", type=float, default=10.0)
    parser.add_argument("--threads", type=int, default=8, help="SEND_THREADS")
    parser.add_argument("--seed", type=int, default=1)
    return parser.parse_args()


def start_fake(args: argparse.Namespace, stack: ExitStack) -> tuple[subprocess.Popen[str], str]:
    command = [sys.executable, "-m", "bench._fake_slack", "--report", "--users", str(args.dms)]
    command += ["--channels", str(args.channels), "--workspace-per-minute", str(args.workspace_per_minute)]
    command += ["--time-scale", str(args.time_scale), "--fault-rate", str(args.fault_rate)]
    command += ["--seed", str(args.seed)]
    fake = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    stack.callback(_stop, fake)
    assert fake.stdout is not None
    return fake, fake.stdout.readline().strip()


def _stop(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=10)


def run(args: argparse.Namespace, url: str, fake: subprocess.Popen[str], base_url: str) -> None:
    upgrade_to_head(url)
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    with sessions.begin() as session:  # an earlier run's rows, if the database is reused
        session.execute(delete(ScheduledSend).where(ScheduledSend.kind == notes.NOTE))
    scale = args.time_scale
    clock = ScaledClock(scale, datetime.now(UTC), time.monotonic())
    throttle = Throttle(clock=lambda: time.monotonic() * scale, sleep=lambda s: time.sleep(s / scale))
    env = {
        "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_SIGNING_SECRET": "unused-by-this-bench",
        "SLACK_API_BASE_URL": base_url,
        "DATABASE_URL": url,
        "ESCALATION_CHANNEL": "C0ESCAL",
        "SEND_THREADS": str(args.threads),
    }
    bot = create_app(
        Settings.from_env(env), session_factory=sessions, clock=clock, send_timeout=1, throttle=throttle
    )
    notes.install(bot.sender)
    targets = interleave(args)
    queued_at = time.monotonic()
    keys = notes.enqueue_notes(sessions, clock, targets)
    queued_in = time.monotonic() - queued_at
    started = time.monotonic()
    try:
        while outstanding(sessions):
            bot.dispatcher.run_once()
            time.sleep(0.01)  # deferred rows come due on the scaled clock
    finally:
        bot.stop()
    elapsed = time.monotonic() - started
    failed = count(sessions, FAILED)
    engine.dispose()
    assert fake.stdin is not None
    assert fake.stdout is not None
    fake.stdin.close()
    report = json.loads(fake.stdout.readline())
    show(args, url, keys, report, queued_in=queued_in, elapsed=elapsed, failed=failed)


def interleave(args: argparse.Namespace) -> list[str]:
    """The DMs' targets with the channel posts spread evenly among them (all come due at once)."""
    dms = [f"U{i:07d}" for i in range(args.dms)]
    posts = [f"C0BUSY{i % args.channels:02d}" for i in range(args.channels * args.per_channel)]
    every = max(1, len(dms) // max(1, len(posts)))
    targets: list[str] = []
    for i, dm in enumerate(dms):
        if posts and i % every == 0:
            targets.append(posts.pop())
        targets.append(dm)
    return targets + posts


def outstanding(sessions: SessionFactory) -> int:
    with sessions() as session:
        stmt = select(func.count()).where(ScheduledSend.status.in_([PENDING, SENDING]))
        return int(session.execute(stmt).scalar_one())


def count(sessions: SessionFactory, status: str) -> int:
    with sessions() as session:
        stmt = select(func.count()).where(ScheduledSend.status == status)
        return int(session.execute(stmt).scalar_one())


def show(
    args: argparse.Namespace,
    url: str,
    keys: list[str],
    report: dict[str, Any],
    *,
    queued_in: float,
    elapsed: float,
    failed: int,
) -> None:
    posted = Counter(report["keys"])
    lost = sum(1 for key in keys if posted[key] == 0)
    duplicated = sum(posted[key] - 1 for key in keys if posted[key] > 1)
    slack_seconds = elapsed * args.time_scale
    allowed = args.workspace_per_minute / 60
    rate = len(keys) / slack_seconds
    calls, faults = report["calls"], report["faults"]
    print(f"database        {url.split(':', 1)[0]}, {args.threads} send threads, clock x{args.time_scale:g}")
    print(
        f"Slack limits    {args.workspace_per_minute} posts/min for the workspace ({allowed:g}/s), "
        "1 post/s per channel (bursts of 3), method tiers (conversations.* tier 3: 50/min)"
    )
    print(
        f"queued          {args.dms} DMs to {args.dms} people + {args.channels * args.per_channel} posts "
        f"to {args.channels} channels, all due at once ({queued_in:.1f} s to store)"
    )
    print(
        f"faults          {sum(faults.values())} of {calls.get('chat.postMessage', 0)} posts "
        f"({args.fault_rate:.0%} asked): " + ", ".join(f"{k} x{v}" for k, v in sorted(faults.items()))
    )
    print(
        f"sent            {len(keys) - lost} in {slack_seconds:.0f} Slack s ({elapsed:.1f} s real): "
        f"{rate:.2f} messages/s = {rate / allowed:.1%} of the allowed {allowed:g}/s"
    )
    posted_at = report["posted_at"]
    times = [t for t, _channel in posted_at]
    to_channels = [t for t, channel in posted_at if channel.startswith("C")]
    print(f"posts per Slack minute {per_minute(times, args.time_scale)}")
    print(f" of them to channels   {per_minute(to_channels, args.time_scale, min(times, default=0))}")
    print(f"lost            {lost}")
    print(f"duplicated      {duplicated}")
    print(f"failed rows     {failed}")
    print(
        "Slack calls     "
        + ", ".join(f"{method} {n}" for method, n in sorted(calls.items()))
        + f"; 429 from the limiter {report['rate_limited']} ("
        + ", ".join(f"{method} {n}" for method, n in sorted(report["refused"].items()))
        + ")"
    )


def per_minute(times: list[float], scale: float, first: float | None = None) -> list[int]:
    """Posts accepted in each Slack minute from the first one."""
    if not times:
        return []
    first = min(times) if first is None else first
    buckets = Counter(int((t - first) * scale // 60) for t in times)
    return [buckets[i] for i in range(max(buckets) + 1)]


if __name__ == "__main__":
    main()
