"""Acks first: while a request from Slack is on its way to its ack, background work steps aside.

Everything runs in one process, and Python runs one thread at a time. A card being sent (about
60 ms of Python per escalation, spread over a dozen statements and Slack calls) would otherwise
share the interpreter with the few milliseconds a listener needs to store a request and ack. So
background threads call `pause()` at safe points (before each job, before each SQL statement
outside an SQLite write), and it waits, at most `limit` seconds, while any request is between its
arrival at a listener and its ack. The figures it buys are in the README (Reliability).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

LIMIT = 0.02


class AcksFirst:
    def __init__(self, limit: float = LIMIT) -> None:
        self.limit = limit
        self._cond = threading.Condition()
        self._in_flight = 0
        self._exempt = threading.local()

    @contextmanager
    def request(self) -> Iterator[None]:
        """Around a request until its ack (see `arrived` / `acked` for the two halves)."""
        self.arrived()
        try:
            yield
        finally:
            self.acked()

    def arrived(self) -> None:
        with self._cond:
            self._in_flight += 1

    def acked(self) -> None:
        with self._cond:
            self._in_flight -= 1
            if self._in_flight == 0:
                self._cond.notify_all()

    def exempt(self) -> None:
        """The calling thread never pauses (the intake, whose commit an ack waits on)."""
        self._exempt.on = True

    def pause(self) -> None:
        if self._in_flight == 0 or getattr(self._exempt, "on", False):
            return
        with self._cond:
            self._cond.wait_for(lambda: self._in_flight == 0, timeout=self.limit)


class NoGate(AcksFirst):
    """For parts built without a process around them (unit tests): never pauses."""

    def pause(self) -> None:
        return
