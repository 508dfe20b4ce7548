"""Taking anonymous messages down: cancel what still waits to be sent, delete what is in Slack."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.clock import Clock
from bot.outbox import CANCELLED, PENDING, enqueue
from bot.peer.model import PeerSend, PostState
from storage.models import ScheduledSend, VentPost, VentRelay, VentReply

LIVE = (PostState.PENDING.value, PostState.POSTED.value)


def take_down(
    session: Session, *, clock: Clock, post: VentPost, reply: VentReply | None, state: PostState
) -> None:
    """Remove a post (with its anonymous replies) or one reply: cancel what waits, delete what is posted."""
    replies = (
        [reply]
        if reply is not None
        else list(session.scalars(select(VentReply).where(VentReply.post_id == post.id)))
    )
    prefix = f"vent:{post.public_id}:reply:{reply.public_id}" if reply else f"vent:{post.public_id}:"
    _cancel_waiting(session, prefix)
    messages = [(post.channel_id, post.ts)] if reply is None else []
    messages += [(post.channel_id, r.ts) for r in replies if r.state in LIVE]
    for item in replies:
        if item.state in LIVE:
            item.state = state.value
    if reply is None:
        post.state = state.value
        relay = session.get(VentRelay, post.id)
        if relay is not None:
            session.delete(relay)
    for channel, ts in messages:
        if channel and ts:
            delete_message(session, clock=clock, channel=channel, ts=ts)


def delete_message(session: Session, *, clock: Clock, channel: str, ts: str) -> None:
    enqueue(
        session,
        clock=clock,
        key=f"vent:delete:{channel}:{ts}",
        kind=PeerSend.DELETE,
        payload={"channel": channel, "ts": ts},
    )


def _cancel_waiting(session: Session, prefix: str) -> None:
    session.execute(
        update(ScheduledSend)
        .where(ScheduledSend.key.startswith(prefix, autoescape=True), ScheduledSend.status == PENDING)
        .values(status=CANCELLED, payload={}, target=None)
    )
