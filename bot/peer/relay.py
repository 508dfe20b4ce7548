"""Telling an author, privately, that someone replied: through a sealed, expiring link.

The relay row holds the author sealed for that post. Each notice is its own outbox row whose
target is sealed again for that row alone (so two notices share no value), and erased once sent.
The DM itself names no post: no link, no timestamp, and Slack metadata that is a random mark.
"""

from __future__ import annotations

import json
import secrets
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.clock import Clock
from bot.outbox import enqueue
from bot.peer.anon import Anon, SealBroken
from bot.peer.model import RELAY_COALESCE, PeerSend, PostState, RelayMode
from storage.models import VentPost, VentRelay


def notify(
    session: Session,
    *,
    clock: Clock,
    anon: Anon,
    post: VentPost,
    event: str,
    text: str,
    who: dict[str, Any],
) -> bool:
    """Enqueue a notice to the post's author if they asked for one; False when nobody is told."""
    found = session.get(VentRelay, post.id)
    now = clock.now()
    if found is None or found.expires_at <= now or post.state != PostState.POSTED:
        return False
    try:
        author = anon.unseal(found.sealed_target, context=f"relay:{post.public_id}")
    except SealBroken:
        # Sealed under an earlier ANON_SECRET: the link cannot be opened again, so it is dropped.
        session.delete(found)
        return False
    if found.mode == RelayMode.LINK:
        # A nudge per quarter hour is enough: the thread holds every reply.
        window = int(now.timestamp() // RELAY_COALESCE.total_seconds())
        key = f"vent:{post.public_id}:relay:w{window}"
        payload: dict[str, Any] = {"post": post.public_id, "mode": "link", "mark": _mark()}
    else:
        key = f"vent:{post.public_id}:relay:{event}"
        payload = {"post": post.public_id, "mode": "text", "text": text, "who": who, "mark": _mark()}
    target = anon.seal(author, context=key)
    return enqueue(session, clock=clock, key=key, kind=PeerSend.RELAY, target=target, payload=payload)


def _mark() -> str:
    """What the DM carries in Slack to be found again after a lost answer: random, and erased from the
    row once sent, so the DM (which outlives the database) names no post."""
    return f"relay:{secrets.token_urlsafe(16)}"


def on_person_reply(
    session: Session,
    *,
    clock: Clock,
    anon: Anon,
    channel: str,
    thread_ts: str,
    ts: str,
    user_id: str,
    text: str,
) -> bool:
    """Someone replied in a thread under their own name; tell the post's author if they asked."""
    post = session.scalar(select(VentPost).where(VentPost.channel_id == channel, VentPost.ts == thread_ts))
    if post is None or anon.matches(post.author_tag, "thread", post.public_id, user_id):
        return False
    return notify(session, clock=clock, anon=anon, post=post, event=ts, text=text, who={"user": user_id})


def open_target(anon: Anon, sealed: str, *, key: str) -> tuple[str, str]:
    """The (user ID, locale) a notice goes to. Only the sender calls this, just before sending."""
    data = json.loads(anon.unseal(sealed, context=key))
    return str(data["u"]), str(data["l"])


def expire(session: Session, *, clock: Clock) -> int:
    """Erase relay links older than VENT_RELAY_DAYS."""
    result = session.execute(delete(VentRelay).where(VentRelay.expires_at <= clock.now()))
    return result.rowcount  # type: ignore[attr-defined,no-any-return]
