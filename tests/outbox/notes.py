"""A plain kind of outbox row for load tests and the dispatch bench: one text message to `target` (a
person's ID for a DM, or a channel ID), carrying its key in metadata like every message the bot posts.

It goes through the real delivery path (`SlackSender`, `post`, the paced delivery client, the lookup
by metadata of uncertain rows); only the message is simpler than an escalation's.
"""

from __future__ import annotations

import functools
from collections import Counter
from datetime import datetime
from typing import Any

from bot.clock import Clock
from bot.outbox import Job, enqueue
from handlers.blockkit import Message
from handlers.delivery.sender import SlackSender
from handlers.delivery.slack import post
from playground.slack.slack_server import FakeSlack
from storage.db import SessionFactory

NOTE = "load.note"


def send_note(sender: SlackSender, job: Job) -> dict[str, Any]:
    text = str(job.payload["text"])
    return post(sender.client, sender.retry, job, channel=job.target or "", message=Message(text=text))


def install(sender: SlackSender) -> None:
    sender.add_kind(NOTE, functools.partial(send_note, sender))


def enqueue_notes(
    sessions: SessionFactory, clock: Clock, targets: list[str], *, due_at: datetime | None = None
) -> list[str]:
    """One note per target (in this order, all due at once); returns their keys."""
    keys = [f"note-{i:05d}" for i in range(len(targets))]
    with sessions.begin() as session:
        for key, target in zip(keys, targets, strict=True):
            enqueue(
                session,
                clock=clock,
                key=key,
                kind=NOTE,
                target=target,
                payload={"text": f"Reminder {key}"},
                due_at=due_at,
            )
    return keys


def posted_keys(fake: FakeSlack) -> Counter[str]:
    """How many times each key was accepted by chat.postMessage (what people would see)."""
    counts: Counter[str] = Counter()
    for call in fake.calls("chat.postMessage"):
        if call.response.get("ok"):
            counts[str(((call.args.get("metadata") or {}).get("event_payload") or {}).get("key"))] += 1
    return counts
