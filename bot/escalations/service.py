"""Escalations: create, acknowledge, update, reassign, resolve, bring people in.

Plain Python over a session the caller owns (the edge commits). Every change writes its timeline
entry and enqueues the sends it causes in the same transaction, so nothing is posted before it is
stored and nothing stored is forgotten.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.care import hooks as care
from bot.clock import Clock
from bot.errors import Conflict, InvalidInput, NotAllowed, NotFound
from bot.escalations import effects, timers
from bot.escalations.model import (
    MAX_SUMMARY_CHARS,
    Created,
    Draft,
    EscalationView,
    PostState,
    Role,
    Severity,
    Status,
    is_overdue,
)
from bot.escalations.notices import Notice, SendKind
from bot.escalations.timers import TimerPolicy
from bot.outbox import enqueue
from bot.people import PersonInfo
from storage.models import Escalation, EscalationCounter

# The card shows this much of the summary; the rest follows in the thread, never dropped.
CARD_SUMMARY_CHARS = 700


@dataclass(frozen=True)
class Actor:
    """Who is acting, and whether they are an admin (from settings, decided at the edge)."""

    user_id: str
    is_admin: bool = False


def check_owner(*, raiser_id: str, owner_id: str, owner: PersonInfo | None) -> None:
    """Refuse an owner who cannot own anything: unknown, a bot, deactivated, or the raiser."""
    if owner_id == raiser_id:
        raise InvalidInput("error.owner_is_self")
    check_person(owner_id, owner)


def check_person(user_id: str, info: PersonInfo | None) -> None:
    """Refuse someone who cannot take part: unknown, an app, or deactivated."""
    if info is None:
        raise InvalidInput("error.owner_unknown", user=user_id)
    if info.is_bot:
        raise InvalidInput("error.owner_is_bot", user=user_id)
    if info.deleted:
        raise InvalidInput("error.owner_deactivated", user=user_id)


UNAVAILABLE = "error.escalation_unavailable"


def check_visible(esc: EscalationView, actor: Actor) -> None:
    """To someone not on it, a confidential escalation answers exactly as a missing one: no owner named,
    nothing confirmed (a forged click must learn nothing)."""
    if esc.confidential and actor.user_id not in esc.members and not actor.is_admin:
        raise NotFound(UNAVAILABLE)


def check_can_manage(esc: EscalationView, actor: Actor) -> None:
    """Owner, raiser and admins may post updates, reassign and resolve; only while it is open."""
    check_visible(esc, actor)
    if actor.user_id not in (esc.owner_id, esc.raiser_id) and not actor.is_admin:
        raise NotAllowed("error.only_people_on_it", number=esc.number)
    if esc.status == Status.RESOLVED.value:
        raise Conflict("error.already_resolved", number=esc.number)


def check_can_bring_in(esc: EscalationView, actor: Actor) -> None:
    check_visible(esc, actor)
    if actor.user_id not in esc.members and not actor.is_admin:
        raise NotAllowed("error.not_on_escalation", number=esc.number)
    if esc.status == Status.RESOLVED.value:
        raise Conflict("error.already_resolved", number=esc.number)


def check_new_owner(esc: EscalationView, *, new_owner_id: str, new_owner: PersonInfo | None) -> None:
    if not new_owner_id:
        raise InvalidInput("error.owner_missing")
    if new_owner_id == esc.owner_id:
        raise InvalidInput("error.reassign_same_owner", user=new_owner_id)
    check_owner(raiser_id=esc.raiser_id, owner_id=new_owner_id, owner=new_owner)


def check_draft(draft: Draft) -> None:
    if not draft.summary.strip():
        raise InvalidInput("error.summary_missing")
    if len(draft.summary) > MAX_SUMMARY_CHARS:
        raise InvalidInput("error.summary_too_long", limit=MAX_SUMMARY_CHARS, length=len(draft.summary))


def already_stored(session: Session, *, request_key: str) -> bool:
    """A Slack retry (or a rerun job) of a request that already made its escalation."""
    return session.scalar(select(Escalation.id).where(Escalation.request_key == request_key)) is not None


def create(
    session: Session,
    *,
    clock: Clock,
    team_id: str,
    raiser_id: str,
    draft: Draft,
    policy: TimerPolicy,
    request_key: str | None = None,
    response_url: str | None = None,
    desk: Iterable[str] = (),
    away_owner: str | None = None,
) -> Created:
    """Store a new escalation and enqueue its card, the owner's DM, the raiser's confirmation and its
    timers. `away_owner`: the person named was away, and `draft.owner_id` is their stand-in."""
    check_draft(draft)
    if request_key is not None:
        existing = session.scalar(select(Escalation).where(Escalation.request_key == request_key))
        if existing is not None:
            return Created(existing.id, existing.number, duplicate=True)
    now = clock.now()
    esc = Escalation(
        team_id=team_id,
        number=_next_number(session, team_id),
        request_key=request_key,
        raiser_id=raiser_id,
        owner_id=draft.owner_id,
        client=(draft.client or "").strip() or None,
        summary=draft.summary.strip(),
        kind=draft.kind.value,
        severity=draft.severity.value,
        promised_at=draft.promised_at,
        confidential=draft.confidential,
        harassment_record=draft.harassment_record,
        source_link=draft.source_link,
        status=Status.OPEN.value,
        post_state=PostState.PENDING.value,
        created_at=now,
        last_activity_at=now,
        version=1,
        original_owner_id=away_owner,
        update_cadence_minutes=draft.update_cadence_minutes,
        chain_level=0,
    )
    session.add(esc)
    session.flush()
    effects.add_member(esc, raiser_id, Role.RAISER, clock)
    effects.add_member(esc, draft.owner_id, Role.OWNER, clock)
    if away_owner:
        effects.add_member(esc, away_owner, Role.AWAY_OWNER, clock)
    extra = list(draft.extra_members) + (list(desk) if draft.include_desk else [])
    for user_id in extra:
        effects.add_member(esc, user_id, Role.DESK if user_id in desk else Role.BROUGHT_IN, clock)
    effects.timeline(session, esc, clock, raiser_id, "created", _creation_detail(esc))
    _enqueue_creation_sends(session, esc, clock, response_url)
    timers.plan_new(session, clock=clock, esc=esc, policy=policy)
    care.on_raised(session, clock=clock, esc=esc)
    return Created(esc.id, esc.number)


def _enqueue_creation_sends(
    session: Session, esc: Escalation, clock: Clock, response_url: str | None
) -> None:
    key = f"esc:{esc.id}"
    enqueue(session, clock=clock, key=f"{key}:card", kind=SendKind.CARD, escalation_id=esc.id)
    if len(esc.summary) > CARD_SUMMARY_CHARS:
        effects.thread(session, esc, clock, f"{key}:summary-rest", Notice.THREAD_SUMMARY_REST, {})
    effects.dm(session, esc, clock, f"{key}:owner-dm", esc.owner_id, Notice.OWNER_ASSIGNED, {})
    if response_url:
        enqueue(
            session,
            clock=clock,
            key=f"{key}:posted",
            kind=SendKind.RESPOND,
            escalation_id=esc.id,
            target=esc.raiser_id,
            payload={"url": response_url, "notice": Notice.RAISER_POSTED, "params": {}},
        )
    else:
        effects.dm(session, esc, clock, f"{key}:posted", esc.raiser_id, Notice.RAISER_POSTED, {})


def get_by_number(session: Session, *, team_id: str, number: int) -> Escalation:
    esc = session.scalar(select(Escalation).where(Escalation.team_id == team_id, Escalation.number == number))
    if esc is None:
        raise NotFound("error.escalation_not_found", number=number)
    return esc


def get_by_id(session: Session, escalation_id: int) -> Escalation:
    esc = session.get(Escalation, escalation_id)
    if esc is None:
        raise NotFound(UNAVAILABLE)
    return esc


def find_by_id(session: Session, escalation_id: int) -> Escalation | None:
    return session.get(Escalation, escalation_id)


def find_by_thread(session: Session, *, channel_id: str, thread_ts: str) -> Escalation | None:
    return session.scalar(
        select(Escalation).where(Escalation.channel_id == channel_id, Escalation.card_ts == thread_ts)
    )


def acknowledge(
    session: Session, *, clock: Clock, esc: Escalation, actor: Actor, by_reply: bool = False
) -> None:
    """The owner takes it. Anyone else is refused politely; a second acknowledgement changes nothing."""
    on_it = {m.user_id for m in esc.members}
    if esc.confidential and actor.user_id not in on_it and not actor.is_admin:
        raise NotFound(UNAVAILABLE)
    if actor.user_id not in can_acknowledge(esc):
        raise NotAllowed("error.only_owner_can_ack", owner=esc.owner_id)
    if esc.status != Status.OPEN.value:
        raise Conflict(
            "error.already_acknowledged" if esc.status == Status.ACKNOWLEDGED else "error.already_resolved",
            number=esc.number,
            user=esc.acknowledged_by or esc.resolved_by or esc.owner_id,
        )
    now = clock.now()
    esc.status, esc.acknowledged_at, esc.acknowledged_by = Status.ACKNOWLEDGED.value, now, actor.user_id
    esc.last_activity_at = now
    timers.on_acknowledged(session, esc)
    effects.timeline(session, esc, clock, actor.user_id, "acknowledged", {"by_reply": by_reply})
    effects.card_changed(session, esc, clock)
    effects.thread(
        session,
        esc,
        clock,
        f"esc:{esc.id}:ack:{esc.version}",
        Notice.THREAD_ACKNOWLEDGED,
        {"user": actor.user_id, "by_reply": by_reply},
    )
    if actor.user_id != esc.raiser_id:
        effects.dm(
            session,
            esc,
            clock,
            f"esc:{esc.id}:ack-dm:{esc.version}",
            esc.raiser_id,
            Notice.RAISER_ACKNOWLEDGED,
            {"user": actor.user_id},
        )


def can_acknowledge(esc: Escalation) -> set[str]:
    """Who may acknowledge: the owner, and whoever the chain or a leave has brought in for them."""
    return {esc.owner_id} | {m.user_id for m in esc.members if m.role in (Role.CHAIN, Role.STANDIN)}


def post_update(
    session: Session,
    *,
    clock: Clock,
    esc: Escalation,
    actor: Actor,
    text: str,
    set_cadence: bool = False,
    cadence_minutes: int | None = None,
) -> None:
    """Post an update for everyone on it. It restarts the client-update timer; with `set_cadence`
    it also changes it (`cadence_minutes` None stops those reminders)."""
    check_can_manage(snapshot(esc), actor)
    text = text.strip()
    if not text:
        raise InvalidInput("error.update_missing")
    if len(text) > MAX_SUMMARY_CHARS:
        raise InvalidInput("error.summary_too_long", limit=MAX_SUMMARY_CHARS, length=len(text))
    now = clock.now()
    esc.last_update_at = esc.last_activity_at = now
    if set_cadence:
        esc.update_cadence_minutes = cadence_minutes
    effects.timeline(session, esc, clock, actor.user_id, "update", {"text": text})
    effects.card_changed(session, esc, clock)
    timers.plan_cadence(session, clock=clock, esc=esc)
    effects.thread(
        session,
        esc,
        clock,
        f"esc:{esc.id}:update:{esc.version}",
        Notice.THREAD_UPDATE,
        {"user": actor.user_id, "text": text},
    )


def reassign(
    session: Session,
    *,
    clock: Clock,
    esc: Escalation,
    actor: Actor,
    new_owner_id: str,
    new_owner: PersonInfo | None,
    policy: TimerPolicy,
    reason: str = "",
) -> None:
    """Hand the escalation to someone else; it waits for their acknowledgement again."""
    check_can_manage(snapshot(esc), actor)
    check_new_owner(snapshot(esc), new_owner_id=new_owner_id, new_owner=new_owner)
    previous = esc.owner_id
    now = clock.now()
    esc.owner_id, esc.status = new_owner_id, Status.OPEN.value
    esc.acknowledged_at = esc.acknowledged_by = None
    esc.last_activity_at = now
    for member in esc.members:
        if member.user_id == previous and member.role == Role.OWNER:
            member.role = Role.FORMER_OWNER.value
    effects.add_member(esc, new_owner_id, Role.OWNER, clock)
    effects.timeline(
        session,
        esc,
        clock,
        actor.user_id,
        "reassigned",
        {"from": previous, "to": new_owner_id, "reason": reason.strip()},
    )
    effects.card_changed(session, esc, clock)
    v = esc.version
    effects.thread(
        session,
        esc,
        clock,
        f"esc:{esc.id}:reassign:{v}",
        Notice.THREAD_REASSIGNED,
        {"user": actor.user_id, "from": previous, "to": new_owner_id, "reason": reason.strip()},
    )
    effects.dm(
        session,
        esc,
        clock,
        f"esc:{esc.id}:owner-dm:{v}",
        new_owner_id,
        Notice.OWNER_ASSIGNED,
        {"from": previous, "by": actor.user_id},
    )
    if esc.confidential:
        _invite(session, esc, clock, [new_owner_id])
    timers.on_reassigned(session, clock=clock, esc=esc, policy=policy)


def resolve(session: Session, *, clock: Clock, esc: Escalation, actor: Actor, resolution: str = "") -> None:
    """Close it, with what was decided. Pending reminders about it are cancelled."""
    check_can_manage(snapshot(esc), actor)
    now = clock.now()
    esc.status, esc.resolved_at, esc.resolved_by = Status.RESOLVED.value, now, actor.user_id
    esc.resolution = resolution.strip() or None
    esc.last_activity_at = now
    timers.on_resolved(session, esc)
    effects.timeline(session, esc, clock, actor.user_id, "resolved", {"resolution": esc.resolution})
    effects.card_changed(session, esc, clock)
    v = esc.version
    effects.thread(
        session,
        esc,
        clock,
        f"esc:{esc.id}:resolved:{v}",
        Notice.THREAD_RESOLVED,
        {"user": actor.user_id, "resolution": esc.resolution or ""},
    )
    if actor.user_id != esc.raiser_id:
        effects.dm(
            session,
            esc,
            clock,
            f"esc:{esc.id}:resolved-dm:{v}",
            esc.raiser_id,
            Notice.RAISER_RESOLVED,
            {"user": actor.user_id, "resolution": esc.resolution or ""},
        )
    care.on_resolved(session, clock=clock, esc=esc)


def bring_in(
    session: Session,
    *,
    clock: Clock,
    esc: Escalation,
    actor: Actor,
    user_ids: list[str],
    desk: Iterable[str] = (),
) -> list[str]:
    """Add people to an escalation (and to its private space if confidential); returns who was new."""
    check_can_bring_in(snapshot(esc), actor)
    current = {m.user_id for m in esc.members}
    desk_ids = set(desk)
    new = [u for u in dict.fromkeys(user_ids) if u not in current]
    if not new:
        raise InvalidInput("error.already_on_escalation")
    for user_id in new:
        effects.add_member(esc, user_id, Role.DESK if user_id in desk_ids else Role.BROUGHT_IN, clock)
    effects.timeline(session, esc, clock, actor.user_id, "brought_in", {"users": new})
    esc.last_activity_at = clock.now()
    effects.card_changed(session, esc, clock)
    effects.thread(
        session,
        esc,
        clock,
        f"esc:{esc.id}:brought-in:{esc.version}",
        Notice.THREAD_BROUGHT_IN,
        {"user": actor.user_id, "users": new},
    )
    if esc.confidential:
        _invite(session, esc, clock, new)
    return new


def record_reply(session: Session, *, clock: Clock, esc: Escalation, user_id: str, text_len: int) -> bool:
    """A person replied in the thread. Returns True if it counted as the owner's acknowledgement."""
    now = clock.now()
    esc.last_activity_at = now
    effects.timeline(session, esc, clock, user_id, "reply", {"chars": text_len})
    if esc.status == Status.OPEN.value and user_id in can_acknowledge(esc):
        acknowledge(session, clock=clock, esc=esc, actor=Actor(user_id), by_reply=True)
        return True
    return False


