"""The durable outbox: every message the bot will send, and the work that follows an ack, is a
`scheduled_sends` row first.

A change and the sends it causes are written in one transaction (`enqueue`). The `Dispatcher`
(`bot/dispatcher.py`) claims due rows atomically (FOR UPDATE SKIP LOCKED on PostgreSQL, so replicas
never share a row), hands each to a `Sender` (the Slack edge), and records the outcome. Nothing here
knows Slack.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from bot.clock import Clock
from storage.models import ScheduledSend

PENDING, SENDING, SENT, FAILED, CANCELLED = "pending", "sending", "sent", "failed", "cancelled"
# The reason recorded on sends that wait for another send (a thread reply for its card).
NOT_READY = "waiting for the escalation's card"


@dataclass(frozen=True)
class Job:
    id: int
    key: str
    kind: str
    target: str | None
    payload: dict[str, Any]
    escalation_id: int | None
    attempts: int
    created_at: datetime
    # True when an earlier attempt may have reached Slack (a process died or a call timed out
    # mid-send): the sender must look for the message before sending it again.
    uncertain: bool = False


class RetryLater(Exception):
    """The send did not happen (or may not have); try again after `after`."""

    def __init__(
        self,
        reason: str,
        *,
        after: timedelta,
        counts: bool = True,
        uncertain: bool = False,
        where: str | None = None,
    ) -> None:
        super().__init__(reason)
        self.reason, self.after, self.counts, self.uncertain = reason, after, counts, uncertain
        self.where = where  # the conversation Slack refused, for the people who must fix it


class Blocked(RetryLater):
    """Slack refuses for a reason a person must fix (bot not in channel, channel archived)."""


class SendFailed(Exception):
    """The send can never succeed as it stands (malformed message, user gone)."""


class Sender(Protocol):
    def send(self, job: Job) -> dict[str, Any] | None:
        """Deliver one job; return what should be remembered (e.g. the message ts)."""
        ...


@dataclass(frozen=True)
class KindPolicy:
    """How a kind of send behaves when it succeeds, gets blocked, or gives up."""

    max_attempts: int | None = 8  # None: keep trying for as long as it takes
    on_sent: Callable[[Session, Job, dict[str, Any]], None] | None = None
    # Called on every deferral with the reason and the attempts made so far.
    on_deferred: Callable[[Session, Job, RetryLater, int], None] | None = None
    on_failed: Callable[[Session, Job, str], None] | None = None
    # False: the job keeps no order with the target's other jobs, so its waiting (e.g. a check-in
    # holding for working hours) never holds back the person's other messages.
    ordered: bool = True


@dataclass(frozen=True)
class RetryPolicy:
    base: timedelta = timedelta(seconds=5)
    cap: timedelta = timedelta(minutes=15)
    # How long a claimed row is ours: renewed every third of it while its send is under way, so
    # only a process that died (or lost the database) lets it lapse, and another takes it over soon.
    lease: timedelta = timedelta(seconds=30)

    def backoff(self, attempts: int) -> timedelta:
        delay: timedelta = self.base * (2 ** max(0, min(attempts - 1, 20)))
        return min(self.cap, delay)


def enqueue(
    session: Session,
    *,
    clock: Clock,
    key: str,
    kind: str,
    payload: Mapping[str, Any] | None = None,
    target: str | None = None,
    due_at: datetime | None = None,
    escalation_id: int | None = None,
) -> bool:
    """Add a job in the caller's transaction; False if one with that key already exists.

    One INSERT … ON CONFLICT DO NOTHING, so a repeated request (Slack's retry, a double click) can
    never add a second job, even when two processes race.
    """
    now = clock.now()
    values = _new_row(
        now, key=key, kind=kind, target=target, payload=payload, due_at=due_at, escalation_id=escalation_id
    )
    stmt = _insert_new(session).values(**values)
    # RETURNING, because rowcount after ON CONFLICT is not reliable across drivers
    return session.execute(stmt.returning(ScheduledSend.id)).scalar() is not None


def enqueue_many(session: Session, *, clock: Clock, jobs: Iterable[Mapping[str, Any]]) -> None:
    """Add jobs due now (each a dict of key, kind, target, payload, and optionally `at`, the ISO time
    it arrived) with one INSERT … ON CONFLICT DO NOTHING run for them all: what the intake gathers
    costs one statement. A key already stored, or repeated within the batch, adds nothing."""
    now = clock.now()
    rows: dict[str, dict[str, Any]] = {}
    for job in jobs:
        key = str(job["key"])
        if key not in rows:
            rows[key] = _new_row(
                now, key=key, kind=job["kind"], target=job.get("target"), payload=job.get("payload")
            )
            if job.get("at"):
                rows[key]["created_at"] = datetime.fromisoformat(str(job["at"]))
    if rows:
        session.execute(_insert_new(session), list(rows.values()))  # compiled once, run for every row


def _new_row(
    now: datetime,
    *,
    key: str,
    kind: str,
    target: str | None,
    payload: Mapping[str, Any] | None,
    due_at: datetime | None = None,
    escalation_id: int | None = None,
) -> dict[str, Any]:
    """The column values of a job not yet tried, due at `due_at` (now when not given)."""
    return {
        "key": key,
        "kind": kind,
        "target": target,
        "payload": dict(payload or {}),
        "escalation_id": escalation_id,
        "due_at": due_at or now,
        "status": PENDING,
        "attempts": 0,
        "created_at": now,
    }


def _insert_new(session: Session) -> Any:
    """INSERT … ON CONFLICT (key) DO NOTHING in the session's dialect: a key stored once stays once."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    return insert(ScheduledSend).on_conflict_do_nothing(index_elements=["key"])


def cancel_pending(session: Session, *, escalation_id: int, kinds: Iterable[str] | None = None) -> int:
    """Cancel what is still waiting to be sent for an escalation (optionally only some kinds)."""
    stmt = (
        update(ScheduledSend)
        .where(ScheduledSend.escalation_id == escalation_id, ScheduledSend.status == PENDING)
        .values(status=CANCELLED)
    )
    if kinds is not None:
        stmt = stmt.where(ScheduledSend.kind.in_(list(kinds)))
    return session.execute(stmt).rowcount  # type: ignore[attr-defined,no-any-return]


def wake_waiting(session: Session, *, escalation_id: int, clock: Clock) -> int:
    """Make this escalation's deferred sends due now (they were waiting for something that just happened)."""
    stmt = (
        update(ScheduledSend)
        .where(
            ScheduledSend.escalation_id == escalation_id,
            ScheduledSend.status == PENDING,
            ScheduledSend.due_at > clock.now(),
            ScheduledSend.last_error == NOT_READY,
        )
        .values(due_at=clock.now())
    )
    return session.execute(stmt).rowcount  # type: ignore[attr-defined,no-any-return]


def forget_payload(session: Session, job: Job, _outcome: object = None) -> None:
    """Once a job is done (sent, or given up on: the outcome does not matter), drop what it carried
    (a request body holds what a person wrote). Serves as `on_sent` and as `on_failed`."""
    row = session.get(ScheduledSend, job.id)
    if row is not None:
        row.payload = {k: v for k, v in row.payload.items() if k in ("handler", "notice")}
