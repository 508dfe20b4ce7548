"""The buttons on a check-in: a mood, a kind of support, someone to talk to, later, or no more.

Each answer changes state in a durable job (`req.later`) and then replaces the check-in in place,
thanking the person. Nothing about the answer is sent anywhere else.
"""

from __future__ import annotations

import json

from bot.care import home, supporters
from bot.care.checkins import answers
from bot.errors import InvalidInput
from bot.escalations import service
from bot.people import LookupFailed
from handlers.blockkit import Message, user
from handlers.care.blocks import (
    MOOD_ACTIONS,
    SUPPORT_ACTIONS,
    build_mood_thanks,
    build_note,
    build_support_reply,
)
from handlers.care.vent_hook import open_vent
from handlers.edge import Req, later
from handlers.ids import Action

_MOODS = {action.value: mood for mood, action in MOOD_ACTIONS.items()}
_SUPPORT = {action.value: kind for kind, action in SUPPORT_ACTIONS.items()}


def _action(req: Req) -> dict[str, object]:
    return dict((req.body.get("actions") or [{}])[0])


def _escalation_id(req: Req) -> int:
    try:
        value = json.loads(str(_action(req).get("value") or ""))
        return int(value["e"])
    except (ValueError, KeyError, TypeError) as exc:
        raise InvalidInput("error.invalid_input") from exc


def _replace(req: Req, message: Message) -> None:
    """Update the check-in in place (only its recipient ever sees it)."""
    if req.respond is not None and req.body.get("response_url"):
        req.respond(text=message.text, blocks=message.blocks, replace_original=True)
    else:
        req.reply(message.text, message.blocks)


def handle_answer(req: Req) -> None:
    req.later(answer)


@later("care.answer")
def answer(req: Req) -> None:
    """A mood or a kind of support; both cancel the reminder, neither is shown to anyone else."""
    esc_id, action_id = _escalation_id(req), str(_action(req).get("action_id"))
    with req.deps.sessions.begin() as session:
        req.once(session)
        if action_id in _MOODS:
            mood = _MOODS[action_id]
            rough_after = req.deps.settings.checkin_plan.rough_after
            outcome = answers.record_mood(
                session,
                clock=req.deps.clock,
                escalation_id=esc_id,
                user_id=req.user_id,
                mood=mood,
                rough_after=rough_after,
            )
        else:
            kind = _SUPPORT[action_id]
            answers.choose_support(session, escalation_id=esc_id, user_id=req.user_id, kind=kind)
    req.deps.jobs.kick()
    if action_id in _MOODS:
        _replace(req, build_mood_thanks(outcome, mood, esc_id, locale=req.locale))
    else:
        has_desk = bool(req.deps.settings.consultation_desk)
        _replace(req, build_support_reply(kind, esc_id, locale=req.locale, has_desk=has_desk))


def handle_later_or_stop(req: Req) -> None:
    req.later(later_or_stop)


@later("care.later_or_stop")
def later_or_stop(req: Req) -> None:
    """Ask me tomorrow, no more about this escalation, or no more check-ins at all."""
    esc_id, action_id = _escalation_id(req), str(_action(req).get("action_id"))
    clock = req.deps.clock
    with req.deps.sessions.begin() as session:
        req.once(session)
        number = service.get_by_id(session, esc_id).number
        if action_id == Action.CARE_SNOOZE:
            answers.snooze(session, clock=clock, escalation_id=esc_id, user_id=req.user_id)
            text = req.t("care.snoozed")
        elif action_id == Action.CARE_STOP:
            answers.stop_for_escalation(session, escalation_id=esc_id, user_id=req.user_id)
            text = req.t("care.stopped", number=number)
        else:
            answers.set_enabled(session, clock=clock, user_id=req.user_id, on=False)
            home.refresh(session, clock=clock, users=[req.user_id])
            text = req.t("care.stopped_all")
    req.deps.jobs.kick()
    _replace(req, build_note(text))


def handle_connect(req: Req) -> None:
    req.later(connect)


@later("care.connect")
def connect(req: Req) -> None:
    """Open a group DM with a peer supporter or the consultation desk, because the person asked."""
    esc_id, action_id = _escalation_id(req), str(_action(req).get("action_id"))
    if action_id == Action.CARE_DESK:
        desk = list(req.deps.settings.consultation_desk)
        _connect(req, desk, supporters.DESK)
        text = (
            req.t("care.desk.connected", desk=", ".join(user(u) for u in desk))
            if desk
            else req.t("care.desk.none")
        )
    else:
        chosen = _choose_supporter(req, esc_id)
        if chosen is not None:
            _connect(req, [chosen], supporters.PEER)
        text = req.t("care.peer.connected", supporter=user(chosen)) if chosen else req.t("care.peer.none")
    req.deps.jobs.kick()
    _replace(req, build_note(text))


def _choose_supporter(req: Req, escalation_id: int) -> str | None:
    with req.deps.reads() as session:
        found = supporters.candidates(session, person=req.user_id, escalation_id=escalation_id)
    return supporters.choose(
        found,
        available=lambda u: _reachable(req, u),
        prefer=lambda u: req.deps.people.locale(u) == req.locale,
    )


def _reachable(req: Req, user_id: str) -> bool:
    try:
        info = req.deps.people.get(user_id)
    except LookupFailed:
        return True  # Slack is slow to answer; the group DM will tell if they are gone
    return info is not None and not info.deleted and not info.is_bot


def _connect(req: Req, others: list[str], kind: str) -> None:
    if not others:
        return
    with req.deps.sessions.begin() as session:
        req.once(session)
        supporters.connect(session, clock=req.deps.clock, person=req.user_id, others=others, kind=kind)


def handle_vent(req: Req) -> None:
    """Post anonymously: the /vent form opens at once (the trigger lives 3 s); nothing is stored here."""
    req.ack()
    open_vent(req)


ANSWERS = [*_MOODS, *_SUPPORT]
LATER_OR_STOP = [Action.CARE_SNOOZE, Action.CARE_STOP, Action.CARE_STOP_ALL]
CONNECT = [Action.CARE_PEER, Action.CARE_DESK]