def card_posted(session: Session, *, escalation_id: int, channel_id: str, ts: str, link: str | None) -> None:
    """The card is in Slack: remember where, so thread replies and updates can find it."""
    esc = session.get(Escalation, escalation_id)
    if esc is not None:
        esc.channel_id, esc.card_ts, esc.card_link = channel_id, ts, link
        esc.post_state = PostState.POSTED.value


def space_created(session: Session, *, escalation_id: int, channel_id: str, space: str) -> None:
    """A confidential escalation's private space exists: remember it before posting into it."""
    esc = session.get(Escalation, escalation_id)
    if esc is not None:
        esc.channel_id, esc.space = channel_id, space


def card_delayed(session: Session, *, clock: Clock, escalation_id: int) -> None:
    """Posting failed for now: tell the raiser, once, that it is stored and will be posted."""
    esc = session.get(Escalation, escalation_id)
    if esc is not None and esc.post_state != PostState.POSTED.value:
        effects.dm(session, esc, clock, f"esc:{esc.id}:delayed", esc.raiser_id, Notice.RAISER_DELAYED, {})


def card_blocked(
    session: Session, *, clock: Clock, escalation_id: int, reason: str, channel_id: str | None
) -> None:
    """Slack refused the card: tell the admins plainly and the raiser that it is stored, not lost."""
    esc = session.get(Escalation, escalation_id)
    if esc is None:
        return
    esc.post_state = PostState.BLOCKED.value
    effects.notify_admins(
        session,
        clock,
        f"esc:{esc.id}:cannot-post",
        esc.id,
        Notice.ADMIN_CANNOT_POST,
        {"number": esc.number, "reason": reason, "channel": channel_id or ""},
    )
    effects.dm(session, esc, clock, f"esc:{esc.id}:delayed", esc.raiser_id, Notice.RAISER_DELAYED, {})


