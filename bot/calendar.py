"""Working time: which moments a person can be asked for something that is not urgent.

A person works on their working days between their start and end time, in their own time zone,
except on the configured country's public holidays (substitute holidays included, from the
`holidays` library) and the firm's own closed dates (e.g. the Japanese year-end closure).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

import holidays

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_HOURS = re.compile(r"^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$")
_MONTH_DAY = re.compile(r"^(\d{1,2})-(\d{1,2})$")


@dataclass(frozen=True)
class WorkWeek:
    start: time = time(9, 0)
    end: time = time(18, 0)
    days: frozenset[int] = frozenset(range(5))  # 0 = Monday

    def describe(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M} {describe_days(self.days)}"


class OvernightHours(ValueError):
    """Working hours whose end is not after their start (a night shift): not supported yet."""


def parse_hours(raw: str) -> tuple[time, time]:
    """'09:00-18:00' → (09:00, 18:00). Raises ValueError otherwise."""
    match = _HOURS.match(raw.strip())
    if not match:
        raise ValueError(f"expected hours like 09:00-18:00, got {raw!r}")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if not (0 <= h1 < 24 and 0 <= h2 <= 24 and m1 < 60 and m2 < 60):
        raise ValueError(f"expected hours like 09:00-18:00, got {raw!r}")
    start, end = time(h1, m1), time(23, 59) if h2 == 24 else time(h2, m2)
    if end <= start:
        raise OvernightHours(f"the end of the working day must come after its start, got {raw!r}")
    return start, end


def parse_days(raw: str) -> frozenset[int]:
    """'mon-fri', 'sun-thu', 'mon,wed,fri' → weekday numbers (0 = Monday)."""
    days: set[int] = set()
    for part in raw.lower().replace(" ", "").split(","):
        if "-" in part:
            first, last = (_day(p, raw) for p in part.split("-", 1))
            span = (last - first) % 7
            days.update((first + i) % 7 for i in range(span + 1))
        elif part:
            days.add(_day(part, raw))
    if not days:
        raise ValueError(f"expected working days like mon-fri, got {raw!r}")
    return frozenset(days)


def _day(name: str, raw: str) -> int:
    if name[:3] not in DAY_NAMES:
        raise ValueError(f"expected day names mon, tue, wed, thu, fri, sat, sun, got {raw!r}")
    return DAY_NAMES.index(name[:3])


def describe_days(days: frozenset[int]) -> str:
    ordered = sorted(days)
    if ordered == list(range(ordered[0], ordered[-1] + 1)) and len(ordered) > 2:
        return f"{DAY_NAMES[ordered[0]]}-{DAY_NAMES[ordered[-1]]}"
    return ",".join(DAY_NAMES[d] for d in ordered)


@dataclass(frozen=True)
class ClosedRange:
    """A yearly closure from one month-day to another, possibly across the new year."""

    start: tuple[int, int]
    end: tuple[int, int]

    def contains(self, day: date) -> bool:
        md = (day.month, day.day)
        if self.start <= self.end:
            return self.start <= md <= self.end
        return md >= self.start or md <= self.end


def parse_closed_dates(raw: str) -> tuple[ClosedRange, ...]:
    """'12-29..01-03,08-13..08-16' (month-day ranges, yearly) → ranges; '' → none."""
    ranges = []
    for part in raw.replace(" ", "").split(","):
        if not part:
            continue
        first, _, last = part.partition("..")
        ranges.append(ClosedRange(_month_day(first, raw), _month_day(last or first, raw)))
    return tuple(ranges)


def _month_day(text: str, raw: str) -> tuple[int, int]:
    match = _MONTH_DAY.match(text)
    if not match:
        raise ValueError(f"expected month-day ranges like 12-29..01-03, got {raw!r}")
    month, day = int(match.group(1)), int(match.group(2))
    try:
        date(2024, month, day)  # a leap year, so 02-29 is accepted
    except ValueError as exc:
        raise ValueError(f"{text} is not a date (in {raw!r})") from exc
    return month, day


@dataclass(frozen=True)
class Calendar:
    """The firm's non-working days beyond weekends: public holidays of one country and closures."""

    holiday_country: str | None = None
    closed: tuple[ClosedRange, ...] = ()
    _lock: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)

    def is_closed(self, day: date) -> bool:
        if any(r.contains(day) for r in self.closed):
            return True
        return self.holiday_country is not None and day in _holidays(self.holiday_country, day.year)

    def holiday_name(self, day: date) -> str | None:
        if self.holiday_country is None:
            return None
        name: Any = _holidays(self.holiday_country, day.year).get(day)
        return str(name) if name else None


