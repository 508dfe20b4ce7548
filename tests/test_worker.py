"""The worker process holds its own work back while the web process answers a rush of requests."""

from __future__ import annotations

import json
import socket
import threading
import time

from sqlalchemy import select

from bot.outbox import enqueue_many
from bot.worker import GATHER, MAX_HOLD, QUIET, RushHold, Step, _drain
from playground.clock import FixedClock
from storage.db import SessionFactory
from storage.models import ScheduledSend


def test_a_rush_is_held_until_quiet_then_run() -> None:
    """The first request of a rush starts a hold (however long the worker was idle before it); more
    requests keep it; the first quiet wait ends it."""
    rush = RushHold()
    idle_until = 500.0  # the worker sat idle for minutes before this request
    assert rush.wait(idle_until) is None
    assert rush.step(idle_until, arrived=True) is Step.HOLD
    assert rush.wait(idle_until) == QUIET
    assert rush.step(idle_until + 0.01, arrived=True) is Step.NOTHING
    assert rush.step(idle_until + 0.2, arrived=True) is Step.NOTHING
    assert rush.step(idle_until + 0.25, arrived=False) is Step.RELEASE
    assert rush.wait(idle_until + 0.25) is None
    # a rush that simply ended leaves no run window: the next one, soon after, is held from its start
    assert rush.step(idle_until + 0.5, arrived=True) is Step.HOLD


def test_a_long_rush_is_held_at_most_max_hold_then_runs_as_long() -> None:
    """A steady stream cannot starve the queue: after MAX_HOLD the work runs, and for MAX_HOLD after
    that new requests are run as they come rather than held again."""
    rush = RushHold()
    now = 10.0
    assert rush.step(now, arrived=True) is Step.HOLD
    while now < 10.0 + MAX_HOLD - 0.02:
        now += 0.01
        assert rush.step(now, arrived=True) is Step.NOTHING
        assert 0 <= (rush.wait(now) or 0) <= QUIET
    now = 10.0 + MAX_HOLD
    assert rush.wait(now) == 0
    assert rush.step(now, arrived=True) is Step.RELEASE
    assert rush.step(now + 0.5, arrived=True) is Step.RUN
    assert rush.step(now + MAX_HOLD, arrived=True) is Step.HOLD


def test_what_arrives_together_is_gathered_into_one_burst() -> None:
    """Datagrams sent within GATHER of the first come out as one burst (one transaction); one sent
    later starts the next; a closed socket reads as None."""
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    try:
        for i in range(3):
            ours.send(json.dumps({"key": f"k{i}"}).encode())
        late = threading.Timer(GATHER * 5, lambda: ours.send(b'{"key": "late"}'))
        late.start()
        started = time.monotonic()
        assert [job["key"] for job in _drain(theirs, None) or []] == ["k0", "k1", "k2"]
        assert time.monotonic() - started < GATHER * 4
        assert _drain(theirs, 0.01) == []
        assert _drain(theirs, 0.0) == []  # a hold's last moment: look, do not wait, do not fail
        assert _drain(theirs, 2) == [{"key": "late"}]
        ours.close()
        assert _drain(theirs, 1) is None
    finally:
        theirs.close()
        ours.close()


def test_a_burst_is_stored_in_one_go_and_each_key_once(sessions: SessionFactory, clock: FixedClock) -> None:
    """What the worker stores from one burst: every new job once, due now; a key stored before, or
    repeated in the burst (Slack's retry right behind the original), adds nothing."""
    with sessions.begin() as session:
        first = {"key": "request:a", "kind": "request", "payload": {"n": 0}}
        enqueue_many(session, clock=clock, jobs=[first])
    burst = [
        {"key": "request:a", "kind": "request", "target": "URAISER", "payload": {"n": 1}},
        {"key": "request:b", "kind": "request", "target": "URAISER", "payload": {"n": 2}},
        {"key": "request:b", "kind": "request", "target": "URAISER", "payload": {"n": 3}},
        {"key": "request:c", "kind": "request", "target": None, "payload": {"n": 4}},
    ]
    with sessions.begin() as session:
        enqueue_many(session, clock=clock, jobs=burst)
    with sessions() as session:
        rows = session.scalars(select(ScheduledSend).order_by(ScheduledSend.key)).all()
        stored = [(row.key, row.payload["n"], row.status, row.due_at == clock.now()) for row in rows]
    assert [(key, n, status) for key, n, status, _due in stored] == [
        ("request:a", 0, "pending"),
        ("request:b", 2, "pending"),
        ("request:c", 4, "pending"),
    ]
    assert all(due for *_rest, due in stored)
