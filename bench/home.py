"""How long the App Home takes to build and to publish for a person with 50 open escalations, in a
database of 1,000,000 escalations and 100,000 people (prints figures).

The data is made with bulk inserts (COPY on PostgreSQL, executemany on SQLite) and kept for later runs
(`--fresh` makes it again). The fake Slack Web API runs in its own process for the publish.

    python -m bench.home [--database-url URL] [--escalations 1000000] [--people 100000] [--rounds 200]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select, text

from bot.app import create_app, home_publisher
from bot.outbox import Job
from bot.settings import Settings
from storage.db import is_sqlite, make_engine, make_session_factory
from storage.migrate import upgrade_to_head
from storage.models import Escalation

ROOT = Path(__file__).resolve().parents[1]
VIEWER = "U0000001"  # in the fake directory (bench._fake_slack --users)
ADMIN = "U0000000"
OPEN_OWNED, OPEN_RAISED, VIEWER_HISTORY = 30, 20, 2000
START = datetime(2024, 1, 1, tzinfo=UTC)
ESCALATION_COLUMNS = (
    "id", "team_id", "number", "raiser_id", "owner_id", "summary", "kind", "severity", "confidential",
    "status", "post_state", "created_at", "acknowledged_at", "resolved_at", "last_activity_at", "version",
    "chain_level", "promised_at", "card_link",
)  # fmt: skip
PEOPLE_COLUMNS = ("user_id", "name", "locale", "tz", "is_bot", "deleted", "fetched_at")
CHAIN_COLUMNS = ("user_id", "manager_id", "source", "updated_at")
SEND_COLUMNS = (
    "id",
    "key",
    "kind",
    "target",
    "payload",
    "escalation_id",
    "due_at",
    "status",
    "attempts",
    "created_at",
)
SENDS, FAILED_EVERY = 300_000, 5_000
OUR_TABLES = (
    "scheduled_sends", "timeline_entries", "escalation_members", "escalations", "people", "chain_links",
    "person_settings",
)  # fmt: skip


def person(i: int) -> str:
    return f"U{i:07d}"


def escalation_rows(count: int, people: int, seed: int = 7) -> Iterator[tuple[Any, ...]]:
    """`count` escalations among `people`, nearly all resolved; the viewer owns 30 open ones, raised 20,
    and has a long resolved history of their own."""
    rng = random.Random(seed)
    special = OPEN_OWNED + OPEN_RAISED + VIEWER_HISTORY
    for n in range(1, count + 1):
        created = START + timedelta(minutes=n)
        raiser, owner = person(rng.randrange(2, people)), person(rng.randrange(2, people))
        status, promised = "resolved", None
        if n <= special:
            k = n - 1
            if k < OPEN_OWNED:
                owner, status = VIEWER, "open" if k % 3 else "acknowledged"
            elif k < OPEN_OWNED + OPEN_RAISED:
                raiser, status = VIEWER, "open"
            else:
                owner = VIEWER
            if status != "resolved" and k % 4 == 0:
                promised = created + timedelta(days=900 if k % 8 else 1)  # some overdue, some not
        elif rng.random() < 0.02:
            status = "open"
        acked = created + timedelta(minutes=30) if status != "open" else None
        resolved = created + timedelta(hours=5) if status == "resolved" else None
        yield (
            n, "T0BENCH", n, raiser, owner, f"Client {n % 9973} asks about invoice {n}.", "complaint",
            ("urgent", "normal", "low")[n % 3], n % 50 == 0, status, "posted", created, acked, resolved,
            created, 2, 0, promised, f"https://example.slack.com/archives/C0ESCAL/p{n}",
        )  # fmt: skip


def people_rows(people: int) -> Iterator[tuple[Any, ...]]:
    now = datetime.now(UTC)
    for i in range(people):
        yield (person(i), f"person{i}", "ja-JP" if i % 2 else "en-US", "Asia/Tokyo", False, False, now)


def chain_rows(people: int) -> Iterator[tuple[Any, ...]]:
    now = datetime.now(UTC)
    for i in range(2, people):
        yield (
            (person(i), person(max(2, i // 10)), "file", now)
            if i // 10 != i
            else (person(i), ADMIN, "file", now)
        )


def send_rows(count: int, escalations: int) -> Iterator[tuple[Any, ...]]:
    """The outbox's history: sent messages, and now and then one that was given up."""
    for n in range(1, count + 1):
        at = START + timedelta(minutes=n)
        status = "failed" if n % FAILED_EVERY == 0 else "sent"
        target = person(n % 1000 + 2)
        yield (n, f"bench:{n}", "dm", target, "{}", n % escalations + 1, at, status, 1, at)


