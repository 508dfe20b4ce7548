"""Stored jobs name what runs them: those names must outlive a refactor.

A job queued by one version is run by the next, often with no migration between them, so every job
kind and every request handler name that a running version may have stored must still be known
after a change. Adding a name: add it here. Removing one: only after a release that stops storing it
has run for longer than a job can wait (keep it registered until then, doing nothing harmful).
"""

from __future__ import annotations

from bot.app import Itabasami
from handlers.edge import job_names

REQUEST_HANDLERS = frozenset(
    {
        "care.answer",
        "care.connect",
        "care.later_or_stop",
        "care.plan_meeting",
        "care.save_review",
        "care.send_thanks",
        "escalate.acknowledge",
        "escalate.bring_in",
        "escalate.create_from_form",
        "escalate.create_quick",
        "escalate.post_update",
        "escalate.reassign",
        "escalate.resolve",
        "escalate.setup",
        "escalate.snooze",
        "escalate.thread_reply",
        "home.save_control",
        "home.save_hours",
        "vent.ask_encouragement",
        "vent.delete",
        "vent.delete_from_receipt",
        "vent.hide",
        "vent.keep",
        "vent.mute",
        "vent.notify",
        "vent.person_replied",
        "vent.post_from_command",
        "vent.post_from_form",
        "vent.reply",
        "vent.report",
    }
)

KINDS = frozenset(
    {
        "request",
        "escalation.card",
        "escalation.card_update",
        "escalation.thread",
        "escalation.invite",
        "dm",
        "respond",
        "admin.notice",
        "escalation.timer",
        "care.plan",
        "care.checkin",
        "care.dm",
        "care.thread",
        "care.connect",
        "care.digest",
        "care.export",
        "home.publish",
    }
)


def test_every_request_handler_name_stays_registered(bot: Itabasami) -> None:
    assert job_names() == REQUEST_HANDLERS


def test_every_job_kind_stays_runnable(bot: Itabasami) -> None:
    missing = KINDS - bot.sender.kinds
    assert not missing, f"stored jobs of these kinds would fail after this change: {sorted(missing)}"
