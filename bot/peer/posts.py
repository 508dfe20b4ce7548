"""Anonymous posts: create, let the author opt in to reply notices or delete, and take them down.

Services take a session the edge owns (they never commit), a clock and the `Anon` keys. Text is
kept as the person wrote it, only in the outbox row that posts it, and erased once it is posted.
"""

from __future__ import annotations

import json
import random
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.clock import Clock
from bot.errors import Conflict, InvalidInput, NotAllowed, NotFound
from bot.outbox import enqueue
from bot.peer.anon import Anon
from bot.peer.limits import check_not_paused, mute_key, take_rate_slot
from bot.peer.model import (
    DELAY_MAX,
    DELAY_MIN,
    MAX_TEXT,
    Draft,
    PeerSend,
    PostKind,
    PostState,
    Receipt,
    RelayMode,
    Target,
)
from bot.peer.moderation import author_removed
from bot.peer.takedown import LIVE, delete_message, take_down
from storage.models import ScheduledSend, VentPost, VentRelay, VentReply


@dataclass(frozen=True)
class Author:
    """Who is acting, known only for the length of one request (never stored in clear)."""

    user_id: str
    locale: str


def new_public_id() -> str:
    return secrets.token_urlsafe(12)


def thread_tag(anon: Anon, post_public_id: str, user_id: str) -> str:
    """A person's tag in one thread: the post's author_tag when they wrote it, or their pseudonym's."""
    return anon.tag("thread", post_public_id, user_id)


def seal_mute(anon: Anon, user_id: str, public_id: str) -> str:
    return anon.seal(mute_key(anon, user_id), context=f"mute:{public_id}")


def seal_author(anon: Anon, author: Author, *, context: str) -> str:
    return anon.seal(json.dumps({"u": author.user_id, "l": author.locale}), context=context)


def random_delay(rng: random.Random) -> timedelta:
    return timedelta(seconds=rng.uniform(DELAY_MIN.total_seconds(), DELAY_MAX.total_seconds()))


def check_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise InvalidInput("error.vent_empty")
    if len(text) > MAX_TEXT:
        raise InvalidInput("error.vent_too_long", length=len(text), limit=MAX_TEXT)
    return text


def create_vent(
    session: Session,
    *,
    clock: Clock,
    anon: Anon,
    author: Author,
    draft: Draft,
    rate_limit: int,
    relay_days: int,
    rng: random.Random,
) -> Receipt:
    """Store an anonymous post and enqueue it (now, or at a random moment soon)."""
    text = check_text(draft.text)
    now = clock.now()
    check_not_paused(session, anon=anon, now=now, user_id=author.user_id)
    take_rate_slot(session, anon=anon, now=now, scope="post", user_id=author.user_id, limit=rate_limit)
    post = new_post(session, anon=anon, kind=PostKind.VENT, author=author, mutable=True)
    due = now + random_delay(rng) if draft.delay else now
    if draft.notify:
        add_relay(
            session,
            anon=anon,
            post=post,
            author=author,
            mode=RelayMode.LINK,
            until=due + timedelta(days=relay_days),
        )
    enqueue_post(session, clock=clock, post=post, due_at=due, text=text)
    return Receipt(public_id=post.public_id, due_at=due, delayed=draft.delay, notify=draft.notify)


def new_post(
    session: Session,
    *,
    anon: Anon,
    kind: PostKind,
    author: Author | None,
    mutable: bool,
    request_tag: str | None = None,
) -> VentPost:
    public_id = new_public_id()
    post = VentPost(
        public_id=public_id,
        kind=kind.value,
        state=PostState.PENDING.value,
        author_tag=thread_tag(anon, public_id, author.user_id) if author else None,
        mute_seal=seal_mute(anon, author.user_id, public_id) if author and mutable else None,
        request_tag=request_tag,
        pseudonyms=0,
    )
    session.add(post)
    session.flush()
    return post


def enqueue_post(
    session: Session,
    *,
    clock: Clock,
    post: VentPost,
    due_at: datetime,
    text: str | None = None,
    key: str | None = None,
) -> None:
    key = key or f"vent:{post.public_id}:post"
    payload = {"post": post.public_id} | ({"text": text} if text is not None else {})
    enqueue(session, clock=clock, key=key, kind=PeerSend.POST, payload=payload, due_at=due_at)
    if due_at > clock.now():
        # The row's creation time would say when the author pressed the button: record the due time.
        session.execute(update(ScheduledSend).where(ScheduledSend.key == key).values(created_at=due_at))


