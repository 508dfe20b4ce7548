"""Several dispatcher processes share one PostgreSQL outbox: every row is sent once, even when a process
is killed mid-send (FOR UPDATE SKIP LOCKED, leases, and the lookup by metadata of uncertain rows)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.outbox import SENDING, SENT
from playground.clock import FixedClock
from playground.slack.slack_server import FakeSlack
from storage.db import SessionFactory
from storage.models import ScheduledSend
from tests.outbox.notes import enqueue_notes, posted_keys

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = [f"U{i:07d}" for i in range(1000)]


@pytest.fixture
def pg_only(database_url: str) -> str:
    if not database_url.startswith("postgresql"):
        pytest.skip("needs PostgreSQL (TEST_DATABASE_URL): SQLite serves one dispatcher process by design")
    return database_url


@pytest.fixture
def people(slack: FakeSlack) -> list[str]:
    for user in PEOPLE:
        slack.add_user(user, f"person{user[-4:]}")
    return PEOPLE


@pytest.fixture
def spawn(pg_only: str, slack: FakeSlack) -> Iterator[list[subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    yield started
    for proc in started:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
        for pipe in (proc.stdin, proc.stdout):
            if pipe is not None:
                pipe.close()


def start(
    spawned: list[subprocess.Popen[str]], url: str, slack: FakeSlack, *, lease: float = 120
) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "tests.outbox.dispatch_process", url, slack.base_url]
    proc = subprocess.Popen(  # noqa: S603 - our own module, with the test's own arguments
        [*command, "--lease", str(lease)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    spawned.append(proc)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


def go(proc: subprocess.Popen[str]) -> None:
    assert proc.stdin is not None
    proc.stdin.write("go\n")
    proc.stdin.flush()


def finish(proc: subprocess.Popen[str]) -> int:
    """Wait for a process to drain the outbox; returns how many rows it settled."""
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0
    return int(out.strip().rsplit(" ", 1)[-1])


def sent_rows(sessions: SessionFactory) -> int:
    with sessions() as session:
        return session.execute(select(func.count()).where(ScheduledSend.status == SENT)).scalar_one()


def assert_each_once(slack: FakeSlack, keys: list[str], people: list[str]) -> None:
    counts = posted_keys(slack)
    assert sorted(k for k in keys if counts[k] != 1) == []
    assert sum(counts.values()) == len(keys)
    assert [p for p in people if len(slack.dm_messages(p)) != 1] == []


def test_two_processes_send_each_row_once(
    pg_only: str,
    spawn: list[subprocess.Popen[str]],
    slack: FakeSlack,
    sessions: SessionFactory,
    clock: FixedClock,
    people: list[str],
) -> None:
    """Two dispatcher processes draining 1,000 due rows together post exactly 1,000 messages, one each."""
    first, second = start(spawn, pg_only, slack), start(spawn, pg_only, slack)
    keys = enqueue_notes(sessions, clock, people)
    go(first)
    go(second)
    shares = finish(first), finish(second)
    assert_each_once(slack, keys, people)
    assert sent_rows(sessions) == 1000
    assert min(shares) > 0, f"both processes should have sent some rows, got {shares}"


def test_killed_process_leaves_nothing_unsent_or_doubled(
    pg_only: str,
    spawn: list[subprocess.Popen[str]],
    slack: FakeSlack,
    sessions: SessionFactory,
    clock: FixedClock,
    people: list[str],
) -> None:
    """A process SIGKILLed mid-send: the next one sends every row that was left, and re-sends none of
    those that reached Slack before the kill (it finds them by their metadata)."""
    slack.fail_randomly("chat.postMessage", rate=0.3, faults=[{"delay": 0.5}])  # answers still in flight
    keys = enqueue_notes(sessions, clock, people)
    doomed = start(spawn, pg_only, slack, lease=1)
    go(doomed)
    slack.wait_for(lambda: len(posted_keys(slack)) >= 300, timeout=30)
    doomed.send_signal(signal.SIGKILL)
    doomed.wait(timeout=10)
    slack.clear_faults()
    time.sleep(0.6)  # the fake finishes the posts whose answers the dead process was waiting for
    with sessions() as session:
        in_flight = set(session.scalars(select(ScheduledSend.key).where(ScheduledSend.status == SENDING)))
    assert in_flight & set(posted_keys(slack)), "the kill should catch rows posted but not yet marked"
    successor = start(spawn, pg_only, slack, lease=1)
    go(successor)
    finish(successor)
    assert_each_once(slack, keys, people)
    assert sent_rows(sessions) == 1000
    assert slack.calls("conversations.history"), "uncertain rows are looked up before any re-send"
