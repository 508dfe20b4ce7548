"""What happens when an escalation's sends succeed, wait or give up (hooks for the Dispatcher)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from bot.clock import Clock
from bot.escalations import effects, service
from bot.escalations.notices import Notice, SendKind
from bot.outbox import Blocked, Job, KindPolicy, RetryLater, enqueue, wake_waiting

# After this many failed tries of a card, the admins hear about it even if Slack gave no reason.
CARD_ATTEMPTS_BEFORE_ADMINS = 6


def escalation_policies(clock: Clock) -> dict[str, KindPolicy]:
    def card_sent(session: Session, job: Job, result: dict[str, Any]) -> None:
        if job.escalation_id is not None and result.get("ts"):
            service.card_posted(
                session,
                escalation_id=job.escalation_id,
                channel_id=result["channel"],
                ts=result["ts"],
                link=result.get("link"),
            )
            wake_waiting(session, escalation_id=job.escalation_id, clock=clock)

    def card_deferred(session: Session, job: Job, later: RetryLater, attempts: int) -> None:
        if job.escalation_id is None:
            return
        if isinstance(later, Blocked) or attempts >= CARD_ATTEMPTS_BEFORE_ADMINS:
            service.card_blocked(
                session,
                clock=clock,
                escalation_id=job.escalation_id,
                reason=later.reason,
                channel_id=later.where,
            )
            # The owner should hear it is theirs even while the card cannot be posted.
            wake_waiting(session, escalation_id=job.escalation_id, clock=clock)
        elif attempts >= 1:
            service.card_delayed(session, clock=clock, escalation_id=job.escalation_id)

    def report_failure(session: Session, job: Job, reason: str) -> None:
        report_failed_send(session, clock=clock, job=job, reason=reason)

    def fan_out(session: Session, job: Job, result: dict[str, Any]) -> None:
        for admin in result.get("fanout", []):
            enqueue(
                session,
                clock=clock,
                key=f"{job.key}:to:{admin}",
                kind=SendKind.DM,
                target=admin,
                escalation_id=job.escalation_id,
                payload=job.payload,
            )

    ordinary = KindPolicy(max_attempts=8, on_failed=report_failure)
    return {
        SendKind.CARD: KindPolicy(max_attempts=None, on_sent=card_sent, on_deferred=card_deferred),
        SendKind.CARD_UPDATE: ordinary,
        SendKind.THREAD: ordinary,
        SendKind.INVITE: ordinary,
        SendKind.DM: ordinary,
        SendKind.RESPOND: ordinary,
        SendKind.ADMIN: KindPolicy(max_attempts=8, on_sent=fan_out),
    }


def report_failed_send(session: Session, *, clock: Clock, job: Job, reason: str) -> None:
    """Tell the admins a send was given up. Never names the recipient: it may be an anonymous author."""
    number = None
    if job.escalation_id is not None:
        esc = service.find_by_id(session, job.escalation_id)
        number = esc.number if esc is not None else None
    effects.notify_admins(
        session,
        clock,
        f"failed:{job.key}",
        job.escalation_id,
        Notice.ADMIN_SEND_FAILED,
        {"kind": job.kind, "number": number, "reason": reason[:300]},
    )
