"""The hourly housekeeping job (worker process): retention purges and planning managers' digests."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from bot.availability import Availability
from bot.care import digest, retention
from bot.care.peer_hooks import PeerHooks
from bot.clock import Clock
from bot.settings import Settings
from storage.db import SessionFactory

log = logging.getLogger(__name__)


@dataclass
class DigestPlanner:
    sessions: SessionFactory
    reads: SessionFactory
    clock: Clock
    availability: Availability
    settings: Settings

    def plan_for(self, managers: list[str]) -> int:
        """Queue each manager's next digest (time zones are looked up first, outside the transaction)."""
        now = self.clock.now()
        zones = {m: self.availability.schedule(m).tz for m in managers}
        with self.sessions.begin() as session:
            for manager, tz in zones.items():
                due = digest.next_due(self.settings.digest_schedule, tz, now)
                digest.plan(session, clock=self.clock, manager=manager, due=due, tz=tz)
        return len(zones)

    def plan_all(self) -> int:
        with self.reads() as session:
            managers = digest.opted_in(session)
        return self.plan_for(managers)


@dataclass
class Housekeeping:
    sessions: SessionFactory
    clock: Clock
    settings: Settings
    planner: DigestPlanner
    hooks: PeerHooks = field(default_factory=PeerHooks)

    def run_once(self) -> dict[str, int]:
        purged = retention.run(
            self.sessions,
            clock=self.clock,
            days=self.settings.retention_days,
            vent_days=self.settings.vent_retention_days,
            hooks=self.hooks,
        )
        planned = self.planner.plan_all()
        log.info(
            "housekeeping purged=%d vents=%d digests=%d", purged["escalations"], purged["vents"], planned
        )
        return purged | {"digests": planned}
