"""The one settings object, read from the environment (and `.env`, loaded by `python -m bot`).

Every problem is collected before failing, so a person fixing their configuration sees the whole
list at once instead of one error per restart.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from datetime import time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.calendar import (
    Calendar,
    ClosedRange,
    WeeklySchedule,
    WorkWeek,
    parse_closed_dates,
    parse_days,
    parse_hours,
    parse_weekly,
    supported_country,
)
from bot.care.config import (
    DEFAULT_DIGEST,
    DEFAULT_PLAN,
    CheckinPlan,
    parse_plan,
)
from bot.durations import parse_duration
from bot.escalations.limits import HourlyLimits
from bot.peer.crisis import DEFAULT_CRISIS, CrisisConfig, load_crisis_config

DEFAULT_DATABASE_URL = "sqlite:///./data/itabasami.db"
SUPPORTED_LOCALES = ("ja", "en")
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
_CHANNEL_ID = re.compile(r"^[CG][A-Z0-9]{2,}$")
DEFAULT_ACK_TIMEOUTS = {
    "urgent": timedelta(minutes=15),
    "normal": timedelta(hours=2),
    "low": timedelta(days=1),
}
# The Japanese year-end closure (年末年始休業), the most common one.
DEFAULT_CLOSED = "12-29..01-03"
_MODERATOR_ID = re.compile(r"^[UWS][A-Z0-9]{2,}$")
_SECRET_FIELDS = frozenset(
    {"slack_bot_token", "slack_signing_secret", "slack_app_token", "database_url", "anon_secret"}
)
MIN_ANON_SECRET = 32
MIN_DISTINCT = 12
MIN_SECRET_BITS = 128
HOW_TO_GENERATE = 'python -c "import secrets; print(secrets.token_urlsafe(48))"'


class SettingsError(Exception):
    """Raised with every configuration problem found, one per line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True, repr=False)
