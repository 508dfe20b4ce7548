"""Everything an escalation does later: nudges, climbing the chain, promised-reply reminders, the
overdue notice and client-update reminders.

Each is a timer row in the outbox (`SendKind.TIMER`), planned in the same transaction as the change
that causes it and fired by the dispatcher. Only one timer of each sequence is pending at a time (the
next is planned when one fires), so a process that was down for hours sends one nudge when it comes
back, not five. A timer that fires outside its recipient's working time, and is not urgent, waits for
their next working moment (promised-reply reminders never wait past the promise).

Planning happens inside transactions and uses only the database; firing first reads, then asks
`Availability` (which may ask Slack for a time zone), then writes, so no network call holds a lock.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from bot.availability import Availability, away_on
from bot.clock import Clock
from bot.escalations import chain, effects
from bot.escalations.model import Role, Severity, Status
from bot.escalations.notices import Notice, SendKind
from bot.outbox import CANCELLED, PENDING, Job, RetryLater, enqueue
from storage.db import SessionFactory
from storage.models import Escalation, ScheduledSend

log = logging.getLogger(__name__)

# A timer firing this close to its recipient's working time does not wait for it.
TOLERANCE = timedelta(minutes=1)
WAITING_FOR_HOURS = "waiting for working hours"


class Timer(StrEnum):
    NUDGE = "nudge"
    CHAIN = "chain"
    REMINDER = "reminder"
    OVERDUE = "overdue"
    CADENCE = "cadence"


@dataclass(frozen=True)
class TimerPolicy:
    ack_timeouts: dict[str, timedelta]
    nudges_before_escalating: int
    reminder_before: timedelta

    def ack_timeout(self, severity: str) -> timedelta:
        return self.ack_timeouts.get(severity, self.ack_timeouts["normal"])


def _key(esc_id: int, timer: Timer, *parts: object) -> str:
    return ":".join([f"esc:{esc_id}:t:{timer.value}", *(str(p) for p in parts)])


def _plan(
    session: Session,
    clock: Clock,
    esc: Escalation,
    timer: Timer,
    due: datetime,
    *parts: object,
    to: str | None = None,
    **payload: Any,
) -> None:
    enqueue(
        session,
        clock=clock,
        key=_key(esc.id, timer, *parts),
        kind=SendKind.TIMER,
        escalation_id=esc.id,
        target=None,
        due_at=due,
        payload={"timer": timer.value, "to": to, **payload},
    )


def cancel(session: Session, esc_id: int, *timers: Timer, to: str | None = None) -> int:
    """Cancel pending timers of these kinds (and the nudge DMs they queued) for one escalation."""
    cancelled = 0
    for timer in timers:
        stmt = update(ScheduledSend).where(
            ScheduledSend.escalation_id == esc_id,
            ScheduledSend.status == PENDING,
            ScheduledSend.key.startswith(_key(esc_id, timer)),
        )
        if to is not None:
            stmt = stmt.where(ScheduledSend.key.contains(f":{to}"))
        cancelled += session.execute(stmt.values(status=CANCELLED)).rowcount  # type: ignore[attr-defined]
    return cancelled


# --- planning (inside the caller's transaction) --------------------------------------------------------


def plan_new(session: Session, *, clock: Clock, esc: Escalation, policy: TimerPolicy) -> None:
    plan_acknowledgement(session, clock=clock, esc=esc, policy=policy)
    plan_promise(session, clock=clock, esc=esc, policy=policy)
    plan_cadence(session, clock=clock, esc=esc)


def plan_acknowledgement(session: Session, *, clock: Clock, esc: Escalation, policy: TimerPolicy) -> None:
    """The owner's nudges, and (fixed from now, so snoozing a nudge can never postpone it) the moment
    the chain starts: after the set number of nudges, one more timeout later."""
    timeout = policy.ack_timeout(esc.severity)
    now = clock.now()
    if policy.nudges_before_escalating > 0:
        _plan(session, clock, esc, Timer.NUDGE, now + timeout, f"v{esc.version}", 1, n=1)
    chain_at = now + timeout * (policy.nudges_before_escalating + 1)
    _plan(session, clock, esc, Timer.CHAIN, chain_at, f"v{esc.version}", 1, level=1)


def plan_promise(session: Session, *, clock: Clock, esc: Escalation, policy: TimerPolicy) -> None:
    """A reminder to owner and raiser before the promised time, and the overdue notice at it."""
    cancel(session, esc.id, Timer.REMINDER, Timer.OVERDUE)
    if esc.promised_at is None or esc.promised_at <= clock.now():
        return
    remind_at = esc.promised_at - policy.reminder_before
    if remind_at > clock.now():
        for person in dict.fromkeys([esc.owner_id, esc.raiser_id]):
            _plan(session, clock, esc, Timer.REMINDER, remind_at, f"v{esc.version}", person, to=person)
    _plan(session, clock, esc, Timer.OVERDUE, esc.promised_at, f"v{esc.version}")


def plan_cadence(session: Session, *, clock: Clock, esc: Escalation) -> None:
    """Client-update reminders, counted from the last update (or from now)."""
    cancel(session, esc.id, Timer.CADENCE)
    if not esc.update_cadence_minutes or esc.status == Status.RESOLVED:
        return
    base = clock.now()
    due = base + timedelta(minutes=esc.update_cadence_minutes)
    for person in dict.fromkeys([esc.owner_id, esc.raiser_id]):
        _plan(
            session,
            clock,
            esc,
            Timer.CADENCE,
            due,
            f"{base.timestamp():.0f}",
            person,
            to=person,
            base=base.isoformat(),
        )


def on_acknowledged(session: Session, esc: Escalation) -> None:
    cancel(session, esc.id, Timer.NUDGE, Timer.CHAIN)


def on_reassigned(session: Session, *, clock: Clock, esc: Escalation, policy: TimerPolicy) -> None:
    """A new owner starts a new sequence of nudges; reminders go to them instead."""
    cancel(session, esc.id, Timer.NUDGE, Timer.CHAIN)
    esc.chain_level = 0
    plan_acknowledgement(session, clock=clock, esc=esc, policy=policy)
    plan_promise(session, clock=clock, esc=esc, policy=policy)
    plan_cadence(session, clock=clock, esc=esc)


def on_resolved(session: Session, esc: Escalation) -> None:
    cancel(session, esc.id, *Timer)


def snooze(
    session: Session, *, clock: Clock, esc: Escalation, user_id: str, timer: Timer, until: datetime
) -> datetime:
    """Re-plan what `user_id` was reminded of to `until`. Never touches the chain: snoozing a nudge
    delays the next nudge, not the moment the owner's manager is brought in."""
    if timer == Timer.REMINDER and esc.promised_at is not None:
        until = min(until, esc.promised_at)
    stamp = f"{until.timestamp():.0f}"
    if timer == Timer.NUDGE and user_id != esc.owner_id:
        # someone the chain (or a leave) brought in: remind just them, later
        _plan(session, clock, esc, Timer.NUDGE, until, "snooze", stamp, user_id, n=0, once=True, to=user_id)
    elif timer == Timer.NUDGE:
        moved = _move_pending(session, esc.id, Timer.NUDGE, until)
        if not moved and esc.status == Status.OPEN:
            _plan(
                session, clock, esc, Timer.NUDGE, until, "snooze", f"{until.timestamp():.0f}", n=0, once=True
            )
    elif timer == Timer.CADENCE:
        if not _move_pending(session, esc.id, Timer.CADENCE, until, to=user_id):
            _plan(
                session,
                clock,
                esc,
                Timer.CADENCE,
                until,
                "snooze",
                f"{until.timestamp():.0f}",
                user_id,
                to=user_id,
                base=clock.now().isoformat(),
            )
    else:
        _plan(
            session,
            clock,
            esc,
            Timer.REMINDER,
            until,
            "snooze",
            f"{until.timestamp():.0f}",
            user_id,
            to=user_id,
            once=True,
        )
    return until


