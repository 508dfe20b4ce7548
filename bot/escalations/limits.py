"""How much one person may do in an hour, so a flood (a script, a stuck key, a bad day) cannot bury an
owner in cards and DMs or hold up everyone else's escalations behind it.

Counted from the rows the actions leave anyway (escalations, timeline entries): nothing new is stored.
Checked in the work that runs after Slack was answered, never before the ack. An urgent escalation is
never refused because its owner is busy; only the person's own hourly count applies to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from bot.errors import NotAllowed
from bot.escalations.model import Severity
from storage.models import Escalation, TimelineEntry

WINDOW = timedelta(hours=1)
PER_RAISER = 10  # new escalations one person may raise in an hour
PER_OWNER = 20  # new escalations (not urgent) one owner receives in an hour, from everyone together
PER_ACTION = {"update": 20, "brought_in": 10}  # per person per hour, across all escalations


@dataclass(frozen=True)
class HourlyLimits:
    """HOURLY_LIMITS: how many of each a person may do in an hour (None: no limit)."""

    raise_: int | None = PER_RAISER
    owner: int | None = PER_OWNER
    update: int | None = PER_ACTION["update"]
    bring_in: int | None = PER_ACTION["brought_in"]

    @classmethod
    def parse(cls, raw: str) -> HourlyLimits:
        """`off`, or `raise=10,owner=20,update=20,bring_in=10` (any subset; `off` for one of them)."""
        if raw.strip().lower() == "off":
            return cls(None, None, None, None)
        names = {"raise": "raise_", "owner": "owner", "update": "update", "bring_in": "bring_in"}
        values: dict[str, int | None] = {}
        for part in raw.split(","):
            name, _, value = part.strip().partition("=")
            if name not in names or not value:
                raise ValueError(
                    f"expected off, or e.g. raise=10,owner=20,update=20,bring_in=10; got {raw!r}"
                )
            if value.lower() == "off":
                values[names[name]] = None
            elif value.isdigit() and int(value) > 0:
                values[names[name]] = int(value)
            else:
                raise ValueError(f"{name} must be a whole number above 0, or off; got {value!r}")
        return cls(**values)


class TooMany(NotAllowed):
    """Over an hourly limit: `until` is when the oldest counted action leaves the window."""

    def __init__(self, key: str, *, until: datetime, **params: object) -> None:
        super().__init__(key, until=until, **params)
        self.until = until


def check_new(
    session: Session,
    *,
    now: datetime,
    raiser_id: str,
    owner_id: str,
    severity: Severity,
    limits: HourlyLimits | None = None,
) -> None:
    """Refuse a new escalation over the raiser's hourly count, or (unless urgent) the owner's."""
    limits = limits or HourlyLimits()
    since = now - WINDOW
    mine = select(Escalation.created_at).where(
        Escalation.raiser_id == raiser_id, Escalation.created_at > since
    )
    if limits.raise_ is not None:
        newest_mine = mine.order_by(Escalation.created_at.desc())
        _refuse_over(session, newest_mine, limits.raise_, "error.escalate_rate_limited")
    if severity != Severity.URGENT and limits.owner is not None:
        theirs = select(Escalation.created_at).where(
            Escalation.owner_id == owner_id, Escalation.created_at > since
        )
        newest = theirs.order_by(Escalation.created_at.desc())
        _refuse_over(session, newest, limits.owner, "error.owner_flooded", owner=owner_id)


def check_action(
    session: Session, *, now: datetime, actor_id: str, action: str, limits: HourlyLimits | None = None
) -> None:
    """Refuse a person's update or bring-in over their hourly count."""
    limits = limits or HourlyLimits()
    limit = limits.update if action == "update" else limits.bring_in
    if limit is None:
        return
    done = select(TimelineEntry.at).where(
        TimelineEntry.actor_id == actor_id, TimelineEntry.action == action, TimelineEntry.at > now - WINDOW
    )
    _refuse_over(session, done.order_by(TimelineEntry.at.desc()), limit, f"error.{action}_rate_limited")


def _refuse_over(session: Session, newest_first: Select[Any], limit: int, key: str, **params: object) -> None:
    """With `limit` or more in the window, refuse until the `limit`-th newest leaves it."""
    stamps = list(session.scalars(newest_first.limit(limit)))
    if len(stamps) >= limit:
        raise TooMany(key, until=min(stamps) + WINDOW, limit=limit, **params)