class Settings:
    slack_bot_token: str
    slack_signing_secret: str
    slack_app_token: str | None = None
    slack_api_base_url: str | None = None
    port: int = 3000
    database_url: str = DEFAULT_DATABASE_URL
    log_level: str = "INFO"
    escalation_channel: str = ""
    default_locale: str = "en"
    default_timezone: str = "UTC"
    admin_users: frozenset[str] = field(default_factory=frozenset)
    admin_channel: str | None = None
    consultation_desk: tuple[str, ...] = ()
    scheduler_tick: timedelta = timedelta(seconds=5)
    send_threads: int = 8
    # Slack takes about one message a second per conversation; zero turns the pacing off.
    channel_post_interval: timedelta = timedelta(seconds=1)
    ack_timeouts: dict[str, timedelta] = field(default_factory=lambda: dict(DEFAULT_ACK_TIMEOUTS))
    nudges_before_escalating: int = 2
    reminder_before: timedelta = timedelta(minutes=30)
    work_week: WorkWeek = field(default_factory=WorkWeek)
    holiday_country: str | None = None
    closed_dates: tuple[ClosedRange, ...] = field(default_factory=lambda: parse_closed_dates(DEFAULT_CLOSED))
    escalation_chain_file: Path | None = None
    # Where requests wait while the database does not answer (see bot/intake.py); None: beside a
    # SQLite database, else ./data/spool.sqlite3.
    spool_file: Path | None = None
    # How many new escalations, updates and bring-ins one person may make in an hour (HOURLY_LIMITS).
    hourly_limits: HourlyLimits = field(default_factory=HourlyLimits)
    # How long start-up waits for an unreachable database (retrying) before giving up.
    database_wait: timedelta = timedelta(seconds=60)
    # --- care: check-ins, retention, the weekly digest --------------------------------------------
    checkin_plan: CheckinPlan = field(default_factory=lambda: parse_plan(DEFAULT_PLAN))
    retention_days: int | None = None  # None: keep resolved escalations' details
    vent_retention_days: int | None = 90
    digest_schedule: WeeklySchedule = field(default_factory=lambda: parse_weekly(DEFAULT_DIGEST))
    # Peer support (/vent): on when peer_channel is set.
    peer_channel: str | None = None
    anon_secret: str | None = None
    vent_relay_days: int = 7
    moderators: tuple[str, ...] = ()  # user IDs and user-group IDs (S…)
    vent_rate_limit: int = 5
    crisis: CrisisConfig = DEFAULT_CRISIS
    encouragement_schedule: WeeklySchedule | None = None

    @property
    def calendar(self) -> Calendar:
        return Calendar(holiday_country=self.holiday_country, closed=self.closed_dates)

    @property
    def spool_path(self) -> Path:
        if self.spool_file is not None:
            return self.spool_file
        return (data_dir_for(self.database_url) or Path("data")) / "spool.sqlite3"

    @property
    def peer_enabled(self) -> bool:
        return bool(self.peer_channel)

    @property
    def effective_moderators(self) -> tuple[str, ...]:
        """Who handles reports: MODERATORS, or the admins when it is not set."""
        return self.moderators or tuple(sorted(self.admin_users))

    @property
    def socket_mode(self) -> bool:
        return bool(self.slack_app_token)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.default_timezone)

    def is_admin(self, user_id: str) -> bool:
        return user_id in self.admin_users

    def __repr__(self) -> str:
        parts = []
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "anon_secret":
                shown = repr("***" if value else value)
            elif f.name in _SECRET_FIELDS:
                shown = _mask(value)
            elif f.name == "crisis":
                shown = f"<{len(value.resources)} resources, {len(value.words)} words>"
            else:
                shown = repr(value)
            parts.append(f"{f.name}={shown}")
        return f"Settings({', '.join(parts)})"

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        """Build settings from an environment mapping or raise SettingsError listing every problem."""
        reader = _Reader(env)
        values: dict[str, Any] = {
            "slack_bot_token": reader.required("SLACK_BOT_TOKEN", _token("xoxb-"), "a bot token (xoxb-…)"),
            "slack_signing_secret": reader.required("SLACK_SIGNING_SECRET", _nonempty, "the signing secret"),
            "slack_app_token": reader.optional("SLACK_APP_TOKEN", _token("xapp-")),
            "slack_api_base_url": reader.optional("SLACK_API_BASE_URL", _url),
            "port": reader.optional("PORT", _port, 3000),
            "database_url": reader.optional("DATABASE_URL", _database_url, DEFAULT_DATABASE_URL),
            "log_level": reader.optional("LOG_LEVEL", _log_level, "INFO"),
            "escalation_channel": reader.required(
                "ESCALATION_CHANNEL", _channel_id, "a channel ID such as C0123456789"
            ),
            "default_locale": reader.optional("DEFAULT_LOCALE", _locale, "en"),
            "default_timezone": reader.optional("DEFAULT_TIMEZONE", _timezone, "UTC"),
            "admin_users": reader.optional("ADMIN_USERS", _user_ids, frozenset()),
            "admin_channel": reader.optional("ADMIN_CHANNEL", _channel_id),
            "consultation_desk": reader.optional("CONSULTATION_DESK", _user_id_tuple, ()),
            "scheduler_tick": reader.optional("SCHEDULER_TICK", _duration, timedelta(seconds=5)),
            "send_threads": reader.optional("SEND_THREADS", _whole(1, 64, "threads"), 8),
            "channel_post_interval": reader.optional(
                "CHANNEL_POST_INTERVAL", _interval_or_off, timedelta(seconds=1)
            ),
            "ack_timeouts": reader.optional("ACK_TIMEOUTS", _ack_timeouts, dict(DEFAULT_ACK_TIMEOUTS)),
            "nudges_before_escalating": reader.optional("NUDGES_BEFORE_ESCALATING", _count, 2),
            "reminder_before": reader.optional("REMINDER_BEFORE", _duration, timedelta(minutes=30)),
            "holiday_country": reader.optional("HOLIDAY_COUNTRY", _country),
            "closed_dates": reader.optional("CLOSED_DATES", _closed, parse_closed_dates(DEFAULT_CLOSED)),
            "escalation_chain_file": reader.optional("ESCALATION_CHAIN_FILE", _existing_file),
            "spool_file": reader.optional("SPOOL_FILE", Path),
            "hourly_limits": reader.optional("HOURLY_LIMITS", _hourly_limits, HourlyLimits()),
            "database_wait": reader.optional("DATABASE_WAIT", _duration, timedelta(seconds=60)),
            **_peer_values(reader),
            "checkin_plan": reader.optional("CHECKIN_PLAN", _checkin_plan, parse_plan(DEFAULT_PLAN)),
            "retention_days": reader.optional("RETENTION_DAYS", _days_or_keep),
            "vent_retention_days": reader.optional("VENT_RETENTION_DAYS", _days_or_keep, 90),
            "digest_schedule": reader.optional("DIGEST_SCHEDULE", _weekly, parse_weekly(DEFAULT_DIGEST)),
        }
        _channels_apart(reader, values)
        hours = reader.optional("WORK_HOURS", _hours, (time(9, 0), time(18, 0)))
        days = reader.optional("WORK_DAYS", _days, frozenset(range(5)))
        if reader.problems:
            raise SettingsError(reader.problems)
        values["work_week"] = WorkWeek(start=hours[0], end=hours[1], days=days)
        return cls(**values)


