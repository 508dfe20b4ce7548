"""What peer support gives the care features: old vents purged, and the week's workspace totals.

Both work on posts and replies alone; neither needs (or could find) who wrote anything.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.clock import Clock
from bot.peer.model import PostKind, PostState
from bot.peer.takedown import LIVE, take_down
from storage.models import VentPost, VentPseudonym, VentRelay, VentReply, VentReport

# How many old posts (and old replies) one housekeeping pass purges; the rest wait for the next pass.
PURGE_BATCH = 500
# What someone wrote or asked for; the weekly thread is the bot's own and stays (its old anonymous
# replies go, like every anonymous reply).
PURGED_KINDS = (PostKind.VENT.value, PostKind.ENCOURAGEMENT.value)


def purge_vents_before(session: Session, *, clock: Clock, before: datetime) -> int:
    """Take anonymous posts and encouragement requests made before `before` out of Slack (with their
    anonymous replies) and forget them: their rows, pseudonyms, relay links and reports; and old
    anonymous replies in threads that stay (the weekly thread). Returns how many posts went."""
    _purge_old_replies(session, clock=clock, before=before)
    posts = list(
        session.scalars(
            select(VentPost)
            .where(VentPost.kind.in_(PURGED_KINDS), VentPost.posted_at < before)
            .order_by(VentPost.id)
            .limit(PURGE_BATCH)
        )
    )
    for post in posts:
        if post.state in LIVE:
            # Enqueues chat.delete for the post and each live anonymous reply, cancels what waits.
            take_down(session, clock=clock, post=post, reply=None, state=PostState.DELETED)
    ids = [post.id for post in posts]
    if not ids:
        return 0
    for table in (VentReport, VentPseudonym, VentReply, VentRelay):
        session.execute(delete(table).where(table.post_id.in_(ids)))
    session.execute(delete(VentPost).where(VentPost.id.in_(ids)))
    return len(ids)


def _purge_old_replies(session: Session, *, clock: Clock, before: datetime) -> None:
    rows = session.execute(
        select(VentReply, VentPost)
        .join(VentPost, VentPost.id == VentReply.post_id)
        .where(VentPost.kind.not_in(PURGED_KINDS), VentReply.posted_at < before)
        .order_by(VentReply.id)
        .limit(PURGE_BATCH)
    ).all()
    for reply, post in rows:
        if reply.state in LIVE:
            take_down(session, clock=clock, post=post, reply=reply, state=PostState.DELETED)
    ids = [reply.id for reply, _post in rows]
    if ids:
        session.execute(delete(VentReport).where(VentReport.reply_id.in_(ids)))
        session.execute(delete(VentReply).where(VentReply.id.in_(ids)))


def peer_week_totals(session: Session, *, start: datetime, end: datetime) -> tuple[int, int]:
    """The workspace's anonymous posts, and anonymous replies (their authors' included), in `[start, end)`."""
    posts = session.scalar(
        select(func.count())
        .select_from(VentPost)
        .where(VentPost.kind == PostKind.VENT.value, VentPost.posted_at >= start, VentPost.posted_at < end)
    )
    replies = session.scalar(
        select(func.count())
        .select_from(VentReply)
        .where(VentReply.posted_at >= start, VentReply.posted_at < end)
    )
    return int(posts or 0), int(replies or 0)
