"""Optional Slack-like rate limiting for the fake server (off unless ``RateLimits`` is passed).

``chat.postMessage`` is limited per channel (a token bucket: ``channel_burst`` messages at once,
refilled at ``per_channel_per_second``) and by a workspace-wide cap of ``workspace_per_minute``
messages in any 60-second window.  With ``tiers=True`` every other method is limited per method
across the workspace by its tier: t1 1/min, t2 20/min, t3 50/min, t4 100/min (t5 methods are
"special" and not limited here).

``time_scale`` makes the fake's clock run faster than real time: with ``time_scale=10`` a
1-message-per-second channel accepts 10 messages per real second.  ``Retry-After`` is always
reported in the *fake's* seconds (rounded up, at least 1), exactly as Slack would report it, so a
benchmark client that honours it should sleep ``retry_after / time_scale`` real seconds.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

TIER_PER_MINUTE = {"t1": 1, "t2": 20, "t3": 50, "t4": 100}
WINDOW = 60.0


@dataclass(frozen=True)
class RateLimits:
    per_channel_per_second: float = 1.0
    channel_burst: int = 3
    workspace_per_minute: int = 600
    tiers: bool = True
    time_scale: float = 1.0


class _TokenBucket:
    def __init__(self, capacity: float, rate: float, now: float) -> None:
        self.capacity = capacity
        self.rate = rate
        self.tokens = capacity
        self.updated = now

    def wait_needed(self, now: float) -> float:
        """Seconds until one token is available (0 when one is available now)."""
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate

    def take(self) -> None:
        self.tokens -= 1


class _Window:
    """At most ``limit`` events in any ``WINDOW`` seconds."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.events: deque[float] = deque()

    def wait_needed(self, now: float) -> float:
        while self.events and self.events[0] <= now - WINDOW:
            self.events.popleft()
        if len(self.events) < self.limit:
            return 0.0
        return self.events[0] + WINDOW - now

    def take(self, now: float) -> None:
        self.events.append(now)


class RateLimiter:
    """Decides whether a call is allowed; not thread-safe (the server calls it under its lock)."""

    def __init__(self, limits: RateLimits, clock: Callable[[], float]) -> None:
        self.limits = limits
        self._clock = clock
        self._origin = clock()
        self._channels: dict[str, _TokenBucket] = {}
        self._workspace_posts = _Window(limits.workspace_per_minute)
        self._methods: dict[str, _Window] = {}

    def fake_now(self) -> float:
        """The fake's clock in seconds: real elapsed time multiplied by ``time_scale``."""
        return (self._clock() - self._origin) * self.limits.time_scale

    def check(self, method: str, tier: str, channel: str | None) -> int | None:
        """``None`` if the call may proceed (and is counted), else ``Retry-After`` seconds."""
        now = self.fake_now()
        if method == "chat.postMessage":
            return self._check_post(now, channel or "")
        per_minute = TIER_PER_MINUTE.get(tier)
        if not self.limits.tiers or per_minute is None:
            return None
        window = self._methods.setdefault(method, _Window(per_minute))
        wait = window.wait_needed(now)
        if wait > 0:
            return _retry_after(wait)
        window.take(now)
        return None

    def _check_post(self, now: float, channel: str) -> int | None:
        bucket = self._channels.get(channel)
        if bucket is None:
            bucket = _TokenBucket(self.limits.channel_burst, self.limits.per_channel_per_second, now)
            self._channels[channel] = bucket
        wait = max(bucket.wait_needed(now), self._workspace_posts.wait_needed(now))
        if wait > 0:
            return _retry_after(wait)
        bucket.take()
        self._workspace_posts.take(now)
        return None


def _retry_after(wait: float) -> int:
    return max(1, math.ceil(wait - 1e-9))
