"""Pure Block Kit builders for escalations: the card, its DMs and thread lines, and the list."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.escalations.model import EscalationView, Severity, Status
from bot.escalations.service import CARD_SUMMARY_CHARS
from bot.i18n import duration, t
from handlers.blockkit import (
    SECTION_LIMIT,
    Block,
    Message,
    actions,
    button,
    channel,
    chunks,
    context,
    cut,
    fields_section,
    header,
    section,
    slack_date,
    user,
)
from handlers.escalate.reminders import build_chain_top_notice, format_thread_params
from handlers.ids import Action

SEVERITY_MARK = {"urgent": "🔴", "normal": "🟠", "low": "⚪"}


def build_card(card: EscalationView, *, locale: str, raiser_locale: str) -> Message:
    """The root of the escalation's thread. Shared, so in the workspace language."""
    blocks: list[Block] = []
    if card.confidential:
        blocks.append(context("🔒 " + t(raiser_locale, "card.confidential_note")))
    blocks.append(
        header(f"{SEVERITY_MARK.get(card.severity, '')} " + t(locale, "card.header", number=card.number))
    )
    blocks.append(section(_summary_excerpt(card.summary, locale)))
    blocks.append(fields_section(_card_fields(card, locale)))
    blocks.append(context(_status_line(card, locale)))
    if card.overdue and card.promised_at is not None:
        blocks.append(context(t(locale, "card.status.overdue", when=slack_date(card.promised_at))))
    if card.status != Status.RESOLVED.value:
        blocks.append(_card_actions(card, locale))
    if card.source_link:
        blocks.append(context(t(locale, "card.source", link=card.source_link)))
    return Message(text=_card_fallback(card, locale), blocks=blocks)


def _summary_excerpt(summary: str, locale: str) -> str:
    if len(summary) <= CARD_SUMMARY_CHARS:
        return summary
    return summary[:CARD_SUMMARY_CHARS].rstrip() + "… " + t(locale, "card.continued")


def _card_fields(card: EscalationView, locale: str) -> list[str]:
    items = [
        t(locale, "card.field.owner", owner=user(card.owner_id)),
        t(locale, "card.field.raiser", raiser=user(card.raiser_id)),
        t(locale, "card.field.severity", severity=t(locale, f"severity.{card.severity}")),
        t(locale, "card.field.kind", kind=t(locale, f"kind.{card.kind}")),
    ]
    if card.client:
        items.append(t(locale, "card.field.client", client=cut(card.client, 500)))
    if card.promised_at:
        items.append(t(locale, "card.field.promised", when=slack_date(card.promised_at)))
    if card.original_owner_id:
        items.append(t(locale, "card.field.standin", owner=user(card.original_owner_id)))
    if card.chain:
        items.append(t(locale, "card.field.chain", users=" → ".join(user(u) for u in card.chain)))
    if card.brought_in:
        items.append(t(locale, "card.field.brought_in", users=", ".join(user(u) for u in card.brought_in)))
    if card.update_cadence_minutes:
        every = duration(locale, timedelta(minutes=card.update_cadence_minutes))
        items.append(t(locale, "card.field.cadence", every=every))
    return items


def _status_line(card: EscalationView, locale: str) -> str:
    if card.status == Status.RESOLVED.value and card.resolved_by and card.resolved_at:
        line = t(
            locale, "card.status.resolved", user=user(card.resolved_by), when=slack_date(card.resolved_at)
        )
        if card.resolution:
            line += "\n" + t(locale, "card.status.decision", decision=cut(card.resolution, 1500))
        return line
    if card.status == Status.ACKNOWLEDGED.value and card.acknowledged_by and card.acknowledged_at:
        return t(
            locale,
            "card.status.acknowledged",
            user=user(card.acknowledged_by),
            when=slack_date(card.acknowledged_at),
        )
    return t(locale, "card.status.waiting", owner=user(card.owner_id))


