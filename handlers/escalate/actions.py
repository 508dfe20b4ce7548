"""Buttons on the card and the owner's DM, and the modals they open."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from bot.durations import parse_duration
from bot.errors import BotError, InvalidInput
from bot.escalations import limits, service, timers
from bot.escalations.model import EscalationView
from bot.escalations.service import Actor
from bot.escalations.timers import Timer
from bot.people import LookupFailed
from handlers.blockkit import escape
from handlers.edge import Req, later, mention_ids, metadata_of, view_values
from handlers.escalate.modals import (
    build_bring_in_modal,
    build_new_escalation_modal,
    build_reassign_modal,
    build_resolve_modal,
    build_update_modal,
)
from handlers.escalate.parsing import selected_cadence, selected_kind
from handlers.escalate.reminders import build_snoozed
from handlers.ids import Action
from handlers.ids import Block as B


def _escalation_id(req: Req) -> int:
    actions = req.body.get("actions") or [{}]
    value = str(actions[0].get("value") or "")
    if not value.isdigit():
        raise InvalidInput("error.invalid_input")
    return int(value)


def _actor(req: Req) -> Actor:
    return Actor(req.user_id, is_admin=req.is_admin())


def handle_acknowledge(req: Req) -> None:
    req.later(acknowledge)


@later("escalate.acknowledge")
def acknowledge(req: Req) -> None:
    with req.deps.sessions.begin() as session:
        req.once(session)
        esc = service.get_by_id(session, _escalation_id(req))
        service.acknowledge(session, clock=req.deps.clock, esc=esc, actor=_actor(req))
    req.deps.jobs.kick()


def handle_open_thread(req: Req) -> None:
    req.ack()  # a link button: Slack opens the URL, we only need to answer


ModalBuilder = Callable[..., dict[str, Any]]


def _open_modal(
    req: Req,
    check: Callable[[EscalationView], None],
    build: ModalBuilder,
    *,
    with_cadence: bool = False,
    with_owner: bool = False,
    **extra: Any,
) -> None:
    req.ack()
    with req.deps.reads() as session:
        esc = service.get_by_id(session, _escalation_id(req))
        view = service.snapshot(esc)
    check(view)
    if with_cadence:
        extra["cadence"] = view.update_cadence_minutes
    if with_owner:
        extra["owner_id"] = view.owner_id
    req.client.views_open(
        trigger_id=req.trigger_id,
        view=build(locale=req.locale, escalation_id=view.escalation_id, number=view.number, **extra),
    )


def handle_post_update(req: Req) -> None:
    _open_modal(
        req, lambda v: service.check_can_manage(v, _actor(req)), build_update_modal, with_cadence=True
    )


def handle_reassign(req: Req) -> None:
    _open_modal(
        req, lambda v: service.check_can_manage(v, _actor(req)), build_reassign_modal, with_owner=True
    )


def handle_resolve(req: Req) -> None:
    _open_modal(req, lambda v: service.check_can_manage(v, _actor(req)), build_resolve_modal)


def handle_bring_in(req: Req) -> None:
    _open_modal(
        req,
        lambda v: service.check_can_bring_in(v, _actor(req)),
        build_bring_in_modal,
        desk=req.deps.settings.consultation_desk,
    )


def handle_kind_changed(req: Req) -> None:
    """Show the harassment record fields only when that kind is chosen, keeping what was typed."""
    req.ack()
    view = req.body.get("view") or {}
    kind = selected_kind(view_values(req.body))
    new_view = build_new_escalation_modal(
        locale=req.locale,
        metadata=metadata_of(req.body),
        kind=kind,
        has_desk=bool(req.deps.settings.consultation_desk),
    )
    req.client.views_update(view_id=view.get("id"), hash=view.get("hash"), view=new_view)


def handle_person_picked(req: Req) -> None:
    """Someone was picked in a form (its select dispatches): look them up now, after the ack, so the
    submit can check them from memory before its own ack."""
    req.ack()
    action = (req.body.get("actions") or [{}])[0]
    picked = action.get("selected_users") or [action.get("selected_user")]
    for user_id in picked[:10]:
        if isinstance(user_id, str) and user_id:
            try:
                req.deps.people.get(user_id)
            except LookupFailed:
                return  # the submit goes on without it; the job checks with Slack again


def _field_error(req: Req, block_id: str, err: BotError) -> None:
    req.ack(response_action="errors", errors={block_id: req.t(err.key, **mention_ids(err.params))})


def _valid(req: Req, block_id: str, check: Callable[[], None]) -> bool:
    """Run a form check before the ack (from memory only: the job checks again with the database and
    Slack); a problem is shown next to the field and the form stays open."""
    try:
        check()
    except InvalidInput as err:
        _field_error(req, block_id, err)
        return False
    return True


def _submitted_escalation(req: Req) -> int:
    value = metadata_of(req.body).get("escalation_id")
    if not isinstance(value, int):
        raise InvalidInput("error.invalid_input")
    return value


def _values(req: Req) -> dict[str, Any]:
    return view_values(req.body)


def _text(req: Req, block_id: str) -> str:
    return str((_values(req).get(block_id) or {}).get("value") or "")


def handle_update_submitted(req: Req) -> None:
    if not _text(req, B.UPDATE_TEXT).strip():
        _field_error(req, B.UPDATE_TEXT, InvalidInput("error.update_missing"))
        return
    req.later(post_update)


@later("escalate.post_update")
def post_update(req: Req) -> None:
    values = _values(req)
    with req.deps.sessions.begin() as session:
        req.once(session)
        esc = service.get_by_id(session, _submitted_escalation(req))
        limits.check_action(
            session,
            now=req.deps.clock.now(),
            actor_id=req.user_id,
            action="update",
            limits=req.deps.settings.hourly_limits,
        )
        text = escape(_text(req, B.UPDATE_TEXT))
        service.post_update(
            session,
            clock=req.deps.clock,
            esc=esc,
            actor=_actor(req),
            text=text,
            set_cadence=B.CADENCE in values,
            cadence_minutes=selected_cadence(values),
        )
    req.deps.jobs.kick()


def _new_owner_id(req: Req) -> str:
    return str((_values(req).get(B.NEW_OWNER) or {}).get("selected_user") or "")


def handle_reassign_submitted(req: Req) -> None:
    def check() -> None:
        new_owner_id = _new_owner_id(req)
        if not new_owner_id:
            raise InvalidInput("error.owner_missing")
        if new_owner_id == metadata_of(req.body).get("owner"):
            raise InvalidInput("error.reassign_same_owner", user=new_owner_id)
        known = req.deps.people.in_memory(new_owner_id)
        if known is not None:
            service.check_person(new_owner_id, known)

    if _valid(req, B.NEW_OWNER, check):
        req.later(reassign)


@later("escalate.reassign")
def reassign(req: Req) -> None:
    new_owner_id = _new_owner_id(req)
    new_owner = req.deps.people.get(new_owner_id)
    with req.deps.sessions.begin() as session:
        req.once(session)
        esc = service.get_by_id(session, _submitted_escalation(req))
        service.reassign(
            session,
            clock=req.deps.clock,
            esc=esc,
            actor=_actor(req),
            new_owner_id=new_owner_id,
            new_owner=new_owner,
            policy=req.deps.policy,
            reason=escape(_text(req, B.REASON)),
        )
    req.deps.jobs.kick()


def handle_resolve_submitted(req: Req) -> None:
    req.later(resolve)


@later("escalate.resolve")
def resolve(req: Req) -> None:
    with req.deps.sessions.begin() as session:
        req.once(session)
        esc = service.get_by_id(session, _submitted_escalation(req))
        resolution = escape(_text(req, B.RESOLUTION))
        service.resolve(session, clock=req.deps.clock, esc=esc, actor=_actor(req), resolution=resolution)
    req.deps.jobs.kick()


def _chosen_people(req: Req) -> list[str]:
    return [str(u) for u in (_values(req).get(B.PEOPLE) or {}).get("selected_users") or []]


def handle_bring_in_submitted(req: Req) -> None:
    def check() -> None:
        for user_id in _chosen_people(req):
            known = req.deps.people.in_memory(user_id)
            if known is not None:
                service.check_person(user_id, known)

    if _valid(req, B.PEOPLE, check):
        req.later(bring_in)


@later("escalate.bring_in")
def bring_in(req: Req) -> None:
    for user_id in _chosen_people(req):
        service.check_person(user_id, req.deps.people.get(user_id))
    with req.deps.sessions.begin() as session:
        req.once(session)
        esc = service.get_by_id(session, _submitted_escalation(req))
        limits.check_action(
            session,
            now=req.deps.clock.now(),
            actor_id=req.user_id,
            action="brought_in",
            limits=req.deps.settings.hourly_limits,
        )
        service.bring_in(
            session,
            clock=req.deps.clock,
            esc=esc,
            actor=_actor(req),
            user_ids=_chosen_people(req),
            desk=req.deps.settings.consultation_desk,
        )
    req.deps.jobs.kick()


def handle_snooze(req: Req) -> None:
    """Remind me later: re-plan this reminder (never the chain), and say until when in the DM itself."""
    req.later(snooze)


@later("escalate.snooze")
def snooze(req: Req) -> None:
    raw = str(((req.body.get("actions") or [{}])[0]).get("value") or "")
    try:
        choice = json.loads(raw)
        escalation_id, timer, period = int(choice["e"]), Timer(choice["t"]), str(choice["p"])
    except (ValueError, KeyError, TypeError) as exc:
        raise InvalidInput("error.invalid_input") from exc
    now = req.deps.clock.now()
    if period == "morning":
        until = req.deps.availability.schedule(req.user_id).next_morning(now)
    else:
        until = now + parse_duration(period)
    with req.deps.sessions.begin() as session:
        req.once(session)
        esc = service.get_by_id(session, escalation_id)
        if not service.is_member(esc, req.user_id):
            raise InvalidInput("error.not_on_escalation", number=esc.number)
        until = timers.snooze(
            session, clock=req.deps.clock, esc=esc, user_id=req.user_id, timer=timer, until=until
        )
    req.deps.jobs.kick()
    _mark_snoozed(req, until)


def _mark_snoozed(req: Req, until: datetime) -> None:
    message = req.body.get("message") or {}
    blocks = [b for b in message.get("blocks") or [] if not str(b.get("block_id", "")).startswith("snooze-")]
    blocks.append(build_snoozed(until, locale=req.locale))
    if req.respond is not None:
        req.respond(text=str(message.get("text") or ""), blocks=blocks, replace_original=True)


ACTIONS = {
    Action.ACKNOWLEDGE: handle_acknowledge,
    Action.POST_UPDATE: handle_post_update,
    Action.REASSIGN: handle_reassign,
    Action.RESOLVE: handle_resolve,
    Action.BRING_IN: handle_bring_in,
    Action.KIND_CHANGED: handle_kind_changed,
    Action.OPEN_THREAD: handle_open_thread,
    Action.OWNER_PICKED: handle_person_picked,
    Action.NEW_OWNER_PICKED: handle_person_picked,
    Action.PEOPLE_PICKED: handle_person_picked,
    Action.SNOOZE_30M: handle_snooze,
    Action.SNOOZE_1H: handle_snooze,
    Action.SNOOZE_2H: handle_snooze,
    Action.SNOOZE_MORNING: handle_snooze,
}
