"""Rate limits and mutes, counted with single-use keyed tokens instead of anything naming a person.

A rate-limit slot is `tag("rate", scope, user, hour, n)`: to check, the bot recomputes the
person's slots for this hour; a database reader sees one unrelated value per post, with nothing
that groups them by author. A mute is one token per day it covers, made from the author's mute key
(which only exists sealed on their posts), so a paused author is recognised when they try again
and nobody, moderators included, learns who they are.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from bot.errors import NotAllowed
from bot.peer.anon import Anon
from bot.peer.model import MUTE_SLOTS
from storage.models import AnonToken

MAX_MUTE_DAYS = 32
log = logging.getLogger(__name__)


class Paused(NotAllowed):
    """The person may not post anonymously until `until` (a rate limit or a moderator's pause)."""

    def __init__(self, key: str, *, until: datetime, **params: object) -> None:
        super().__init__(key, until=until, **params)
        self.until = until


def mute_key(anon: Anon, user_id: str) -> str:
    """The value a mute is made from. Stored only sealed, one fresh seal per message."""
    return anon.tag("mute-id", user_id)


def claim(session: Session, token: str, expires_at: datetime) -> bool:
    """Insert a token unless it exists (also when two requests race); True if this call added it."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    stmt = (
        insert(AnonToken)
        .values(token=token, expires_at=expires_at)
        .on_conflict_do_nothing()
        .returning(AnonToken.token)
    )
    # RETURNING, not rowcount: psycopg reports -1 rows for INSERT … ON CONFLICT through SQLAlchemy 2.1.
    return session.execute(stmt).first() is not None


def take_rate_slot(
    session: Session,
    *,
    anon: Anon,
    now: datetime,
    scope: str,
    user_id: str,
    limit: int,
    refusal: str = "error.vent_rate_limited",
) -> None:
    """Spend one of this person's `limit` slots for the current clock hour, or raise Paused."""
    hour = int(now.timestamp() // 3600)
    hour_end = datetime.fromtimestamp((hour + 1) * 3600, UTC)
    slots = [anon.tag("rate", scope, user_id, str(hour), str(n)) for n in range(limit)]
    taken = set(session.scalars(select(AnonToken.token).where(AnonToken.token.in_(slots))))
    for slot in slots:
        if slot not in taken and claim(session, slot, hour_end):
            return
    raise Paused(refusal, until=hour_end, limit=limit)


def check_not_paused(session: Session, *, anon: Anon, now: datetime, user_id: str) -> None:
    until = paused_until(session, anon=anon, now=now, mute_id=mute_key(anon, user_id))
    if until is not None:
        raise Paused("error.vent_paused", until=until)


def paused_until(session: Session, *, anon: Anon, now: datetime, mute_id: str) -> datetime | None:
    """When this author's pause ends, or None if they are not paused."""
    end: datetime | None = None
    day = now.date()
    for _ in range(MAX_MUTE_DAYS):
        live = [e for e in _day_rows(session, anon, mute_id, day).values() if e > now]
        if not live:
            break
        end = max(live)
        day += timedelta(days=1)
    return end


def pause(session: Session, *, anon: Anon, now: datetime, mute_id: str, until: datetime) -> None:
    """Pause an author until `until`: one token per day covered, each in a free slot of its day."""
    day = now.date()
    while _start(day) < until:
        expires = min(until, _start(day + timedelta(days=1)))
        rows = _day_rows(session, anon, mute_id, day)
        slots = [anon.tag("mute", mute_id, day.isoformat(), str(n)) for n in range(MUTE_SLOTS)]
        # A token once written is never changed: extending one would tie this pause to an earlier one.
        if not any(claim(session, slot, expires) for slot in slots if slot not in rows):
            log.warning("a day already holds %s pauses of one author; not adding another", MUTE_SLOTS)
        day += timedelta(days=1)


def prune(session: Session, *, now: datetime) -> int:
    """Forget tokens whose hour, day or memory has passed."""
    result = session.execute(delete(AnonToken).where(AnonToken.expires_at <= now))
    return result.rowcount  # type: ignore[attr-defined,no-any-return]


def _day_rows(session: Session, anon: Anon, mute_id: str, day: date) -> dict[str, datetime]:
    slots = [anon.tag("mute", mute_id, day.isoformat(), str(n)) for n in range(MUTE_SLOTS)]
    rows = session.execute(select(AnonToken.token, AnonToken.expires_at).where(AnonToken.token.in_(slots)))
    return {row[0]: row[1] for row in rows}


def _start(day: date) -> datetime:
    return datetime.combine(day, time(0), UTC)
