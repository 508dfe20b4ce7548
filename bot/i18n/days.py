"""Working weeks and weekly times in words, in the reader's language ('Mon–Fri', '月〜金').

`bot.calendar` keeps the settings syntax ('09:00-18:00 mon-fri', 'fri 16:00'); these are for prose.
"""

from __future__ import annotations

from bot.calendar import DAY_NAMES, WeeklySchedule, WorkWeek
from bot.i18n import t


def day_name(locale: str, weekday: int) -> str:
    """One day's short name: 'Mon' / '月' (0 = Monday)."""
    return t(locale, f"day.{DAY_NAMES[weekday]}")


def describe_days(locale: str, chosen: frozenset[int]) -> str:
    """'Mon–Fri', 'Sun–Thu', 'Mon, Wed, Fri' / '月〜金', '日〜木', '月・水・金'; every day as such."""
    if len(chosen) == 7:
        return t(locale, "days.every")
    run = _run(chosen)
    if run is not None and len(chosen) > 2:
        return t(locale, "days.span", first=day_name(locale, run[0]), last=day_name(locale, run[1]))
    return t(locale, "days.separator").join(day_name(locale, d) for d in sorted(chosen))


def _run(chosen: frozenset[int]) -> tuple[int, int] | None:
    """(first, last) when the days follow one another, across the weekend too (Sun–Thu)."""
    starts = [d for d in chosen if (d - 1) % 7 not in chosen]
    if len(starts) != 1:
        return None
    return starts[0], (starts[0] + len(chosen) - 1) % 7


def describe_week(locale: str, work_week: WorkWeek) -> str:
    """'09:00–18:00 Mon–Fri' / '月〜金 09:00〜18:00'."""
    hours = t(locale, "days.hours", start=f"{work_week.start:%H:%M}", end=f"{work_week.end:%H:%M}")
    return t(locale, "days.week", hours=hours, days=describe_days(locale, work_week.days))


def describe_weekly(locale: str, schedule: WeeklySchedule) -> str:
    """'Mon 09:00' / '毎週月曜 09:00'."""
    return t(locale, "days.weekly", day=day_name(locale, schedule.weekday), time=f"{schedule.at:%H:%M}")
