"""What the App Home shows one person, read with bounded, indexed queries; and asking for a refresh.

A refresh is a `home.publish` job for the person. Changes that arrive while one is already waiting
add nothing (the waiting one will read the latest state when it runs), so a burst of changes costs
one publish.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from bot.care.model import CareKind
from bot.care.prefs import Prefs, prefs_of
from bot.clock import Clock
from bot.escalations.model import Status
from bot.outbox import FAILED, PENDING, enqueue
from storage.models import ChainLink, Escalation, ScheduledSend

# The Home shows this much of each summary; the card and thread have the rest.
SUMMARY_CHARS = 160


def refresh(session: Session, *, clock: Clock, users: Iterable[str]) -> None:
    """Have these people's App Home republished soon (coalesced per person)."""
    for user_id in dict.fromkeys(u for u in users if u):
        waiting = session.scalar(
            select(ScheduledSend.id)
            .where(
                ScheduledSend.target == user_id,
                ScheduledSend.status == PENDING,
                ScheduledSend.kind == CareKind.HOME,
            )
            .limit(1)
        )
        if waiting is None:
            enqueue(
                session,
                clock=clock,
                key=f"home:{user_id}:{uuid.uuid4().hex}",
                kind=CareKind.HOME,
                target=user_id,
            )


# --- what the Home shows -----------------------------------------------------------------------------

OPEN_STATES = (Status.OPEN.value, Status.ACKNOWLEDGED.value)
OWNER, RAISER = "owner", "raiser"
FAILED_SHOWN = 5
CHAIN_SHOWN = 10
CHAIN_COUNTED = 1000  # beyond this the Home says "1000+": counting every link is not worth the wait


@dataclass(frozen=True)
class HomeItem:
    """One open escalation as the Home lists it (only what the card itself shows)."""

    escalation_id: int
    number: int
    role: str  # the viewer's: owner or raiser
    summary: str
    severity: str
    status: str
    promised_at: datetime | None
    card_link: str | None
    confidential: bool
    owner_id: str
    raiser_id: str


@dataclass(frozen=True)
class HomePage:
    items: list[HomeItem]
    page: int
    pages: int
    owned: int
    raised: int


@dataclass(frozen=True)
class FailedSend:
    """A send that was given up: its kind, escalation number and error. Never its recipient."""

    kind: str
    number: int | None
    error: str
    at: datetime


@dataclass(frozen=True)
class AdminView:
    chain: list[tuple[str, str]]
    chain_links: int  # at most CHAIN_COUNTED + 1
    failed: list[FailedSend]


@dataclass(frozen=True)
class HomeData:
    user_id: str
    prefs: Prefs
    page: HomePage
    manages: bool  # someone is below them in the chain: the weekly digest is offered
    admin: AdminView | None


def _urgency() -> tuple[Any, ...]:
    """The order of `service.sort_by_urgency`, in SQL: severity, waiting first, promise, age."""
    return (
        case((Escalation.severity == "urgent", 0), (Escalation.severity == "normal", 1), else_=2),
        case((Escalation.status == Status.OPEN.value, 0), else_=1),
        case((Escalation.promised_at.is_(None), 1), else_=0),
        Escalation.promised_at,
        Escalation.created_at,
        Escalation.id,
    )


def _open_where(column: Any, user_id: str) -> Any:
    return (column == user_id) & Escalation.status.in_(OPEN_STATES)


def _count(session: Session, column: Any, user_id: str) -> int:
    return int(
        session.scalar(select(func.count()).select_from(Escalation).where(_open_where(column, user_id))) or 0
    )


def _slice(session: Session, column: Any, user_id: str, role: str, offset: int, limit: int) -> list[HomeItem]:
    if limit <= 0:
        return []
    rows = session.execute(
        select(
            Escalation.id,
            Escalation.number,
            func.substr(Escalation.summary, 1, SUMMARY_CHARS),
            Escalation.severity,
            Escalation.status,
            Escalation.promised_at,
            Escalation.card_link,
            Escalation.confidential,
            Escalation.owner_id,
            Escalation.raiser_id,
        )
        .where(_open_where(column, user_id))
        .order_by(*_urgency())
        .offset(offset)
        .limit(limit)
    ).all()
    return [
        HomeItem(r[0], r[1], role, r[2] or "", r[3], r[4], r[5], r[6], bool(r[7]), r[8], r[9]) for r in rows
    ]


def open_page(session: Session, *, user_id: str, page: int, per_page: int) -> HomePage:
    """One page of the person's open escalations: those they own, most urgent first, then those they
    raised. Two counts and at most two slices, each on an index, whatever the history's size."""
    owned, raised = (
        _count(session, Escalation.owner_id, user_id),
        _count(session, Escalation.raiser_id, user_id),
    )
    pages = max(1, -(-(owned + raised) // per_page))
    page = min(max(page, 0), pages - 1)
    start = page * per_page
    items = _slice(session, Escalation.owner_id, user_id, OWNER, start, min(per_page, owned - start))
    taken = len(items)
    raiser_start = max(0, start - owned)
    items += _slice(session, Escalation.raiser_id, user_id, RAISER, raiser_start, per_page - taken)
    return HomePage(items, page, pages, owned, raised)


def manages_anyone(session: Session, user_id: str) -> bool:
    return (
        session.scalar(select(ChainLink.user_id).where(ChainLink.manager_id == user_id).limit(1)) is not None
    )


def admin_view(session: Session) -> AdminView:
    chain = session.execute(
        select(ChainLink.user_id, ChainLink.manager_id)
        .order_by(ChainLink.manager_id, ChainLink.user_id)
        .limit(CHAIN_SHOWN)
    ).all()
    counted = select(ChainLink.user_id).limit(CHAIN_COUNTED + 1).subquery()
    links = int(session.scalar(select(func.count()).select_from(counted)) or 0)
    return AdminView([(u, m) for u, m in chain], links, last_failed(session))


def last_failed(session: Session, limit: int = FAILED_SHOWN) -> list[FailedSend]:
    """Sends given up on, newest first; someone's check-ins and their asks for a peer are nobody's report."""
    private = ScheduledSend.kind.in_([CareKind.CHECKIN, CareKind.CONNECT]) | (
        (ScheduledSend.kind == CareKind.DM)
        & ScheduledSend.key.startswith("care:")
        & ScheduledSend.key.endswith(":dm")
    )
    rows = session.execute(
        select(ScheduledSend.kind, Escalation.number, ScheduledSend.last_error, ScheduledSend.due_at)
        .outerjoin(Escalation, Escalation.id == ScheduledSend.escalation_id)
        .where(ScheduledSend.status == FAILED, ~private)
        .order_by(ScheduledSend.due_at.desc())
        .limit(limit)
    ).all()
    return [FailedSend(kind, number, (error or "")[:200], at) for kind, number, error, at in rows]


def load(session: Session, *, user_id: str, per_page: int, is_admin: bool) -> HomeData:
    chosen = prefs_of(session, user_id)
    return HomeData(
        user_id=user_id,
        prefs=chosen,
        page=open_page(session, user_id=user_id, page=chosen.home_page, per_page=per_page),
        manages=manages_anyone(session, user_id),
        admin=admin_view(session) if is_admin else None,
    )
