""" "Ask colleagues for encouragement", offered to someone who has just raised an escalation."""

from __future__ import annotations

from bot.errors import InvalidInput
from bot.peer.threads import request_encouragement
from handlers.blockkit import channel
from handlers.edge import Req
from handlers.vent.kit import PeerKit, action_value, author, sealed


def handle_ask(req: Req, kit: PeerKit) -> None:
    req.later(ask)


@sealed("vent.ask_encouragement")
def ask(req: Req, kit: PeerKit) -> None:
    value = action_value(req)
    settings = req.deps.settings
    if not value.isdigit() or not settings.peer_channel:
        raise InvalidInput("error.invalid_input")
    with req.deps.sessions.begin() as session:
        req.once(session)
        asked = request_encouragement(
            session,
            clock=req.deps.clock,
            anon=kit.anon,
            escalation_id=int(value),
            author=author(req),
            relay_days=settings.vent_relay_days,
            rng=kit.rng,
        )
    req.deps.jobs.kick()
    key = "vent.encourage.already" if asked.already else "vent.encourage.asked"
    req.reply(req.t(key, channel=channel(settings.peer_channel)))
