"""The intake: where every request Slack sends becomes durable before it is acked.

`store(job)` returns once the job is in the database, or, when the database does not answer
within `budget` seconds, in the local spool (`storage/spool.py`); False only when neither took it,
and then the listener tells the person it was not saved. One writer thread commits what arrives
together in one transaction (a rush of requests costs a few commits, not one each), and the same
thread moves spooled jobs into the database, oldest first, as soon as it answers again. While
anything is spooled, new jobs are spooled behind it, so they reach the database in the order they
arrived. Moving is idempotent: a job whose key the database already has adds nothing, so a job
spooled after its commit merely timed out is stored once.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import sessionmaker

from bot.clock import Clock
from bot.gate import AcksFirst
from bot.outbox import enqueue_many
from storage.db import SessionFactory
from storage.models import ScheduledSend
from storage.spool import Spool, SpoolError

log = logging.getLogger(__name__)

BUDGET = 0.3  # seconds the database gets to take a request before it goes to the spool
BATCH = 200
WITHDRAW_WAIT = 1.0  # seconds a request whose stores both failed waits for a commit under way
RETRY_MIN, RETRY_MAX = 0.2, 5.0  # backoff between attempts to move the spool while the database is away


@dataclass
class _Item:
    job: dict[str, Any]
    done: threading.Event = field(default_factory=threading.Event)
    stored: bool = False
    withdrawn: bool = False  # neither store took it in time: its ack says "not saved"


class Intake:
    def __init__(
        self,
        *,
        sessions: SessionFactory,
        clock: Clock,
        spool: Spool,
        on_stored: Callable[[], None] = lambda: None,
        budget: float = BUDGET,
        gate: AcksFirst | None = None,
    ) -> None:
        self._gate = gate
        # On SQLite the intake's commits go before other writers waiting (storage.db.WriterLock).
        first = sessions.kw["bind"].execution_options(first_in_line=True)
        self._sessions = sessionmaker(first, expire_on_commit=False)
        self._clock, self._spool = clock, spool
        self._on_stored, self.budget = on_stored, budget
        self._queue: queue.Queue[_Item | None] = queue.Queue()
        self._lock = threading.Lock()
        self._spooling = False  # something is in the spool: new jobs go behind it
        self._db_ok = True
        self._thread: threading.Thread | None = None
        self._moved = threading.Condition()
        self._committing = threading.Lock()  # held from choosing a batch's items to its commit

    # -- the listener's side ---------------------------------------------------------------------

    def store(self, job: dict[str, Any]) -> bool:
        """Make `job` (key, kind, target, payload) durable; False when neither store can take it."""
        if self._thread is None:
            self.start()
        with self._lock:
            spooling = self._spooling
        if spooling:
            return self._to_spool(job)
        item = _Item(job)
        self._queue.put(item)
        if item.done.wait(self.budget) and item.stored:
            return True
        if self._to_spool(job):
            return True  # the writer may still commit it too: its key keeps it once
        return self._withdraw(item)

    def _withdraw(self, item: _Item) -> bool:
        """Neither store took it in time: make sure the writer never stores it later, so that "not
        saved" is true. The writer commits under `_committing`; a commit under way is given a moment."""
        if self._committing.acquire(timeout=WITHDRAW_WAIT):
            try:
                if item.stored:
                    return True
                item.withdrawn = True
                return False
            finally:
                self._committing.release()
        item.done.wait(WITHDRAW_WAIT)
        if not item.stored:
            log.error("request outcome unknown: its commit was still under way when its ack was due")
        return item.stored

    def _to_spool(self, job: dict[str, Any]) -> bool:
        try:
            self._spool.append(job)
        except SpoolError as exc:
            log.error("request not saved: database and spool both failed spool_error=%s", exc)
            return False
        with self._lock:
            if not self._spooling:
                log.warning("database slow or away: requests go to the spool until it answers")
            self._spooling = True
        self._queue.put(None)  # wake the writer to move it as soon as the database answers
        return True

    # -- the writer thread -----------------------------------------------------------------------

    def start(self) -> None:
        """Start the writer (the first `store` does, if nobody did before); it first moves whatever an
        earlier run left in the spool."""
        with self._lock:
            if self._thread is not None:
                return
            self._thread = threading.Thread(target=self._run, name="intake", daemon=True)
        try:
            left = self._spool.count()
        except SpoolError as exc:
            log.error("spool unreadable spool_error=%s", exc)
            left = 0
        if left:
            log.info("spool holds requests from before the restart count=%d", left)
        with self._lock:
            self._spooling = left > 0
            self._stopping = False
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        thread, self._thread = self._thread, None
        if thread is not None:
            self._stopping = True
            self._queue.put(None)
            thread.join(timeout)
        self._spool.close()

    def wait_moved(self, timeout: float) -> bool:
        """Wait until the spool is empty (tests and shutdown)."""
        deadline = time.monotonic() + timeout
        with self._moved:
            while True:
                with self._lock:
                    if not self._spooling:
                        return True
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._moved.wait(min(left, 0.1))

    @property
    def spooling(self) -> bool:
        with self._lock:
            return self._spooling

    _stopping = False

    def _run(self) -> None:
        if self._gate is not None:
            self._gate.exempt()  # acks wait on this thread's commits: it never steps aside
        pause = RETRY_MIN
        while not self._stopping:
            if self.spooling:
                pause = RETRY_MIN if self._move_spool() else min(RETRY_MAX, pause * 2)
            items = self._take(timeout=pause if self.spooling else None)
            if items:
                self._commit(items)

    def _take(self, timeout: float | None) -> list[_Item]:
        try:
            first = self._queue.get(timeout=timeout)
        except queue.Empty:
            return []
        items = [first] if first is not None else []
        while len(items) < BATCH:
            try:
                more = self._queue.get_nowait()
            except queue.Empty:
                break
            if more is not None:
                items.append(more)
        return items

    def _commit(self, items: list[_Item]) -> None:
        live = [item for item in items if not item.withdrawn]
        if not live:
            return
        try:
            with self._sessions() as session, session.begin():
                enqueue_many(session, clock=self._clock, jobs=[item.job for item in live])
                # The point of no return is the commit: a request withdrawn until then (its ack
                # says "not saved") is taken out of this transaction first.
                with self._committing:
                    withdrawn = [str(item.job["key"]) for item in live if item.withdrawn]
                    if withdrawn:
                        session.execute(delete(ScheduledSend).where(ScheduledSend.key.in_(withdrawn)))
                    session.commit()
                    for item in live:
                        item.stored = not item.withdrawn
        except Exception as exc:
            self._database_failed(exc)
            for item in live:
                item.done.set()  # not stored: each caller spools its own
            return
        self._database_answered()
        for item in live:
            item.done.set()
        self._on_stored()

    def _move_spool(self) -> bool:
        """Move spooled jobs into the database, oldest first; True once the spool is empty."""
        try:
            while True:
                rows = self._spool.oldest(BATCH)
                if not rows:
                    with self._lock:
                        # a job spooled after this look raises the flag again after its append
                        self._spooling = self._spool.count() > 0
                        done = not self._spooling
                    if done:
                        with self._moved:
                            self._moved.notify_all()
                        log.info("spool empty: requests go straight to the database again")
                        return True
                    continue
                with self._sessions.begin() as session:
                    enqueue_many(session, clock=self._clock, jobs=[row.job for row in rows])
                self._database_answered()
                self._spool.remove_through(rows[-1].id)
                log.info("moved spooled requests into the database count=%d", len(rows))
                self._on_stored()
        except SpoolError as exc:
            log.error("spool unreadable spool_error=%s", exc)
            return False
        except Exception as exc:
            self._database_failed(exc)
            return False

    def _database_failed(self, exc: Exception) -> None:
        if self._db_ok:
            log.warning("database did not take requests error=%s", type(exc).__name__)
        self._db_ok = False

    def _database_answered(self) -> None:
        if not self._db_ok:
            log.info("database answers again")
        self._db_ok = True