def add_relay(
    session: Session, *, anon: Anon, post: VentPost, author: Author, mode: RelayMode, until: datetime
) -> None:
    sealed = seal_author(anon, author, context=f"relay:{post.public_id}")
    session.add(VentRelay(post_id=post.id, sealed_target=sealed, mode=mode.value, expires_at=until))


def get_post(session: Session, public_id: str, *, for_update: bool = False) -> VentPost:
    stmt = select(VentPost).where(VentPost.public_id == public_id)
    post = session.scalar(stmt.with_for_update() if for_update else stmt)
    if post is None:
        raise NotFound("error.vent_not_found")
    return post


def check_author(anon: Anon, post: VentPost, user_id: str) -> None:
    if not anon.matches(post.author_tag, "thread", post.public_id, user_id):
        raise NotAllowed("error.vent_not_author")


def opt_in_relay(
    session: Session, *, clock: Clock, anon: Anon, public_id: str, author: Author, relay_days: int
) -> datetime:
    """The author asks to hear about replies; returns until when."""
    post = get_post(session, public_id)
    check_author(anon, post, author.user_id)
    if post.state not in LIVE:
        raise Conflict("error.vent_gone")
    existing = session.get(VentRelay, post.id)
    if existing is not None:
        return existing.expires_at
    until = (post.posted_at or clock.now()) + timedelta(days=relay_days)
    add_relay(session, anon=anon, post=post, author=author, mode=RelayMode.LINK, until=until)
    return until


def delete_own(session: Session, *, clock: Clock, anon: Anon, public_id: str, user_id: str) -> None:
    """The author takes their post down, with its anonymous replies."""
    post = get_post(session, public_id, for_update=True)
    check_author(anon, post, user_id)
    if post.state not in LIVE:
        raise Conflict("error.vent_gone")
    take_down(session, clock=clock, post=post, reply=None, state=PostState.DELETED)
    author_removed(session, clock=clock, post_id=post.id, reply_id=None)


def find_target(session: Session, public_id: str) -> Target:
    """A post or reply by its public id."""
    post = session.scalar(select(VentPost).where(VentPost.public_id == public_id))
    if post is not None:
        return _target(post, None)
    reply = session.scalar(select(VentReply).where(VentReply.public_id == public_id))
    if reply is None:
        raise NotFound("error.vent_not_found")
    return _target(session.get_one(VentPost, reply.post_id), reply)


def find_target_by_message(session: Session, *, channel: str, ts: str) -> Target:
    """The anonymous post or reply that is this Slack message; NotFound for anything else."""
    post = session.scalar(select(VentPost).where(VentPost.channel_id == channel, VentPost.ts == ts))
    if post is not None and post.kind != PostKind.WEEKLY:
        return _target(post, None)
    found = session.execute(
        select(VentReply, VentPost)
        .join(VentPost, VentReply.post_id == VentPost.id)
        .where(VentPost.channel_id == channel, VentReply.ts == ts)
    ).first()
    if found is None:
        raise NotFound("error.vent_not_anonymous")
    return _target(found[1], found[0])


def _target(post: VentPost, reply: VentReply | None) -> Target:
    return Target(
        post_id=post.id,
        post_public_id=post.public_id,
        reply_id=reply.id if reply else None,
        public_id=reply.public_id if reply else post.public_id,
        state=reply.state if reply else post.state,
        link=post.link,
    )


def post_sent(
    session: Session, *, clock: Clock, public_id: str, channel: str, ts: str, link: str | None
) -> None:
    """The post is in Slack. If it was taken down meanwhile, it comes straight back out."""
    post = session.scalar(select(VentPost).where(VentPost.public_id == public_id))
    if post is None:
        return
    post.channel_id, post.ts, post.link, post.posted_at = channel, ts, link, clock.now()
    if post.state == PostState.PENDING:
        post.state = PostState.POSTED.value
    else:
        delete_message(session, clock=clock, channel=channel, ts=ts)