def _card_actions(card: EscalationView, locale: str) -> Block:
    value = str(card.escalation_id)
    elements = []
    if card.status == Status.OPEN.value:
        elements.append(
            button(t(locale, "button.acknowledge"), Action.ACKNOWLEDGE, value=value, style="primary")
        )
    elements += [
        button(t(locale, "button.post_update"), Action.POST_UPDATE, value=value),
        button(t(locale, "button.reassign"), Action.REASSIGN, value=value),
        button(t(locale, "button.resolve"), Action.RESOLVE, value=value),
        button(t(locale, "button.bring_in"), Action.BRING_IN, value=value),
    ]
    return actions(*elements, block_id=f"card-{card.escalation_id}")


def _card_fallback(card: EscalationView, locale: str) -> str:
    return t(
        locale,
        "card.fallback",
        number=card.number,
        owner=user(card.owner_id),
        summary=cut(card.summary, 1000),
    )


def with_summary(message: Message, view: EscalationView) -> Message:
    """Make sure the plain-text fallback (what a notification shows) says which escalation it is about."""
    excerpt = cut(" ".join(view.summary.split()), 150)
    if excerpt[:40] in message.text:
        return message
    return Message(text=f"{message.text}\n> {excerpt}", blocks=message.blocks)


def build_summary_rest(card: EscalationView, *, locale: str) -> Message:
    """The part of a long summary that did not fit on the card, in as many sections as it takes."""
    rest = card.summary[CARD_SUMMARY_CHARS:].lstrip()
    pieces = chunks(rest, SECTION_LIMIT - 100)
    blocks = [context(t(locale, "thread.summary_rest"))] + [section(p) for p in pieces]
    return Message(text=t(locale, "thread.summary_rest") + "\n" + cut(rest, 2000), blocks=blocks[:50])


def build_thread_line(
    notice: str, params: dict[str, Any], *, locale: str, number: int, now: datetime
) -> Message:
    """One line in the thread for something that happened (acknowledged, update, reassigned …)."""
    p = format_thread_params(params, locale=locale, now=now)
    if notice == "thread_acknowledged":
        text = t(locale, "thread.acknowledged_by_reply" if p.get("by_reply") else "thread.acknowledged", **p)
    elif notice == "thread_reassigned":
        text = t(locale, "thread.reassigned", **p)
        if p.get("reason"):
            text += "\n" + t(locale, "thread.reason", reason=p["reason"])
    elif notice == "thread_resolved":
        text = t(locale, "thread.resolved", **p)
        if p.get("resolution"):
            text += "\n" + t(locale, "card.status.decision", decision=p["resolution"])
    else:
        text = t(locale, f"thread.{notice.removeprefix('thread_')}", **p)
    pieces = chunks(text, SECTION_LIMIT - 100)
    return Message(
        text=t(locale, "thread.fallback", number=number) + " " + cut(text, 2000),
        blocks=[section(piece) for piece in pieces][:50],
    )


def build_owner_dm(card: EscalationView, params: dict[str, Any], *, locale: str) -> Message:
    """Tell the owner the escalation is theirs, with the thread link and a one-click acknowledgement."""
    if params.get("by"):
        intro = t(
            locale,
            "dm.owner.reassigned",
            by=user(params["by"]),
            number=card.number,
            previous=user(params.get("from") or params["by"]),
        )
    else:
        intro = t(locale, "dm.owner.assigned", raiser=user(card.raiser_id), number=card.number)
    lines = [intro, f">{cut(card.summary, 600)}".replace("\n", "\n>")]
    if card.client:
        lines.append(t(locale, "dm.owner.client", client=cut(card.client, 300)))
    if card.promised_at:
        lines.append(t(locale, "dm.owner.promised", when=slack_date(card.promised_at)))
    lines.append(t(locale, "dm.owner.ask"))
    elements = [
        button(
            t(locale, "button.acknowledge"),
            Action.ACKNOWLEDGE,
            value=str(card.escalation_id),
            style="primary",
        )
    ]
    if card.card_link:
        elements.append(button(t(locale, "button.open_thread"), Action.OPEN_THREAD, url=card.card_link))
    else:
        lines.append(t(locale, "dm.owner.not_posted_yet"))
    blocks = [section("\n".join(lines)), actions(*elements, block_id=f"dm-{card.escalation_id}")]
    return Message(text=intro + " " + cut(card.summary, 1000), blocks=blocks)


