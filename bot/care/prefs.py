"""What a person chose for themselves on the App Home, read and written in the caller's transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from bot.clock import Clock
from bot.errors import InvalidInput
from storage.models import PersonSettings

LANGUAGES = ("ja", "en")


@dataclass(frozen=True)
class Prefs:
    user_id: str
    locale: str | None = None  # None: follow Slack's language
    timezone: str | None = None  # None: follow Slack's time zone
    work_hours: str | None = None
    work_days: str | None = None
    checkins_enabled: bool = True
    peer_supporter: bool = False
    digest_enabled: bool = False
    out_of_office_until: date | None = None
    home_page: int = 0


def prefs_of(session: Session, user_id: str) -> Prefs:
    row = session.get(PersonSettings, user_id)
    if row is None:
        return Prefs(user_id)
    return Prefs(
        user_id=user_id,
        locale=row.locale,
        timezone=row.timezone,
        work_hours=row.work_hours,
        work_days=row.work_days,
        checkins_enabled=row.checkins_enabled is not False,
        peer_supporter=bool(row.peer_supporter),
        digest_enabled=bool(row.digest_enabled),
        out_of_office_until=row.out_of_office_until,
        home_page=row.home_page or 0,
    )


def row_for(session: Session, *, clock: Clock, user_id: str) -> PersonSettings:
    """The person's settings row, created with the defaults if they never chose anything."""
    row = session.get(PersonSettings, user_id)
    if row is None:
        row = PersonSettings(
            user_id=user_id,
            updated_at=clock.now(),
            checkins_enabled=True,
            peer_supporter=False,
            digest_enabled=False,
            home_page=0,
        )
        session.add(row)
    row.updated_at = clock.now()
    return row


def set_language(session: Session, *, clock: Clock, user_id: str, locale: str | None) -> None:
    if locale is not None and locale not in LANGUAGES:
        raise InvalidInput("error.invalid_input")
    row_for(session, clock=clock, user_id=user_id).locale = locale


def set_timezone(session: Session, *, clock: Clock, user_id: str, name: str | None) -> None:
    if name:
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise InvalidInput("error.timezone_unknown", zone=name) from exc
    row_for(session, clock=clock, user_id=user_id).timezone = name or None


def set_out_of_office(
    session: Session, *, clock: Clock, user_id: str, until: date | None, today: date
) -> None:
    """Out of office up to and including `until` (None: back now)."""
    if until is not None and until < today:
        raise InvalidInput("error.away_in_past")
    row_for(session, clock=clock, user_id=user_id).out_of_office_until = until


def set_peer_supporter(session: Session, *, clock: Clock, user_id: str, on: bool) -> None:
    row_for(session, clock=clock, user_id=user_id).peer_supporter = on


def set_home_page(session: Session, *, clock: Clock, user_id: str, page: int) -> None:
    row_for(session, clock=clock, user_id=user_id).home_page = max(0, page)
