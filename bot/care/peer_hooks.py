"""What the care features need from peer support (`/vent`), passed in through `PeerHooks`.

* `purge_before(session, before=…)`: take anonymous posts older than `before` (and their replies) out
  of Slack and the database; returns how many posts went. Runs from the hourly housekeeping job when
  VENT_RETENTION_DAYS is set (default 90).
* `week_totals(session, start=…, end=…)`: the workspace's number of posts and of replies in
  `[start, end)`, as `(posts, replies)`, or None when peer support is off. Used only as workspace
  totals in managers' weekly digest, shown only when there were at least five posts, and needs no
  knowledge of who posted.

`bot/app.py` passes the peer feature's own functions (`bot/peer/retention.py`) when `PEER_CHANNEL` is
set; the defaults here are for a workspace without peer support: nothing to purge or count.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session


def nothing_to_purge(session: Session, *, before: datetime) -> int:
    return 0


def no_totals(session: Session, *, start: datetime, end: datetime) -> tuple[int, int] | None:
    return None


@dataclass(frozen=True)
class PeerHooks:
    purge_before: Callable[..., int] = nothing_to_purge
    week_totals: Callable[..., tuple[int, int] | None] = no_totals
