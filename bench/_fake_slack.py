"""Run the test suite's fake Slack Web API in its own process for benchmarks; prints its base URL.

Usage: python -m bench._fake_slack [--users N] [--rate-limits]   (stops on stdin EOF)
"""

from __future__ import annotations

import argparse
import os
import sys

from tests.conftest import populate
from tests.fakes.slack_server import FakeSlack, RateLimits


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=0, help="extra people U0000001… in the directory")
    parser.add_argument("--channels", type=int, default=0, help="extra public channels C0BUSY01…")
    parser.add_argument("--workspace-per-minute", type=int, default=0, help="enforce Slack's limits")
    parser.add_argument("--nice", type=int, default=0, help="lower this process's CPU priority")
    args = parser.parse_args()
    if args.nice:
        os.nice(args.nice)
    limits = None
    if args.workspace_per_minute:
        limits = RateLimits(
            per_channel_per_second=1.0,
            channel_burst=3,
            workspace_per_minute=args.workspace_per_minute,
            tiers=True,
        )
    fake = FakeSlack(rate_limits=limits).start()
    populate(fake)
    for i in range(args.users):
        fake.add_user(f"U{i:07d}", f"person{i}", locale="ja-JP" if i % 2 else "en-US")
    for i in range(args.channels):
        fake.add_channel(f"C0BUSY{i:02d}", f"busy-{i}")
    print(fake.base_url, flush=True)
    sys.stdin.read()
    fake.stop()


if __name__ == "__main__":
    main()
