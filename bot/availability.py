"""When and whether a person can be asked: their working time, and who stands in while they are away.

`Availability` reads Slack's time zone through `People` (a network call on a cold cache), so it is
called outside database transactions; the functions taking a session are safe inside one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.calendar import Calendar, OvernightHours, Schedule, WorkWeek, parse_days, parse_hours
from bot.care import home
from bot.clock import Clock
from bot.errors import InvalidInput
from bot.people import People
from storage.db import SessionFactory
from storage.models import AwayPeriod, PersonSettings


@dataclass(frozen=True)
class Away:
    user_id: str
    first_day: date
    last_day: date
    standin_id: str


class Availability:
    def __init__(
        self, *, people: People, sessions: SessionFactory, calendar: Calendar, week: WorkWeek
    ) -> None:
        self._people, self._sessions, self.calendar, self.default_week = people, sessions, calendar, week

    def schedule(self, user_id: str) -> Schedule:
        """The person's working time: their own hours if they set any, in their own time zone."""
        with self._sessions() as session:
            own = session.get(PersonSettings, user_id)
        week = self.default_week
        if own is not None and (own.work_hours or own.work_days):
            start, end = parse_hours(own.work_hours) if own.work_hours else (week.start, week.end)
            week = WorkWeek(start, end, parse_days(own.work_days) if own.work_days else week.days)
        tz = _zone(own.timezone) if own is not None and own.timezone else None
        out_until = own.out_of_office_until if own is not None else None
        return Schedule(
            tz=tz or self._people.timezone(user_id), week=week, calendar=self.calendar, out_until=out_until
        )

    def next_slot(self, user_id: str, at: datetime, *, urgent: bool = False) -> datetime:
        """When something that is due at `at` may reach this person: at once if urgent, else in hours."""
        return at if urgent else self.schedule(user_id).next_slot(at)

    def today(self, user_id: str, now: datetime) -> date:
        return now.astimezone(self.schedule(user_id).tz).date()

    def away_now(self, user_id: str, now: datetime) -> Away | None:
        """The leave this person is on today, in their own time zone."""
        day = self.today(user_id, now)
        with self._sessions() as session:
            return away_on(session, user_id=user_id, day=day)


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def set_hours(session: Session, *, clock: Clock, user_id: str, hours: str | None, days: str | None) -> None:
    """Save (or, with both None, clear) a person's own working hours and days."""
    if hours is not None:
        try:
            parse_hours(hours)
        except OvernightHours as exc:
            raise InvalidInput("error.hours_overnight", hours=hours) from exc
        except ValueError as exc:
            raise InvalidInput("error.hours_format") from exc
    if days is not None:
        try:
            parse_days(days)
        except ValueError as exc:
            raise InvalidInput("error.hours_format") from exc
    row = session.get(PersonSettings, user_id) or PersonSettings(user_id=user_id)
    row.work_hours, row.work_days, row.updated_at = hours, days, clock.now()
    session.add(row)
    home.refresh(session, clock=clock, users=[user_id])


def away_on(session: Session, *, user_id: str, day: date) -> Away | None:
    """The leave `user_id` is on that day, if any."""
    row = session.scalar(
        select(AwayPeriod)
        .where(AwayPeriod.user_id == user_id, AwayPeriod.first_day <= day, AwayPeriod.last_day >= day)
        .order_by(AwayPeriod.created_at.desc())
    )
    return Away(row.user_id, row.first_day, row.last_day, row.standin_id) if row else None


def upcoming_away(session: Session, *, user_id: str, today: date) -> list[Away]:
    rows = session.scalars(
        select(AwayPeriod)
        .where(AwayPeriod.user_id == user_id, AwayPeriod.last_day >= today)
        .order_by(AwayPeriod.first_day)
    )
    return [Away(r.user_id, r.first_day, r.last_day, r.standin_id) for r in rows]


def set_away(
    session: Session,
    *,
    clock: Clock,
    user_id: str,
    first_day: date,
    last_day: date,
    standin_id: str,
    today: date,
) -> Away:
    """Record a leave with its stand-in; it replaces any leave overlapping it."""
    if last_day < first_day:
        raise InvalidInput("error.away_dates_order")
    if last_day < today:
        raise InvalidInput("error.away_in_past")
    if standin_id == user_id:
        raise InvalidInput("error.away_self")
    session.execute(
        delete(AwayPeriod).where(
            AwayPeriod.user_id == user_id, AwayPeriod.first_day <= last_day, AwayPeriod.last_day >= first_day
        )
    )
    session.add(
        AwayPeriod(
            user_id=user_id,
            first_day=first_day,
            last_day=last_day,
            standin_id=standin_id,
            created_at=clock.now(),
        )
    )
    return Away(user_id, first_day, last_day, standin_id)


def clear_away(session: Session, *, user_id: str, today: date) -> int:
    """End the current leave and cancel future ones ("/escalate away off")."""
    result = session.execute(
        delete(AwayPeriod).where(AwayPeriod.user_id == user_id, AwayPeriod.last_day >= today)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
