"""`/escalate chain …`, `/escalate away …` and `/escalate hours …`: who is above whom, leave with a
stand-in, and a person's own working hours."""

from __future__ import annotations

import re
from datetime import date

from bot.availability import clear_away, set_away, set_hours, upcoming_away
from bot.care import hooks as care
from bot.errors import InvalidInput
from bot.escalations import chain
from bot.escalations.service import check_person
from bot.i18n.days import describe_week
from handlers.blockkit import user
from handlers.edge import Req

_MENTION = r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>"
_CHAIN = re.compile(rf"^chain\s+{_MENTION}(?:\s+(?:{_MENTION}|(none)))?\s*$", re.IGNORECASE)
_AWAY = re.compile(
    rf"^away\s+(\d{{4}}-\d{{2}}-\d{{2}})(?:\s*\.\.\s*(\d{{4}}-\d{{2}}-\d{{2}}))?\s+{_MENTION}\s*$"
)
_HOURS = re.compile(r"^hours\s+(\d{1,2}:\d{2}\s*-\s*\d{1,2}:\d{2})(?:\s+([a-z,\-]+))?\s*$", re.IGNORECASE)


def handle_chain(req: Req, text: str) -> None:
    match = _CHAIN.match(text.strip())
    if match is None:
        raise InvalidInput("error.chain_format")
    person, manager, none = match.group(1), match.group(2), match.group(3)
    if manager or none:
        if not req.is_admin():
            raise InvalidInput("error.admin_only")
        with req.deps.sessions.begin() as session:
            req.once(session)
            before = chain.manager_of(session, person)
            if none:
                chain.remove_manager(session, user_id=person)
            else:
                chain.set_manager(
                    session, clock=req.deps.clock, user_id=person, manager_id=manager, set_by=req.user_id
                )
            above = chain.chain_above(session, person)
            admins = sorted(req.deps.settings.admin_users)
            care.on_chain_changed(session, clock=req.deps.clock, people=[person, before, manager, *admins])
        req.deps.jobs.kick()
        if none:
            req.reply(req.t("chain.removed", person=user(person)))
        else:
            req.reply(req.t("chain.saved", person=user(person), chain=_chain_text(person, above)))
        return
    with req.deps.reads() as session:
        above = chain.chain_above(session, person)
    if not above:
        req.reply(req.t("chain.none", person=user(person)))
    else:
        req.reply(req.t("chain.show", person=user(person), chain=_chain_text(person, above)))


def _chain_text(person: str, above: list[str]) -> str:
    return " → ".join(user(u) for u in [person, *above])


def handle_away(req: Req, text: str) -> None:
    words = text.split()
    today = req.deps.availability.today(req.user_id, req.deps.clock.now())
    if words == ["away", "off"]:
        with req.deps.sessions.begin() as session:
            req.once(session)
            clear_away(session, user_id=req.user_id, today=today)
        req.reply(req.t("away.cleared"))
        return
    if words == ["away"]:
        _show_away(req, today)
        return
    match = _AWAY.match(text.strip())
    if match is None:
        raise InvalidInput("error.away_format")
    first, last, standin = _date(match.group(1)), _date(match.group(2) or match.group(1)), match.group(3)
    check_person(standin, req.deps.people.get(standin))
    with req.deps.sessions.begin() as session:
        req.once(session)
        set_away(
            session,
            clock=req.deps.clock,
            user_id=req.user_id,
            first_day=first,
            last_day=last,
            standin_id=standin,
            today=today,
        )
    req.reply(req.t("away.saved", first=first.isoformat(), last=last.isoformat(), standin=user(standin)))


def _show_away(req: Req, today: date) -> None:
    with req.deps.reads() as session:
        periods = upcoming_away(session, user_id=req.user_id, today=today)
    if not periods:
        req.reply(req.t("away.none"))
        return
    listed = ", ".join(
        req.t(
            "away.period",
            first=p.first_day.isoformat(),
            last=p.last_day.isoformat(),
            standin=user(p.standin_id),
        )
        for p in periods
    )
    req.reply(req.t("away.show", periods=listed))


def _date(raw: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError as exc:
        raise InvalidInput("error.away_format") from exc


def handle_hours(req: Req, text: str) -> None:
    words = text.split()
    if words == ["hours", "default"]:
        with req.deps.sessions.begin() as session:
            req.once(session)
            set_hours(session, clock=req.deps.clock, user_id=req.user_id, hours=None, days=None)
        req.reply(req.t("hours.cleared", hours=describe_week(req.locale, req.deps.settings.work_week)))
        return
    if words != ["hours"]:
        match = _HOURS.match(text.strip())
        if match is None:
            raise InvalidInput("error.hours_format")
        with req.deps.sessions.begin() as session:
            req.once(session)
            set_hours(
                session,
                clock=req.deps.clock,
                user_id=req.user_id,
                hours=match.group(1).replace(" ", ""),
                days=(match.group(2) or "").lower() or None,
            )
    schedule = req.deps.availability.schedule(req.user_id)
    key = "hours.show" if words == ["hours"] else "hours.saved"
    req.reply(req.t(key, hours=describe_week(req.locale, schedule.week), tz=str(schedule.tz)))
