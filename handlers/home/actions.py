"""The App Home: opening the tab, paging, and the person's settings controls.

Opening the tab queues a publish (Slack's retries of the event share its key). Every change is saved
in a durable job and refreshes that person's Home.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from bot.availability import set_hours
from bot.calendar import DAY_NAMES, parse_hours
from bot.care import digest, home, prefs
from bot.care.checkins import answers
from bot.care.model import CareKind
from bot.i18n.days import describe_week
from handlers.care.commands import planner
from handlers.edge import Req, later, view_values
from handlers.home.modals import build_hours_modal
from handlers.ids import Action
from handlers.ids import Block as B


def handle_home_opened(req: Req) -> None:
    event = req.body.get("event") or {}
    if event.get("tab") != "home" or not event.get("user"):
        req.ack()
        return
    event_id = req.body.get("event_id") or f"{event['user']}:{event.get('event_ts', '')}"
    req.store(key=f"home:open:{event_id}", kind=CareKind.HOME, target=str(event["user"]), payload={})


def _action(req: Req) -> dict[str, Any]:
    return dict((req.body.get("actions") or [{}])[0])


def handle_control(req: Req) -> None:
    req.later(save_control)


@later("home.save_control")
def save_control(req: Req) -> None:
    """Paging, language, out of office and the switches: saved, then the Home is published again."""
    action = _action(req)
    action_id, user_id, clock = str(action.get("action_id")), req.user_id, req.deps.clock
    today = req.deps.availability.today(user_id, clock.now())
    digest_on = False
    with req.deps.sessions.begin() as session:
        req.once(session)
        if action_id in (Action.HOME_PREV, Action.HOME_NEXT):
            prefs.set_home_page(
                session, clock=clock, user_id=user_id, page=int(str(action.get("value") or 0))
            )
        elif action_id == Action.HOME_LANGUAGE:
            chosen = str((action.get("selected_option") or {}).get("value") or "auto")
            prefs.set_language(
                session, clock=clock, user_id=user_id, locale=None if chosen == "auto" else chosen
            )
        elif action_id == Action.HOME_OOO:
            until = date.fromisoformat(str(action.get("selected_date")))
            prefs.set_out_of_office(session, clock=clock, user_id=user_id, until=until, today=today)
        elif action_id == Action.HOME_OOO_CLEAR:
            prefs.set_out_of_office(session, clock=clock, user_id=user_id, until=None, today=today)
        else:
            digest_on = _switches(
                req, session, {str(o.get("value")) for o in action.get("selected_options") or []}
            )
        home.refresh(session, clock=clock, users=[user_id])
    if digest_on:
        planner(req.deps).plan_for([user_id])
    req.deps.jobs.kick()


def _switches(req: Req, session: Session, on: set[str]) -> bool:
    """Apply the switches that changed; True when the digest was just turned on (to plan it)."""
    clock, user_id = req.deps.clock, req.user_id
    current = prefs.prefs_of(session, user_id)
    if current.checkins_enabled != ("checkins" in on):
        answers.set_enabled(session, clock=clock, user_id=user_id, on="checkins" in on)
    if current.peer_supporter != ("supporter" in on):
        prefs.set_peer_supporter(session, clock=clock, user_id=user_id, on="supporter" in on)
    if current.digest_enabled != ("digest" in on):
        digest.set_opt_in(session, clock=clock, manager=user_id, on="digest" in on)
        return "digest" in on
    return False


def handle_hours_open(req: Req) -> None:
    req.ack()
    with req.deps.reads() as session:
        chosen = prefs.prefs_of(session, req.user_id)
    schedule = req.deps.availability.schedule(req.user_id)
    view = build_hours_modal(
        locale=req.locale,
        week=schedule.week,
        own_hours=bool(chosen.work_hours or chosen.work_days),
        timezone=chosen.timezone,
        slack_timezone=str(req.deps.people.timezone(req.user_id))
        if not chosen.timezone
        else str(schedule.tz),
        default=describe_week(req.locale, req.deps.settings.work_week),
    )
    req.client.views_open(trigger_id=req.trigger_id, view=view)


def _hours(req: Req) -> tuple[str | None, str | None, str | None]:
    """(hours "HH:MM-HH:MM" or None, days "mon,tue" or None, time zone or None) from the modal."""
    values = view_values(req.body)
    start = (values.get(B.HOURS_START) or {}).get("selected_time")
    end = (values.get(B.HOURS_END) or {}).get("selected_time")
    days = [str(o.get("value")) for o in (values.get(B.HOURS_DAYS) or {}).get("selected_options") or []]
    zone = str((values.get(B.HOURS_TZ) or {}).get("value") or "").strip() or None
    hours = f"{start}-{end}" if start and end else None
    ordered = [d for d in DAY_NAMES if d in days]
    return hours, ",".join(ordered) or None, zone


def handle_hours_submitted(req: Req) -> None:
    hours, _, zone = _hours(req)
    errors: dict[str, str] = {}
    if hours is not None:
        try:
            parse_hours(hours)
        except ValueError:
            errors[B.HOURS_END] = req.t("error.hours_order")
    if zone is not None and not _known_zone(zone):
        errors[B.HOURS_TZ] = req.t("error.timezone_unknown", zone=zone)
    if errors:
        req.ack(response_action="errors", errors=errors)
        return
    req.later(save_hours)


def _known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


@later("home.save_hours")
def save_hours(req: Req) -> None:
    hours, days, zone = _hours(req)
    clock = req.deps.clock
    with req.deps.sessions.begin() as session:
        req.once(session)
        set_hours(
            session, clock=clock, user_id=req.user_id, hours=hours, days=days if hours or days else None
        )
        prefs.set_timezone(session, clock=clock, user_id=req.user_id, name=zone)
        home.refresh(session, clock=clock, users=[req.user_id])
    req.deps.jobs.kick()


CONTROLS = [
    Action.HOME_PREV,
    Action.HOME_NEXT,
    Action.HOME_LANGUAGE,
    Action.HOME_OOO,
    Action.HOME_OOO_CLEAR,
    Action.HOME_TOGGLES,
]