def _peer_values(reader: _Reader) -> dict[str, Any]:
    values: dict[str, Any] = {
        "peer_channel": reader.optional("PEER_CHANNEL", _channel_id),
        "vent_relay_days": reader.optional("VENT_RELAY_DAYS", _whole(1, 90, "days"), 7),
        "moderators": reader.optional("MODERATORS", _moderator_ids, ()),
        "vent_rate_limit": reader.optional("VENT_RATE_LIMIT", _whole(1, 100, "posts per hour"), 5),
        "crisis": reader.optional("CRISIS_RESOURCES", _crisis, DEFAULT_CRISIS),
        "encouragement_schedule": reader.optional("ENCOURAGEMENT_SCHEDULE", _weekly),
    }
    if values["peer_channel"] or reader.env.get("PEER_CHANNEL", "").strip():
        values["anon_secret"] = reader.required(
            "ANON_SECRET",
            _anon_secret,
            f"a random secret of at least {MIN_ANON_SECRET} characters, kept outside the database "
            f"(/vent is on because PEER_CHANNEL is set). Generate one with: {HOW_TO_GENERATE}",
        )
        _not_another_secret(reader, values.get("anon_secret"))
        moderators_given = reader.env.get("MODERATORS", "").strip()
        if not moderators_given and not reader.env.get("ADMIN_USERS", "").strip():
            reader.problems.append(
                "MODERATORS is missing: /vent is on (PEER_CHANNEL is set), so name who handles reports, "
                "as user IDs and/or a user group ID (S…), or set ADMIN_USERS (see .env.example)."
            )
    return values


def _channels_apart(reader: _Reader, values: dict[str, Any]) -> None:
    """The peer-support channel must be its own: anonymous posts never share a channel with escalations
    or admin notices (the bot would read escalation replies as peer-support replies, and the reverse)."""
    peer = values.get("peer_channel")
    for name, key in (("ESCALATION_CHANNEL", "escalation_channel"), ("ADMIN_CHANNEL", "admin_channel")):
        if peer and values.get(key) == peer:
            reader.problems.append(
                f"PEER_CHANNEL and {name} are the same channel ({peer}): give peer support a channel "
                "of its own, so anonymous posts never mix with escalations or admin notices."
            )


class _Invalid(ValueError):
    """A value that does not parse; the message says what was expected."""


class _Reader:
    def __init__(self, env: Mapping[str, str]) -> None:
        self.env = env
        self.problems: list[str] = []

    def required(self, name: str, parse: Callable[[str], Any], what: str) -> Any:
        raw = self.env.get(name, "").strip()
        if not raw:
            self.problems.append(f"{name} is missing: set it to {what} (see .env.example).")
            return None
        return self._parse(name, raw, parse)

    def optional(self, name: str, parse: Callable[[str], Any], default: Any = None) -> Any:
        raw = self.env.get(name, "").strip()
        if not raw:
            return default
        return self._parse(name, raw, parse)

    def _parse(self, name: str, raw: str, parse: Callable[[str], Any]) -> Any:
        try:
            return parse(raw)
        except _Invalid as exc:
            self.problems.append(f"{name} is not valid: {exc}")
            return None


