"""The blameless review after resolution, and the owner's thanks to the raiser.

Both are kept on the escalation's timeline (the compliance record). A review reaches the thread, or
the people its author says need to know, only when the author chooses; for a confidential
escalation, never anyone who is not on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from bot.care.model import CareKind, CareNotice
from bot.clock import Clock
from bot.errors import InvalidInput, NotAllowed
from bot.escalations.service import Actor, is_member
from bot.outbox import enqueue
from storage.models import Escalation, TimelineEntry

REVIEW_FIELDS = ("client", "we_did", "where", "change")
THREAD, DM = "thread", "dm"
MAX_THANKS_CHARS = 3000


@dataclass(frozen=True)
class Review:
    author: str
    client: str = ""
    we_did: str = ""
    where: str = ""
    change: str = ""
    who: tuple[str, ...] = field(default_factory=tuple)

    def answers(self) -> list[tuple[str, str]]:
        return [(name, str(getattr(self, name)).strip()) for name in REVIEW_FIELDS]

    def is_empty(self) -> bool:
        return not any(text for _, text in self.answers()) and not self.who

    def as_dict(self) -> dict[str, Any]:
        return {**dict(self.answers()), "who": list(self.who)}


def check_reviewer(esc: Escalation, actor: Actor) -> None:
    """The owner, the person who raised it (and admins) write the review."""
    if actor.user_id not in (esc.owner_id, esc.raiser_id) and not actor.is_admin:
        raise NotAllowed("error.review_not_allowed", number=esc.number)


def record(
    session: Session,
    *,
    clock: Clock,
    esc: Escalation,
    actor: Actor,
    review: Review,
    to_thread: bool,
    to_people: bool,
) -> list[str]:
    """Keep the review on the timeline and share it as chosen; returns who it could not go to."""
    check_reviewer(esc, actor)
    if review.is_empty():
        raise InvalidInput("error.review_empty")
    entry = TimelineEntry(
        escalation_id=esc.id,
        at=clock.now(),
        actor_id=actor.user_id,
        action="review",
        detail=review.as_dict() | {"shared": {"thread": to_thread, "people": to_people}},
    )
    session.add(entry)
    session.flush()
    params = {"review": review.as_dict() | {"author": review.author}, "number": esc.number}
    if to_thread:
        _send(
            session,
            clock,
            esc,
            f"care:{esc.id}:review:{entry.id}:thread",
            None,
            CareNotice.THREAD_REVIEW,
            params,
        )
    if not to_people:
        return []
    withheld = [u for u in review.who if esc.confidential and not is_member(esc, u)]
    for user_id in review.who:
        if user_id not in withheld and user_id != actor.user_id:
            key = f"care:{esc.id}:review:{entry.id}:to:{user_id}"
            _send(session, clock, esc, key, user_id, CareNotice.REVIEW_FOR_YOU, params)
    return withheld


def thank(session: Session, *, clock: Clock, esc: Escalation, actor: Actor, text: str, where: str) -> None:
    """The owner thanks the raiser, in the thread or privately, in their own words."""
    if actor.user_id != esc.owner_id:
        raise NotAllowed("error.thanks_owner_only", number=esc.number)
    text = text.strip()
    if not text:
        raise InvalidInput("error.thanks_empty")
    text = text[:MAX_THANKS_CHARS]
    where = THREAD if where == THREAD else DM
    entry = TimelineEntry(
        escalation_id=esc.id,
        at=clock.now(),
        actor_id=actor.user_id,
        action="thanks",
        detail={"to": esc.raiser_id, "where": where, "text": text},
    )
    session.add(entry)
    session.flush()
    params = {"owner": esc.owner_id, "raiser": esc.raiser_id, "number": esc.number, "text": text}
    key = f"care:{esc.id}:thanks:{entry.id}"
    if where == THREAD:
        _send(session, clock, esc, key, None, CareNotice.THREAD_THANKS, params)
    else:
        _send(session, clock, esc, key, esc.raiser_id, CareNotice.THANKS, params)


def _send(
    session: Session,
    clock: Clock,
    esc: Escalation,
    key: str,
    user_id: str | None,
    notice: CareNotice,
    params: dict[str, Any],
) -> None:
    enqueue(
        session,
        clock=clock,
        key=key,
        kind=CareKind.DM if user_id else CareKind.THREAD,
        target=user_id,
        escalation_id=esc.id,
        payload={"notice": notice, "params": params},
    )


def review_of(params: dict[str, Any]) -> Review:
    data = dict(params.get("review") or {})
    return Review(
        author=str(data.get("author") or ""),
        **{name: str(data.get(name) or "") for name in REVIEW_FIELDS},
        who=tuple(str(u) for u in data.get("who") or []),
    )
