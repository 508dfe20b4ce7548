"""The one `message` listener (Bolt runs only the first listener that matches an event): messages in
PEER_CHANNEL go to peer support, everything else to escalations."""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import App

from handlers.edge import Deps, Req, listener
from handlers.escalate import events as escalation_events

MessageHandler = Callable[[Req], None]


def register(app: App, deps: Deps, *, peer: MessageHandler | None) -> None:
    def handle_message(req: Req) -> None:
        channel = (req.body.get("event") or {}).get("channel")
        if peer is not None and channel == deps.settings.peer_channel:
            peer(req)
        else:
            escalation_events.handle_message(req)

    app.event("message")(listener(deps, handle_message))
