"""Who a person is, as far as the bot needs: their language, time zone, and whether they can own things.

Slack's payloads carry no locale, so it comes from `users.info` (through the `UserLookup` port),
cached in memory (bounded) and in the `people` table so a restart does not ask Slack again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.clock import Clock
from storage.db import SessionFactory
from storage.models import Person, PersonSettings

CACHE_TTL = timedelta(hours=12)


@dataclass(frozen=True)
class PersonInfo:
    user_id: str
    name: str | None
    slack_locale: str | None
    tz: str | None
    is_bot: bool = False
    deleted: bool = False


@dataclass(frozen=True)
class _Chosen:
    locale: str | None
    timezone: str | None


class UserLookup(Protocol):
    def fetch(self, user_id: str) -> PersonInfo | None:
        """Ask Slack about a person; None when Slack says there is no such user."""
        ...


class LookupFailed(Exception):
    """Slack could not be asked right now (timeout, outage). Not the same as 'no such person'."""


def normalize_locale(slack_locale: str | None, default: str) -> str:
    """Map a Slack locale such as ja-JP or en-GB onto one the bot speaks."""
    if slack_locale:
        lang = slack_locale.split("-", 1)[0].lower()
        if lang in ("ja", "en"):
            return lang
    return default


class People:
    """A read-through cache of PersonInfo. Thread-safe; never called inside a DB transaction."""

    def __init__(
        self,
        *,
        lookup: UserLookup,
        session_factory: SessionFactory,
        read_factory: SessionFactory | None = None,
        clock: Clock,
        default_locale: str,
        default_timezone: str,
        max_entries: int = 5000,
    ) -> None:
        self._lookup = lookup
        self._sessions = session_factory
        self._reads = read_factory or session_factory
        self._clock = clock
        self.default_locale = default_locale
        self.default_timezone = default_timezone
        self._max = max_entries
        self._memory: OrderedDict[str, tuple[PersonInfo, float]] = OrderedDict()
        self._chosen_seen: dict[str, _Chosen] = {}  # what `_chosen` last read, for `locale_in_memory`
        self._lock = threading.Lock()

    def get(self, user_id: str, *, persist: bool = True) -> PersonInfo | None:
        """The person, or None if Slack does not know them. Raises LookupFailed if Slack is unreachable.

        persist=False keeps what Slack says out of the database, for lookups whose timing must not
        be recorded (an anonymous author's language).
        """
        cached = self._from_memory(user_id)
        if cached is not None:
            return cached
        stored = self._from_db(user_id)
        if stored is not None:
            self._remember(stored)
            return stored
        fresh = self._lookup.fetch(user_id)
        if fresh is not None:
            self._remember(fresh)
            if persist:
                self._store(fresh)
        return fresh

    def locale(self, user_id: str, *, persist: bool = True) -> str:
        """The language to address this person in: their own choice (App Home), else Slack's, else the
        workspace default. The choice is read each time, so a change shows at once in every process."""
        chosen = self._chosen(user_id)
        if chosen.locale in ("ja", "en"):
            return str(chosen.locale)
        try:
            info = self.get(user_id, persist=persist)
        except LookupFailed:
            info = None
        return normalize_locale(info.slack_locale if info else None, self.default_locale)

    def locale_in_memory(self, user_id: str) -> str | None:
        """The language as this process last saw it, without asking the database or Slack (for what a
        listener says before it acks); None when this process has not met the person yet."""
        with self._lock:
            chosen = self._chosen_seen.get(user_id)
            entry = self._memory.get(user_id)
        if chosen is not None and chosen.locale in ("ja", "en"):
            return str(chosen.locale)
        if entry is None:
            return None
        return normalize_locale(entry[0].slack_locale, self.default_locale)

    def in_memory(self, user_id: str) -> PersonInfo | None:
        """The person as this process last heard from Slack (however long ago), or None."""
        with self._lock:
            entry = self._memory.get(user_id)
        return entry[0] if entry is not None else None

    def timezone(self, user_id: str) -> ZoneInfo:
        """Their chosen time zone (App Home), else Slack's, else the workspace default."""
        chosen = self._chosen(user_id)
        if chosen.timezone:
            try:
                return ZoneInfo(chosen.timezone)
            except (ZoneInfoNotFoundError, ValueError):
                pass
        try:
            info = self.get(user_id)
        except LookupFailed:
            info = None
        try:
            return ZoneInfo(info.tz) if info and info.tz else ZoneInfo(self.default_timezone)
        except ZoneInfoNotFoundError:
            return ZoneInfo(self.default_timezone)

    def _chosen(self, user_id: str) -> _Chosen:
        with self._reads() as session:
            query = select(PersonSettings.locale, PersonSettings.timezone)
            row = session.execute(query.where(PersonSettings.user_id == user_id)).first()
        chosen = _Chosen(row[0], row[1]) if row is not None else _Chosen(None, None)
        with self._lock:
            if len(self._chosen_seen) >= self._max:
                self._chosen_seen.clear()
            self._chosen_seen[user_id] = chosen
        return chosen

    def forget(self, user_id: str) -> None:
        with self._lock:
            self._memory.pop(user_id, None)

    def _from_memory(self, user_id: str) -> PersonInfo | None:
        now = self._clock.now().timestamp()
        with self._lock:
            entry = self._memory.get(user_id)
            if entry is None or now - entry[1] > CACHE_TTL.total_seconds():
                return None
            self._memory.move_to_end(user_id)
            return entry[0]

    def _remember(self, info: PersonInfo) -> None:
        with self._lock:
            self._memory[info.user_id] = (info, self._clock.now().timestamp())
            self._memory.move_to_end(info.user_id)
            while len(self._memory) > self._max:
                self._memory.popitem(last=False)

    def _from_db(self, user_id: str) -> PersonInfo | None:
        with self._reads() as session:
            row = session.scalar(select(Person).where(Person.user_id == user_id))
        if row is None or self._clock.now() - row.fetched_at > CACHE_TTL:
            return None
        return PersonInfo(row.user_id, row.name, row.locale, row.tz, row.is_bot, row.deleted)

    def _store(self, info: PersonInfo) -> None:
        try:
            with self._sessions.begin() as session:
                row = session.get(Person, info.user_id) or Person(user_id=info.user_id)
                row.name, row.locale, row.tz = info.name, info.slack_locale, info.tz
                row.is_bot, row.deleted, row.fetched_at = info.is_bot, info.deleted, self._clock.now()
                session.add(row)
        except IntegrityError:
            pass  # another thread cached the same person a moment earlier; theirs is as good
