"""What a person's answer to a check-in changes. Each function runs in the caller's transaction.

Nothing here records the answer itself: a rough answer adds one to a streak, anything else resets it.
Two rough ones in a row bring the next check-in sooner and offer a peer supporter.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.care import prefs
from bot.care.checkins import store
from bot.care.model import STEP_MEETING, STEP_ROUGH, STEP_SNOOZE, CareKind, Mood, MoodOutcome, SupportKind
from bot.clock import Clock
from bot.errors import InvalidInput, NotAllowed
from bot.outbox import CANCELLED, PENDING, enqueue
from storage.models import Escalation, ScheduledSend

ROUGH_STREAK = 2
SNOOZE = timedelta(days=1)
MEETING_HORIZON = timedelta(days=60)


def record_mood(
    session: Session, *, clock: Clock, escalation_id: int, user_id: str, mood: Mood, rough_after: timedelta
) -> MoodOutcome:
    state = store.state_of(session, user_id)
    state.rough_streak = (state.rough_streak or 0) + 1 if mood.rough else 0
    store.answered(session, escalation_id, user_id)
    streak = state.rough_streak >= ROUGH_STREAK
    if streak:
        _bring_next_sooner(
            session, clock=clock, escalation_id=escalation_id, user_id=user_id, after=rough_after
        )
    return MoodOutcome(rough=mood.rough, offer_peer=streak, support_kind=state.support_kind)


def _bring_next_sooner(
    session: Session, *, clock: Clock, escalation_id: int, user_id: str, after: timedelta
) -> None:
    """Move their next check-in forward to `after` from now, or plan one if none is waiting."""
    due = clock.now() + after
    upcoming = session.scalar(
        select(ScheduledSend)
        .where(
            ScheduledSend.target == user_id,
            ScheduledSend.status == PENDING,
            ScheduledSend.kind == CareKind.CHECKIN,
            ~ScheduledSend.key.endswith(":reminder"),
        )
        .order_by(ScheduledSend.due_at)
        .limit(1)
    )
    if upcoming is not None:
        upcoming.due_at = min(upcoming.due_at, due)
        return
    _plan_one(session, clock, escalation_id, user_id, STEP_ROUGH, due)


def choose_support(session: Session, *, escalation_id: int, user_id: str, kind: SupportKind) -> None:
    store.state_of(session, user_id).support_kind = kind.value
    store.answered(session, escalation_id, user_id)


def snooze(session: Session, *, clock: Clock, escalation_id: int, user_id: str) -> datetime:
    """Ask again in a day: what was due before then waits, the reminder goes."""
    until = clock.now() + SNOOZE
    store.answered(session, escalation_id, user_id)
    for row in session.scalars(
        select(ScheduledSend).where(
            ScheduledSend.target == user_id,
            ScheduledSend.escalation_id == escalation_id,
            ScheduledSend.status == PENDING,
            ScheduledSend.kind == CareKind.CHECKIN,
            ScheduledSend.due_at < until,
        )
    ):
        row.status = CANCELLED
    _plan_one(session, clock, escalation_id, user_id, STEP_SNOOZE, until)
    return until


def stop_for_escalation(session: Session, *, escalation_id: int, user_id: str) -> None:
    store.stop(session, escalation_id, user_id)
    store.cancel(session, user_id=user_id, escalation_id=escalation_id)


def set_enabled(session: Session, *, clock: Clock, user_id: str, on: bool) -> None:
    """Check-ins on or off for everything (the check-in's "stop all" and the App Home switch)."""
    prefs.row_for(session, clock=clock, user_id=user_id).checkins_enabled = on
    if not on:
        store.cancel(session, user_id=user_id)


def plan_meeting(session: Session, *, clock: Clock, esc: Escalation, user_id: str, at: datetime) -> None:
    """'Check on me after the 15:00 meeting': a check-in at the time they chose, for a confidential
    escalation they raised. Being asked for, it comes even if they stopped the planned ones."""
    if user_id != esc.raiser_id:
        raise NotAllowed("error.meeting_raiser_only", number=esc.number)
    if at <= clock.now() or at > clock.now() + MEETING_HORIZON:
        raise InvalidInput("error.meeting_time")
    _plan_one(session, clock, esc.id, user_id, STEP_MEETING, at, explicit=True)


def _plan_one(
    session: Session,
    clock: Clock,
    escalation_id: int,
    user_id: str,
    step: str,
    due: datetime,
    *,
    explicit: bool = False,
) -> None:
    enqueue(
        session,
        clock=clock,
        key=store.key(escalation_id, user_id, step, f"{due.timestamp():.0f}"),
        kind=CareKind.CHECKIN,
        target=user_id,
        escalation_id=escalation_id,
        due_at=due,
        payload={"step": step, "explicit": explicit, "planned": due.isoformat()},
    )
