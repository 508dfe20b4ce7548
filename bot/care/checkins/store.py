"""Keys, state and cancellation for check-ins, shared by the runner and the answers."""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from bot.care.model import CareKind
from bot.outbox import CANCELLED, PENDING
from storage.models import CareState, CheckinStop, PersonSettings, ScheduledSend


def key(escalation_id: int, user_id: str, *parts: object) -> str:
    """`care:{escalation}:{person}:…`: every check-in row for one person about one escalation."""
    return ":".join([f"care:{escalation_id}:{user_id}", *(str(p) for p in parts)])


def reminder_key(escalation_id: int, user_id: str) -> str:
    return key(escalation_id, user_id, "reminder")


def state_of(session: Session, user_id: str) -> CareState:
    state = session.get(CareState, user_id)
    if state is None:
        state = CareState(user_id=user_id, rough_streak=0)
        session.add(state)
    return state


def support_kind(session: Session, user_id: str) -> str | None:
    return session.scalar(select(CareState.support_kind).where(CareState.user_id == user_id))


def stopped(session: Session, escalation_id: int, user_id: str) -> bool:
    return session.get(CheckinStop, (escalation_id, user_id)) is not None


def forget_escalations(session: Session, escalation_ids: list[int]) -> None:
    """Retention: nothing about check-ins is kept for purged escalations."""
    session.execute(delete(CheckinStop).where(CheckinStop.escalation_id.in_(escalation_ids)))


def enabled(session: Session, user_id: str) -> bool:
    value = session.scalar(select(PersonSettings.checkins_enabled).where(PersonSettings.user_id == user_id))
    return value is not False


def stop(session: Session, escalation_id: int, user_id: str) -> None:
    if not stopped(session, escalation_id, user_id):
        session.add(CheckinStop(escalation_id=escalation_id, user_id=user_id))


def cancel(
    session: Session,
    *,
    user_id: str,
    escalation_id: int | None = None,
    keep_meetings: bool = False,
    only_key: str | None = None,
) -> int:
    """Cancel pending check-ins (and reminders) for a person, for one escalation or all of them."""
    stmt = update(ScheduledSend).where(
        ScheduledSend.target == user_id,
        ScheduledSend.status == PENDING,
        ScheduledSend.kind == CareKind.CHECKIN,
    )
    if escalation_id is not None:
        stmt = stmt.where(ScheduledSend.escalation_id == escalation_id)
    if keep_meetings:
        stmt = stmt.where(~ScheduledSend.key.contains(":meeting:"))
    if only_key is not None:
        stmt = stmt.where(ScheduledSend.key == only_key)
    return int(session.execute(stmt.values(status=CANCELLED)).rowcount or 0)  # type: ignore[attr-defined]


def answered(session: Session, escalation_id: int, user_id: str) -> None:
    """They answered (or chose something): the one reminder for this escalation is not needed."""
    cancel(
        session, user_id=user_id, escalation_id=escalation_id, only_key=reminder_key(escalation_id, user_id)
    )
