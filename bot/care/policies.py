"""How care's jobs behave when they succeed, wait or give up (hooks for the Dispatcher)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.care.model import CareKind, CareNotice
from bot.clock import Clock
from bot.outbox import Job, KindPolicy, enqueue, forget_payload

# Check-ins wait (without counting) for working hours and Do Not Disturb, so attempts count only
# real failures. A failed check-in is not reported to anyone: no report of someone's care, ever.
_QUIET = KindPolicy(max_attempts=8)
# Jobs that may wait for someone's working hours run on their own, never holding back that person's
# other messages.
_ALONE = KindPolicy(max_attempts=8, ordered=False)


def care_policies(clock: Clock) -> dict[str, KindPolicy]:
    def export_failed(session: Session, job: Job, _reason: str) -> None:
        """The person who asked for an export hears that it did not come (and nobody else does)."""
        enqueue(
            session,
            clock=clock,
            key=f"{job.key}:failed",
            kind=CareKind.DM,
            target=job.target,
            payload={"notice": CareNotice.EXPORT_FAILED, "params": {}},
        )

    return {
        CareKind.PLAN: _ALONE,
        CareKind.CHECKIN: _ALONE,
        CareKind.DM: _QUIET,
        CareKind.THREAD: _QUIET,
        # who asked to talk to whom is dropped as soon as the group DM is open (or cannot be)
        CareKind.CONNECT: KindPolicy(max_attempts=8, on_sent=forget_payload, on_failed=forget_payload),
        CareKind.HOME: KindPolicy(max_attempts=3, ordered=False),
        CareKind.DIGEST: _ALONE,
        CareKind.EXPORT: KindPolicy(max_attempts=5, on_failed=export_failed),
    }
