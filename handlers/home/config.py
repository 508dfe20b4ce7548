"""The configuration in force, as admins read it on their App Home (labels are catalog keys)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.calendar import ClosedRange
from bot.i18n import duration, t
from bot.i18n.days import describe_week, describe_weekly
from bot.settings import Settings
from handlers.blockkit import channel, user


def configuration(settings: Settings, locale: str) -> list[tuple[str, str]]:
    none = t(locale, "home.admin.none")

    def people(ids: Any) -> str:
        return ", ".join(_mention(str(i)) for i in sorted(ids)) or none

    timeouts = " · ".join(
        f"{t(locale, f'severity.{k}')} {duration(locale, v)}" for k, v in settings.ack_timeouts.items()
    )
    rows = [
        ("home.admin.channel", channel(settings.escalation_channel)),
        ("home.admin.admins", people(settings.admin_users)),
        ("home.admin.admin_channel", channel(settings.admin_channel) if settings.admin_channel else none),
        ("home.admin.desk", people(settings.consultation_desk)),
        ("home.admin.timeouts", timeouts),
        ("home.admin.nudges", str(settings.nudges_before_escalating)),
        ("home.admin.reminder", duration(locale, settings.reminder_before)),
        ("home.admin.hours", describe_week(locale, settings.work_week)),
        ("home.admin.holidays", settings.holiday_country or none),
        ("home.admin.closed", ", ".join(_closed(r) for r in settings.closed_dates) or none),
        ("home.admin.checkins", f"`{settings.checkin_plan.describe()}`"),
        ("home.admin.retention", _days(settings.retention_days, locale)),
        ("home.admin.vent_retention", _days(settings.vent_retention_days, locale)),
        ("home.admin.digest", describe_weekly(locale, settings.digest_schedule)),
    ]
    if settings.peer_channel:
        weekly = settings.encouragement_schedule
        rows += [
            ("home.admin.peer_channel", channel(settings.peer_channel)),
            ("home.admin.moderators", _moderators(settings, locale, people)),
            ("home.admin.vent_limit", t(locale, "home.admin.per_hour", count=settings.vent_rate_limit)),
            ("home.admin.weekly", describe_weekly(locale, weekly) if weekly is not None else none),
        ]
    else:
        rows.append(("home.admin.peer_channel", t(locale, "home.admin.peer_off")))
    return rows


def _moderators(settings: Settings, locale: str, people: Callable[[Any], str]) -> str:
    if settings.moderators:
        return people(settings.moderators)
    return t(locale, "home.admin.moderators_admins", users=people(settings.effective_moderators))


def _mention(entity: str) -> str:
    return f"<!subteam^{entity}>" if entity.startswith("S") else user(entity)


def _closed(closed: ClosedRange) -> str:
    (m1, d1), (m2, d2) = closed.start, closed.end
    return f"{m1:02d}-{d1:02d}..{m2:02d}-{d2:02d}"


def _days(days: int | None, locale: str) -> str:
    return t(locale, "home.admin.keep") if days is None else t(locale, "home.admin.days", days=days)
