"""Names of the sends the escalation service asks for. The Slack edge has one builder per name."""

from __future__ import annotations

from enum import StrEnum


class SendKind(StrEnum):
    CARD = "escalation.card"  # the root card of the thread (creates the private space if confidential)
    CARD_UPDATE = "escalation.card_update"
    THREAD = "escalation.thread"  # a line in the escalation's thread, workspace language
    INVITE = "escalation.invite"  # bring people into a confidential escalation's space
    DM = "dm"  # a direct message, in the recipient's language
    RESPOND = "respond"  # replace the raiser's ephemeral slash-command reply
    ADMIN = "admin.notice"  # operational problems, to ADMIN_CHANNEL or each admin
    TIMER = (
        "escalation.timer"  # not a send: a nudge, chain step or reminder coming due (bot.escalations.timers)
    )


class Notice(StrEnum):
    OWNER_ASSIGNED = "owner_assigned"
    RAISER_POSTED = "raiser_posted"
    RAISER_DELAYED = "raiser_delayed"
    RAISER_ACKNOWLEDGED = "raiser_acknowledged"
    RAISER_RESOLVED = "raiser_resolved"
    THREAD_SUMMARY_REST = "thread_summary_rest"
    THREAD_ACKNOWLEDGED = "thread_acknowledged"
    THREAD_UPDATE = "thread_update"
    THREAD_REASSIGNED = "thread_reassigned"
    THREAD_RESOLVED = "thread_resolved"
    THREAD_BROUGHT_IN = "thread_brought_in"
    THREAD_CHAIN = "thread_chain"
    THREAD_OVERDUE = "thread_overdue"
    NUDGE = "nudge"
    CHAIN_DM = "chain_dm"
    REMINDER = "reminder"
    CADENCE = "cadence"
    ADMIN_CANNOT_POST = "admin_cannot_post"
    ADMIN_SEND_FAILED = "admin_send_failed"
    ADMIN_CHAIN_TOP = "admin_chain_top"
