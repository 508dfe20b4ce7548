"""The Dispatcher: claims due outbox rows and keeps the send threads busy with them.

Rows that must keep their order share an order key (`order_key`) and go out one after another in
one thread; everything else runs side by side. Nothing here knows Slack.
"""

from __future__ import annotations

import functools
import logging
import random
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import Select, and_, case, or_, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from bot.clock import Clock
from bot.outbox import (
    FAILED,
    PENDING,
    SENDING,
    SENT,
    Job,
    KindPolicy,
    RetryLater,
    RetryPolicy,
    Sender,
    SendFailed,
)
from storage.db import SessionFactory
from storage.models import ScheduledSend

log = logging.getLogger(__name__)

S = TypeVar("S", bound=Select[Any])

# Order keys of groups that go after a claim's shared groups (see `Dispatcher._start`).
PERSONAL = ("t:", "u:")


@dataclass
class Dispatcher:
    """Claims due rows and keeps the send threads busy with them.

    Rows that must keep their order share an order key (see `order_key`) and go out one after
    another in one thread; everything else runs side by side. Whenever fewer groups are in flight
    than there are threads, more rows are claimed, leaving out the keys already in flight, so a busy
    channel sending at Slack's pace never holds back anyone else's messages.
    """

    session_factory: SessionFactory
    sender: Sender
    clock: Clock
    policies: Mapping[str, KindPolicy] = field(default_factory=dict)
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    batch_size: int = 100
    workers: int = 4
    skip_locked: bool = False
    # Rows of one order key a claim takes: they go out one by one (a busy channel at Slack's one a
    # second), so a longer run would outlive its lease.
    per_key: int = 20
    # Called before each send: lets a request on its way to its ack go first (bot.gate).
    pause: Callable[[], None] = field(default=lambda: None)
    # Kinds nobody is waiting on (a Home refresh, planning check-ins): claimed only when nothing else
    # is due, or once they have waited `background_wait`, so a burst's cards and DMs go first.
    background: frozenset[str] = frozenset()
    background_wait: timedelta = timedelta(seconds=5)

    def __post_init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="send")
        self._kicker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kick")
        self._kick_lock = threading.Lock()
        self._kick_queued = False
        self._pass_lock = threading.Lock()
        self._closing = threading.Event()
        self._state = threading.Condition()
        # Order keys claimed here and not yet settled, with the escalations their rows belong to.
        self._in_flight: dict[str, frozenset[int]] = {}
        self._finished = 0  # groups finished so far: a change means rows may have become due
        self._settled = 0
        self._unordered = frozenset(kind for kind, policy in self.policies.items() if not policy.ordered)
        self._claimed: set[int] = set()  # row IDs this process holds a lease on
        self._db_down = False
        self._renewer = threading.Thread(target=self._renew_leases, name="lease", daemon=True)
        self._renewer.start()

    def run_once(self) -> int:
        """Send everything due now; returns how many rows were settled (sent, failed or retried).

        One pass at a time: a second caller waits for the running pass, then makes its own.
        """
        with self._pass_lock:
            with self._state:
                settled_before = self._settled
            while True:
                with self._state:
                    self._state.wait_for(lambda: len(self._in_flight) < self.workers)
                    finished, busy = self._finished, dict(self._in_flight)
                claiming = not self._closing.is_set()
                groups = self._claim_or_wait(busy) if claiming else {}
                if groups:
                    self._start(groups)
                    continue
                with self._state:
                    if self._finished == finished and not self._in_flight:
                        return self._settled - settled_before
                    if self._finished == finished:
                        self._state.wait()

    def kick(self) -> None:
        """Ask for a pass soon, without waiting; kicks that arrive while one is queued coalesce."""
        with self._kick_lock:
            if self._kick_queued:
                return
            self._kick_queued = True
        self._kicker.submit(self._kicked_pass)

    def close(self) -> None:
        """Stop claiming; wait for the sends in flight (what is left stays due for the next start)."""
        self._closing.set()
        self._kicker.shutdown(wait=True)
        self._pool.shutdown(wait=True)

    def _kicked_pass(self) -> None:
        with self._kick_lock:
            self._kick_queued = False
        try:
            self.run_once()
        except Exception:
            log.exception("dispatch pass failed; the next tick retries")

    def recover(self) -> int:
        """At start-up of the only process using this database (SQLite): rows left in `sending` by a
        process that died are taken back at once rather than when their lease ends. They are marked
        uncertain, so their sender looks in Slack before sending again."""
        with self.session_factory.begin() as session:
            result = session.execute(
                update(ScheduledSend)
                .where(ScheduledSend.status == SENDING)
                .values(lease_until=self.clock.now() - timedelta(seconds=1))
            )
        return int(result.rowcount)  # type: ignore[attr-defined]

    def _claim_or_wait(self, busy: Mapping[str, frozenset[int]]) -> dict[str, list[Job]]:
        """Claim; when the database does not answer, say so once (and once when it is back) and end
        the pass: the next tick or kick tries again."""
        try:
            groups = self._claim(busy)
        except DBAPIError as exc:
            if not self._db_down:
                log.warning("database not answering: sends wait error=%s", type(exc.orig).__name__)
            self._db_down = True
            return {}
        if self._db_down:
            log.info("database answers again: sending what is due")
        self._db_down = False
        return groups

    def _renew_leases(self) -> None:
        """Keep the rows this process is sending leased to it (see RetryPolicy.lease)."""
        every = max(0.5, self.retry.lease.total_seconds() / 3)
        while not self._closing.wait(every):
            with self._state:
                ids = sorted(self._claimed)
            if not ids:
                continue
            try:
                with self.session_factory.begin() as session:
                    session.execute(
                        update(ScheduledSend)
                        .where(ScheduledSend.id.in_(ids), ScheduledSend.status == SENDING)
                        .values(lease_until=self.clock.now() + self.retry.lease)
                    )
            except DBAPIError:
                pass  # the settle that follows waits for the database; the claim logs the outage

    def _settle(self, change: Callable[[Session], None]) -> None:
        """Record an outcome, waiting out a database outage (with backoff) instead of dropping it: the
        row stays ours meanwhile, and is settled the moment the database answers."""
        pause = 0.2
        while True:
            try:
                with self.session_factory.begin() as session:
                    change(session)
                return
            except DBAPIError as exc:
                if self._closing.is_set():
                    raise
                if not self._db_down:
                    log.warning("database not answering: outcome kept error=%s", type(exc.orig).__name__)
                self._db_down = True
                time.sleep(pause * (0.5 + random.random()))  # noqa: S311 - jitter, not secrecy
                pause = min(pause * 2, 5.0)

    def _start(self, groups: dict[str, list[Job]]) -> None:
        """Posts into escalation threads go first, so a DM that links to a card claimed with it finds
        the card posted: a person's messages about an escalation whose thread posts are in this claim
        start once those are done; everyone else's start at once."""
        shared = {key: jobs for key, jobs in groups.items() if not key.startswith(PERSONAL)}
        personal = [(key, jobs) for key, jobs in groups.items() if key.startswith(PERSONAL)]
        shared_escalations = {key: _escalations(jobs) for key, jobs in shared.items()}
        lock = threading.Lock()
        waiting: list[tuple[str, list[Job], set[str]]] = []
        for key, jobs in personal:
            mine = _escalations(jobs)
            after = {k for k, escalations in shared_escalations.items() if escalations & mine}
            if after:
                waiting.append((key, jobs, after))
            else:
                self._submit(key, jobs)

        def shared_done(done_key: str) -> None:
            with lock:
                ready = []
                for item in list(waiting):
                    item[2].discard(done_key)
                    if not item[2]:
                        waiting.remove(item)
                        ready.append(item)
            for key, jobs, _after in ready:
                self._submit(key, jobs)

        for key, jobs in shared.items():
            future = self._pool.submit(self._run_keyed, key, jobs)
            future.add_done_callback(functools.partial(_after_done, shared_done, key))

    def _submit(self, key: str, jobs: list[Job]) -> None:
        self._pool.submit(self._run_keyed, key, jobs)

    def _run_keyed(self, key: str, jobs: list[Job]) -> None:
        settled = 0
        try:
            settled = self._run_group(jobs)
        except Exception:  # the database failed mid-settle: the rows' leases bring them back
            log.exception("send group crashed; its rows are retried when their lease ends")
        finally:
            with self._state:
                self._in_flight.pop(key, None)
                self._claimed.difference_update(job.id for job in jobs)
                self._finished += 1
                self._settled += settled
                self._state.notify_all()

    def _claim(self, busy: Mapping[str, frozenset[int]]) -> dict[str, list[Job]]:
        """Claim due rows whose order key is not in flight: at most `per_key` of each key, in order."""
        now = self.clock.now()
        groups: dict[str, list[Job]] = {}
        with self.session_factory.begin() as session:
            for row in sorted(self._due_rows(session, now, busy), key=lambda r: r.id):
                key = order_key(row.kind, row.target, row.escalation_id, row.id, self._unordered)
                group = groups.setdefault(key, [])
                if len(group) >= self.per_key:
                    continue  # left as it is: claimed by a later pass, after this group
                uncertain = row.status == SENDING or bool(row.payload.get("_uncertain"))
                row.status, row.lease_until, row.attempts = SENDING, now + self.retry.lease, row.attempts + 1
                group.append(_job_of(row, uncertain))
        with self._state:
            for key, jobs in groups.items():
                self._in_flight[key] = frozenset(_escalations(jobs))
                self._claimed.update(job.id for job in jobs)
        return groups

    def _due_rows(
        self, session: Session, now: datetime, busy: Mapping[str, frozenset[int]]
    ) -> list[ScheduledSend]:
        # Oldest first among what is due: a retry (due later than a burst queued after it) is not
        # sent behind the whole burst.
        waiting = case(
            (
                and_(
                    ScheduledSend.kind.in_(sorted(self.background)),
                    ScheduledSend.due_at > now - self.background_wait,
                ),
                1,
            ),
            else_=0,
        )
        due = (
            select(ScheduledSend, waiting)
            .where(ScheduledSend.status == PENDING, ScheduledSend.due_at <= now)
            .order_by(waiting, ScheduledSend.id)
            .limit(self.batch_size)
        )
        stale = (
            select(ScheduledSend)
            .where(ScheduledSend.status == SENDING, ScheduledSend.lease_until < now)
            .order_by(ScheduledSend.id)
            .limit(self.batch_size)
        )
        due, stale = _not_busy(due, busy), _not_busy(stale, busy)
        if self.skip_locked:
            due, stale = due.with_for_update(skip_locked=True), stale.with_for_update(skip_locked=True)
        ranked = session.execute(due).all()
        urgent = any(rank == 0 for _, rank in ranked)
        return list(session.scalars(stale)) + [row for row, rank in ranked if not (urgent and rank)]

    def _run_group(self, jobs: list[Job]) -> int:
        # Jobs of one escalation (or one target) go in order: a thread reply never precedes its card.
        for index, job in enumerate(jobs):
            if self._closing.is_set():  # stopping: what has not started goes back, due as it was
                self._release(jobs[index:], not_before=self.clock.now())
                return index
            delay = self._run_one(job)
            if delay is not None:
                self._release(jobs[index + 1 :], not_before=self.clock.now() + delay)
                return index + 1
        return len(jobs)

    def _run_one(self, job: Job) -> timedelta | None:
        """Send one job and record the outcome; returns the retry delay when it must wait."""
        policy = self.policies.get(job.kind, KindPolicy())
        self.pause()
        try:
            result = self.sender.send(job) or {}
        except RetryLater as later:
            return self._retry(job, later, policy)
        except SendFailed as failed:
            self._fail(job, str(failed), policy)
            return None
        except Exception as exc:  # a bug in a sender must not stall the queue
            log.exception("send crashed kind=%s job=%s", job.kind, job.id)
            return self._retry(
                job, RetryLater(type(exc).__name__, after=self.retry.backoff(job.attempts)), policy
            )

        def sent(session: Session) -> None:
            row = session.get(ScheduledSend, job.id)
            if row is not None:
                row.status, row.sent_at, row.result, row.last_error = SENT, self.clock.now(), result, None
                row.lease_until = None
            if policy.on_sent is not None:
                policy.on_sent(session, job, result)

        self._settle(sent)
        log.info("sent kind=%s job=%s attempts=%d", job.kind, job.id, job.attempts)
        return None

    def _retry(self, job: Job, later: RetryLater, policy: KindPolicy) -> timedelta | None:
        attempts = job.attempts if later.counts else job.attempts - 1
        if policy.max_attempts is not None and attempts >= policy.max_attempts:
            self._fail(job, later.reason, policy)
            return None
        delay = max(later.after, timedelta(0))

        def deferred(session: Session) -> None:
            row = session.get(ScheduledSend, job.id)
            if row is None or row.status != SENDING:
                return
            payload = dict(row.payload)
            if later.uncertain or job.uncertain:
                # Once an attempt may have reached Slack, every later one looks first: a rate limit
                # or refusal on a later try says nothing about where the earlier one went.
                payload["_uncertain"] = True
            row.payload, row.status, row.attempts = payload, PENDING, attempts
            row.due_at, row.last_error, row.lease_until = self.clock.now() + delay, later.reason, None
            if policy.on_deferred is not None:
                policy.on_deferred(session, job, later, attempts)

        self._settle(deferred)
        log.warning(
            "send deferred kind=%s job=%s reason=%s in=%ss",
            job.kind,
            job.id,
            later.reason,
            int(delay.total_seconds()),
        )
        return delay

    def _fail(self, job: Job, reason: str, policy: KindPolicy) -> None:
        def failed(session: Session) -> None:
            row = session.get(ScheduledSend, job.id)
            if row is not None:
                row.status, row.last_error, row.lease_until = FAILED, reason, None
            if policy.on_failed is not None:
                policy.on_failed(session, job, reason)

        self._settle(failed)
        log.error("send failed kind=%s job=%s reason=%s", job.kind, job.id, reason)

    def _release(self, jobs: list[Job], *, not_before: datetime) -> None:
        if not jobs:
            return

        def released(session: Session) -> None:
            for job in jobs:
                row = session.get(ScheduledSend, job.id)
                if row is not None and row.status == SENDING:
                    row.status, row.attempts, row.lease_until = PENDING, job.attempts - 1, None
                    row.due_at = max(row.due_at, not_before)
                    if job.uncertain:  # claimed back from a send that may have reached Slack
                        row.payload = {**row.payload, "_uncertain": True}

        self._settle(released)


