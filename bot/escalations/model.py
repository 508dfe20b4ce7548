"""Plain values the escalation service takes and returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    COMPLAINT = "complaint"
    POSSIBLE_HARASSMENT = "possible_harassment"
    OWN_MISTAKE = "own_mistake"
    OTHER = "other"
    NOT_SURE = "not_sure"


class Severity(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    URGENT = "urgent"

    @property
    def rank(self) -> int:
        """Higher is more urgent; used to order lists."""
        return {"low": 0, "normal": 1, "urgent": 2}[self.value]


class Status(StrEnum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    RESOLVED = "resolved"


def is_overdue(promised_at: datetime | None, status: str, now: datetime) -> bool:
    """Still open at or after the reply time promised to the client (the card and the Home agree)."""
    return promised_at is not None and status != Status.RESOLVED.value and promised_at <= now


class Role(StrEnum):
    RAISER = "raiser"
    OWNER = "owner"
    BROUGHT_IN = "brought_in"
    DESK = "desk"
    FORMER_OWNER = "former_owner"
    CHAIN = "chain"  # brought in by the escalation chain; may acknowledge
    STANDIN = "standin"  # standing in for an owner who is away; may acknowledge
    AWAY_OWNER = "away_owner"  # the owner named, who was away; their stand-in owns it


class PostState(StrEnum):
    PENDING = "pending"  # stored, card not yet in Slack
    POSTED = "posted"
    BLOCKED = "blocked"  # Slack refused; an admin has been told, we keep trying


# Client-update cadences offered in forms, in minutes.
CADENCES = (60, 120, 240, 1440)

# The record Japan's labour ministry guidance asks for when customer harassment may be involved.
HARASSMENT_RECORD_FIELDS = ("when", "where", "what", "by_whom", "witnesses")

# A person can type at most this much into Slack; we keep every character up to it.
MAX_SUMMARY_CHARS = 12_000
MAX_SHORT_FIELD_CHARS = 500


@dataclass(frozen=True)
class Draft:
    """What a raiser asked for, parsed from a slash command, a modal or a message shortcut."""

    owner_id: str
    summary: str
    client: str | None = None
    kind: Kind = Kind.NOT_SURE
    severity: Severity = Severity.NORMAL
    promised_at: datetime | None = None
    confidential: bool = False
    harassment_record: dict[str, Any] | None = None
    source_link: str | None = None
    include_desk: bool = False
    extra_members: tuple[str, ...] = field(default_factory=tuple)
    update_cadence_minutes: int | None = None


@dataclass(frozen=True)
class Created:
    escalation_id: int
    number: int
    duplicate: bool = False  # the same Slack request arrived again; nothing new was made


@dataclass(frozen=True)
class EscalationView:
    """An escalation as the Slack edge renders it, copied out of the database row."""

    escalation_id: int
    number: int
    owner_id: str
    raiser_id: str
    summary: str
    severity: str = "normal"
    kind: str = "not_sure"
    client: str | None = None
    promised_at: datetime | None = None
    status: str = "open"
    confidential: bool = False
    acknowledged_by: str | None = None
    acknowledged_at: datetime | None = None
    resolved_by: str | None = None
    resolved_at: datetime | None = None
    resolution: str | None = None
    source_link: str | None = None
    card_link: str | None = None
    channel_id: str | None = None
    last_update_at: datetime | None = None
    brought_in: tuple[str, ...] = field(default_factory=tuple)
    created_at: datetime | None = None
    post_state: str = "pending"
    card_ts: str | None = None
    space: str | None = None
    members: tuple[str, ...] = field(default_factory=tuple)
    original_owner_id: str | None = None
    update_cadence_minutes: int | None = None
    chain: tuple[str, ...] = field(default_factory=tuple)
    # Still open after the reply time promised to the client (known only when rendered with a clock).
    overdue: bool = False