def _mask(value: object) -> str:
    if not value:
        return repr(value)
    text = str(value)
    if "://" in text:  # database URL: keep the scheme and host, hide credentials
        scheme, rest = text.split("://", 1)
        host = rest.rsplit("@", 1)[-1]
        return repr(f"{scheme}://***@{host}" if "@" in rest else text)
    return repr(text[:5] + "***")


def _nonempty(raw: str) -> str:
    return raw


def _token(prefix: str) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        if not raw.startswith(prefix):
            raise _Invalid(f"expected a token starting with {prefix}")
        return raw

    return parse


def _url(raw: str) -> str:
    if not re.match(r"^https?://[^\s/]+", raw):
        raise _Invalid("expected an http:// or https:// URL, e.g. https://slack.com/api/")
    return raw if raw.endswith("/") else raw + "/"


def _port(raw: str) -> int:
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise _Invalid(f"expected a port number between 1 and 65535, got {raw!r}")
    return int(raw)


def _database_url(raw: str) -> str:
    if raw.startswith("postgres://") or raw.startswith("postgresql://"):
        raise _Invalid("use the psycopg 3 driver: postgresql+psycopg://user:password@host:5432/dbname")
    if not (raw.startswith("sqlite:///") or raw.startswith("postgresql+psycopg://")):
        raise _Invalid("expected sqlite:///path/to/file.db or postgresql+psycopg://user:password@host/db")
    return raw


def _log_level(raw: str) -> str:
    level = raw.upper()
    if level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
        raise _Invalid(f"expected DEBUG, INFO, WARNING or ERROR, got {raw!r}")
    return level


def _channel_id(raw: str) -> str:
    if not _CHANNEL_ID.match(raw):
        raise _Invalid(f"expected a channel ID such as C0123456789 (not a #name), got {raw!r}")
    return raw


def _locale(raw: str) -> str:
    if raw not in SUPPORTED_LOCALES:
        raise _Invalid(f"expected ja or en, got {raw!r}")
    return raw


def _timezone(raw: str) -> str:
    try:
        ZoneInfo(raw)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise _Invalid(f"expected an IANA time zone such as Asia/Tokyo or UTC, got {raw!r}") from exc
    return raw


def _hourly_limits(raw: str) -> HourlyLimits:
    try:
        return HourlyLimits.parse(raw)
    except ValueError as exc:
        raise _Invalid(str(exc)) from exc


def _duration(raw: str) -> timedelta:
    try:
        return parse_duration(raw)
    except ValueError as exc:
        raise _Invalid(str(exc)) from exc


def _interval_or_off(raw: str) -> timedelta:
    if raw.lower() == "off":
        return timedelta(0)
    interval = _duration(raw)
    if interval > timedelta(seconds=30):
        raise _Invalid(f"expected at most 30s between posts to one conversation, or off, got {raw!r}")
    return interval


def _ack_timeouts(raw: str) -> dict[str, timedelta]:
    timeouts = dict(DEFAULT_ACK_TIMEOUTS)
    for part in raw.split(","):
        name, _, value = part.strip().partition("=")
        if name.strip() not in timeouts or not value:
            raise _Invalid(f"expected urgent=15m,normal=2h,low=1d (units s, m, h, d), got {raw!r}")
        timeouts[name.strip()] = _duration(value)
    return timeouts


def _count(raw: str) -> int:
    if not raw.isdigit() or int(raw) > 20:
        raise _Invalid(f"expected a whole number from 0 to 20, got {raw!r}")
    return int(raw)


def _country(raw: str) -> str:
    if not supported_country(raw):
        raise _Invalid(f"expected a country code the holidays library knows, such as JP or US, got {raw!r}")
    return raw.upper()


def _closed(raw: str) -> tuple[ClosedRange, ...]:
    try:
        return parse_closed_dates(raw)
    except ValueError as exc:
        raise _Invalid(str(exc)) from exc


def _hours(raw: str) -> tuple[time, time]:
    try:
        return parse_hours(raw)
    except ValueError as exc:
        raise _Invalid(str(exc)) from exc


def _days(raw: str) -> frozenset[int]:
    try:
        return parse_days(raw)
    except ValueError as exc:
        raise _Invalid(str(exc)) from exc