def _move_pending(session: Session, esc_id: int, timer: Timer, until: datetime, to: str | None = None) -> int:
    stmt = update(ScheduledSend).where(
        ScheduledSend.escalation_id == esc_id,
        ScheduledSend.status == PENDING,
        ScheduledSend.key.startswith(_key(esc_id, timer)),
        ScheduledSend.due_at < until,
    )
    if to is not None:
        stmt = stmt.where(ScheduledSend.key.contains(f":{to}"))
    return session.execute(stmt.values(due_at=until)).rowcount  # type: ignore[attr-defined,no-any-return]


# --- firing (the dispatcher calls `TimerRunner.fire` for each due timer) --------------------------------


@dataclass
class TimerRunner:
    sessions: SessionFactory
    reads: SessionFactory
    clock: Clock
    availability: Availability
    policy: TimerPolicy

    def fire(self, job: Job) -> dict[str, Any]:
        timer = Timer(str(job.payload.get("timer")))
        with self.reads() as session:
            esc = session.get(Escalation, job.escalation_id or 0)
            if esc is None or esc.status == Status.RESOLVED:
                return {"skipped": "resolved"}
            plan = self._recipient(session, esc, timer, job)
        if plan is None:
            return {"skipped": "nothing to do"}
        recipient, extra = plan
        self._wait_for_hours(job, timer, recipient, esc)
        with self.sessions.begin() as session:
            esc = session.get(Escalation, job.escalation_id or 0)
            if esc is None or esc.status == Status.RESOLVED:
                return {"skipped": "resolved"}
            return _ACTIONS[timer](self, session, esc, job, recipient, extra)

    def _recipient(self, session: Session, esc: Escalation, timer: Timer, job: Job) -> tuple[str, Any] | None:
        if timer in (Timer.NUDGE, Timer.CHAIN) and esc.status != Status.OPEN:
            return None
        if timer == Timer.NUDGE and job.payload.get("to"):
            return str(job.payload["to"]), None
        if timer == Timer.NUDGE:
            day = self.availability.today(esc.owner_id, self.clock.now())
            away = away_on(session, user_id=esc.owner_id, day=day)
            return (away.standin_id, esc.owner_id) if away else (esc.owner_id, None)
        if timer == Timer.CHAIN:
            level = int(job.payload.get("level") or 1)
            above = chain.chain_above(session, esc.owner_id)
            return (above[level - 1], level) if level <= len(above) else ("", level)
        if timer == Timer.OVERDUE:
            return esc.owner_id, None
        return str(job.payload.get("to") or esc.owner_id), None

    def _wait_for_hours(self, job: Job, timer: Timer, recipient: str, esc: Escalation) -> None:
        """Raise RetryLater (not an error) when the recipient is outside working time."""
        if not recipient or timer == Timer.OVERDUE or esc.severity == Severity.URGENT:
            return
        now = self.clock.now()
        slot = self.availability.next_slot(recipient, now)
        if timer == Timer.REMINDER and esc.promised_at is not None and slot >= esc.promised_at:
            return  # never let a reminder wait past the promise itself
        if slot > now + TOLERANCE:
            raise RetryLater(WAITING_FOR_HOURS, after=slot - now, counts=False)

    def _nudge(
        self, session: Session, esc: Escalation, job: Job, recipient: str, away_owner: Any
    ) -> dict[str, Any]:
        n = int(job.payload.get("n") or 0)
        if away_owner:
            effects.add_member(esc, recipient, Role.STANDIN, self.clock)
        effects.dm(
            session,
            esc,
            self.clock,
            f"{job.key}:dm",
            recipient,
            Notice.NUDGE,
            {"n": n, "since": esc.created_at.isoformat(), "for": away_owner},
        )
        if job.payload.get("once"):
            return {"nudged": recipient}
        if n < self.policy.nudges_before_escalating:
            due = self.clock.now() + self.policy.ack_timeout(esc.severity)
            _plan(session, self.clock, esc, Timer.NUDGE, due, f"v{esc.version}", n + 1, n=n + 1)
        return {"nudged": recipient}

    def _chain(self, session: Session, esc: Escalation, job: Job, manager: str, level: Any) -> dict[str, Any]:
        since = esc.created_at.isoformat()
        if not manager:
            top = (chain.chain_above(session, esc.owner_id) or [esc.owner_id])[-1]
            params = {"number": esc.number, "top": top, "since": since}
            effects.notify_admins(
                session, self.clock, f"esc:{esc.id}:chain-top", esc.id, Notice.ADMIN_CHAIN_TOP, params
            )
            return {"top": top}
        effects.add_member(esc, manager, Role.CHAIN, self.clock)
        esc.chain_level = int(level)
        effects.card_changed(session, esc, self.clock)
        below = esc.owner_id if int(level) == 1 else chain.chain_above(session, esc.owner_id)[int(level) - 2]
        params = {"manager": manager, "below": below, "since": since, "owner": esc.owner_id}
        effects.thread(session, esc, self.clock, f"{job.key}:thread", Notice.THREAD_CHAIN, params)
        effects.dm(session, esc, self.clock, f"{job.key}:dm", manager, Notice.CHAIN_DM, params)
        _plan(
            session,
            self.clock,
            esc,
            Timer.CHAIN,
            self.clock.now() + self.policy.ack_timeout(esc.severity),
            f"v{esc.version}",
            int(level) + 1,
            level=int(level) + 1,
        )
        return {"brought_in": manager}

    def _reminder(
        self, session: Session, esc: Escalation, job: Job, recipient: str, _: Any
    ) -> dict[str, Any]:
        if esc.promised_at is None:
            return {"skipped": "no promise"}
        effects.dm(
            session,
            esc,
            self.clock,
            f"{job.key}:dm",
            recipient,
            Notice.REMINDER,
            {"promised": esc.promised_at.isoformat(), "again": bool(job.payload.get("once"))},
        )
        return {"reminded": recipient}

    def _overdue(
        self, session: Session, esc: Escalation, job: Job, _recipient: str, _: Any
    ) -> dict[str, Any]:
        if esc.promised_at is None:
            return {"skipped": "no promise"}
        params = {"owner": esc.owner_id, "promised": esc.promised_at.isoformat()}
        effects.thread(session, esc, self.clock, f"{job.key}:thread", Notice.THREAD_OVERDUE, params)
        effects.card_changed(session, esc, self.clock)  # the card and the Homes now show it overdue
        return {"overdue": True}

    def _cadence(self, session: Session, esc: Escalation, job: Job, recipient: str, _: Any) -> dict[str, Any]:
        base = datetime.fromisoformat(str(job.payload.get("base")))
        if esc.last_update_at is not None and esc.last_update_at > base:
            return {"skipped": "updated since"}  # posting the update planned the next reminder
        if not esc.update_cadence_minutes:
            return {"skipped": "no cadence"}
        last = (esc.last_update_at or esc.created_at).isoformat()
        effects.dm(
            session,
            esc,
            self.clock,
            f"{job.key}:dm",
            recipient,
            Notice.CADENCE,
            {"since": last, "every": esc.update_cadence_minutes},
        )
        due = self.clock.now() + timedelta(minutes=esc.update_cadence_minutes)
        _plan(
            session,
            self.clock,
            esc,
            Timer.CADENCE,
            due,
            f"{self.clock.now().timestamp():.0f}",
            recipient,
            to=recipient,
            base=base.isoformat(),
        )
        return {"reminded": recipient}


_ACTIONS = {
    Timer.NUDGE: TimerRunner._nudge,
    Timer.CHAIN: TimerRunner._chain,
    Timer.REMINDER: TimerRunner._reminder,
    Timer.OVERDUE: TimerRunner._overdue,
    Timer.CADENCE: TimerRunner._cadence,
}
