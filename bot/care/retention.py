"""Retention: what people wrote about a resolved escalation is removed after RETENTION_DAYS, and
anonymous posts after VENT_RETENTION_DAYS (through the peer-support feature's hook).

A purged escalation keeps its skeleton (number, dates, state, who owned and raised it, what happened
when), so counts and the escalation chain's history stay true; its summary, client, decision,
factual record, timeline details, reviews and thanks, and the payloads of its sent messages go.
Messages already in Slack follow the workspace's own Slack retention.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.care.checkins import store
from bot.care.peer_hooks import PeerHooks
from bot.clock import Clock
from bot.escalations.model import Status
from bot.outbox import PENDING
from storage.db import SessionFactory
from storage.models import Escalation, ScheduledSend, TimelineEntry

BATCH = 500


def purge_resolved(session: Session, *, now: datetime, days: int, batch: int = BATCH) -> int:
    """Purge up to `batch` resolved escalations older than `days`; returns how many."""
    cutoff = now - timedelta(days=days)
    ids = list(
        session.scalars(
            select(Escalation.id)
            .where(
                Escalation.status == Status.RESOLVED.value,
                Escalation.resolved_at < cutoff,
                Escalation.purged_at.is_(None),
            )
            .order_by(Escalation.resolved_at)
            .limit(batch)
        )
    )
    if not ids:
        return 0
    session.execute(
        update(Escalation)
        .where(Escalation.id.in_(ids))
        .values(
            summary="", client=None, resolution=None, harassment_record=None, source_link=None, purged_at=now
        )
    )
    session.execute(update(TimelineEntry).where(TimelineEntry.escalation_id.in_(ids)).values(detail=None))
    session.execute(
        update(ScheduledSend)
        .where(ScheduledSend.escalation_id.in_(ids), ScheduledSend.status != PENDING)
        .values(payload={}, result=None)
    )
    store.forget_escalations(session, ids)
    return len(ids)


def run(
    sessions: SessionFactory, *, clock: Clock, days: int | None, vent_days: int | None, hooks: PeerHooks
) -> dict[str, int]:
    """One pass: every due escalation in batches, then vents. Each batch is its own transaction."""
    purged = 0
    while days is not None:
        with sessions.begin() as session:
            count = purge_resolved(session, now=clock.now(), days=days)
        purged += count
        if count < BATCH:
            break
    vents = 0
    if vent_days is not None:
        with sessions.begin() as session:
            vents = hooks.purge_before(session, before=clock.now() - timedelta(days=vent_days))
    return {"escalations": purged, "vents": vents}
