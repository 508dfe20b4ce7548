"""Exports of an escalation's timeline for the compliance record: one escalation (owner, raiser,
admins) or, for admins, every escalation raised in a date range.

Whoever is not on a confidential escalation (an admin, typically) gets only that it exists, when, and
its state: never its content, who was involved, or its timeline.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.errors import InvalidInput, NotAllowed
from bot.escalations.service import Actor, is_member
from storage.models import Escalation, TimelineEntry

CSV, JSON = "csv", "json"
MAX_RANGE_DAYS = 366
MAX_ESCALATIONS = 5000
COLUMNS = ("escalation", "confidential", "at_utc", "actor", "action", "detail")
# Spreadsheet programs run cells starting with these as formulas; a leading apostrophe keeps them text.
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Export:
    filename: str
    content: bytes
    escalations: int
    truncated: bool = False


def check_can_export(esc: Escalation, actor: Actor) -> None:
    if actor.user_id not in (esc.owner_id, esc.raiser_id) and not actor.is_admin:
        raise NotAllowed("error.export_not_allowed", number=esc.number)


def check_range(first: date, last: date) -> None:
    if last < first or (last - first).days > MAX_RANGE_DAYS:
        raise InvalidInput("error.export_range")


def one(session: Session, *, esc: Escalation, actor: Actor, fmt: str) -> Export:
    check_can_export(esc, actor)
    records = [_record(session, esc, visible=_visible(esc, actor))]
    return _render(records, fmt, f"escalation-{esc.number}", escalations=1)


def date_range(session: Session, *, first: date, last: date, tz: ZoneInfo, actor: Actor, fmt: str) -> Export:
    """Escalations raised from `first` to `last` (inclusive, days in `tz`), oldest first."""
    if not actor.is_admin:
        raise NotAllowed("error.admin_only")
    check_range(first, last)
    start = datetime.combine(first, time(0), tzinfo=tz)
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=tz)
    rows = list(
        session.scalars(
            select(Escalation)
            .where(Escalation.created_at >= start, Escalation.created_at < end)
            .order_by(Escalation.created_at, Escalation.id)
            .limit(MAX_ESCALATIONS + 1)
        )
    )
    truncated = len(rows) > MAX_ESCALATIONS
    records = [_record(session, esc, visible=_visible(esc, actor)) for esc in rows[:MAX_ESCALATIONS]]
    name = f"escalations-{first.isoformat()}..{last.isoformat()}"
    return _render(records, fmt, name, escalations=len(records), truncated=truncated)


def _visible(esc: Escalation, actor: Actor) -> bool:
    return not esc.confidential or is_member(esc, actor.user_id)


def _record(session: Session, esc: Escalation, *, visible: bool) -> dict[str, Any]:
    base: dict[str, Any] = {
        "number": esc.number,
        "confidential": esc.confidential,
        "status": esc.status,
        "created_at": _iso(esc.created_at),
        "acknowledged_at": _iso(esc.acknowledged_at),
        "resolved_at": _iso(esc.resolved_at),
    }
    if not visible:
        return base | {"content_left_out": True}  # confidential, and the person exporting is not on it
    base |= {
        "raiser": esc.raiser_id,
        "owner": esc.owner_id,
        "kind": esc.kind,
        "severity": esc.severity,
        "client": esc.client,
        "summary": esc.summary,
        "promised_at": _iso(esc.promised_at),
        "harassment_record": esc.harassment_record,
        "source_link": esc.source_link,
        "resolution": esc.resolution,
        "members": sorted((m.user_id, m.role) for m in esc.members),
        "purged_at": _iso(esc.purged_at),
    }
    entries = session.scalars(
        select(TimelineEntry)
        .where(TimelineEntry.escalation_id == esc.id)
        .order_by(TimelineEntry.at, TimelineEntry.id)
    )
    base["timeline"] = [
        {"at": _iso(e.at), "actor": e.actor_id, "action": e.action, "detail": e.detail} for e in entries
    ]
    return base


def _render(
    records: list[dict[str, Any]], fmt: str, name: str, *, escalations: int, truncated: bool = False
) -> Export:
    if fmt == JSON:
        body = {"escalations": records, "truncated": truncated}
        content = json.dumps(body, ensure_ascii=False, indent=2).encode()
        return Export(f"{name}.json", content, escalations, truncated)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for record in records:
        for row in _csv_rows(record):
            writer.writerow([_cell(v) for v in row])
    # a byte-order mark so spreadsheet programs read the Japanese correctly
    return Export(f"{name}.csv", ("\ufeff" + out.getvalue()).encode(), escalations, truncated)


def _csv_rows(record: dict[str, Any]) -> list[list[Any]]:
    """One row per timeline entry; an escalation whose content is left out gets a single row."""
    number, confidential = record["number"], record["confidential"]
    if "timeline" not in record:
        detail = {k: record[k] for k in ("status", "created_at", "resolved_at")}
        return [[number, confidential, record["created_at"], "", "content_left_out", _json(detail)]]
    return [
        [number, confidential, e["at"], e["actor"] or "", e["action"], _json(e["detail"])]
        for e in record["timeline"]
    ]


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def _json(value: Any) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _iso(at: datetime | None) -> str | None:
    return at.isoformat() if at is not None else None
