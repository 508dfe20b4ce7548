"""Anonymous replies in a post's thread, under a pseudonym that is stable in that thread only."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clock import Clock
from bot.errors import Conflict, NotAllowed, NotFound
from bot.outbox import enqueue
from bot.peer import relay
from bot.peer.anon import Anon
from bot.peer.limits import check_not_paused, take_rate_slot
from bot.peer.model import REPLY_ALLOWANCE, PeerSend, PostState, ReplyReceipt
from bot.peer.moderation import author_removed
from bot.peer.posts import Author, check_text, get_post, new_public_id, seal_mute, thread_tag
from bot.peer.takedown import LIVE, take_down
from storage.models import VentPost, VentPseudonym, VentReply

OP = 0


def check_open(post: VentPost) -> None:
    """Replies go only to a post that is in Slack and still up."""
    if post.state in (PostState.HIDDEN, PostState.DELETED):
        raise Conflict("error.vent_post_gone")
    if post.state != PostState.POSTED:
        raise Conflict("error.vent_not_posted_yet")


def reply(
    session: Session,
    *,
    clock: Clock,
    anon: Anon,
    post_public_id: str,
    author: Author,
    text: str,
    rate_limit: int,
) -> ReplyReceipt:
    """Store an anonymous reply and enqueue it; the post's author hears about it if they asked to."""
    text = check_text(text)
    now = clock.now()
    post = get_post(session, post_public_id, for_update=True)
    check_open(post)
    check_not_paused(session, anon=anon, now=now, user_id=author.user_id)
    take_rate_slot(
        session, anon=anon, now=now, scope="reply", user_id=author.user_id, limit=rate_limit * REPLY_ALLOWANCE
    )
    number = pseudonym(session, anon=anon, post=post, user_id=author.user_id)
    item = VentReply(
        public_id=new_public_id(),
        post_id=post.id,
        number=number,
        state=PostState.PENDING.value,
        mute_seal=None,
    )
    item.mute_seal = seal_mute(anon, author.user_id, item.public_id)
    session.add(item)
    session.flush()
    key = f"vent:{post.public_id}:reply:{item.public_id}"
    payload = {"post": post.public_id, "reply": item.public_id, "number": number, "text": text}
    enqueue(session, clock=clock, key=key, kind=PeerSend.REPLY, payload=payload)
    if number != OP:
        relay.notify(
            session, clock=clock, anon=anon, post=post, event=item.public_id, text=text, who={"anon": number}
        )
    return ReplyReceipt(public_id=item.public_id, number=number)


def pseudonym(session: Session, *, anon: Anon, post: VentPost, user_id: str) -> int:
    """0 for the post's author; otherwise this person's number in this thread, given on first reply."""
    tag = thread_tag(anon, post.public_id, user_id)
    if post.author_tag is not None and anon.matches(post.author_tag, "thread", post.public_id, user_id):
        return OP
    existing = session.get(VentPseudonym, (post.id, tag))
    if existing is not None:
        return existing.number
    post.pseudonyms += 1  # the post row is locked (FOR UPDATE), so numbers never collide
    session.add(VentPseudonym(post_id=post.id, tag=tag, number=post.pseudonyms))
    return post.pseudonyms


def own_reply(session: Session, *, anon: Anon, public_id: str, user_id: str) -> tuple[VentPost, VentReply]:
    """The reply and its post, if this person wrote the reply (checked through their thread tag)."""
    item = session.scalar(select(VentReply).where(VentReply.public_id == public_id))
    if item is None:
        raise NotFound("error.vent_not_found")
    post = session.get_one(VentPost, item.post_id)
    if item.number == OP:
        mine = anon.matches(post.author_tag, "thread", post.public_id, user_id)
    else:
        row = session.get(VentPseudonym, (post.id, thread_tag(anon, post.public_id, user_id)))
        mine = row is not None and row.number == item.number
    if not mine:
        raise NotAllowed("error.vent_not_reply_author")
    if item.state not in LIVE:
        raise Conflict("error.vent_gone")
    return post, item


def delete_own(session: Session, *, clock: Clock, anon: Anon, public_id: str, user_id: str) -> None:
    """The person who wrote an anonymous reply takes it down."""
    post, item = own_reply(session, anon=anon, public_id=public_id, user_id=user_id)
    take_down(session, clock=clock, post=post, reply=item, state=PostState.DELETED)
    author_removed(session, clock=clock, post_id=post.id, reply_id=item.id)


def reply_sent(session: Session, *, clock: Clock, public_id: str, ts: str) -> str | None:
    """The reply is in Slack; returns its channel if it was taken down meanwhile and must go again."""
    item = session.scalar(select(VentReply).where(VentReply.public_id == public_id))
    if item is None:
        return None
    item.ts, item.posted_at = ts, clock.now()
    if item.state == PostState.PENDING:
        item.state = PostState.POSTED.value
        return None
    return session.get_one(VentPost, item.post_id).channel_id
