"""What care adds when an escalation is raised, changes or is resolved: one call from each place in
`bot.escalations.service`, writing only outbox rows, in the service's own transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from bot.care import home
from bot.care.checkins import store
from bot.care.config import RAISED, RESOLVED
from bot.care.model import CareKind, CareNotice
from bot.clock import Clock
from bot.escalations.model import Role
from bot.outbox import enqueue
from storage.models import Escalation


def on_raised(session: Session, *, clock: Clock, esc: Escalation) -> None:
    """Plan the raiser's check-ins; in a confidential escalation, offer a check-in after meetings."""
    _plan(session, clock, esc, RAISED)
    if esc.confidential:
        enqueue(
            session,
            clock=clock,
            key=f"care:{esc.id}:meeting-offer",
            kind=CareKind.THREAD,
            escalation_id=esc.id,
            payload={"notice": CareNotice.THREAD_MEETING_OFFER, "params": {"raiser": esc.raiser_id}},
        )
    home.refresh(session, clock=clock, users=[esc.owner_id, esc.raiser_id])


def on_chain_changed(session: Session, *, clock: Clock, people: list[str | None]) -> None:
    """A chain link was set or removed: the person, their old and new manager (whose digest switch
    depends on having someone below them) and the admins (who see the chain) get a fresh Home."""
    home.refresh(session, clock=clock, users=[p for p in people if p])


def on_changed(session: Session, *, clock: Clock, esc: Escalation) -> None:
    """Anything on the escalation changed: the App Home of whoever sees it there is refreshed."""
    former = [m.user_id for m in esc.members if m.role == Role.FORMER_OWNER]
    home.refresh(session, clock=clock, users=[esc.owner_id, esc.raiser_id, *former])


def on_resolved(session: Session, *, clock: Clock, esc: Escalation) -> None:
    """Check-ins planned from raising give way to the one after resolution; owner and raiser are
    invited to a blameless review, and the owner to thank the raiser."""
    store.cancel(session, user_id=esc.raiser_id, escalation_id=esc.id, keep_meetings=True)
    _plan(session, clock, esc, RESOLVED)
    base: dict[str, Any] = {"escalation_id": esc.id, "number": esc.number, "link": esc.card_link}
    for user_id in dict.fromkeys([esc.owner_id, esc.raiser_id]):
        role = "owner" if user_id == esc.owner_id else "raiser"
        _dm(
            session,
            clock,
            esc,
            f"care:{esc.id}:review-invite:{user_id}",
            user_id,
            CareNotice.REVIEW_INVITE,
            base | {"role": role},
        )
    _dm(
        session,
        clock,
        esc,
        f"care:{esc.id}:thank-prompt",
        esc.owner_id,
        CareNotice.THANK_PROMPT,
        base | {"raiser": esc.raiser_id},
    )


def _plan(session: Session, clock: Clock, esc: Escalation, anchor: str) -> None:
    enqueue(
        session,
        clock=clock,
        key=f"care:{esc.id}:plan:{anchor}",
        kind=CareKind.PLAN,
        target=esc.raiser_id,  # queued with the raiser's messages, not behind the card's retries
        escalation_id=esc.id,
        payload={"anchor": anchor, "at": clock.now().isoformat()},
    )


def _dm(
    session: Session,
    clock: Clock,
    esc: Escalation,
    key: str,
    user_id: str,
    notice: CareNotice,
    params: dict[str, Any],
) -> None:
    enqueue(
        session,
        clock=clock,
        key=key,
        kind=CareKind.DM,
        target=user_id,
        escalation_id=esc.id,
        payload={"notice": notice, "params": params},
    )
