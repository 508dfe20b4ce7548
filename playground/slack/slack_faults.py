"""Fault injection rules for ``FakeSlack.fail_next`` and ``FakeSlack.fail_randomly``."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from .slack_wire import HttpReply

DEFAULT_ERROR = "fatal_error"


@dataclass
class Fault:
    """Make the next ``times`` calls of ``method`` (optionally only for ``channel``) misbehave."""

    method: str
    times: int = 1
    error: str | None = None
    status: int = 200
    retry_after: int | None = None
    delay: float = 0.0
    channel: str | None = None

    @property
    def label(self) -> str:
        """What kind of fault this is, for counting: ``429``, ``503``, ``timeout``, or the error."""
        if self.passes_through:
            return "timeout"
        if self.retry_after is not None or self.status != 200:
            return str(429 if self.retry_after is not None and self.status == 200 else self.status)
        return self.error or DEFAULT_ERROR

    @property
    def passes_through(self) -> bool:
        """Only a delay: the call still takes effect afterwards (a timeout that nevertheless posted)."""
        return self.error is None and self.status == 200 and self.retry_after is None and self.delay > 0

    def reply(self) -> tuple[HttpReply, dict[str, Any]]:
        """The HTTP reply to send and the response dict to record."""
        if self.retry_after is not None or self.status == 429:
            body = {"ok": False, "error": self.error or "ratelimited"}
            headers = {"Retry-After": str(self.retry_after)} if self.retry_after is not None else {}
            return HttpReply.json(
                body, status=429 if self.status == 200 else self.status, headers=headers
            ), body
        if self.status >= 500:
            return HttpReply.edge_error(self.status), {"ok": False, "error": f"http_{self.status}"}
        body = {"ok": False, "error": self.error or DEFAULT_ERROR}
        return HttpReply.json(body, status=self.status), body


@dataclass
class FaultMix:
    """Make a share (``rate``) of ``method``'s calls misbehave, each like one of ``faults`` chosen at
    random; seeded, so a run can be repeated."""

    method: str
    rate: float
    faults: tuple[Fault, ...]
    rng: random.Random
    injected: Counter[str] = field(default_factory=Counter)

    def draw(self) -> Fault | None:
        if not self.faults or self.rng.random() >= self.rate:
            return None
        fault = replace(self.rng.choice(self.faults), times=1)
        self.injected[fault.label] += 1
        return fault
