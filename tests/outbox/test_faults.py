"""Slack misbehaving across many rows (429 with Retry-After, 503, timeouts after which the message was
posted anyway): every row is delivered, none twice, none given up on."""

from __future__ import annotations

import time
from datetime import timedelta

from sqlalchemy import Engine, func, select

from bot.app import create_app
from bot.outbox import PENDING, SENDING, SENT
from bot.settings import Settings
from handlers.delivery.pacing import Throttle
from playground.clock import FixedClock
from playground.slack.slack_server import FakeSlack
from storage.db import SessionFactory, make_session_factory
from storage.models import ScheduledSend
from tests.conftest import make_env
from tests.outbox import notes

SCALE = 50.0  # the throttle's Slack seconds run this much faster than real ones
FAULTS = [{"status": 429, "retry_after": 2}, {"status": 503}, {"delay": 1.3}]  # the client gives up at 1 s


def scaled_throttle() -> Throttle:
    return Throttle(clock=lambda: time.monotonic() * SCALE, sleep=lambda s: time.sleep(s / SCALE))


def outstanding(sessions: SessionFactory) -> int:
    with sessions() as session:
        stmt = select(func.count()).where(ScheduledSend.status.in_([PENDING, SENDING]))
        return session.execute(stmt).scalar_one()


def test_faults_lose_nothing_and_duplicate_nothing(
    slack: FakeSlack, database_url: str, engine: Engine, sessions: SessionFactory, clock: FixedClock
) -> None:
    """300 messages (DMs and three channels) through random 429s, 503s and slow answers: each posted once."""
    people = [f"U{i:07d}" for i in range(270)]
    for user in people:
        slack.add_user(user, f"person{user[-3:]}")
    channels = ["C0BUSY1", "C0BUSY2", "C0BUSY3"]
    for channel in channels:
        slack.add_channel(channel, channel.lower())
    settings = Settings.from_env(make_env(slack, database_url, CHANNEL_POST_INTERVAL="1s"))
    bot = create_app(
        settings,
        session_factory=make_session_factory(engine),
        clock=clock,
        send_timeout=1,
        throttle=scaled_throttle(),
    )
    notes.install(bot.sender)
    slack.fail_randomly("chat.postMessage", rate=0.12, faults=FAULTS, seed=3)
    slack.fail_randomly("conversations.history", rate=0.2, faults=[{"status": 503}], seed=4)
    targets = people + [channels[i % 3] for i in range(30)]
    keys = notes.enqueue_notes(sessions, clock, targets)
    try:
        for _ in range(40):
            bot.dispatcher.run_once()
            if not outstanding(sessions):
                break
            time.sleep(0.5)  # a timed-out post lands 0.3 s late; Slack's own lag is what backoff covers
            clock.advance(timedelta(minutes=5))  # what was deferred comes due
    finally:
        bot.stop()
    injected = slack.injected_faults
    assert injected.get("429", 0) > 0 and injected.get("503", 0) > 0 and injected.get("timeout", 0) > 0
    counts = notes.posted_keys(slack)
    assert {k: counts[k] for k in keys if counts[k] != 1} == {}
    assert sum(counts.values()) == len(keys)
    for channel in channels:  # each busy channel got its ten, in the order they were queued
        texts = [m.text for m in slack.messages(channel)]
        assert texts == sorted(texts) and len(texts) == 10
    with sessions() as session:
        assert session.scalars(select(ScheduledSend.status).distinct()).all() == [SENT]
