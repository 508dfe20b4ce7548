"""Planning and firing check-ins (the dispatcher calls `CheckinRunner.expand` and `.fire`).

Like escalation timers: planning happens from a job queued in the same transaction as the change;
firing reads, then asks `Availability` and Slack's Do Not Disturb (network calls, outside any
transaction), then writes the DM to send. A check-in that is not due yet in the person's world
(outside working hours, a holiday, out of office, Do Not Disturb) waits without counting an attempt.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.availability import Availability, away_on
from bot.calendar import Schedule
from bot.care.checkins import store
from bot.care.config import RESOLVED, CheckinPlan, CheckinStep
from bot.care.model import STEP_ROUGH, STEP_SNOOZE, CareKind, CareNotice, SupportKind
from bot.clock import Clock
from bot.escalations.model import Status
from bot.outbox import PENDING, Job, RetryLater, enqueue
from storage.db import SessionFactory
from storage.models import Escalation, ScheduledSend

TOLERANCE = timedelta(minutes=1)
# Two planned check-ins closer than this become one (e.g. "3h" after an evening escalation lands on
# the next morning, where the morning one already is).
MIN_GAP = timedelta(hours=3)
# A check-in this late for its plan speaks of "#N" without "a few hours ago" or "good morning".
LATE = timedelta(hours=6)
WAITING_FOR_HOURS = "waiting for working hours"
WAITING_FOR_DND = "waiting for Do Not Disturb to end"


class DoNotDisturb(Protocol):
    def until(self, user_id: str, now: datetime) -> datetime | None:
        """When the person's Do Not Disturb (or snooze) ends, if it is on now."""
        ...


def _recently_checked(session: Session, job: Job, user: str, now: datetime) -> bool:
    """Planned check-ins that waited for the same moment (after a leave, say) arrive as one; those the
    person set the time of (a meeting, "tomorrow", sooner after rough answers) always come."""
    prefix = store.key(job.escalation_id or 0, user)
    found = session.scalar(
        select(ScheduledSend.id)
        .where(
            ScheduledSend.escalation_id == job.escalation_id,
            ScheduledSend.kind == CareKind.DM,
            ScheduledSend.target == user,
            ScheduledSend.key.startswith(prefix),
            ScheduledSend.key.endswith(":dm"),
            ScheduledSend.created_at > now - MIN_GAP,
        )
        .limit(1)
    )
    return found is not None


def working_days_later(schedule: Schedule, at: datetime, days: int) -> datetime:
    """The same time of day `days` working days later (kept inside that day's working hours)."""
    local = at.astimezone(schedule.tz)
    day, counted = local.date(), 0
    for _ in range(800):
        if counted == days:
            break
        day += timedelta(days=1)
        counted += schedule.is_working_day(day)
    week = schedule.week
    latest = (datetime.combine(day, week.end) - timedelta(hours=1)).time()
    moment = min(max(local.time(), week.start), max(latest, week.start))
    return schedule.next_slot(datetime.combine(day, moment, tzinfo=schedule.tz).astimezone(UTC))


def due_for(step: CheckinStep, at: datetime, schedule: Schedule) -> datetime:
    if step.morning:
        return schedule.next_morning(at)
    if step.working_days:
        return working_days_later(schedule, at, step.working_days)
    return schedule.next_slot(at + (step.after or timedelta()))


def plan_dues(steps: tuple[CheckinStep, ...], at: datetime, schedule: Schedule) -> list[tuple[str, datetime]]:
    """(label, due) for each step, in order, leaving out any that would crowd the one before."""
    label = "resolved" if steps and steps[0].anchor == RESOLVED else "raised"
    dues = sorted(due_for(step, at, schedule) for step in steps)
    kept: list[tuple[str, datetime]] = []
    for due in dues:
        if kept and due - kept[-1][1] < MIN_GAP:
            continue
        kept.append(("morning" if _is_start(due, schedule) and label == "raised" else label, due))
    return kept


def _is_start(due: datetime, schedule: Schedule) -> bool:
    return due.astimezone(schedule.tz).time() == schedule.week.start


