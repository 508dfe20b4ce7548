"""The small writes every escalation change is made of: members, timeline entries, and the sends it
causes (card refresh, thread lines, DMs, admin notices), all in the caller's transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from bot.care import hooks as care
from bot.clock import Clock
from bot.escalations.model import Role
from bot.escalations.notices import Notice, SendKind
from bot.outbox import enqueue
from storage.models import Escalation, EscalationMember, TimelineEntry

# The target of admin notices: whoever ADMIN_CHANNEL / ADMIN_USERS name when it is sent.
ADMINS = "admins"
# Roles an escalation may hand to someone already on it (they only ever move "up").
PROMOTABLE = (Role.BROUGHT_IN, Role.DESK, Role.FORMER_OWNER)


def add_member(esc: Escalation, user_id: str, role: Role, clock: Clock) -> None:
    """Put someone on the escalation; someone already on it keeps their place unless promoted."""
    for member in esc.members:
        if member.user_id == user_id:
            if role == Role.OWNER or (role in (Role.CHAIN, Role.STANDIN) and member.role in PROMOTABLE):
                member.role = role.value
            return
    esc.members.append(EscalationMember(user_id=user_id, role=role.value, added_at=clock.now()))


def timeline(
    session: Session,
    esc: Escalation,
    clock: Clock,
    actor_id: str | None,
    action: str,
    detail: dict[str, Any] | None,
) -> None:
    session.add(
        TimelineEntry(escalation_id=esc.id, at=clock.now(), actor_id=actor_id, action=action, detail=detail)
    )


def card_changed(session: Session, esc: Escalation, clock: Clock) -> None:
    """Bump the version and refresh the card (the refresh renders whatever is current when sent)."""
    esc.version += 1
    care.on_changed(session, clock=clock, esc=esc)
    enqueue(
        session,
        clock=clock,
        key=f"esc:{esc.id}:card:v{esc.version}",
        kind=SendKind.CARD_UPDATE,
        escalation_id=esc.id,
    )


def thread(
    session: Session, esc: Escalation, clock: Clock, key: str, notice: Notice, params: dict[str, Any]
) -> None:
    enqueue(
        session,
        clock=clock,
        key=key,
        kind=SendKind.THREAD,
        escalation_id=esc.id,
        payload={"notice": notice, "params": params},
    )


def dm(
    session: Session,
    esc: Escalation,
    clock: Clock,
    key: str,
    user_id: str,
    notice: Notice,
    params: dict[str, Any],
) -> None:
    enqueue(
        session,
        clock=clock,
        key=key,
        kind=SendKind.DM,
        escalation_id=esc.id,
        target=user_id,
        payload={"notice": notice, "params": params},
    )


def notify_admins(
    session: Session,
    clock: Clock,
    key: str,
    escalation_id: int | None,
    notice: Notice,
    params: dict[str, Any],
) -> None:
    enqueue(
        session,
        clock=clock,
        key=key,
        kind=SendKind.ADMIN,
        target=ADMINS,
        escalation_id=escalation_id,
        payload={"notice": notice, "params": params},
    )
