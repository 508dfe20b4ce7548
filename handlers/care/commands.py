"""`/escalate digest on|off`: a manager's weekly digest of the escalations below them."""

from __future__ import annotations

from bot.care import digest
from bot.care.housekeeping import DigestPlanner
from bot.errors import InvalidInput
from bot.i18n.days import describe_weekly
from handlers.edge import Deps, Req


def planner(deps: Deps) -> DigestPlanner:
    return DigestPlanner(
        sessions=deps.sessions,
        reads=deps.reads,
        clock=deps.clock,
        availability=deps.availability,
        settings=deps.settings,
    )


def handle_digest(req: Req, text: str) -> None:
    words = text.lower().split()
    if words == ["digest"]:
        with req.deps.reads() as session:
            on = digest.still_wanted(session, req.user_id)
        req.reply(_state(req, on))
    elif words in (["digest", "on"], ["digest", "off"]):
        save_digest(req)
    else:
        raise InvalidInput("error.digest_format")


def save_digest(req: Req) -> None:
    on = str(req.body.get("text") or "").lower().split()[-1] == "on"
    switch_digest(req, on)
    req.reply(_state(req, on))


def switch_digest(req: Req, on: bool) -> None:
    """Opt in (and queue the next digest) or out (and cancel the one waiting)."""
    with req.deps.sessions.begin() as session:
        req.once(session)
        digest.set_opt_in(session, clock=req.deps.clock, manager=req.user_id, on=on)
    if on:
        planner(req.deps).plan_for([req.user_id])


def _state(req: Req, on: bool) -> str:
    if not on:
        return req.t("care.digest.off")
    return req.t("care.digest.on", when=describe_weekly(req.locale, req.deps.settings.digest_schedule))
