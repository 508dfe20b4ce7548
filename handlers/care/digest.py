"""Sending a manager's weekly digest (`care.digest` jobs), in their language and working hours."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk import WebClient

from bot.availability import Availability
from bot.care import digest
from bot.care.digest import Digest
from bot.care.peer_hooks import PeerHooks
from bot.clock import Clock
from bot.i18n import duration, t
from bot.outbox import Job, RetryLater, RetryPolicy
from bot.people import People
from handlers.blockkit import Message, context, header, section, slack_date, user
from handlers.delivery.slack import post
from storage.db import SessionFactory

TOLERANCE = timedelta(minutes=1)


def build_digest(data: Digest, *, locale: str, tz: ZoneInfo) -> Message:
    first = data.start.astimezone(tz).date().isoformat()
    last = (data.end - timedelta(seconds=1)).astimezone(tz).date().isoformat()
    title = t(locale, "care.digest.title", first=first, last=last)
    if not data.team:
        text = t(locale, "care.digest.nobody_below")
        return Message(
            text=f"{title}\n{text}",
            blocks=[header(title), section(text), context(t(locale, "care.digest.footer"))],
        )
    counts = t(
        locale,
        "care.digest.counts",
        opened=data.opened,
        acknowledged=data.acknowledged,
        resolved=data.resolved,
    )
    median = (
        t(locale, "care.digest.median", wait=duration(locale, data.median_ack))
        if data.median_ack is not None
        else t(locale, "care.digest.median_none")
    )
    lines = [t(locale, "care.digest.team", count=data.team), counts, median]
    blocks = [header(title), section("\n".join(lines)), section(_overdue(data, locale))]
    if data.peer is not None:
        blocks.append(section(t(locale, "care.digest.peer", posts=data.peer[0], replies=data.peer[1])))
    blocks.append(context(t(locale, "care.digest.footer")))
    return Message(text=f"{title}\n{counts}", blocks=blocks)


def _overdue(data: Digest, locale: str) -> str:
    if not data.overdue:
        return t(locale, "care.digest.overdue_none")
    lines = [f"*{t(locale, 'care.digest.overdue')}*"]
    for item in data.overdue:
        when = slack_date(item.promised_at)
        number = f"<{item.link}|#{item.number}>" if item.link else f"#{item.number}"
        if item.owner_id is None:
            lines.append(t(locale, "care.digest.overdue_hidden", number=number, when=when))
        else:
            lines.append(
                t(locale, "care.digest.overdue_line", number=number, owner=user(item.owner_id), when=when)
            )
    return "\n".join(lines)


class DigestSender:
    def __init__(
        self,
        *,
        client: WebClient,
        reads: SessionFactory,
        people: People,
        availability: Availability,
        clock: Clock,
        retry: RetryPolicy,
        hooks: PeerHooks,
        plan_next: Callable[[list[str]], int],
    ) -> None:
        self.client, self.reads, self.people, self.availability = client, reads, people, availability
        self.clock, self.retry, self.hooks, self.plan_next = clock, retry, hooks, plan_next

    def send(self, job: Job) -> dict[str, Any]:
        manager = job.target or ""
        with self.reads() as session:
            if not digest.still_wanted(session, manager):
                return {"skipped": "digest turned off"}
        now = self.clock.now()
        slot = self.availability.next_slot(manager, now)
        if slot > now + TOLERANCE:  # a holiday or a day off: the digest waits for the next working morning
            raise RetryLater("waiting for working hours", after=slot - now, counts=False)
        end = datetime.fromisoformat(str(job.payload.get("end")))
        with self.reads() as session:
            data = digest.compute(session, manager=manager, end=end, now=now, hooks=self.hooks)
        message = build_digest(
            data, locale=self.people.locale(manager), tz=self.availability.schedule(manager).tz
        )
        result = post(self.client, self.retry, job, channel=manager, message=message)
        self.plan_next([manager])
        return result
