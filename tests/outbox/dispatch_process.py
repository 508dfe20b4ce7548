"""One dispatcher in its own OS process, for the multi-process outbox tests.

    python -m tests.outbox.dispatch_process DATABASE_URL SLACK_BASE_URL [--lease SECONDS]

Builds the app as `python -m bot` would (its own engine, the real SlackSender and delivery client),
prints "ready", waits for a line on stdin, then sends until nothing is pending or in flight and
prints how many rows it settled.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import timedelta

from sqlalchemy import func, select

from bot.app import create_app
from bot.outbox import PENDING, SENDING, RetryPolicy
from bot.settings import Settings
from storage.db import SessionFactory
from storage.models import ScheduledSend
from tests.outbox import notes

TOKEN = "xoxb-test-token"  # the fake's


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("database_url")
    parser.add_argument("slack_base_url")
    parser.add_argument("--lease", type=float, default=120.0)
    args = parser.parse_args()
    env = {
        "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_SIGNING_SECRET": "unused-in-this-process",
        "SLACK_API_BASE_URL": args.slack_base_url,
        "DATABASE_URL": args.database_url,
        "ESCALATION_CHANNEL": "C0ESCAL",
    }
    retry = RetryPolicy(lease=timedelta(seconds=args.lease))
    bot = create_app(Settings.from_env(env), retry=retry, send_timeout=2)
    notes.install(bot.sender)
    print("ready", flush=True)
    sys.stdin.readline()
    settled = 0
    try:
        while _outstanding(bot.deps.sessions):
            settled += bot.dispatcher.run_once()
            time.sleep(0.05)  # rows in flight elsewhere, or leases still running
    finally:
        bot.stop()
    print(f"settled {settled}", flush=True)


def _outstanding(sessions: SessionFactory) -> int:
    with sessions() as session:
        stmt = select(func.count()).where(ScheduledSend.status.in_([PENDING, SENDING]))
        return int(session.execute(stmt).scalar_one())


if __name__ == "__main__":
    main()
