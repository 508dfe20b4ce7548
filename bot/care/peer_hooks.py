"""Hooks for the peer-support feature (`/vent`), which keeps its own tables and is built separately.

Care needs two things from it, and calls them through these functions (injected in `bot/app.py` via
`PeerHooks`), so that until the vent feature exists there is simply nothing to purge or count:

* `purge_vents_before(session, before=…)`: delete (or strip the text of) anonymous posts and their
  replies older than `before`; return how many were purged. Runs from the hourly housekeeping job
  when VENT_RETENTION_DAYS is set (default 90).
* `peer_week_totals(session, start=…, end=…)`: the workspace's number of posts and of replies in
  `[start, end)`, as `(posts, replies)`, or None when peer support is not set up. Used only as
  workspace totals in managers' weekly digest, and shown only when there were at least five posts.
  It must need no knowledge of who posted.

The vent feature fills in these two bodies (or passes its own functions to `PeerHooks`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session


def purge_vents_before(session: Session, *, before: datetime) -> int:
    """Nothing to purge until the vent feature provides its tables."""
    return 0


def peer_week_totals(session: Session, *, start: datetime, end: datetime) -> tuple[int, int] | None:
    """No peer-support activity to report until the vent feature provides it."""
    return None


@dataclass(frozen=True)
class PeerHooks:
    purge_before: Callable[..., int] = purge_vents_before
    week_totals: Callable[..., tuple[int, int] | None] = peer_week_totals
