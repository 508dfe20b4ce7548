"""What happens when peer-support sends succeed, wait or give up (hooks for the Dispatcher).

Sent text and sealed targets are erased as soon as they have done their job; a notice to an author
that fails is reported to admins without saying who it was for (nobody knows).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from bot.clock import Clock
from bot.outbox import Blocked, Job, KindPolicy, RetryLater, enqueue
from bot.peer import posts, replies
from bot.peer.model import NOT_DELIVERED, AdminNotice, PeerSend
from bot.peer.takedown import delete_message
from storage.models import ScheduledSend, VentModNotice

ADMINS = "admins"
# While the channel refuses posts, admins hear about it on the first refusal and every so often after.
BLOCKED_REMINDER_EVERY = 12


def peer_policies(clock: Clock) -> dict[str, KindPolicy]:
    def post_sent(session: Session, job: Job, result: dict[str, Any]) -> None:
        if "ts" not in result:  # taken down while waiting: nothing was posted
            erase(session, job)
            return
        posts.post_sent(
            session,
            clock=clock,
            public_id=str(job.payload["post"]),
            channel=result["channel"],
            ts=result["ts"],
            link=result.get("link"),
        )
        erase(session, job)

    def post_deferred(session: Session, job: Job, later: RetryLater, attempts: int) -> None:
        if isinstance(later, Blocked) and attempts % BLOCKED_REMINDER_EVERY == 1:
            notify_admins(
                session,
                clock=clock,
                key=f"vent:admin:{job.key}:{attempts}",
                notice=AdminNotice.CANNOT_POST,
                params={"reason": later.reason},
            )

    def reply_sent(session: Session, job: Job, result: dict[str, Any]) -> None:
        if "ts" not in result:
            erase(session, job)
            return
        channel = replies.reply_sent(
            session, clock=clock, public_id=str(job.payload["reply"]), ts=result["ts"]
        )
        if channel is not None:
            delete_message(session, clock=clock, channel=channel, ts=result["ts"])
        erase(session, job)

    def relay_failed(session: Session, job: Job, reason: str) -> None:
        # Slack's reason (account_inactive, user_not_found...) would narrow the author down: keep none.
        erase(session, job)
        row = session.get(ScheduledSend, job.id)
        if row is not None:
            row.last_error = NOT_DELIVERED
        notify_admins(
            session,
            clock=clock,
            key=f"vent:admin:{job.key}",
            notice=AdminNotice.RELAY_FAILED,
            params={},
        )

    def dropped(session: Session, job: Job, reason: str) -> None:
        erase(session, job)
        notify_admins(
            session,
            clock=clock,
            key=f"vent:admin:{job.key}",
            notice=AdminNotice.SEND_FAILED,
            params={"kind": job.kind, "reason": reason[:200]},
        )

    def report_sent(session: Session, job: Job, result: dict[str, Any]) -> None:
        fan_out(session, clock=clock, job=job, kind=PeerSend.MOD_NOTICE, to=result.get("fanout", []))

    def notice_sent(session: Session, job: Job, result: dict[str, Any]) -> None:
        notice = VentModNotice(
            report_id=int(job.payload["report"]),
            moderator_id=job.target or "",
            channel_id=result["channel"],
            ts=result["ts"],
        )
        session.merge(notice)

    def admin_sent(session: Session, job: Job, result: dict[str, Any]) -> None:
        fan_out(session, clock=clock, job=job, kind=PeerSend.ADMIN, to=result.get("fanout", []))

    ordinary = KindPolicy(max_attempts=8, on_failed=dropped)
    return {
        PeerSend.POST: KindPolicy(max_attempts=None, on_sent=post_sent, on_deferred=post_deferred),
        PeerSend.REPLY: KindPolicy(max_attempts=8, on_sent=reply_sent, on_failed=dropped),
        PeerSend.RELAY: KindPolicy(
            max_attempts=8, on_sent=lambda s, j, _r: erase(s, j), on_failed=relay_failed
        ),
        PeerSend.DELETE: ordinary,
        PeerSend.REPORT: KindPolicy(max_attempts=8, on_sent=report_sent, on_failed=dropped),
        PeerSend.MOD_NOTICE: KindPolicy(max_attempts=8, on_sent=notice_sent, on_failed=dropped),
        PeerSend.MOD_UPDATE: ordinary,
        PeerSend.ADMIN: KindPolicy(max_attempts=8, on_sent=admin_sent),
    }


def erase(session: Session, job: Job) -> None:
    """Drop what a finished send carried: the text someone wrote, and any sealed target."""
    row = session.get(ScheduledSend, job.id)
    if row is not None:
        row.payload = {k: v for k, v in row.payload.items() if k in ("post", "reply", "report", "notice")}
        if job.kind == PeerSend.RELAY:
            row.target = None


def notify_admins(
    session: Session, *, clock: Clock, key: str, notice: AdminNotice, params: dict[str, Any]
) -> None:
    payload = {"notice": notice.value, "params": params}
    enqueue(session, clock=clock, key=key, kind=PeerSend.ADMIN, target=ADMINS, payload=payload)


def fan_out(session: Session, *, clock: Clock, job: Job, kind: PeerSend, to: Iterable[str]) -> None:
    """One send per person, each its own row (so one refusal does not hold up the others)."""
    for person in to:
        enqueue(
            session, clock=clock, key=f"{job.key}:to:{person}", kind=kind, target=person, payload=job.payload
        )