def open_for(session: Session, *, user_id: str, limit: int = 50) -> list[Escalation]:
    """Open escalations this person owns or raised, most urgent and oldest first."""
    rows = session.scalars(
        select(Escalation)
        .where(Escalation.status != Status.RESOLVED.value)
        .where((Escalation.owner_id == user_id) | (Escalation.raiser_id == user_id))
        .order_by(Escalation.created_at)
        .limit(limit)
    ).all()
    return sort_by_urgency(list(rows))


def all_open(session: Session, *, limit: int = 100) -> list[Escalation]:
    rows = session.scalars(
        select(Escalation)
        .where(Escalation.status != Status.RESOLVED.value)
        .order_by(Escalation.created_at)
        .limit(limit)
    ).all()
    return sort_by_urgency(list(rows))


def sort_by_urgency(rows: list[Escalation]) -> list[Escalation]:
    def key(e: Escalation) -> tuple[int, int, float, float]:
        waiting = 0 if e.status == Status.OPEN.value else 1
        promised = e.promised_at.timestamp() if e.promised_at else float("inf")
        return (-Severity(e.severity).rank, waiting, promised, e.created_at.timestamp())

    return sorted(rows, key=key)


def is_member(esc: Escalation, user_id: str) -> bool:
    return any(m.user_id == user_id for m in esc.members)