def build_person_notice(notice: str, card: EscalationView, params: dict[str, Any], *, locale: str) -> Message:
    """DMs to the raiser (posted, delayed, acknowledged, resolved), in their language."""
    link = card.card_link or ""
    p: dict[str, Any] = {
        "number": card.number,
        "owner": user(card.owner_id),
        "link": link,
        "channel": channel(card.channel_id) if card.channel_id else "",
    }
    if "user" in params:
        p["user"] = user(params["user"])
    key = f"dm.{notice}"
    if notice == "raiser_posted" and card.confidential:
        key = "dm.raiser_posted_confidential"
    text = t(locale, key, **p)
    if notice == "raiser_resolved" and params.get("resolution"):
        text += "\n" + t(locale, "card.status.decision", decision=cut(params["resolution"], 1500))
    return Message(text=text, blocks=[section(text)])


def build_admin_notice(notice: str, params: dict[str, Any], *, locale: str, now: datetime) -> Message:
    p = dict(params)
    if notice == "admin_chain_top":
        text = build_chain_top_notice(p, locale=locale, now=now)
    elif notice == "admin_cannot_post":
        hint_key = {
            "not_in_channel": "admin.hint.invite",
            "channel_not_found": "admin.hint.missing",
            "is_archived": "admin.hint.archived",
        }.get(str(p.get("reason")), "admin.hint.generic")
        p["channel"] = channel(p["channel"]) if p.get("channel") else t(locale, "admin.private_space")
        text = t(locale, "admin.cannot_post", **p) + "\n" + t(locale, hint_key)
    else:
        p["number"] = f"#{p['number']}" if p.get("number") else "—"
        text = t(locale, "admin.send_failed", **p)
    return Message(text=text, blocks=[section("⚠️ " + text)])


@dataclass(frozen=True)
class ListItem:
    card: EscalationView
    visible: bool  # False: a confidential escalation the viewer is not on; show only that it exists


def build_list(items: list[ListItem], *, locale: str, title_key: str) -> Message:
    if not items:
        text = t(locale, "list.empty")
        return Message(text=text, blocks=[section(text)])
    blocks: list[Block] = [section(f"*{t(locale, title_key, count=len(items))}*")]
    for item in items[:45]:
        blocks.append(section(_list_line(item, locale)))
    if len(items) > 45:
        blocks.append(context(t(locale, "list.more", count=len(items) - 45)))
    return Message(text=t(locale, title_key, count=len(items)), blocks=blocks)


def _list_line(item: ListItem, locale: str) -> str:
    card = item.card
    if not item.visible:
        return t(
            locale,
            "list.confidential_line",
            number=card.number,
            when=slack_date(card.created_at) if card.created_at else "",
        )
    status = t(locale, f"status.{card.status}")
    link = f"<{card.card_link}|#{card.number}>" if card.card_link else f"#{card.number}"
    line = t(
        locale,
        "list.line",
        link=link,
        mark=SEVERITY_MARK.get(card.severity, ""),
        severity=t(locale, f"severity.{card.severity}"),
        status=status,
        owner=user(card.owner_id),
        raiser=user(card.raiser_id),
        summary=cut(card.summary.replace("\n", " "), 120),
    )
    if card.promised_at:
        line += "\n" + t(locale, "card.field.promised", when=slack_date(card.promised_at))
    return line


def build_help(*, locale: str, desk: tuple[str, ...]) -> Message:
    text = t(locale, "help.escalate") + "\n" + t(locale, "help.care")
    if desk:
        text += "\n\n" + t(locale, "help.desk", desk=", ".join(user(u) for u in desk))
    return Message(text=text, blocks=[section(text)])


def metadata(key: str) -> dict[str, Any]:
    """Slack message metadata naming the outbox row, so a re-send can find the first attempt."""
    return {"event_type": "itabasami_send", "event_payload": {"key": key}}


def severity_rank(severity: str) -> int:
    return Severity(severity).rank


def private_metadata(view: dict[str, Any]) -> dict[str, Any]:
    raw = view.get("private_metadata") or "{}"
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
