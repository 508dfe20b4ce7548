"""Encouragement threads: one asked for by someone who raised an escalation, and the weekly one.

Neither carries a name, a client or a detail. A request is posted after a random delay, so its time
does not point to the escalation that prompted it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.calendar import WeeklySchedule
from bot.clock import Clock
from bot.errors import NotAllowed
from bot.peer.anon import Anon
from bot.peer.limits import take_rate_slot
from bot.peer.model import PostKind, RelayMode
from bot.peer.posts import Author, add_relay, enqueue_post, new_post, random_delay
from storage.models import Escalation, VentPost

ENCOURAGE_PER_HOUR = 3


@dataclass(frozen=True)
class Requested:
    due_at: datetime
    already: bool = False  # asked before for this escalation: nothing new was posted


def request_encouragement(
    session: Session,
    *,
    clock: Clock,
    anon: Anon,
    escalation_id: int,
    author: Author,
    relay_days: int,
    rng: random.Random,
) -> Requested:
    """Post a nameless call for encouragement; replies reach the person privately. Only whoever
    raised the escalation may ask (the button's value is the click's word, not proof), a few times an
    hour; one refusal answers a stranger's click and a made-up number alike, so it confirms nothing."""
    escalation = session.get(Escalation, escalation_id)
    if escalation is None or escalation.raiser_id != author.user_id:
        raise NotAllowed("error.encourage_not_yours")
    tag = anon.tag("encourage", str(escalation_id), author.user_id)
    existing = session.scalar(select(VentPost).where(VentPost.request_tag == tag))
    if existing is not None:
        return Requested(due_at=existing.posted_at or clock.now(), already=True)
    take_rate_slot(
        session,
        anon=anon,
        now=clock.now(),
        scope="encourage",
        user_id=author.user_id,
        limit=ENCOURAGE_PER_HOUR,
        refusal="error.encourage_rate_limited",
    )
    due = clock.now() + random_delay(rng)
    try:
        with session.begin_nested():
            post = new_post(
                session, anon=anon, kind=PostKind.ENCOURAGEMENT, author=author, mutable=False, request_tag=tag
            )
    except IntegrityError:  # a double click raced this one, and won
        return Requested(due_at=due, already=True)
    add_relay(
        session,
        anon=anon,
        post=post,
        author=author,
        mode=RelayMode.TEXT,
        until=due + timedelta(days=relay_days),
    )
    enqueue_post(session, clock=clock, post=post, due_at=due)
    return Requested(due_at=due)


def post_weekly_if_due(
    session: Session, *, clock: Clock, anon: Anon, schedule: WeeklySchedule, tz: ZoneInfo
) -> str | None:
    """Start this week's thanks-and-wins thread once, at its time; returns the week it was started for."""
    week = schedule.due_week(clock.now(), tz)
    if week is None:
        return None
    tag = f"weekly:{week}"
    if session.scalar(select(VentPost.id).where(VentPost.request_tag == tag)) is not None:
        return None
    try:
        with session.begin_nested():
            post = new_post(
                session, anon=anon, kind=PostKind.WEEKLY, author=None, mutable=False, request_tag=tag
            )
    except IntegrityError:  # another replica started it a moment ago
        return None
    enqueue_post(session, clock=clock, post=post, due_at=clock.now(), key=f"encourage:{week}")
    return week