@dataclass
class CheckinRunner:
    sessions: SessionFactory
    reads: SessionFactory
    clock: Clock
    availability: Availability
    plan: CheckinPlan
    dnd: DoNotDisturb

    # --- planning -----------------------------------------------------------------------------------

    def expand(self, job: Job) -> dict[str, Any]:
        """Turn 'this escalation was raised / resolved' into the plan's check-ins for its raiser."""
        anchor = str(job.payload.get("anchor"))
        at = datetime.fromisoformat(str(job.payload.get("at")))
        with self.reads() as session:
            esc = session.get(Escalation, job.escalation_id or 0)
            if esc is None or (anchor != RESOLVED and esc.status == Status.RESOLVED):
                return {"skipped": "resolved"}
            raiser = esc.raiser_id
            if not store.enabled(session, raiser) or store.stopped(session, esc.id, raiser):
                return {"skipped": "check-ins off"}
        dues = plan_dues(self.plan.for_anchor(anchor), at, self.availability.schedule(raiser))
        with self.sessions.begin() as session:
            for index, (label, due) in enumerate(dues):
                enqueue(
                    session,
                    clock=self.clock,
                    key=store.key(job.escalation_id or 0, raiser, anchor, index),
                    kind=CareKind.CHECKIN,
                    target=raiser,
                    escalation_id=job.escalation_id,
                    due_at=due,
                    payload={"step": label, "planned": due.isoformat()},
                )
        return {"planned": len(dues)}

    # --- firing -------------------------------------------------------------------------------------

    def fire(self, job: Job) -> dict[str, Any]:
        user, explicit = job.target or "", bool(job.payload.get("explicit"))
        reminder = bool(job.payload.get("reminder"))
        with self.reads() as session:
            esc = session.get(Escalation, job.escalation_id or 0)
            if esc is None or esc.purged_at is not None:
                return {"skipped": "gone"}
            if not explicit and (not store.enabled(session, user) or store.stopped(session, esc.id, user)):
                return {"skipped": "check-ins off"}
            params = self._params(session, esc, user, job)
        schedule = self._wait(user, explicit=explicit)
        with self.sessions.begin() as session:
            # check-ins about one escalation fire one at a time, so two that waited together see each other
            session.get(Escalation, job.escalation_id or 0, with_for_update=True)
            timed = explicit or job.payload.get("step") in (STEP_ROUGH, STEP_SNOOZE)
            if not timed and _recently_checked(session, job, user, self.clock.now()):
                return {"skipped": "checked in a moment ago"}
            notice = CareNotice.CHECKIN_REMINDER if reminder else CareNotice.CHECKIN
            enqueue(
                session,
                clock=self.clock,
                key=f"{job.key}:dm",
                kind=CareKind.DM,
                target=user,
                escalation_id=job.escalation_id,
                payload={"notice": notice, "params": params},
            )
            if not reminder:
                self._plan_reminder(session, job, user, schedule)
        return {"checked_in": True}

    def _params(self, session: Session, esc: Escalation, user: str, job: Job) -> dict[str, Any]:
        step = str(job.payload.get("step") or "raised")
        planned = job.payload.get("planned")
        if (
            planned
            and self.clock.now() - datetime.fromisoformat(str(planned)) > LATE
            and step in ("raised", "morning")
        ):
            step = "later"  # it waited (leave, a long weekend): "a few hours ago" would no longer be true
        return {
            "escalation_id": esc.id,
            "number": esc.number,
            "step": step,
            "confidential": esc.confidential,
            "resolved": esc.status == Status.RESOLVED,
            "quiet": store.support_kind(session, user) == SupportKind.LISTEN,
        }

    def _wait(self, user: str, *, explicit: bool) -> Schedule:
        """Raise RetryLater while the person should not be disturbed; returns their schedule."""
        now = self.clock.now()
        schedule = self._schedule(user, now)
        if explicit:
            # asked for at a time of their choosing: only being away or Do Not Disturb hold it back
            away = schedule.out_until is not None and now.astimezone(schedule.tz).date() <= schedule.out_until
            slot = schedule.next_slot(now) if away else now
        else:
            slot = schedule.next_slot(now)
        if slot > now + TOLERANCE:
            raise RetryLater(WAITING_FOR_HOURS, after=slot - now, counts=False)
        quiet_until = self.dnd.until(user, now)
        if quiet_until is not None and quiet_until > now + TOLERANCE:
            raise RetryLater(WAITING_FOR_DND, after=quiet_until - now, counts=False)
        return schedule

    def _schedule(self, user: str, now: datetime) -> Schedule:
        """Their working time, treating a leave set with `/escalate away` like out of office."""
        schedule = self.availability.schedule(user)
        with self.reads() as session:
            away = away_on(session, user_id=user, day=now.astimezone(schedule.tz).date())
        if away is None:
            return schedule
        until = max(away.last_day, schedule.out_until or away.last_day)
        return dataclasses.replace(schedule, out_until=until)

    def _plan_reminder(self, session: Session, job: Job, user: str, schedule: Schedule) -> None:
        """At most one gentle reminder per escalation: it follows the latest check-in, and any answer
        cancels it. Once sent (or cancelled) its key is used up, so there is never a second."""
        esc_id = job.escalation_id or 0
        due = working_days_later(schedule, self.clock.now(), 1)
        key = store.reminder_key(esc_id, user)
        moved = session.execute(
            update(ScheduledSend)
            .where(ScheduledSend.key == key, ScheduledSend.status == PENDING)
            .values(due_at=due)
        ).rowcount  # type: ignore[attr-defined]
        if not moved:
            enqueue(
                session,
                clock=self.clock,
                key=key,
                kind=CareKind.CHECKIN,
                target=user,
                escalation_id=esc_id,
                due_at=due,
                payload={"reminder": True, "step": job.payload.get("step")},
            )
