"""Pure Block Kit builders for check-ins and what follows an answer. Everything here goes to one
person (the one being checked on), in their own language."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from bot.care.model import STEP_MEETING, STEP_ROUGH, STEP_SNOOZE, Mood, MoodOutcome, SupportKind
from bot.i18n import t
from handlers.blockkit import Block, Message, actions, button, context, section, slack_date, user
from handlers.ids import Action

MOOD_ACTIONS = {
    Mood.ROUGH: Action.CARE_MOOD_1,
    Mood.LOW: Action.CARE_MOOD_2,
    Mood.OKAY: Action.CARE_MOOD_3,
    Mood.FINE: Action.CARE_MOOD_4,
    Mood.GOOD: Action.CARE_MOOD_5,
}
SUPPORT_ACTIONS = {
    SupportKind.LISTEN: Action.CARE_LISTEN,
    SupportKind.THINK: Action.CARE_THINK,
    SupportKind.HELP: Action.CARE_HELP,
}
OPENERS = {
    "raised": "care.checkin.raised",
    "morning": "care.checkin.morning",
    "resolved": "care.checkin.resolved",
    STEP_MEETING: "care.checkin.meeting",
    STEP_ROUGH: "care.checkin.rough",
    STEP_SNOOZE: "care.checkin.snooze",
    "later": "care.checkin.later",
}


def care_value(escalation_id: int) -> str:
    """What every check-in button carries: which escalation it is about, nothing about the answer."""
    return json.dumps({"e": escalation_id}, separators=(",", ":"))


def build_checkin(params: dict[str, Any], *, locale: str, reminder: bool = False) -> Message:
    """How are you holding up? A mood scale, then what they can do: all of it optional."""
    esc_id, number = int(params["escalation_id"]), params["number"]
    key = "care.checkin.reminder" if reminder else OPENERS.get(str(params.get("step")), "care.checkin.raised")
    text = t(locale, key, number=number)
    value = care_value(esc_id)
    blocks: list[Block] = [section(text), mood_row(esc_id, locale=locale)]
    quick = [button(t(locale, "care.button.snooze"), Action.CARE_SNOOZE, value=value)]
    if not params.get("quiet"):
        quick = [
            button(t(locale, "care.button.vent"), Action.CARE_VENT, value=value),
            button(t(locale, "care.button.peer"), Action.CARE_PEER, value=value),
            *quick,
        ]
    blocks.append(actions(*quick, block_id=f"care-quick-{esc_id}"))
    blocks.append(
        actions(
            button(t(locale, "care.button.stop", number=number), Action.CARE_STOP, value=value),
            button(t(locale, "care.button.stop_all"), Action.CARE_STOP_ALL, value=value),
            block_id=f"care-stop-{esc_id}",
        )
    )
    blocks.append(context(t(locale, "care.checkin.private")))
    return Message(text=text, blocks=blocks)


def mood_row(escalation_id: int, *, locale: str) -> Block:
    value = care_value(escalation_id)
    buttons = [button(t(locale, f"care.mood.{int(m)}"), a, value=value) for m, a in MOOD_ACTIONS.items()]
    return actions(*buttons, block_id=f"care-mood-{escalation_id}")


def support_row(escalation_id: int, *, locale: str) -> Block:
    value = care_value(escalation_id)
    buttons = [
        button(t(locale, f"care.button.{k.value}"), a, value=value) for k, a in SUPPORT_ACTIONS.items()
    ]
    return actions(*buttons, block_id=f"care-support-{escalation_id}")


def build_mood_thanks(outcome: MoodOutcome, mood: Mood, escalation_id: int, *, locale: str) -> Message:
    """What replaces the check-in once they answer: thanks, and support only if they want it."""
    text = t(locale, f"care.thanks.{int(mood)}")
    value = care_value(escalation_id)
    blocks: list[Block] = [section(text)]
    if outcome.offer_peer:
        blocks.append(section(t(locale, "care.support.streak")))
        blocks.append(
            actions(
                button(t(locale, "care.button.peer"), Action.CARE_PEER, value=value), block_id="care-streak"
            )
        )
    if outcome.support_kind != SupportKind.LISTEN:
        blocks += [context(t(locale, "care.support.ask")), support_row(escalation_id, locale=locale)]
    blocks.append(context(t(locale, "care.checkin.private")))
    return Message(text=text, blocks=blocks)


def build_support_reply(kind: SupportKind, escalation_id: int, *, locale: str, has_desk: bool) -> Message:
    value = care_value(escalation_id)
    peer = button(t(locale, "care.button.peer"), Action.CARE_PEER, value=value)
    if kind == SupportKind.LISTEN:
        text = t(locale, "care.support.listen")
        row = [button(t(locale, "care.button.vent"), Action.CARE_VENT, value=value)]
    elif kind == SupportKind.THINK:
        text, row = t(locale, "care.support.think"), [peer]
    else:
        text = t(locale, "care.support.help" if has_desk else "care.support.help_no_desk")
        row = [peer] + (
            [button(t(locale, "care.button.desk"), Action.CARE_DESK, value=value)] if has_desk else []
        )
    blocks = [section(text), actions(*row, block_id=f"care-next-{escalation_id}")]
    return Message(text=text, blocks=[*blocks, context(t(locale, "care.checkin.private"))])


def build_note(text: str) -> Message:
    """A short line replacing the check-in (snoozed, stopped, connected …)."""
    return Message(text=text, blocks=[section(text)])


def build_connect_intro(kind: str, person: str, others: list[str], *, locales: list[str]) -> Message:
    """The first line in the group DM the person asked for, in each participant's language."""
    lines = []
    for locale in dict.fromkeys(locales):
        if kind == "desk":
            lines.append(t(locale, "care.connect.desk_intro", person=user(person), desk=_mentions(others)))
        else:
            lines.append(
                t(locale, "care.connect.peer_intro", person=user(person), supporter=_mentions(others))
            )
    text = "\n\n".join(lines)
    return Message(text=text, blocks=[section(text)])


def _mentions(user_ids: list[str]) -> str:
    return ", ".join(user(u) for u in user_ids)


def build_meeting_saved(at: datetime, *, locale: str) -> str:
    return t(locale, "care.meeting.saved", when=slack_date(at))
