"""Pacing the outbox's Slack calls so that Slack's limits are met before Slack has to enforce them.

`chat.postMessage` allows about one message per second per conversation: each conversation gets
its next slot a second after the previous one, so a busy channel is fed steadily instead of being
hammered into 429s. When Slack answers 429 anyway (the workspace cap, or a method's tier), its
Retry-After becomes a hold on that method that every send thread respects, rather than each thread
finding the limit again on its own.

Times are in Slack's seconds, read from an injected clock, so a benchmark against a fake Slack
whose clock runs faster can scale them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web import SlackResponse

POST = "chat.postMessage"
# Conversations whose next slot passed this long ago are forgotten (one DM each to 10,000 people).
FORGET_AFTER = 60.0


class Throttle:
    """Per-conversation spacing for posts and shared per-method holds after a 429; thread-safe."""

    def __init__(
        self,
        *,
        spacing: float = 1.0,
        max_wait: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.spacing, self.max_wait = spacing, max_wait
        self._clock, self._sleep = clock, sleep
        self._lock = threading.Lock()
        self._next_post: dict[str, float] = {}
        self._prune_above = 1000
        self._holds: dict[str, float] = {}

    def before(self, method: str, channel: str | None) -> None:
        """Wait until this call may go (at most `max_wait`: past that, Slack's answer decides)."""
        self.wait_hold(method)
        if method != POST or not channel:
            return
        with self._lock:
            now = self._clock()
            slot = max(now, self._next_post.get(channel, now))
            self._next_post[channel] = slot + self.spacing
            self._forget(now)
        if slot > now:
            self._sleep(min(slot - now, self.max_wait))

    def hold(self, method: str, seconds: float) -> None:
        """Slack said to wait: nobody calls `method` for `seconds`."""
        with self._lock:
            until = self._clock() + seconds
            self._holds[method] = max(until, self._holds.get(method, until))

    def held(self, method: str) -> float:
        """Seconds left on the method's hold (0 when it may be called)."""
        with self._lock:
            return max(0.0, self._holds.get(method, 0.0) - self._clock())

    def wait_hold(self, method: str) -> None:
        """Sleep out the method's hold, extended while asleep, for at most `max_wait` in all.

        Past that the call goes anyway: a 429 then becomes the outbox's RetryLater, which reschedules
        the row without counting an attempt.
        """
        budget = self.max_wait
        while budget > 0:
            with self._lock:
                wait = min(self._holds.get(method, 0.0) - self._clock(), budget)
            if wait <= 0:
                return
            self._sleep(wait)
            budget -= wait

    def _forget(self, now: float) -> None:
        if len(self._next_post) <= self._prune_above:
            return
        stale = [c for c, at in self._next_post.items() if at < now - FORGET_AFTER]
        for channel in stale:
            del self._next_post[channel]
        self._prune_above = max(1000, 2 * len(self._next_post))  # a scan only when it has doubled


class SharedRateLimitRetryHandler(RateLimitErrorRetryHandler):
    """slack-sdk's 429 retry, except that Retry-After holds the method for every thread, and a wait
    longer than the throttle allows is left to the outbox (the row is rescheduled, not slept on)."""

    def __init__(self, throttle: Throttle, max_retry_count: int = 2) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.throttle = throttle

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if response is None or response.status_code != 429:
            return False
        return retry_after(response.headers) <= self.throttle.max_wait

    def prepare_for_next_attempt(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        state.next_attempt_requested = True
        method = request.url.split("?", 1)[0].rsplit("/", 1)[-1]
        self.throttle.hold(method, retry_after(response.headers if response is not None else {}))
        self.throttle.wait_hold(method)
        state.increment_current_attempt()


class ThrottledClient(WebClient):
    """A WebClient whose every call first waits for the throttle, and whose 429s hold the method."""

    def __init__(self, *, throttle: Throttle, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.throttle = throttle

    def api_call(self, api_method: str, **kwargs: Any) -> SlackResponse:
        args = kwargs.get("json") or kwargs.get("data") or kwargs.get("params") or {}
        channel = args.get("channel") if isinstance(args, dict) else None
        self.throttle.before(api_method, str(channel) if channel else None)
        try:
            return super().api_call(api_method, **kwargs)
        except SlackApiError as exc:
            if exc.response.status_code == 429:
                self.throttle.hold(api_method, retry_after(exc.response.headers))
            raise


def retry_after(headers: Mapping[str, Any]) -> float:
    """Retry-After in seconds (slack-sdk hands headers over as lists on one path, strings on another)."""
    for name, value in headers.items():
        if name.lower() == "retry-after":
            first = value[0] if isinstance(value, list) else value
            try:
                return max(1.0, float(first))
            except (TypeError, ValueError):
                return 1.0
    return 1.0
