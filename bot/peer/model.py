"""Plain values and names for peer support."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

MAX_TEXT = 3000  # what a Slack text input holds; slash-command text is held to the same
MAX_REASON = 500
# "Post after a random delay": a moment in this window, so the time does not point to the author.
DELAY_MIN, DELAY_MAX = timedelta(minutes=5), timedelta(minutes=30)
# Anonymous replies have their own hourly allowance, this many times VENT_RATE_LIMIT.
REPLY_ALLOWANCE = 3
MUTE_CHOICES = (timedelta(days=1), timedelta(days=7), timedelta(days=30))
# Pauses of one author may overlap on a day (several reports); each takes a slot of its own and no
# row is ever changed, so no two pauses can be tied together. Beyond this many, a day keeps its pauses.
MUTE_SLOTS = 24
REPORT_MEMORY = timedelta(days=90)  # how long one person's report of one message is remembered
RELAY_COALESCE = timedelta(minutes=15)  # at most one "someone replied" nudge per post in this long
# What a reply notice that could not go is recorded as: never Slack's reason, which says who it was for.
NOT_DELIVERED = "notice not delivered"


class PostKind(StrEnum):
    VENT = "vent"
    ENCOURAGEMENT = "encouragement"  # asked for by someone who raised an escalation
    WEEKLY = "weekly"  # the weekly thanks-and-wins thread


class PostState(StrEnum):
    PENDING = "pending"  # stored, not yet in Slack (a random delay, or Slack was unavailable)
    POSTED = "posted"
    HIDDEN = "hidden"  # removed by a moderator
    DELETED = "deleted"  # removed by its author


class RelayMode(StrEnum):
    LINK = "link"  # "someone replied", with a link (vents)
    TEXT = "text"  # the reply itself (encouragement)


class PeerSend(StrEnum):
    """Outbox kinds for peer support; the Slack edge delivers each."""

    POST = "vent.post"
    REPLY = "vent.reply"
    RELAY = "vent.relay"
    DELETE = "vent.delete"
    REPORT = "vent.report"
    MOD_NOTICE = "vent.mod_notice"
    MOD_UPDATE = "vent.mod_update"
    ADMIN = "vent.admin"


class AdminNotice(StrEnum):
    CANNOT_POST = "cannot_post"
    RELAY_FAILED = "relay_failed"
    SEND_FAILED = "send_failed"


@dataclass(frozen=True)
class Draft:
    text: str
    notify: bool = False
    delay: bool = False


@dataclass(frozen=True)
class Receipt:
    """What the author is told after posting (only them)."""

    public_id: str
    due_at: datetime
    delayed: bool
    notify: bool


@dataclass(frozen=True)
class ReplyReceipt:
    public_id: str
    number: int  # 0 is "OP"


@dataclass(frozen=True)
class Target:
    """An anonymous message someone may report, hide or delete."""

    post_id: int
    post_public_id: str
    reply_id: int | None
    public_id: str
    state: str
    link: str | None

    @property
    def is_reply(self) -> bool:
        return self.reply_id is not None


@dataclass(frozen=True)
class ReportView:
    """A report as the moderators' notice shows it."""

    report_id: int
    target: str
    is_reply: bool
    link: str | None
    reports: int
    reasons: tuple[str, ...]
    hidden_by: str | None = None
    muted_by: str | None = None
    muted_until: datetime | None = None
    kept_by: str | None = None
    removed: bool = False
    can_pause: bool = True  # False for the bot's own words (an encouragement request)
