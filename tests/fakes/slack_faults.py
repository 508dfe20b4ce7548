"""Fault injection rules for ``FakeSlack.fail_next``."""

from __future__ import annotations

from dataclasses import dataclass
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