@lru_cache(maxsize=64)
def _holidays(country: str, year: int) -> holidays.HolidayBase:
    return holidays.country_holidays(country, years=year)


def supported_country(code: str) -> bool:
    return code.upper() in holidays.list_supported_countries()


@dataclass(frozen=True)
class Schedule:
    """One person's working time: their time zone and working week, on the firm's calendar."""

    tz: ZoneInfo
    week: WorkWeek
    calendar: Calendar
    out_until: date | None = None  # out of office up to and including this day (App Home)

    def is_working_day(self, day: date) -> bool:
        if self.out_until is not None and day <= self.out_until:
            return False
        return day.weekday() in self.week.days and not self.calendar.is_closed(day)

    def is_working(self, at: datetime) -> bool:
        local = at.astimezone(self.tz)
        return self.is_working_day(local.date()) and self.week.start <= local.time() < self.week.end

    def next_slot(self, at: datetime) -> datetime:
        """`at` if it is working time, otherwise the start of the next working period."""
        if self.is_working(at):
            return at
        local = at.astimezone(self.tz)
        if self.is_working_day(local.date()) and local.time() < self.week.start:
            return self._start_of(local.date())
        return self.next_morning(at)

    def next_morning(self, at: datetime) -> datetime:
        """The start of the next working day after `at`'s day ("tomorrow morning")."""
        day = at.astimezone(self.tz).date() + timedelta(days=1)
        for _ in range(800):  # a year of closures, after up to a year out of office
            if self.is_working_day(day):
                return self._start_of(day)
            day += timedelta(days=1)
        return at + timedelta(days=1)

    def _start_of(self, day: date) -> datetime:
        return datetime.combine(day, self.week.start, tzinfo=self.tz).astimezone(ZoneInfo("UTC"))


_WEEKLY = re.compile(r"^([a-z]+)\s+(\d{1,2}):(\d{2})$")
# A weekly event is still due if the bot comes back within this long of its time.
WEEKLY_CATCH_UP = timedelta(hours=6)


@dataclass(frozen=True)
class WeeklySchedule:
    """A weekday and a time of day, e.g. Friday 16:00 (the time zone is the caller's to choose)."""

    weekday: int  # 0 = Monday
    at: time

    def describe(self) -> str:
        return f"{DAY_NAMES[self.weekday]} {self.at:%H:%M}"

    def __str__(self) -> str:
        return self.describe()

    def due_week(self, now: datetime, tz: ZoneInfo) -> str | None:
        """The ISO week label (e.g. 2026-W48) whose event is due at `now`, or None.

        Due from the scheduled moment for WEEKLY_CATCH_UP, so a restart at 16:03 still runs the
        16:00 event but a bot that was down all Friday does not run it on Saturday.
        """
        local = now.astimezone(tz)
        moment = (local - timedelta(days=(local.weekday() - self.weekday) % 7)).replace(
            hour=self.at.hour, minute=self.at.minute, second=0, microsecond=0
        )
        if not moment <= local < moment + WEEKLY_CATCH_UP:
            return None
        year, week, _ = moment.isocalendar()
        return f"{year}-W{week:02d}"


def parse_weekly(raw: str) -> WeeklySchedule:
    """'fri 16:00' or 'Friday 16:00' → WeeklySchedule. Raises ValueError otherwise."""
    match = _WEEKLY.match(raw.strip().lower())
    day = match.group(1)[:3] if match else ""
    if match is None or day not in DAY_NAMES:
        raise ValueError(f"expected a weekday and a time such as 'fri 16:00', got {raw!r}")
    hour, minute = int(match.group(2)), int(match.group(3))
    if hour > 23 or minute > 59:
        raise ValueError(f"expected a time between 00:00 and 23:59, got {raw!r}")
    return WeeklySchedule(DAY_NAMES.index(day), time(hour, minute))
