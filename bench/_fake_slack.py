"""Run the test suite's fake Slack Web API in its own process for benchmarks; prints its base URL.

Usage: python -m bench._fake_slack [--users N] [--channels N] [--workspace-per-minute N]
       [--time-scale X] [--fault-rate R] [--report]   (stops on stdin EOF)

With ``--report`` it prints, after stdin closes, one JSON line: how many times each metadata key was
posted, calls per method, the 429s its rate limiter gave and the faults it injected.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter

from playground.slack.slack_server import FakeSlack, RateLimits
from tests.conftest import populate


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=0, help="extra people U0000001… in the directory")
    parser.add_argument("--channels", type=int, default=0, help="extra public channels C0BUSY01…")
    parser.add_argument("--workspace-per-minute", type=int, default=0, help="enforce Slack's limits")
    parser.add_argument("--nice", type=int, default=0, help="lower this process's CPU priority")
    parser.add_argument("--time-scale", type=float, default=1.0, help="the fake's seconds per real one")
    parser.add_argument("--fault-rate", type=float, default=0.0, help="share of posts that misbehave")
    parser.add_argument("--timeout-delay", type=float, default=1.2, help="real seconds a slow answer takes")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--report", action="store_true", help="print what was posted on exit")
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
            time_scale=args.time_scale,
        )
    fake = FakeSlack(rate_limits=limits).start()
    if args.fault_rate:
        # Equal shares of a 429 (Retry-After 1), a 503, and a slow answer that posts anyway.
        faults = [{"status": 429, "retry_after": 1}, {"status": 503}, {"delay": args.timeout_delay}]
        fake.fail_randomly("chat.postMessage", rate=args.fault_rate, faults=faults, seed=args.seed)
    populate(fake)
    for i in range(args.users):
        fake.add_user(f"U{i:07d}", f"person{i}", locale="ja-JP" if i % 2 else "en-US")
    for i in range(args.channels):
        fake.add_channel(f"C0BUSY{i:02d}", f"busy-{i}")
    print(fake.base_url, flush=True)
    sys.stdin.read()
    fake.stop()
    if args.report:
        print(json.dumps(_report(fake)), flush=True)


def _report(fake: FakeSlack) -> dict[str, object]:
    calls = fake.calls()
    keys: Counter[str] = Counter()
    posted_at = []
    for call in calls:
        if call.method == "chat.postMessage" and call.ok:
            keys[str(((call.args.get("metadata") or {}).get("event_payload") or {}).get("key"))] += 1
            posted_at.append((call.time, str(call.args.get("channel"))))
    return {
        "keys": keys,
        "posted_at": posted_at,
        "calls": Counter(call.method for call in calls),
        "refused": Counter(call.method for call in calls if call.status == 429),
        "rate_limited": fake.rate_limited_count,
        "faults": fake.injected_faults,
    }


if __name__ == "__main__":
    main()
