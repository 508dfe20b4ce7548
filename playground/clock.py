"""Clocks: one that only moves when a test says so, and the playground's, which runs and can be moved on."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta


class FixedClock:
    def __init__(self, start: datetime | None = None) -> None:
        # Default: the real present, so Slack timestamps the fake server hands out line up with it.
        self._now = start or datetime.now(UTC).replace(microsecond=0)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def advance(self, delta: timedelta) -> datetime:
        with self._lock:
            self._now += delta
            return self._now

    def set(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("use an aware datetime")
        with self._lock:
            self._now = moment.astimezone(UTC)


class MovableClock:
    """The playground's clock: the real time plus however far a person has moved it forward.

    It keeps running, so the page feels live; ``advance`` jumps ahead (never back, as a bot's
    timers only ever see time move on)."""

    def __init__(self) -> None:
        self._offset = timedelta(0)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return datetime.now(UTC) + self._offset

    def timestamp(self) -> float:
        """``now()`` as Unix seconds, for the Slack stand-in's message timestamps."""
        return self.now().timestamp()

    def advance(self, delta: timedelta) -> datetime:
        if delta < timedelta(0):
            raise ValueError("the clock only moves forward")
        with self._lock:
            self._offset += delta
        return self.now()

    @property
    def offset(self) -> timedelta:
        with self._lock:
            return self._offset
