"""Moderators' buttons on a report notice: hide, pause the author, leave it up."""

from __future__ import annotations

from datetime import timedelta

from bot.errors import Conflict, InvalidInput
from bot.peer import moderation
from handlers.edge import Req, metadata_of, view_values
from handlers.ids import Block as B
from handlers.vent.kit import PeerKit, action_value, field_error, sealed
from handlers.vent.modals import build_mute_modal


def _report_id(req: Req) -> int:
    value = action_value(req)
    if not value.isdigit():
        raise InvalidInput("error.invalid_input")
    return int(value)


def handle_hide(req: Req, kit: PeerKit) -> None:
    req.later(hide)


@sealed("vent.hide")
def hide(req: Req, kit: PeerKit) -> None:
    with req.deps.sessions.begin() as session:
        req.once(session)
        moderation.hide(
            session,
            clock=req.deps.clock,
            report_id=_report_id(req),
            moderator=req.user_id,
            moderators=kit.moderators.members(),
        )
    req.deps.jobs.kick()


def handle_keep(req: Req, kit: PeerKit) -> None:
    req.later(keep)


@sealed("vent.keep")
def keep(req: Req, kit: PeerKit) -> None:
    with req.deps.sessions.begin() as session:
        req.once(session)
        moderation.keep(
            session,
            clock=req.deps.clock,
            report_id=_report_id(req),
            moderator=req.user_id,
            moderators=kit.moderators.members(),
        )
    req.deps.jobs.kick()


def handle_mute_button(req: Req, kit: PeerKit) -> None:
    """Ask how long to pause the author for; only moderators get the form."""
    req.ack()
    report_id = _report_id(req)
    moderation.check_moderator(req.user_id, kit.moderators.members())
    with req.deps.sessions() as session:
        if not moderation.view(session, report_id).can_pause:
            raise Conflict("error.vent_cannot_pause")
    req.client.views_open(
        trigger_id=req.trigger_id, view=build_mute_modal(locale=req.locale, report_id=report_id)
    )


def _mute_choice(req: Req) -> tuple[str, object]:
    days = str(
        ((view_values(req.body).get(B.MUTE_FOR) or {}).get("selected_option") or {}).get("value") or ""
    )
    return days, metadata_of(req.body).get("report")


def handle_mute_submitted(req: Req, kit: PeerKit) -> None:
    days, report_id = _mute_choice(req)
    if not days.isdigit() or not isinstance(report_id, int):
        field_error(req, B.MUTE_FOR, InvalidInput("error.invalid_input"))
        return
    req.later(mute)


@sealed("vent.mute")
def mute(req: Req, kit: PeerKit) -> None:
    days, report_id = _mute_choice(req)
    if not days.isdigit() or not isinstance(report_id, int):
        raise InvalidInput("error.invalid_input")
    with req.deps.sessions.begin() as session:
        req.once(session)
        moderation.mute(
            session,
            clock=req.deps.clock,
            anon=kit.anon,
            report_id=report_id,
            moderator=req.user_id,
            moderators=kit.moderators.members(),
            duration=timedelta(days=int(days)),
        )
    req.deps.jobs.kick()


def handle_open_link(req: Req, kit: PeerKit) -> None:
    req.ack()  # a link button: Slack opens the URL, we only need to answer
