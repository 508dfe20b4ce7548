"""Reports and what moderators do about them: hide, pause the author, or leave it up.

Moderators act on a report, never on a person: pausing an author opens the sealed mute key on the
reported message and spends it on day tokens, so nobody sees who the author is. Reporters are not
named to moderators either; a keyed token only stops one person reporting one message twice.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clock import Clock
from bot.errors import Conflict, NotAllowed, NotFound
from bot.outbox import enqueue
from bot.peer.anon import Anon, SealBroken
from bot.peer.limits import claim, pause
from bot.peer.model import MAX_REASON, REPORT_MEMORY, PeerSend, PostState, ReportView, Target
from bot.peer.takedown import LIVE, take_down
from storage.models import VentPost, VentReply, VentReport

MAX_REASONS_KEPT = 5


def report(session: Session, *, clock: Clock, anon: Anon, target: Target, user_id: str, reason: str) -> bool:
    """Record a report; the first one notifies the moderators, later ones update their notices."""
    if target.state != PostState.POSTED:
        raise Conflict("error.vent_gone")
    now = clock.now()
    if not claim(session, anon.tag("report", target.public_id, user_id), now + REPORT_MEMORY):
        raise Conflict("error.vent_already_reported")
    reason = reason.strip()[:MAX_REASON]
    row = session.scalar(select(VentReport).where(VentReport.target == target.public_id).with_for_update())
    if row is None:
        row = VentReport(
            target=target.public_id,
            post_id=target.post_id,
            reply_id=target.reply_id,
            reports=1,
            reasons={"items": [reason] if reason else []},
            created_at=now,
            removed=False,
            version=1,
        )
        session.add(row)
        session.flush()
        enqueue(
            session,
            clock=clock,
            key=f"vent:report:{row.id}",
            kind=PeerSend.REPORT,
            payload={"report": row.id},
        )
        return True
    row.reports += 1
    if reason:
        row.reasons = {"items": [*row.reasons.get("items", []), reason][-MAX_REASONS_KEPT:]}
    _changed(session, clock, row)
    return False


def check_moderator(user_id: str, moderators: Collection[str]) -> None:
    if user_id not in moderators:
        raise NotAllowed("error.vent_moderators_only")


def hide(
    session: Session, *, clock: Clock, report_id: int, moderator: str, moderators: Collection[str]
) -> None:
    """Delete the reported message (a post with its anonymous replies, or one reply)."""
    check_moderator(moderator, moderators)
    row = _report(session, report_id)
    post, item = _messages(session, row)
    if row.hidden_by:
        raise Conflict("error.vent_already_hidden")
    if (item or post).state not in LIVE:
        raise Conflict("error.vent_gone")
    take_down(session, clock=clock, post=post, reply=item, state=PostState.HIDDEN)
    row.hidden_by, row.hidden_at = moderator, clock.now()
    _changed(session, clock, row)


def mute(
    session: Session,
    *,
    clock: Clock,
    anon: Anon,
    report_id: int,
    moderator: str,
    moderators: Collection[str],
    duration: timedelta,
) -> datetime:
    """Pause the reported message's author from anonymous posting for `duration`; returns until when."""
    check_moderator(moderator, moderators)
    row = _report(session, report_id)
    post, item = _messages(session, row)
    sealed, public_id = (item.mute_seal, item.public_id) if item else (post.mute_seal, post.public_id)
    if sealed is None:
        raise Conflict("error.vent_cannot_pause")
    try:
        mute_id = anon.unseal(sealed, context=f"mute:{public_id}")
    except SealBroken:
        raise Conflict("error.vent_key_changed") from None
    now = clock.now()
    until = max(now + duration, row.muted_until or now)
    pause(session, anon=anon, now=now, mute_id=mute_id, until=until)
    row.muted_by, row.muted_until = moderator, until
    _changed(session, clock, row)
    return until


def keep(
    session: Session, *, clock: Clock, report_id: int, moderator: str, moderators: Collection[str]
) -> None:
    """A moderator looked and leaves the message up."""
    check_moderator(moderator, moderators)
    row = _report(session, report_id)
    row.kept_by = moderator
    _changed(session, clock, row)


def author_removed(session: Session, *, clock: Clock, post_id: int, reply_id: int | None) -> None:
    """The author deleted what was reported: the moderators' notices say so."""
    stmt = select(VentReport).where(VentReport.post_id == post_id)
    if reply_id is not None:
        stmt = stmt.where(VentReport.reply_id == reply_id)
    for row in session.scalars(stmt):
        if not row.hidden_by and not row.removed:
            row.removed = True
            _changed(session, clock, row)


def view(session: Session, report_id: int) -> ReportView:
    row = _report(session, report_id)
    post, item = _messages(session, row)
    return ReportView(
        report_id=row.id,
        target=row.target,
        is_reply=item is not None,
        link=post.link,
        reports=row.reports,
        reasons=tuple(row.reasons.get("items", [])),
        hidden_by=row.hidden_by,
        muted_by=row.muted_by,
        muted_until=row.muted_until,
        kept_by=row.kept_by,
        removed=row.removed,
        can_pause=(item.mute_seal if item else post.mute_seal) is not None,
    )


def _report(session: Session, report_id: int) -> VentReport:
    row = session.get(VentReport, report_id)
    if row is None:
        raise NotFound("error.vent_not_found")
    return row


def _messages(session: Session, row: VentReport) -> tuple[VentPost, VentReply | None]:
    post = session.get_one(VentPost, row.post_id)
    item = session.get(VentReply, row.reply_id) if row.reply_id is not None else None
    return post, item


def _changed(session: Session, clock: Clock, row: VentReport) -> None:
    row.version += 1
    enqueue(
        session,
        clock=clock,
        key=f"vent:report:{row.id}:v{row.version}",
        kind=PeerSend.MOD_UPDATE,
        payload={"report": row.id},
    )
