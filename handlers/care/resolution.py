"""After resolution: the blameless review and the owner's thanks; and, in a confidential escalation's
space, the raiser's "check on me after a meeting"."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bot.care import review
from bot.care.checkins import answers
from bot.errors import InvalidInput, NotAllowed
from bot.escalations import service
from bot.escalations.service import Actor
from handlers.blockkit import escape
from handlers.care.blocks import build_meeting_saved
from handlers.care.review_blocks import (
    REVIEW_BLOCKS,
    build_meeting_modal,
    build_review_modal,
    build_thanks_modal,
)
from handlers.edge import Req, later, metadata_of, view_values
from handlers.ids import Block as B


def _actor(req: Req) -> Actor:
    return Actor(req.user_id, is_admin=req.is_admin())


def _button_escalation(req: Req) -> int:
    value = str(((req.body.get("actions") or [{}])[0]).get("value") or "")
    if not value.isdigit():
        raise InvalidInput("error.invalid_input")
    return int(value)


def _submitted_escalation(req: Req) -> int:
    value = metadata_of(req.body).get("escalation_id")
    if not isinstance(value, int):
        raise InvalidInput("error.invalid_input")
    return value


def _errors(req: Req, block_id: str, key: str, **params: Any) -> None:
    req.ack(response_action="errors", errors={block_id: req.t(key, **params)})


# --- the review --------------------------------------------------------------------------------------


def handle_review_open(req: Req) -> None:
    req.ack()
    with req.deps.reads() as session:
        esc = service.get_by_id(session, _button_escalation(req))
        review.check_reviewer(esc, _actor(req))
        esc_id, number = esc.id, esc.number
    view = build_review_modal(locale=req.locale, escalation_id=esc_id, number=number)
    req.client.views_open(trigger_id=req.trigger_id, view=view)


def _review(req: Req) -> tuple[review.Review, set[str]]:
    values = view_values(req.body)
    text = {
        name: escape(str((values.get(block) or {}).get("value") or ""))
        for name, block in REVIEW_BLOCKS.items()
    }
    who = tuple(str(u) for u in (values.get(B.REVIEW_WHO) or {}).get("selected_users") or [])
    shared = {str(o.get("value")) for o in (values.get(B.REVIEW_SHARE) or {}).get("selected_options") or []}
    return review.Review(author=req.user_id, who=who, **text), shared


def handle_review_submitted(req: Req) -> None:
    written, _ = _review(req)
    if written.is_empty():
        _errors(req, B.REVIEW_CLIENT, "error.review_empty")
        return
    req.later(save_review)


@later("care.save_review")
def save_review(req: Req) -> None:
    written, shared = _review(req)
    with req.deps.sessions.begin() as session:
        req.once(session)
        esc = service.get_by_id(session, _submitted_escalation(req))
        withheld = review.record(
            session,
            clock=req.deps.clock,
            esc=esc,
            actor=_actor(req),
            review=written,
            to_thread="thread" in shared,
            to_people="people" in shared,
        )
        number = esc.number
    req.deps.jobs.kick()
    text = req.t("care.review.saved", number=number)
    if withheld:
        text += "\n" + req.t("care.review.not_sent", users=", ".join(f"<@{u}>" for u in withheld))
    req.reply(text)


# --- thanks ------------------------------------------------------------------------------------------


def handle_thank_open(req: Req) -> None:
    req.ack()
    with req.deps.reads() as session:
        esc = service.get_by_id(session, _button_escalation(req))
        if req.user_id != esc.owner_id:
            raise NotAllowed("error.thanks_owner_only", number=esc.number)
        esc_id, number, raiser, confidential = esc.id, esc.number, esc.raiser_id, esc.confidential
    view = build_thanks_modal(
        locale=req.locale,
        escalation_id=esc_id,
        number=number,
        raiser=raiser,
        line=req.t("care.thank.line", number=number),
        # Thanks in the thread lets everyone who saw the problem see who carried it; a confidential
        # escalation's space is small and private, so a DM is the quieter default there.
        where=review.DM if confidential else review.THREAD,
    )
    req.client.views_open(trigger_id=req.trigger_id, view=view)


def _thanks(req: Req) -> tuple[str, str]:
    values = view_values(req.body)
    text = str((values.get(B.THANKS_TEXT) or {}).get("value") or "")
    where = str(
        ((values.get(B.THANKS_WHERE) or {}).get("selected_option") or {}).get("value") or review.THREAD
    )
    return escape(text), where


def handle_thanks_submitted(req: Req) -> None:
    text, _ = _thanks(req)
    if not text.strip():
        _errors(req, B.THANKS_TEXT, "error.thanks_empty")
        return
    req.later(send_thanks)


@later("care.send_thanks")
def send_thanks(req: Req) -> None:
    text, where = _thanks(req)
    with req.deps.sessions.begin() as session:
        req.once(session)
        esc = service.get_by_id(session, _submitted_escalation(req))
        review.thank(session, clock=req.deps.clock, esc=esc, actor=_actor(req), text=text, where=where)
    req.deps.jobs.kick()
    req.reply(req.t("care.thank.sent"))


# --- a check-in after a meeting (confidential escalations) ---------------------------------------------


def handle_meeting_open(req: Req) -> None:
    req.ack()
    with req.deps.reads() as session:
        esc = service.get_by_id(session, _button_escalation(req))
        if req.user_id != esc.raiser_id:
            raise NotAllowed("error.meeting_raiser_only", number=esc.number)
        esc_id, number = esc.id, esc.number
    req.client.views_open(
        trigger_id=req.trigger_id,
        view=build_meeting_modal(locale=req.locale, escalation_id=esc_id, number=number),
    )


def _meeting_at(req: Req) -> datetime | None:
    raw = (view_values(req.body).get(B.MEETING_AT) or {}).get("selected_date_time")
    return datetime.fromtimestamp(int(raw), UTC) if raw else None


def handle_meeting_submitted(req: Req) -> None:
    at, now = _meeting_at(req), req.deps.clock.now()
    if at is None or at <= now or at > now + answers.MEETING_HORIZON:
        _errors(req, B.MEETING_AT, "error.meeting_time")
        return
    req.later(plan_meeting)


@later("care.plan_meeting")
def plan_meeting(req: Req) -> None:
    at = _meeting_at(req)
    if at is None:
        raise InvalidInput("error.meeting_time")
    with req.deps.sessions.begin() as session:
        req.once(session)
        esc = service.get_by_id(session, _submitted_escalation(req))
        answers.plan_meeting(session, clock=req.deps.clock, esc=esc, user_id=req.user_id, at=at)
    req.deps.jobs.kick()
    req.reply(build_meeting_saved(at, locale=req.locale))
