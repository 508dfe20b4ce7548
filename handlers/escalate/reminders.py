"""Pure builders for what an escalation sends later: nudges, chain requests, promised-reply reminders,
client-update reminders, and the snooze buttons every one of them carries."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from bot.escalations.model import EscalationView
from bot.i18n import duration, t
from handlers.blockkit import Block, Message, actions, button, context, cut, section, slack_date, user
from handlers.ids import Action

SNOOZES: tuple[tuple[Action, str], ...] = (
    (Action.SNOOZE_30M, "30m"),
    (Action.SNOOZE_1H, "1h"),
    (Action.SNOOZE_2H, "2h"),
    (Action.SNOOZE_MORNING, "morning"),
)


def snooze_value(escalation_id: int, timer: str, period: str) -> str:
    return json.dumps({"e": escalation_id, "t": timer, "p": period}, separators=(",", ":"))


def snooze_row(escalation_id: int, timer: str, *, locale: str) -> Block:
    """Snooze buttons: 30 min, 1 h, 2 h, tomorrow morning."""
    buttons = [
        button(t(locale, f"button.snooze_{period}"), action, value=snooze_value(escalation_id, timer, period))
        for action, period in SNOOZES
    ]
    return actions(*buttons, block_id=f"snooze-{escalation_id}-{timer}")


def _since(params: dict[str, Any], now: datetime, locale: str) -> str:
    raw = params.get("since")
    return duration(locale, now - datetime.fromisoformat(raw)) if raw else ""


def _thread_button(view: EscalationView, locale: str) -> list[Block]:
    if not view.card_link:
        return []
    return [button(t(locale, "button.open_thread"), Action.OPEN_THREAD, url=view.card_link)]


def build_nudge(view: EscalationView, params: dict[str, Any], *, locale: str, now: datetime) -> Message:
    """To the owner (or their stand-in): it still waits for them. A repeat says so, kindly."""
    n = int(params.get("n") or 0)
    lines = []
    if params.get("for"):
        lines.append(t(locale, "nudge.standin", owner=user(params["for"])))
    key = "nudge.again" if n >= 2 else "nudge.first"
    lines.append(
        t(locale, key, number=view.number, raiser=user(view.raiser_id), since=_since(params, now, locale))
    )
    lines.append(f">{cut(view.summary, 300)}".replace("\n", "\n>"))
    if view.promised_at is not None:
        lines.append(t(locale, "dm.owner.promised", when=slack_date(view.promised_at)))
    lines.append(t(locale, "nudge.ask"))
    ack = button(
        t(locale, "button.acknowledge"), Action.ACKNOWLEDGE, value=str(view.escalation_id), style="primary"
    )
    text = "\n".join(lines)
    blocks = [
        section(text),
        actions(ack, *_thread_button(view, locale), block_id=f"nudge-{view.escalation_id}"),
        snooze_row(view.escalation_id, "nudge", locale=locale),
    ]
    return Message(text=text, blocks=blocks)


def build_chain_request(
    view: EscalationView, params: dict[str, Any], *, locale: str, now: datetime
) -> Message:
    """To the person above: why it comes to them, and the one click that stops the climb."""
    text = t(
        locale,
        "chain.dm",
        number=view.number,
        below=user(params["below"]),
        since=_since(params, now, locale),
        raiser=user(view.raiser_id),
    )
    text += "\n" + f">{cut(view.summary, 400)}".replace("\n", "\n>")
    ack = button(
        t(locale, "button.acknowledge"), Action.ACKNOWLEDGE, value=str(view.escalation_id), style="primary"
    )
    blocks = [
        section(text),
        actions(ack, *_thread_button(view, locale), block_id=f"chain-{view.escalation_id}"),
        snooze_row(view.escalation_id, "nudge", locale=locale),
    ]
    return Message(text=text, blocks=blocks)


def build_reminder(view: EscalationView, params: dict[str, Any], *, locale: str, now: datetime) -> Message:
    """Before the promised time: why, by when, and the one thing wanted."""
    promised = view.promised_at or now
    left = duration(locale, max(promised - now, timedelta(0)))
    key = "reminder.again" if params.get("again") else "reminder.first"
    text = t(locale, key, number=view.number, when=slack_date(promised), left=left)
    blocks = [section(text)]
    if view.card_link:
        blocks.append(actions(*_thread_button(view, locale), block_id=f"reminder-{view.escalation_id}"))
    blocks.append(snooze_row(view.escalation_id, "reminder", locale=locale))
    return Message(text=text, blocks=blocks)


def build_cadence(view: EscalationView, params: dict[str, Any], *, locale: str, now: datetime) -> Message:
    """The client has not heard from us for as long as was agreed: post an update."""
    every = duration(locale, timedelta(minutes=int(params.get("every") or 0)))
    text = t(locale, "cadence.dm", number=view.number, since=_since(params, now, locale), every=every)
    post = button(
        t(locale, "button.post_update"), Action.POST_UPDATE, value=str(view.escalation_id), style="primary"
    )
    blocks = [
        section(text),
        actions(post, *_thread_button(view, locale), block_id=f"cadence-{view.escalation_id}"),
        snooze_row(view.escalation_id, "cadence", locale=locale),
    ]
    return Message(text=text, blocks=blocks)


def build_snoozed(until: datetime, *, locale: str) -> Block:
    return context(t(locale, "snooze.done", when=slack_date(until)))


def build_chain_top_notice(params: dict[str, Any], *, locale: str, now: datetime) -> str:
    return t(
        locale,
        "admin.chain_top",
        number=params.get("number"),
        top=user(str(params.get("top"))),
        since=_since(params, now, locale),
    )


def format_thread_params(params: dict[str, Any], *, locale: str, now: datetime) -> dict[str, Any]:
    """Turn stored IDs and times into mentions, Slack dates and spoken durations."""
    p = dict(params)
    for key in ("user", "from", "to", "manager", "below", "owner"):
        if p.get(key):
            p[key] = user(p[key])
    if "users" in p:
        p["users"] = ", ".join(user(u) for u in p["users"])
    if p.get("since"):
        p["since"] = _since(params, now, locale)
    if p.get("promised"):
        p["promised"] = slack_date(datetime.fromisoformat(p["promised"]))
    return p
