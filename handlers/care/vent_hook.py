"""A check-in's "Post anonymously": the `/vent` form, opened at once with the click's trigger.

Nothing about the click is stored: the form is the peer-support feature's own, and what the person
writes there is as anonymous as any `/vent`. Without `PEER_CHANNEL` they get a polite note instead.
"""

from __future__ import annotations

from handlers.edge import Req
from handlers.vent.commands import open_vent_modal


def open_vent(req: Req) -> None:
    if not open_vent_modal(req):
        req.reply(req.t("care.vent.unavailable"))
