"""The dispatcher keeps its send threads busy and keeps each conversation's messages in order."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from bot.dispatcher import Dispatcher
from bot.outbox import Job, RetryLater, enqueue
from playground.clock import FixedClock
from storage.db import SessionFactory

BUSY = "C0BUSY"


@dataclass
class SlowChannelSender:
    """Takes `pace` seconds per message to BUSY (Slack's one a second, shortened), no time for others."""

    pace: float = 0.1
    sent: list[tuple[str, str, float]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def send(self, job: Job) -> dict[str, Any] | None:
        if job.target == BUSY:
            time.sleep(self.pace)
        with self.lock:
            self.sent.append((job.target or "", job.key, time.monotonic()))
        return {}


def run_passes(dispatcher: Dispatcher, clock: FixedClock, times: int) -> None:
    """`times` passes a minute apart (so retries come due in between), then close the dispatcher."""
    try:
        for _ in range(times):
            dispatcher.run_once()
            clock.advance(timedelta(minutes=1))
    finally:
        dispatcher.close()


def queue(sessions: SessionFactory, clock: FixedClock, targets: list[str]) -> None:
    with sessions.begin() as session:
        for i, target in enumerate(targets):
            enqueue(session, clock=clock, key=f"k{i:03d}", kind="note", target=target)


def test_a_busy_channel_does_not_hold_back_other_messages(
    sessions: SessionFactory, clock: FixedClock
) -> None:
    """Ten posts to one slow channel queued first, then 40 DMs: the DMs are all out before the channel's
    third post, and the channel's posts keep their order."""
    sender = SlowChannelSender()
    queue(sessions, clock, [BUSY] * 10 + [f"U{i:03d}" for i in range(40)])
    dispatcher = Dispatcher(session_factory=sessions, sender=sender, clock=clock, workers=4, per_key=3)
    try:
        assert dispatcher.run_once() == 50
    finally:
        dispatcher.close()
    busy = [(key, at) for target, key, at in sender.sent if target == BUSY]
    last_dm = max(at for target, _key, at in sender.sent if target != BUSY)
    assert [key for key, _at in busy] == [f"k{i:03d}" for i in range(10)]
    assert last_dm < busy[2][1]


def test_one_persons_messages_stay_in_order_across_claims(
    sessions: SessionFactory, clock: FixedClock
) -> None:
    """Twelve DMs to one person mixed with others, claimed a few at a time: they arrive in queue order."""
    sender = SlowChannelSender()
    targets = [("UONE" if i % 3 == 0 else f"U{i:03d}") for i in range(36)]
    queue(sessions, clock, targets)
    dispatcher = Dispatcher(
        session_factory=sessions, sender=sender, clock=clock, workers=3, batch_size=5, per_key=2
    )
    try:
        dispatcher.run_once()
    finally:
        dispatcher.close()
    mine = [key for target, key, _at in sender.sent if target == "UONE"]
    assert mine == [f"k{i:03d}" for i in range(0, 36, 3)]
    assert len(sender.sent) == 36


@dataclass
class ScriptedSender:
    """Answers each attempt with the next outcome in `script`, noting whether the job was uncertain."""

    script: list[RetryLater | None]
    seen: list[bool] = field(default_factory=list)

    def send(self, job: Job) -> dict[str, Any] | None:
        self.seen.append(job.uncertain)
        outcome = self.script.pop(0)
        if outcome is not None:
            raise outcome
        return {}


def test_a_send_that_may_have_posted_is_looked_up_on_every_later_try(
    sessions: SessionFactory, clock: FixedClock
) -> None:
    """A timeout, then a rate limit on the next try: the third try still knows the first may have posted."""
    later = timedelta(seconds=5)
    timed_out = RetryLater("TimeoutError", after=later, uncertain=True)
    sender = ScriptedSender([timed_out, RetryLater("ratelimited", after=later, counts=False), None])
    queue(sessions, clock, ["U001"])
    dispatcher = Dispatcher(session_factory=sessions, sender=sender, clock=clock)
    run_passes(dispatcher, clock, 3)
    assert sender.seen == [False, True, True]


def test_closing_stops_claiming_and_leaves_the_rest_due(sessions: SessionFactory, clock: FixedClock) -> None:
    """A stop in the middle of a long pass waits only for the sends in flight: the rest stay pending for
    the next start, none is lost and none is left half-claimed."""
    from sqlalchemy import func, select

    from storage.models import ScheduledSend

    sender = SlowChannelSender(pace=0.05)
    queue(sessions, clock, [BUSY] * 200)
    dispatcher = Dispatcher(session_factory=sessions, sender=sender, clock=clock, workers=2, per_key=20)
    dispatcher.kick()
    time.sleep(0.2)
    started = time.monotonic()
    dispatcher.close()
    assert time.monotonic() - started < 0.5  # the one send under way, not the 20 claimed with it
    with sessions() as session:
        counts = dict(
            session.execute(select(ScheduledSend.status, func.count()).group_by(ScheduledSend.status)).all()
        )
    assert counts.get("sent", 0) == len(sender.sent) and 0 < len(sender.sent) < 200
    assert counts.get("pending", 0) == 200 - len(sender.sent) and "sending" not in counts


def test_rows_claimed_back_from_a_lost_send_stay_uncertain_when_put_back(
    sessions: SessionFactory, clock: FixedClock
) -> None:
    """Two DMs to one person were being sent when a process died. The first is rate limited on the next
    try, so the second is put back unsent: when it finally goes, it still looks before posting."""
    from sqlalchemy import update

    from storage.models import ScheduledSend

    queue(sessions, clock, ["U001", "U001"])
    with sessions.begin() as session:
        session.execute(
            update(ScheduledSend).values(status="sending", lease_until=clock.now() - timedelta(minutes=1))
        )
    later = timedelta(seconds=5)
    sender = ScriptedSender([RetryLater("ratelimited", after=later, counts=False), None, None])
    dispatcher = Dispatcher(session_factory=sessions, sender=sender, clock=clock)
    run_passes(dispatcher, clock, 2)
    assert sender.seen == [True, True, True]


@dataclass
class SlowThreadSender:
    """Thread posts (no target) take `pace` seconds; DMs are instant. Notes when each finished."""

    pace: float = 0.5
    done: dict[str, float] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def send(self, job: Job) -> dict[str, Any] | None:
        if job.target is None:
            time.sleep(self.pace)
        with self.lock:
            self.done[job.key] = time.monotonic()
        return {}


def test_dms_wait_only_for_the_thread_posts_of_their_own_escalation(
    sessions: SessionFactory, clock: FixedClock
) -> None:
    """A slow card for escalation 1 and DMs claimed with it: the DM about escalation 1 goes after the
    card, the DMs about other things do not wait for it."""
    from storage.models import Escalation

    with sessions.begin() as session:
        esc = Escalation(
            team_id="T",
            number=1,
            owner_id="UOWNER",
            raiser_id="URAISER",
            summary="s",
            created_at=clock.now(),
            last_activity_at=clock.now(),
        )
        session.add(esc)
        session.flush()
        enqueue(session, clock=clock, key="card1", kind="note", escalation_id=esc.id)
        enqueue(session, clock=clock, key="dm-about-1", kind="note", target="UOWNER", escalation_id=esc.id)
        for i in range(5):
            enqueue(session, clock=clock, key=f"dm-other-{i}", kind="note", target=f"U{i:03d}")
    sender = SlowThreadSender()
    dispatcher = Dispatcher(session_factory=sessions, sender=sender, clock=clock, workers=4)
    try:
        dispatcher.run_once()
    finally:
        dispatcher.close()
    card = sender.done["card1"]
    assert sender.done["dm-about-1"] > card
    assert all(sender.done[f"dm-other-{i}"] < card for i in range(5))


def test_background_kinds_go_after_everything_else_due(sessions: SessionFactory, clock: FixedClock) -> None:
    """Home refreshes queued before a burst of cards wait until the cards are out; one that has waited
    longer than `background_wait` is sent like anything else."""
    sender = SlowChannelSender()
    with sessions.begin() as session:
        enqueue(session, clock=clock, key="old-home", kind="home", target="UOLD")
    clock.advance(timedelta(seconds=10))
    with sessions.begin() as session:
        for i in range(3):
            enqueue(session, clock=clock, key=f"home{i}", kind="home", target=f"UH{i}")
        for i in range(6):
            enqueue(session, clock=clock, key=f"card{i}", kind="note", target=f"UC{i}")
    dispatcher = Dispatcher(
        session_factory=sessions,
        sender=sender,
        clock=clock,
        workers=1,
        background=frozenset({"home"}),
        background_wait=timedelta(seconds=5),
    )
    try:
        assert dispatcher.run_once() == 10
    finally:
        dispatcher.close()
    order = [key for _target, key, _at in sender.sent]
    assert order == ["old-home", *(f"card{i}" for i in range(6)), "home0", "home1", "home2"]
