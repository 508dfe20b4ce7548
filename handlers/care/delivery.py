"""The outbox's Slack side for care: DMs, thread lines, the group DMs people ask for, and asking
Slack whether someone is in Do Not Disturb."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.care.model import CareNotice
from bot.care.review import review_of
from bot.clock import Clock
from bot.escalations import service
from bot.escalations.model import EscalationView
from bot.i18n import t
from bot.outbox import NOT_READY, Job, RetryLater, RetryPolicy, SendFailed
from bot.people import People
from bot.settings import Settings
from handlers.blockkit import Message
from handlers.care.blocks import build_checkin, build_connect_intro, build_note
from handlers.care.review_blocks import (
    build_meeting_offer,
    build_review_invite,
    build_review_message,
    build_thank_prompt,
    build_thanks_line,
)
from handlers.delivery.slack import call, post
from storage.db import SessionFactory

log = logging.getLogger(__name__)
CARD_RECHECK = timedelta(seconds=30)

DmBuilder = Callable[[dict[str, Any], str], Message]
DM_BUILDERS: dict[str, DmBuilder] = {
    CareNotice.CHECKIN: lambda p, locale: build_checkin(p, locale=locale),
    CareNotice.CHECKIN_REMINDER: lambda p, locale: build_checkin(p, locale=locale, reminder=True),
    CareNotice.REVIEW_INVITE: lambda p, locale: build_review_invite(p, locale=locale),
    CareNotice.THANK_PROMPT: lambda p, locale: build_thank_prompt(p, locale=locale),
    CareNotice.THANKS: lambda p, locale: build_thanks_line(p, locale=locale, in_thread=False),
    CareNotice.EXPORT_FAILED: lambda p, locale: build_note(t(locale, "care.export.failed")),
    CareNotice.REVIEW_FOR_YOU: lambda p, locale: build_review_message(
        review_of(p), locale=locale, number=int(p["number"]), for_you=True
    ),
}


class CareSender:
    def __init__(
        self,
        *,
        client: WebClient,
        reads: SessionFactory,
        people: People,
        settings: Settings,
        clock: Clock,
        retry: RetryPolicy,
        extra_dms: dict[str, DmBuilder] | None = None,
    ) -> None:
        self.client, self.reads, self.people, self.settings = client, reads, people, settings
        self.clock, self.retry = clock, retry
        self.builders = DM_BUILDERS | (extra_dms or {})

    def dm(self, job: Job) -> dict[str, Any]:
        target = job.target or ""
        builder = self.builders.get(str(job.payload.get("notice")))
        if builder is None:
            raise SendFailed(f"unknown care notice {job.payload.get('notice')}")
        message = builder(dict(job.payload.get("params") or {}), self.people.locale(target))
        return post(self.client, self.retry, job, channel=target, message=message)

    def thread(self, job: Job) -> dict[str, Any]:
        """A line in the escalation's thread, once its card is posted."""
        view = self._view(job)
        if not view.card_ts or not view.channel_id:
            raise RetryLater(NOT_READY, after=CARD_RECHECK, counts=False)
        notice, params = str(job.payload.get("notice")), dict(job.payload.get("params") or {})
        locale = self.settings.default_locale
        if notice == CareNotice.THREAD_MEETING_OFFER:
            # addressed to the raiser, so in their language (like the card's confidential note)
            message = build_meeting_offer(
                params, locale=self.people.locale(view.raiser_id), escalation_id=view.escalation_id
            )
        elif notice == CareNotice.THREAD_THANKS:
            message = build_thanks_line(params, locale=locale, in_thread=True)
        else:
            message = build_review_message(review_of(params), locale=locale, number=view.number)
        return post(
            self.client, self.retry, job, channel=view.channel_id, message=message, thread_ts=view.card_ts
        )

    def connect(self, job: Job) -> dict[str, Any]:
        """The group DM the person asked for, opened with a line saying why (and nothing more)."""
        person = str(job.payload.get("person"))
        others = [str(u) for u in job.payload.get("others") or []]
        opened = call(
            self.retry, job.attempts, self.client.conversations_open, users=",".join([person, *others])
        )
        channel = str(opened["channel"]["id"])
        locales = [self.people.locale(u) for u in [person, *others]]
        message = build_connect_intro(str(job.payload.get("kind")), person, others, locales=locales)
        return post(self.client, self.retry, job, channel=channel, message=message)

    def _view(self, job: Job) -> EscalationView:
        with self.reads() as session:
            return service.snapshot(service.get_by_id(session, job.escalation_id or 0))


class SlackDnd:
    """`dnd.info`: when someone's Do Not Disturb (or their snooze) ends, if it is on now."""

    def __init__(self, client: WebClient) -> None:
        self._client = client

    def until(self, user_id: str, now: datetime) -> datetime | None:
        try:
            info = self._client.dnd_info(user=user_id)
        except (SlackApiError, URLError, OSError) as exc:
            log.warning("dnd.info unavailable error=%s; not holding the check-in back", type(exc).__name__)
            return None
        ends: list[datetime] = []
        if info.get("snooze_enabled") and info.get("snooze_endtime"):
            ends.append(_at(info["snooze_endtime"]))
        if info.get("dnd_enabled"):
            start, end = _at(info.get("next_dnd_start_ts") or 0), _at(info.get("next_dnd_end_ts") or 0)
            if start <= now < end:
                ends.append(end)
        later = [e for e in ends if e > now]
        return max(later) if later else None


def _at(ts: Any) -> datetime:
    return datetime.fromtimestamp(float(ts), UTC)