def _next_number(session: Session, team_id: str) -> int:
    counter = session.get(EscalationCounter, team_id, with_for_update=True)
    if counter is None:
        try:
            with session.begin_nested():
                session.add(EscalationCounter(team_id=team_id, last_number=0))
        except IntegrityError:
            pass  # another request created the counter first
        counter = session.get(EscalationCounter, team_id, with_for_update=True, populate_existing=True)
        if counter is None:
            raise RuntimeError("escalation counter vanished mid-transaction")
    counter.last_number += 1
    return counter.last_number


def _creation_detail(esc: Escalation) -> dict[str, Any]:
    return {
        "owner": esc.owner_id,
        "kind": esc.kind,
        "severity": esc.severity,
        "client": esc.client,
        "summary": esc.summary,
        "promised_at": esc.promised_at.isoformat() if esc.promised_at else None,
        "confidential": esc.confidential,
        "harassment_record": esc.harassment_record,
        "source_link": esc.source_link,
    }


def _invite(session: Session, esc: Escalation, clock: Clock, user_ids: list[str]) -> None:
    enqueue(
        session,
        clock=clock,
        key=f"esc:{esc.id}:invite:{esc.version}:{','.join(user_ids)}",
        kind=SendKind.INVITE,
        escalation_id=esc.id,
        payload={"users": user_ids},
    )