def _after_done(callback: Callable[[str], None], key: str, _future: object) -> None:
    callback(key)


def _escalations(jobs: list[Job]) -> set[int]:
    return {job.escalation_id for job in jobs if job.escalation_id is not None}


def _job_of(row: ScheduledSend, uncertain: bool) -> Job:
    payload = {k: v for k, v in row.payload.items() if not k.startswith("_")}
    return Job(
        id=row.id,
        key=row.key,
        kind=row.kind,
        target=row.target,
        payload=payload,
        escalation_id=row.escalation_id,
        attempts=row.attempts,
        created_at=row.created_at,
        uncertain=uncertain,
    )


def order_key(
    kind: str, target: str | None, escalation_id: int | None, job_id: int, unordered: frozenset[str]
) -> str:
    """Rows that must keep their order share a key: one person's (or conversation's) messages, by
    target, or the posts into one escalation's thread, which have no target of their own."""
    if kind in unordered:
        return f"u:{job_id}"  # on its own, after the shared groups like any personal job
    if target:
        return f"t:{target}"
    if escalation_id is not None:
        return f"e:{escalation_id}"
    return f"j:{job_id}"


def _not_busy(stmt: S, busy: Mapping[str, frozenset[int]]) -> S:
    """Leave out rows whose order key has a group in flight (they must wait for it), and rows of an
    escalation with anything in flight: a DM claimed while its card is still being posted would
    find no card, and wait."""
    targets = [key[2:] for key in busy if key.startswith("t:")]
    escalations = sorted(set().union(*busy.values())) if busy else []
    if targets:
        stmt = stmt.where(or_(ScheduledSend.target.is_(None), ScheduledSend.target.not_in(targets)))
    if escalations:
        stmt = stmt.where(
            or_(ScheduledSend.escalation_id.is_(None), ScheduledSend.escalation_id.not_in(escalations))
        )
    return stmt
