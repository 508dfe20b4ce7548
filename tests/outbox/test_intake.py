"""The intake and its spool, directly: order, exactly once, and what happens when both fail."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from bot.intake import Intake
from playground.clock import FixedClock
from storage.db import SessionFactory
from storage.models import ScheduledSend
from storage.spool import Spool


def _job(n: int) -> dict[str, object]:
    return {"key": f"request:test:{n}", "kind": "note", "target": None, "payload": {"n": n}}


def test_spool_keeps_order_and_each_key_once(tmp_path: Path) -> None:
    spool = Spool(tmp_path / "spool.sqlite3")
    for n in (3, 1, 2, 1):
        spool.append(_job(n))
    assert [row.job["payload"]["n"] for row in spool.oldest()] == [3, 1, 2]
    last = spool.oldest()[1].id
    assert spool.remove_through(last) == 1
    assert [row.job["payload"]["n"] for row in spool.oldest()] == [2]
    spool.close()


def test_what_was_spooled_before_a_restart_is_moved_once_in_order(
    sessions: SessionFactory, clock: FixedClock, tmp_path: Path
) -> None:
    """A key the database already has (its commit only timed out) is not stored twice."""
    path = tmp_path / "spool.sqlite3"
    left = Spool(path)
    for n in range(5):
        left.append(_job(n))
    left.close()
    first = Intake(sessions=sessions, clock=clock, spool=Spool(path))
    assert first.store(_job(0))  # a fresh intake while the spool is full: goes behind it
    first.start()
    assert first.wait_moved(10)
    first.stop()
    with sessions() as session:
        stored = [
            row.payload["n"] for row in session.scalars(select(ScheduledSend).order_by(ScheduledSend.id))
        ]
    assert stored == [0, 1, 2, 3, 4]
    assert Spool(path).count() == 0