def _existing_file(raw: str) -> Path:
    path = Path(raw)
    if not path.is_file():
        raise _Invalid(f"no such file: {raw}")
    return path


def _user_id_tuple(raw: str) -> tuple[str, ...]:
    ids = tuple(part.strip() for part in raw.split(",") if part.strip())
    bad = [i for i in ids if not _USER_ID.match(i)]
    if bad:
        raise _Invalid(f"expected comma-separated user IDs such as U0123ABCD, got {', '.join(bad)}")
    return ids


def _moderator_ids(raw: str) -> tuple[str, ...]:
    ids = tuple(dict.fromkeys(part.strip() for part in raw.split(",") if part.strip()))
    bad = [i for i in ids if not _MODERATOR_ID.match(i)]
    if bad:
        raise _Invalid(
            "expected comma-separated user IDs (U0123ABCD) or user group IDs (S0123ABCD), "
            f"got {', '.join(bad)}"
        )
    return ids


def _whole(low: int, high: int, unit: str) -> Callable[[str], int]:
    def parse(raw: str) -> int:
        if not raw.isdigit() or not low <= int(raw) <= high:
            raise _Invalid(f"expected a whole number of {unit} from {low} to {high}, got {raw!r}")
        return int(raw)

    return parse


def _anon_secret(raw: str) -> str:
    if len(raw) < MIN_ANON_SECRET:
        raise _Invalid(
            f"it is {len(raw)} characters; use at least {MIN_ANON_SECRET}. "
            f"Generate one with: {HOW_TO_GENERATE}"
        )
    if not _looks_random(raw):
        raise _Invalid(
            "it does not look random (a phrase, a word, or a few characters repeated can be guessed, and"
            " whoever guesses it can tell who wrote every anonymous post). "
            f"Generate one with: {HOW_TO_GENERATE}"
        )
    return raw


def _not_another_secret(reader: _Reader, anon: str | None) -> None:
    """ANON_SECRET must be its own: the signing secret and tokens sit in Slack's app settings, where
    more people can read them, and leak along other paths."""
    others = ("SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN")
    if anon and any(
        reader.env.get(name, "").strip() and reader.env.get(name, "").strip() in anon for name in others
    ):
        reader.problems.append(
            "ANON_SECRET is not valid: it is (or contains) the Slack signing secret or a token; it must be a"
            f" secret of its own. Generate one with: {HOW_TO_GENERATE}"
        )


def _looks_random(raw: str) -> bool:
    """What a generated secret has and a chosen one usually lacks: no spaces, many different
    characters, and at least 128 bits by the characters' own spread (Shannon, an upper bound)."""
    if any(ch.isspace() for ch in raw) or len(set(raw)) < MIN_DISTINCT:
        return False
    counts = Counter(raw)
    per_char = -sum(n / len(raw) * math.log2(n / len(raw)) for n in counts.values())
    return per_char * len(raw) >= MIN_SECRET_BITS


def _crisis(raw: str) -> CrisisConfig:
    try:
        return load_crisis_config(raw)
    except ValueError as exc:
        raise _Invalid(str(exc)) from exc


def _user_ids(raw: str) -> frozenset[str]:
    return frozenset(_user_id_tuple(raw))


def _checkin_plan(raw: str) -> CheckinPlan:
    try:
        return parse_plan(raw)
    except ValueError as exc:
        raise _Invalid(str(exc)) from exc


def _days_or_keep(raw: str) -> int | None:
    if raw.lower() == "keep":
        return None
    if not raw.isdigit() or not 1 <= int(raw) <= 36500:
        raise _Invalid(f"expected a number of days such as 365, or keep, got {raw!r}")
    return int(raw)


def _weekly(raw: str) -> WeeklySchedule:
    try:
        return parse_weekly(raw)
    except ValueError as exc:
        raise _Invalid(str(exc)) from exc


def data_dir_for(database_url: str) -> Path | None:
    """The folder a SQLite URL points into, so start-up can create it."""
    if not database_url.startswith("sqlite:///"):
        return None
    path = database_url.removeprefix("sqlite:///")
    return Path(path).parent if path and path != ":memory:" else None
