"""The working-hours modal opened from the App Home: hours, days and an optional time zone."""

from __future__ import annotations

from bot.calendar import DAY_NAMES, WorkWeek
from bot.i18n import t
from handlers.blockkit import Block, input_block, modal, option, text_input
from handlers.ids import Block as B
from handlers.ids import View


def build_hours_modal(
    *, locale: str, week: WorkWeek, own_hours: bool, timezone: str | None, slack_timezone: str, default: str
) -> Block:
    start: Block = {"type": "timepicker", "action_id": B.HOURS_START}
    end: Block = {"type": "timepicker", "action_id": B.HOURS_END}
    if own_hours:
        start["initial_time"], end["initial_time"] = f"{week.start:%H:%M}", f"{week.end:%H:%M}"
    days = [option(t(locale, f"day.{name}"), name) for name in DAY_NAMES]
    days_element: Block = {"type": "checkboxes", "action_id": B.HOURS_DAYS, "options": days}
    chosen = [o for i, o in enumerate(days) if i in week.days]
    if own_hours and chosen:
        days_element["initial_options"] = chosen
    zone = text_input(B.HOURS_TZ, max_length=64, initial=timezone, placeholder=slack_timezone)
    blocks = [
        input_block(
            B.HOURS_START,
            t(locale, "home.hours.start"),
            start,
            optional=True,
            hint=t(locale, "home.hours.hint", default=default),
        ),
        input_block(B.HOURS_END, t(locale, "home.hours.end"), end, optional=True),
        input_block(B.HOURS_DAYS, t(locale, "home.hours.days"), days_element, optional=True),
        input_block(
            B.HOURS_TZ,
            t(locale, "home.hours.tz"),
            zone,
            optional=True,
            hint=t(locale, "home.hours.tz_hint", slack_tz=slack_timezone),
        ),
    ]
    return modal(
        View.HOME_HOURS,
        t(locale, "home.hours.title"),
        blocks,
        submit=t(locale, "home.hours.submit"),
        close=t(locale, "modal.cancel"),
    )