def bulk_insert(
    engine: Engine, table: str, columns: tuple[str, ...], rows: Iterator[tuple[Any, ...]]
) -> None:
    raw = engine.raw_connection()
    try:
        cursor: Any = raw.cursor()
        if is_sqlite(str(engine.url)):
            cursor.execute("PRAGMA synchronous=OFF")
            marks = ", ".join("?" for _ in columns)
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"  # noqa: S608 - our own names
            batch: list[tuple[Any, ...]] = []
            cursor.execute("BEGIN")
            for row in rows:
                batch.append(tuple(_sqlite(v) for v in row))
                if len(batch) >= 50_000:
                    cursor.executemany(sql, batch)
                    batch.clear()
            cursor.executemany(sql, batch)
            cursor.execute("COMMIT")
        else:
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            raw.commit()
    finally:
        raw.close()


def _sqlite(value: Any) -> Any:
    """Datetimes as SQLAlchemy stores them on SQLite (naive UTC text), so comparisons stay right."""
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f") if isinstance(value, datetime) else value


def generate(url: str, escalations: int, people: int, fresh: bool) -> float | None:
    """Make the data (unless it is already there); returns how long it took, in seconds."""
    engine = make_engine(url)
    upgrade_to_head(url, engine=engine)
    with engine.connect() as conn:
        have = conn.execute(select(func.count()).select_from(Escalation)).scalar_one()
    if have == escalations and not fresh:
        engine.dispose()
        return None
    started = time.perf_counter()
    with engine.begin() as conn:
        for table in OUR_TABLES:
            conn.execute(text(f"DELETE FROM {table}"))  # noqa: S608 - our own table names
    bulk_insert(engine, "people", PEOPLE_COLUMNS, people_rows(people))
    bulk_insert(engine, "chain_links", CHAIN_COLUMNS, chain_rows(people))
    bulk_insert(engine, "escalations", ESCALATION_COLUMNS, escalation_rows(escalations, people))
    bulk_insert(engine, "scheduled_sends", SEND_COLUMNS, send_rows(min(SENDS, escalations), escalations))
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    engine.dispose()
    return time.perf_counter() - started


def start_fake() -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench._fake_slack", "--users", "2"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    return proc, proc.stdout.readline().strip()


def timed(fn: Any, rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return times


def describe(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"median {statistics.median(ordered):6.2f} ms · p95 {p95:6.2f} ms · max {ordered[-1]:6.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="sqlite:////tmp/itabasami-bench-home.db")
    parser.add_argument("--escalations", type=int, default=1_000_000)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--fresh", action="store_true", help="make the data again even if it is there")
    args = parser.parse_args()
    database = "PostgreSQL" if args.database_url.startswith("postgresql") else "SQLite"
    took = generate(args.database_url, args.escalations, args.people, args.fresh)
    made = f"generated in {took:.1f} s" if took is not None else "reused from an earlier run"
    sends = min(SENDS, args.escalations)
    size = f"{args.escalations:,} escalations, {args.people:,} people, {sends:,} sent messages"
    print(f"{database}: {size} ({made})")
    fake, base_url = start_fake()
    try:
        engine = make_engine(args.database_url)
        env = {
            "SLACK_BOT_TOKEN": "xoxb-test-token",
            "SLACK_SIGNING_SECRET": "bench",
            "SLACK_API_BASE_URL": base_url,
            "DATABASE_URL": args.database_url,
            "ESCALATION_CHANNEL": "C0ESCAL",
            "ADMIN_USERS": ADMIN,
        }
        bot = create_app(Settings.from_env(env), session_factory=make_session_factory(engine))
        publisher = home_publisher(bot.sender, bot.deps)
        for viewer, label in ((VIEWER, "person with 50 open"), (ADMIN, "admin")):
            first = timed(lambda viewer=viewer: publisher.build(viewer), 1)[0]
            blocks = len(publisher.build(viewer)["blocks"])
            build = timed(lambda viewer=viewer: publisher.build(viewer), args.rounds)
            job = Job(0, "bench", "home.publish", viewer, {}, None, 1, datetime.now(UTC))
            publish = timed(lambda job=job: publisher.publish(job), max(20, args.rounds // 4))
            print(f"  {label:20s} build   {describe(build)}  (first {first:.1f} ms, {blocks} blocks)")
            print(f"  {label:20s} publish {describe(publish)}  (build + views.publish to the fake)")
        bot.stop()
        engine.dispose()
    finally:
        if fake.stdin is not None:
            fake.stdin.close()
        fake.wait(timeout=10)


if __name__ == "__main__":
    main()
