"""The weekly digest for managers who opted in: escalations opened, acknowledged and resolved among
everyone below them in the escalation chain, the median time to acknowledge, what is overdue, and
peer-support activity only as workspace totals (shown from five posts a week).

It never contains anything from check-ins: this module does not read them.

Each manager's next digest is a `care.digest` job keyed by manager and week, planned at opt-in and by
the hourly housekeeping, due at DIGEST_SCHEDULE in the manager's own time zone; the key makes it once
per week whatever runs twice.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.orm import Session

from bot.calendar import WeeklySchedule
from bot.care import home, prefs
from bot.care.home import OPEN_STATES
from bot.care.model import CareKind
from bot.care.peer_hooks import PeerHooks
from bot.clock import Clock
from bot.outbox import CANCELLED, PENDING, enqueue
from storage.models import ChainLink, Escalation, PersonSettings, ScheduledSend

WEEK = timedelta(days=7)
PEER_MINIMUM = 5  # fewer posts than this could point at someone: no peer figures then
MAX_TEAM = 5000
OVERDUE_SHOWN = 15
_CHUNK = 500


@dataclass(frozen=True)
class Overdue:
    number: int
    owner_id: str | None  # None for a confidential escalation the manager is not on
    promised_at: datetime
    confidential: bool
    link: str | None


@dataclass(frozen=True)
class Digest:
    manager: str
    start: datetime
    end: datetime
    team: int
    opened: int
    acknowledged: int
    resolved: int
    median_ack: timedelta | None
    overdue: list[Overdue]
    peer: tuple[int, int] | None  # workspace posts and replies, only when there were enough


def below(session: Session, manager: str) -> set[str]:
    """Everyone below `manager` in the chain, however deep (loops and oversized teams are cut)."""
    found: set[str] = set()
    frontier = {manager}
    for _ in range(20):
        reports = set(session.scalars(select(ChainLink.user_id).where(ChainLink.manager_id.in_(frontier))))
        frontier = reports - found - {manager}
        found |= frontier
        if not frontier or len(found) >= MAX_TEAM:
            break
    return found


def compute(session: Session, *, manager: str, end: datetime, now: datetime, hooks: PeerHooks) -> Digest:
    start = end - WEEK
    team = below(session, manager)
    opened = acknowledged = resolved = 0
    waits: list[float] = []
    overdue: list[Overdue] = []
    for owners in _chunks(sorted(team)):
        mine = Escalation.owner_id.in_(owners)
        opened += _count(session, mine, Escalation.created_at, start, end)
        resolved += _count(session, mine, Escalation.resolved_at, start, end)
        acked = session.execute(
            select(Escalation.created_at, Escalation.acknowledged_at).where(
                mine, Escalation.acknowledged_at >= start, Escalation.acknowledged_at < end
            )
        ).all()
        acknowledged += len(acked)
        waits += [(a - c).total_seconds() for c, a in acked if a is not None]
        overdue += _overdue(session, mine, now, manager)
    totals = hooks.week_totals(session, start=start, end=end)
    return Digest(
        manager=manager,
        start=start,
        end=end,
        team=len(team),
        opened=opened,
        acknowledged=acknowledged,
        resolved=resolved,
        median_ack=timedelta(seconds=statistics.median(waits)) if waits else None,
        overdue=sorted(overdue, key=lambda o: o.promised_at)[:OVERDUE_SHOWN],
        peer=totals if totals is not None and totals[0] >= PEER_MINIMUM else None,
    )


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def _count(session: Session, mine: ColumnElement[bool], column: Any, start: datetime, end: datetime) -> int:
    stmt = select(func.count()).select_from(Escalation).where(mine, column >= start, column < end)
    return int(session.scalar(stmt) or 0)


def _overdue(session: Session, mine: ColumnElement[bool], now: datetime, manager: str) -> list[Overdue]:
    rows = session.scalars(
        select(Escalation)
        .where(mine, Escalation.status.in_(OPEN_STATES), Escalation.promised_at < now)
        .order_by(Escalation.promised_at)
        .limit(OVERDUE_SHOWN)
    )
    found = []
    for esc in rows:
        hidden = esc.confidential and manager not in {m.user_id for m in esc.members}
        found.append(
            Overdue(
                esc.number,
                None if hidden else esc.owner_id,
                esc.promised_at or now,
                esc.confidential,
                None if hidden else esc.card_link,
            )
        )
    return found


# --- when ---------------------------------------------------------------------------------------------


def next_due(schedule: WeeklySchedule, tz: ZoneInfo, now: datetime) -> datetime:
    """The next DIGEST_SCHEDULE moment at or after `now`, in the manager's time zone."""
    local = now.astimezone(tz)
    day = local.date() + timedelta(days=(schedule.weekday - local.weekday()) % 7)
    due = datetime.combine(day, schedule.at, tzinfo=tz)
    if due < local:
        due += WEEK
    return due.astimezone(ZoneInfo("UTC"))


def digest_key(manager: str, due: datetime, tz: ZoneInfo) -> str:
    return f"digest:{manager}:{due.astimezone(tz).date().isoformat()}"


def plan(session: Session, *, clock: Clock, manager: str, due: datetime, tz: ZoneInfo) -> None:
    enqueue(
        session,
        clock=clock,
        key=digest_key(manager, due, tz),
        kind=CareKind.DIGEST,
        target=manager,
        due_at=due,
        payload={"end": due.isoformat()},
    )


def set_opt_in(session: Session, *, clock: Clock, manager: str, on: bool) -> None:
    """Turn the digest on or off; off also cancels the one waiting."""
    prefs.row_for(session, clock=clock, user_id=manager).digest_enabled = on
    home.refresh(session, clock=clock, users=[manager])  # the Home's switch follows `/escalate digest`
    if not on:
        session.execute(
            update(ScheduledSend)
            .where(
                ScheduledSend.target == manager,
                ScheduledSend.status == PENDING,
                ScheduledSend.kind == CareKind.DIGEST,
            )
            .values(status=CANCELLED)
        )


def opted_in(session: Session, *, limit: int = 10_000) -> list[str]:
    return list(
        session.scalars(
            select(PersonSettings.user_id).where(PersonSettings.digest_enabled.is_(True)).limit(limit)
        )
    )


def still_wanted(session: Session, manager: str) -> bool:
    return prefs.prefs_of(session, manager).digest_enabled
