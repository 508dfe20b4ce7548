"""Publishing someone's App Home (`home.publish` jobs, coalesced per person by `bot.care.home`)."""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient

from bot.availability import Availability
from bot.care import home
from bot.clock import Clock
from bot.outbox import Job, RetryPolicy
from bot.people import People
from bot.settings import Settings
from handlers.delivery.slack import call
from handlers.home.blocks import Shown, build_home, per_page
from handlers.home.config import configuration
from storage.db import SessionFactory


class HomePublisher:
    def __init__(
        self,
        *,
        client: WebClient,
        reads: SessionFactory,
        people: People,
        availability: Availability,
        settings: Settings,
        clock: Clock,
        retry: RetryPolicy,
    ) -> None:
        self.client, self.reads, self.people, self.availability = client, reads, people, availability
        self.settings, self.clock, self.retry = settings, clock, retry

    def build(self, user_id: str) -> dict[str, Any]:
        """The person's Home view as it is now (read-only; what the bench times)."""
        admin = self.settings.is_admin(user_id)
        with self.reads() as session:
            data = home.load(session, user_id=user_id, per_page=per_page(is_admin=admin), is_admin=admin)
        locale = self.people.locale(user_id)
        schedule = self.availability.schedule(user_id)
        shown = Shown(
            locale=locale,
            now=self.clock.now(),
            week=schedule.week,
            timezone=str(schedule.tz),
            timezone_chosen=bool(data.prefs.timezone),
            config=configuration(self.settings, locale) if admin else [],
        )
        return build_home(data, shown)

    def publish(self, job: Job) -> dict[str, Any]:
        user_id = job.target or ""
        call(self.retry, job.attempts, self.client.views_publish, user_id=user_id, view=self.build(user_id))
        return {"published": True}