def snapshot(esc: Escalation, *, now: datetime | None = None) -> EscalationView:
    """A plain copy of what the Slack edge needs to render an escalation (`now` tells if it is overdue)."""
    overdue = now is not None and is_overdue(esc.promised_at, esc.status, now)
    return EscalationView(
        overdue=overdue,
        escalation_id=esc.id,
        number=esc.number,
        owner_id=esc.owner_id,
        raiser_id=esc.raiser_id,
        summary=esc.summary,
        severity=esc.severity,
        kind=esc.kind,
        client=esc.client,
        promised_at=esc.promised_at,
        status=esc.status,
        confidential=esc.confidential,
        acknowledged_by=esc.acknowledged_by,
        acknowledged_at=esc.acknowledged_at,
        resolved_by=esc.resolved_by,
        resolved_at=esc.resolved_at,
        resolution=esc.resolution,
        source_link=esc.source_link,
        card_link=esc.card_link,
        channel_id=esc.channel_id,
        last_update_at=esc.last_update_at,
        brought_in=tuple(
            m.user_id for m in esc.members if m.role in (Role.BROUGHT_IN, Role.DESK, Role.STANDIN)
        ),
        created_at=esc.created_at,
        original_owner_id=esc.original_owner_id,
        update_cadence_minutes=esc.update_cadence_minutes,
        chain=tuple(m.user_id for m in esc.members if m.role == Role.CHAIN),
        post_state=esc.post_state,
        card_ts=esc.card_ts,
        space=esc.space,
        members=tuple(m.user_id for m in esc.members),
    )
