"""Replies in an escalation's thread: any reply is activity; the owner's counts as acknowledgement."""

from __future__ import annotations

from bot.escalations import service
from handlers.edge import Req, later

# Message subtypes that are still a person writing in the thread.
PERSON_SUBTYPES = {None, "thread_broadcast", "file_share"}


def handle_message(req: Req) -> None:
    """A message event: only a person's reply in some thread can matter; Slack's retries of the same
    event share its job key, so they take effect once."""
    event = req.body.get("event") or {}
    thread_ts = event.get("thread_ts")
    person = not event.get("bot_id") and event.get("subtype") in PERSON_SUBTYPES and event.get("user")
    if person and thread_ts and thread_ts != event.get("ts"):
        req.later(thread_reply)
    else:
        req.ack()


@later("escalate.thread_reply")
def thread_reply(req: Req) -> None:
    event = req.body.get("event") or {}
    thread_ts, user_id = str(event.get("thread_ts")), str(event.get("user"))
    acknowledged = False
    with req.deps.sessions.begin() as session:
        req.once(session)
        esc = service.find_by_thread(session, channel_id=str(event.get("channel")), thread_ts=thread_ts)
        if esc is None:
            return
        acknowledged = service.record_reply(
            session,
            clock=req.deps.clock,
            esc=esc,
            user_id=str(user_id),
            text_len=len(str(event.get("text") or "")),
        )
    if acknowledged:
        req.deps.jobs.kick()
