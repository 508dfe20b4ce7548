"""The care settings written the way people write them: `CHECKIN_PLAN` and `DIGEST_SCHEDULE`.

CHECKIN_PLAN is a comma-separated list of steps:

    3h                a check-in that long after the escalation is raised (moved into working hours)
    next-morning      the raiser's next working morning after raising it
    after-resolve:1d  after resolution: `d` counts working days (same time of day, in working
                      hours); `h`/`m` count clock time, then wait for working hours
    rough:2h          how soon the next check-in comes after two rough answers in a row

`off` plans nothing (check-ins the person asks for, after a meeting, still happen).
DIGEST_SCHEDULE is a weekday and a time, e.g. `mon 09:00`, in each manager's own time zone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from bot.durations import format_duration, parse_duration

RAISED, RESOLVED = "raised", "resolved"
DEFAULT_PLAN = "3h,next-morning,after-resolve:1d"
DEFAULT_ROUGH_AFTER = timedelta(hours=2)
DEFAULT_DIGEST = "mon 09:00"
_WORKING_DAYS = re.compile(r"^(\d{1,2})d$")
PLAN_EXAMPLE = "3h,next-morning,after-resolve:1d (and optionally rough:2h), or off"


@dataclass(frozen=True)
class CheckinStep:
    """One planned check-in: counted from raising or from resolution."""

    anchor: str
    after: timedelta | None = None  # clock time, then the next working moment
    working_days: int = 0  # whole working days later, same time of day
    morning: bool = False  # the next working morning

    def describe(self) -> str:
        if self.morning:
            return "next-morning"
        amount = f"{self.working_days}d" if self.working_days else format_duration(self.after or timedelta())
        return f"after-resolve:{amount}" if self.anchor == RESOLVED else amount


@dataclass(frozen=True)
class CheckinPlan:
    steps: tuple[CheckinStep, ...] = ()
    rough_after: timedelta = DEFAULT_ROUGH_AFTER

    def for_anchor(self, anchor: str) -> tuple[CheckinStep, ...]:
        return tuple(s for s in self.steps if s.anchor == anchor)

    def describe(self) -> str:
        parts = [s.describe() for s in self.steps] or ["off"]
        return ",".join([*parts, f"rough:{format_duration(self.rough_after)}"])


def parse_plan(raw: str) -> CheckinPlan:
    """'3h,next-morning,after-resolve:1d,rough:2h' → a plan. Raises ValueError with an example."""
    text = raw.strip().lower()
    if text == "off":
        return CheckinPlan()
    steps: list[CheckinStep] = []
    rough = DEFAULT_ROUGH_AFTER
    for part in (p.strip() for p in text.split(",")):
        name, _, amount = part.partition(":")
        if part == "next-morning":
            steps.append(CheckinStep(RAISED, morning=True))
        elif name == "after-resolve" and amount:
            steps.append(_resolved_step(amount, raw))
        elif name == "rough" and amount:
            rough = _duration(amount, raw)
        elif not amount:
            steps.append(CheckinStep(RAISED, after=_duration(part, raw)))
        else:
            raise ValueError(f"expected {PLAN_EXAMPLE}, got {raw!r}")
    return CheckinPlan(tuple(steps), rough)


def _resolved_step(amount: str, raw: str) -> CheckinStep:
    days = _WORKING_DAYS.match(amount)
    if days:
        if not 1 <= int(days.group(1)) <= 30:
            raise ValueError(f"after-resolve counts 1 to 30 working days, got {raw!r}")
        return CheckinStep(RESOLVED, working_days=int(days.group(1)))
    return CheckinStep(RESOLVED, after=_duration(amount, raw))


def _duration(text: str, raw: str) -> timedelta:
    try:
        return parse_duration(text)
    except ValueError as exc:
        raise ValueError(f"expected {PLAN_EXAMPLE}, got {raw!r}") from exc
