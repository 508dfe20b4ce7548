"""The Slack edge: listeners (thin), Block Kit builders (pure), and delivery of the outbox."""

from __future__ import annotations

from slack_bolt import App

from handlers import care, escalate, home, messages, vent
from handlers.edge import Deps


def register_all(app: App, deps: Deps) -> None:
    escalate.register(app, deps)
    peer = None
    if deps.settings.peer_enabled:
        peer = vent.register(app, deps)
    else:
        vent.register_off(app, deps)
    messages.register(app, deps, peer=peer)
    care.register(app, deps)
    home.register(app, deps)
