"""Replies people write in PEER_CHANNEL threads under their own names: tell the post's author, if
they asked to hear. Runs right after the ack (never `req.later`), storing only the sealed notice."""

from __future__ import annotations

from bot.peer import relay
from handlers.edge import Req
from handlers.vent.kit import PeerKit
from handlers.vent.text import plain_from_slash

# Message subtypes that are still a person writing in the thread.
PERSON_SUBTYPES = {None, "thread_broadcast", "file_share"}


def on_message(req: Req, kit: PeerKit) -> None:
    event = req.body.get("event") or {}
    if event.get("bot_id") or event.get("subtype") not in PERSON_SUBTYPES:
        return
    thread_ts, ts, user_id = event.get("thread_ts"), event.get("ts"), event.get("user")
    if not thread_ts or thread_ts == ts or not user_id:
        return
    with req.deps.sessions.begin() as session:
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
