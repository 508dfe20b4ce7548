"""Peer supporters: colleagues who offered, on the App Home, to listen. The bot connects someone with
one of them (or with the consultation desk) only when that person asks, in a group DM of their own.

Nothing records who asked or whom they were connected with: a supporter's row only notes when they
were last connected, so the asks are shared out fairly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.care import prefs
from bot.care.model import CareKind
from bot.clock import Clock
from bot.outbox import enqueue
from storage.models import EscalationMember, PersonSettings

PEER, DESK = "peer", "desk"
MAX_CANDIDATES = 200


@dataclass(frozen=True)
class Candidate:
    user_id: str
    last_connected: datetime | None


def candidates(session: Session, *, person: str, escalation_id: int | None) -> list[Candidate]:
    """Opted-in supporters other than the person and anyone on the escalation, least recently asked first."""
    involved = set()
    if escalation_id is not None:
        involved = set(
            session.scalars(
                select(EscalationMember.user_id).where(EscalationMember.escalation_id == escalation_id)
            )
        )
    rows = session.execute(
        select(PersonSettings.user_id, PersonSettings.supporter_connected_at)
        .where(PersonSettings.peer_supporter.is_(True))
        .limit(MAX_CANDIDATES)
    ).all()
    found = [Candidate(u, at) for u, at in rows if u != person and u not in involved]
    return sorted(
        found, key=lambda c: (c.last_connected is not None, c.last_connected or datetime.min, c.user_id)
    )


def choose(
    found: list[Candidate], *, available: Callable[[str], bool], prefer: Callable[[str], bool]
) -> str | None:
    """The least recently asked supporter who can be reached, speaking the person's language if any does."""
    reachable = [c.user_id for c in found if available(c.user_id)]
    same = [u for u in reachable if prefer(u)]
    chosen = same or reachable
    return chosen[0] if chosen else None


def connect(session: Session, *, clock: Clock, person: str, others: list[str], kind: str) -> None:
    """Queue the group DM; the supporter's row notes only that they were asked, and when."""
    now = clock.now()
    if kind == PEER:
        for user_id in others:
            prefs.row_for(session, clock=clock, user_id=user_id).supporter_connected_at = now
    enqueue(
        session,
        clock=clock,
        key=f"care:connect:{kind}:{person}:{now.timestamp():.0f}",
        kind=CareKind.CONNECT,
        target=person,
        payload={"kind": kind, "person": person, "others": others},
    )
