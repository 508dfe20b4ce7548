"""Replies people write in PEER_CHANNEL threads under their own names: tell the post's author, if
they asked to hear. Stored as a sealed job before the ack; the job stores only the sealed notice."""

from __future__ import annotations

from bot.peer import relay
from handlers.edge import Req
from handlers.vent.kit import PeerKit, sealed
from handlers.vent.text import plain_from_slash

# Message subtypes that are still a person writing in the thread.
PERSON_SUBTYPES = {None, "thread_broadcast", "file_share"}


def on_message(req: Req, kit: PeerKit) -> None:
    event = req.body.get("event") or {}
    thread_ts, ts, user_id = event.get("thread_ts"), event.get("ts"), event.get("user")
    person = not event.get("bot_id") and event.get("subtype") in PERSON_SUBTYPES and user_id
    if person and thread_ts and thread_ts != ts:
        req.later(person_replied)
    else:
        req.ack()


@sealed("vent.person_replied")
def person_replied(req: Req, kit: PeerKit) -> None:
    event = req.body.get("event") or {}
    thread_ts, ts, user_id = event.get("thread_ts"), event.get("ts"), event.get("user")
    with req.deps.sessions.begin() as session:
        req.once(session)
        told = relay.on_person_reply(
            session,
            clock=req.deps.clock,
            anon=kit.anon,
            channel=str(event.get("channel") or ""),
            thread_ts=str(thread_ts),
            ts=str(ts),
            user_id=str(user_id),
            text=plain_from_slash(str(event.get("text") or "")),
        )
    if told:
        req.deps.jobs.kick()
