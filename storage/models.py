"""SQLAlchemy models. Times are stored as aware UTC; conversion to a person's zone happens on render."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC in and out, on SQLite (which has no time zones) as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime stored; use an aware UTC datetime")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# BigInteger primary keys autoincrement on PostgreSQL; SQLite only autoincrements INTEGER.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime(), dict[str, Any]: JSON()}


class EscalationCounter(Base):
    """The last escalation number handed out in a workspace."""

    __tablename__ = "escalation_counters"
    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class Escalation(Base):
    __tablename__ = "escalations"
    __table_args__ = (
        UniqueConstraint("team_id", "number"),
        Index("ix_escalations_owner_open", "owner_id", "status"),
        Index("ix_escalations_raiser_open", "raiser_id", "status"),
        Index("ix_escalations_card", "channel_id", "card_ts"),
        Index("ix_escalations_resolved", "status", "resolved_at"),
        Index("ix_escalations_created", "created_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    number: Mapped[int] = mapped_column(Integer)
    # The Slack request that created it (trigger_id / view id), so a repeated request creates nothing.
    request_key: Mapped[str | None] = mapped_column(String(255), unique=True)
    raiser_id: Mapped[str] = mapped_column(String(32))
    owner_id: Mapped[str] = mapped_column(String(32))
    client: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32), default="not_sure")
    severity: Mapped[str] = mapped_column(String(16), default="normal")
    promised_at: Mapped[datetime | None]
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    harassment_record: Mapped[dict[str, Any] | None]
    source_link: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="open")
    # Where its thread lives once posted; post_state says whether it is there yet.
    channel_id: Mapped[str | None] = mapped_column(String(32))
    card_ts: Mapped[str | None] = mapped_column(String(32))
    card_link: Mapped[str | None] = mapped_column(Text)
    # For confidential escalations: "private_channel" or "group_dm" (which cannot take new members).
    space: Mapped[str | None] = mapped_column(String(16))
    post_state: Mapped[str] = mapped_column(String(16), default="pending")
    created_at: Mapped[datetime]
    acknowledged_at: Mapped[datetime | None]
    acknowledged_by: Mapped[str | None] = mapped_column(String(32))
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[str | None] = mapped_column(String(32))
    resolution: Mapped[str | None] = mapped_column(Text)
    last_activity_at: Mapped[datetime]
    last_update_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(Integer, default=1)
    # When the owner named was away: who they were (the stand-in is then the owner).
    original_owner_id: Mapped[str | None] = mapped_column(String(32))
    # "Update the client every …", in minutes; None when no cadence was asked for.
    update_cadence_minutes: Mapped[int | None] = mapped_column(Integer)
    # How far up the escalation chain it has gone (0: only the owner so far).
    chain_level: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # When RETENTION_DAYS removed what people wrote (summary, client, decision, timeline details).
    purged_at: Mapped[datetime | None]

    members: Mapped[list[EscalationMember]] = relationship(
        back_populates="escalation", cascade="all, delete-orphan", lazy="selectin"
    )


class EscalationMember(Base):
    """Who is on an escalation: raiser, owner, and whoever is brought in later."""

    __tablename__ = "escalation_members"
    escalation_id: Mapped[int] = mapped_column(
        ForeignKey("escalations.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    role: Mapped[str] = mapped_column(String(16))
    added_at: Mapped[datetime]

    escalation: Mapped[Escalation] = relationship(back_populates="members")


class TimelineEntry(Base):
    """One thing that happened to an escalation: who, what, when. The compliance record."""

    __tablename__ = "timeline_entries"
    __table_args__ = (Index("ix_timeline_escalation", "escalation_id", "at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    escalation_id: Mapped[int] = mapped_column(ForeignKey("escalations.id", ondelete="CASCADE"))
    at: Mapped[datetime]
    actor_id: Mapped[str | None] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(32))
    detail: Mapped[dict[str, Any] | None]


class ScheduledSend(Base):
    """Every message the bot will send, written in the same transaction as the change that causes it.

    status: pending → sending → sent | failed | cancelled. A row left in `sending` past its lease
    belonged to a process that died mid-send: whoever reclaims it checks Slack before sending again.
    """

    __tablename__ = "scheduled_sends"
    __table_args__ = (
        Index("ix_scheduled_sends_due", "status", "due_at"),
        Index("ix_scheduled_sends_escalation", "escalation_id", "status"),
        Index("ix_scheduled_sends_target", "target", "status"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    key: Mapped[str] = mapped_column(String(255), unique=True)
    kind: Mapped[str] = mapped_column(String(48))
    target: Mapped[str | None] = mapped_column(Text)
    payload: Mapped[dict[str, Any]]
    escalation_id: Mapped[int | None] = mapped_column(ForeignKey("escalations.id", ondelete="CASCADE"))
    due_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    lease_until: Mapped[datetime | None]
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    result: Mapped[dict[str, Any] | None]


class Person(Base):
    """What Slack told us about a person (locale, time zone), cached to answer in their language."""

    __tablename__ = "people"
    user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str | None] = mapped_column(String(255))
    locale: Mapped[str | None] = mapped_column(String(16))
    tz: Mapped[str | None] = mapped_column(String(64))
    is_bot: Mapped[bool] = mapped_column(Boolean, default=False)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    fetched_at: Mapped[datetime]


class ChainLink(Base):
    """Who is above a person in the escalation chain. Set by admins in Slack or seeded from a file."""

    __tablename__ = "chain_links"
    __table_args__ = (Index("ix_chain_links_manager", "manager_id"),)

    user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    manager_id: Mapped[str] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(String(8))  # "slack" (admins) wins over "file"
    set_by: Mapped[str | None] = mapped_column(String(32))
    updated_at: Mapped[datetime]


class AwayPeriod(Base):
    """A person's leave, with who stands in for them (dates in that person's own time zone)."""

    __tablename__ = "away_periods"
    __table_args__ = (Index("ix_away_user", "user_id", "last_day"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32))
    first_day: Mapped[date]
    last_day: Mapped[date]
    standin_id: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime]


class PersonSettings(Base):
    """What a person chose for themselves; empty fields mean the workspace defaults."""

    __tablename__ = "person_settings"
    user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    work_hours: Mapped[str | None] = mapped_column(String(16))  # "08:30-17:30"
    work_days: Mapped[str | None] = mapped_column(String(32))  # "mon-fri"
    timezone: Mapped[str | None] = mapped_column(String(64))
    locale: Mapped[str | None] = mapped_column(String(8))
    updated_at: Mapped[datetime]
    # Chosen on the App Home (see handlers/home).
    checkins_enabled: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    peer_supporter: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    digest_enabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    out_of_office_until: Mapped[date | None]  # the last day away, in the person's own time zone
    home_page: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # When this peer supporter was last connected with someone (never with whom), to share the asks.
    supporter_connected_at: Mapped[datetime | None]


# --- peer support (/vent) ---------------------------------------------------------------------------
# None of these tables holds a Slack user ID of an anonymous author, or a value shared by two of one
# author's posts: tags are keyed hashes scoped to one post, hour or day, and seals use a fresh nonce.


class VentPost(Base):
    """An anonymous post, an encouragement request or a weekly thread in PEER_CHANNEL."""

    __tablename__ = "vent_posts"
    __table_args__ = (Index("ix_vent_posts_message", "channel_id", "ts"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True)  # random; what buttons carry
    kind: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16))
    channel_id: Mapped[str | None] = mapped_column(String(32))
    ts: Mapped[str | None] = mapped_column(String(32))
    link: Mapped[str | None] = mapped_column(Text)
    posted_at: Mapped[datetime | None]
    # The author's keyed tag in this thread only: "OP", "delete my post", "notify me".
    author_tag: Mapped[str | None] = mapped_column(String(64))
    # The author's mute key, sealed for this row: only the bot can use it, and only to pause them.
    mute_seal: Mapped[str | None] = mapped_column(Text)
    # One thread per encouragement request (a keyed tag) or per week ("weekly:2026-W48").
    request_tag: Mapped[str | None] = mapped_column(String(64), unique=True)
    pseudonyms: Mapped[int] = mapped_column(Integer, default=0)  # "Anonymous N" handed out so far


class VentReply(Base):
    """An anonymous reply in a post's thread, shown under the replier's pseudonym there."""

    __tablename__ = "vent_replies"
    __table_args__ = (Index("ix_vent_replies_post", "post_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("vent_posts.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)  # 0 is the post's author ("OP")
    state: Mapped[str] = mapped_column(String(16))
    ts: Mapped[str | None] = mapped_column(String(32))
    posted_at: Mapped[datetime | None]
    mute_seal: Mapped[str | None] = mapped_column(Text)


class VentPseudonym(Base):
    """Who is "Anonymous N" in one thread, as a tag keyed to that thread (OP is the post's own tag)."""

    __tablename__ = "vent_pseudonyms"
    __table_args__ = (UniqueConstraint("post_id", "number"),)

    post_id: Mapped[int] = mapped_column(ForeignKey("vent_posts.id", ondelete="CASCADE"), primary_key=True)
    tag: Mapped[str] = mapped_column(String(64), primary_key=True)
    number: Mapped[int] = mapped_column(Integer)


class VentRelay(Base):
    """Where to tell an author about replies: sealed, and deleted after VENT_RELAY_DAYS."""

    __tablename__ = "vent_relays"

    post_id: Mapped[int] = mapped_column(ForeignKey("vent_posts.id", ondelete="CASCADE"), primary_key=True)
    sealed_target: Mapped[str] = mapped_column(Text)
    mode: Mapped[str] = mapped_column(String(8))  # "link": a nudge with a link; "text": the reply itself
    expires_at: Mapped[datetime]


class AnonToken(Base):
    """A keyed, single-use value: one rate-limit slot, one day of a mute, or one person's report.

    Each token is made from its own hour, day, slot or target, so no two tokens share anything,
    and nothing ties a token to the post it was spent on.
    """

    __tablename__ = "anon_tokens"
    __table_args__ = (Index("ix_anon_tokens_expires", "expires_at"),)

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    expires_at: Mapped[datetime]


class VentReport(Base):
    """Reports of one anonymous message, and what moderators did about it (moderators are named)."""

    __tablename__ = "vent_reports"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    target: Mapped[str] = mapped_column(String(32), unique=True)  # the post's or reply's public_id
    post_id: Mapped[int] = mapped_column(ForeignKey("vent_posts.id", ondelete="CASCADE"))
    reply_id: Mapped[int | None] = mapped_column(ForeignKey("vent_replies.id", ondelete="CASCADE"))
    reports: Mapped[int] = mapped_column(Integer, default=1)
    reasons: Mapped[dict[str, Any]]  # {"items": [...]}: what reporters wrote, never who they are
    created_at: Mapped[datetime]
    hidden_by: Mapped[str | None] = mapped_column(String(32))
    hidden_at: Mapped[datetime | None]
    muted_by: Mapped[str | None] = mapped_column(String(32))
    muted_until: Mapped[datetime | None]
    kept_by: Mapped[str | None] = mapped_column(String(32))
    removed: Mapped[bool] = mapped_column(Boolean, default=False)  # its author deleted it
    version: Mapped[int] = mapped_column(Integer, default=1)  # bumped on every change, for notice updates


class VentModNotice(Base):
    """Where each moderator's notice about a report is, so every copy shows what was decided."""

    __tablename__ = "vent_mod_notices"

    report_id: Mapped[int] = mapped_column(
        ForeignKey("vent_reports.id", ondelete="CASCADE"), primary_key=True
    )
    moderator_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    channel_id: Mapped[str] = mapped_column(String(32))
    ts: Mapped[str] = mapped_column(String(32))


class CareState(Base):
    """The little a person's check-ins must remember about their answers, for that person alone.

    Only `bot/care/checkins.py` touches it. It is never shown to anyone else, never counted in any
    report, and holds no answers: only how many rough ones came in a row, and the kind of support
    the person asked for.
    """

    __tablename__ = "care_states"
    user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    rough_streak: Mapped[int] = mapped_column(Integer, default=0)
    support_kind: Mapped[str | None] = mapped_column(String(16))


class CheckinStop(Base):
    """A person asked for no more check-ins about one escalation (private to them, like CareState)."""

    __tablename__ = "checkin_stops"
    escalation_id: Mapped[int] = mapped_column(
        ForeignKey("escalations.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
