"""Shared steps for peer-support tests: the people in the peer channel, each flow driven as Slack would."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from bot.app import Itabasami
from bot.logs import configure_logging
from playground.slack.slack_models import Message
from playground.slack.slack_server import FakeSlack
from tests.conftest import ADMIN, ESCALATION_CHANNEL, RAISER, settled
from tests.support.driver import SlackDriver

PEER_CHANNEL = "C0PEER"
AUTHOR = "UVENTER"  # the person who vents; works in Japanese
AUTHOR_NAMES = ("UVENTER", "takahashi", "Takahashi Mio", "高橋美緒", "Mio")
OTHER_AUTHOR = "UOTHERVENT"  # a second anonymous author, English
COLLEAGUE = "UCOLLEAGUE"  # replies by name and anonymously, English
COLLEAGUE_JA = "UDOUKI"  # replies anonymously, Japanese
MODERATOR = "UMOD"  # office manager, moderates, English
MODERATOR_JA = "UMODJA"  # HR, moderates through the user group, Japanese
MODERATOR_GROUP = "S0MODS"
SECRET = "a-test-anon-secret-that-is-long-enough-0123456789"

PEER_ENV = {
    "PEER_CHANNEL": PEER_CHANNEL,
    "ANON_SECRET": SECRET,
    "MODERATORS": f"{MODERATOR},{MODERATOR_GROUP}",
}


def populate_peer(slack: FakeSlack) -> None:
    slack.add_user(
        AUTHOR,
        "takahashi",
        real_name="Takahashi Mio",
        display_name="高橋美緒",
        locale="ja-JP",
        tz="Asia/Tokyo",
    )
    slack.add_user(OTHER_AUTHOR, "casey", real_name="Casey Brooks", locale="en-US", tz="America/Chicago")
    slack.add_user(COLLEAGUE, "riley", real_name="Riley Park", locale="en-US", tz="America/New_York")
    slack.add_user(COLLEAGUE_JA, "ito", real_name="Ito Ren", locale="ja-JP", tz="Asia/Tokyo")
    slack.add_user(MODERATOR, "morimoto", real_name="Morimoto Jun", locale="en-US", tz="Asia/Tokyo")
    slack.add_user(MODERATOR_JA, "hr", real_name="Hayashi Kana", locale="ja-JP", tz="Asia/Tokyo")
    slack.add_usergroup(MODERATOR_GROUP, "peer-moderators", [MODERATOR_JA])
    everyone = [AUTHOR, OTHER_AUTHOR, COLLEAGUE, COLLEAGUE_JA, MODERATOR, MODERATOR_JA, RAISER, ADMIN]
    slack.add_channel(PEER_CHANNEL, "peer-support", members=everyone)
    for person in everyone:
        slack.add_member(ESCALATION_CHANNEL, person)


@dataclass
class Posted:
    """An anonymous post as it stands in the peer channel."""

    public_id: str
    message: Message


def posts_in_channel(slack: FakeSlack) -> list[Message]:
    return [m for m in slack.messages(PEER_CHANNEL) if not m.is_reply]


def vent(bot: Itabasami, driver: SlackDriver, slack: FakeSlack, text: str, *, user: str = AUTHOR) -> Posted:
    """`/vent text`, then wait until the post is in the channel and everything about it is sent."""
    before = len(posts_in_channel(slack))
    response = driver.command("/vent", text, user=user)
    assert response.status == 200
    message = slack.wait_for(lambda: posts_in_channel(slack)[before:])[0]
    settled(bot, slack)
    return Posted(reply_value(message), message)


def reply_value(message: Message) -> str:
    """The post's public id, as its "Reply anonymously" button carries it."""
    return str(next(e["value"] for e in buttons(message.blocks) if e["action_id"] == "vent_reply"))


def buttons(blocks: list[Any] | None) -> list[dict[str, Any]]:
    found = []
    for block in blocks or []:
        found += [e for e in block.get("elements", []) if isinstance(e, dict) and e.get("type") == "button"]
        if isinstance(block.get("accessory"), dict):
            found.append(block["accessory"])
    return found


def menu_values(blocks: list[Any] | None) -> list[str]:
    """The values of the "…" menu on an anonymous message (report:…, delete:…)."""
    for block in blocks or []:
        accessory = block.get("accessory") or {}
        if accessory.get("type") == "overflow":
            return [o["value"] for o in accessory["options"]]
    return []


def last_view(slack: FakeSlack) -> dict[str, Any]:
    opened = slack.views_opened()
    assert opened, "no modal was opened"
    record = opened[-1]
    return dict(record.view) | {"id": record.id}


def submit(driver: SlackDriver, view: dict[str, Any], values: dict[str, Any], *, user: str) -> Any:
    """Submit a modal; returns what the person ends up seeing: Bolt's JSON answer when it shows errors,
    None for a plain ack, and when the ack turned the form into its "saved" state, the view the stored
    job then put in its place (as {"response_action": "update", "view": …, "saving": the ack's view})."""
    before = driver.fake.view(str(view.get("id")))
    response = driver.view_submission(view, values, user=user, view_id=view.get("id"))
    assert response.status == 200
    answer = response.json()
    if not answer or answer.get("response_action") != "update" or before is None:
        return answer
    record = driver.fake.wait_for(
        lambda: (
            (r := driver.fake.view(str(view.get("id")))) is not None
            and r.hash != before.hash
            and r.view.get("blocks") != answer["view"].get("blocks")
            and r
        )
    )
    return {"response_action": "update", "view": record.view, "saving": answer["view"]}


def text_value(text: str) -> dict[str, Any]:
    return {"type": "plain_text_input", "value": text}


def reply_anonymously(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, posted: Posted, text: str, *, user: str
) -> Message:
    """Press "Reply anonymously", write, submit; returns the reply as it appears in the thread."""
    before = len(slack.thread(PEER_CHANNEL, posted.message.ts))
    opened = len(slack.views_opened())
    driver.block_action(
        "vent_reply", user=user, value=posted.public_id, channel=PEER_CHANNEL, message_ts=posted.message.ts
    )
    view = slack.wait_for(lambda: last_view(slack) if len(slack.views_opened()) > opened else None)
    answer = submit(driver, view, {"vent_text": text_value(text)}, user=user)
    assert answer and answer.get("response_action") == "update", answer
    reply = slack.wait_for(lambda: slack.thread(PEER_CHANNEL, posted.message.ts)[before:])[-1]
    settled(bot, slack)
    return reply


def report(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, message: Message, *, user: str, reason: str = ""
) -> Any:
    """Choose "Report to moderators" in the message's menu and submit the form."""
    value = next(v for v in menu_values(message.blocks) if v.startswith("report:"))
    opened = len(slack.views_opened())
    driver.block_action(
        "vent_menu",
        user=user,
        channel=PEER_CHANNEL,
        message_ts=message.ts,
        extra={"type": "overflow", "selected_option": {"value": value}},
    )
    view = slack.wait_for(lambda: last_view(slack) if len(slack.views_opened()) > opened else None)
    answer = submit(driver, view, {"vent_reason": text_value(reason)}, user=user)
    settled(bot, slack)
    return answer


def moderator_notice(slack: FakeSlack, moderator: str) -> Message:
    return slack.wait_for(
        lambda: [
            m for m in slack.dm_messages(moderator) if "vent_mod_hide" in str(m.blocks) or "🚩" in m.text
        ]
    )[-1]


def escalation_card_posted(slack: FakeSlack) -> bool:
    return bool(slack.messages(ESCALATION_CHANNEL))


def reply_by_name(driver: SlackDriver, slack: FakeSlack, posted: Posted, text: str, *, user: str) -> str:
    """Someone replies in the thread under their own name: the message, and the event Slack sends."""
    ts = slack.add_message(PEER_CHANNEL, text, user=user, thread_ts=posted.message.ts)
    event = {
        "type": "message",
        "channel": PEER_CHANNEL,
        "user": user,
        "text": text,
        "ts": ts,
        "thread_ts": posted.message.ts,
        "channel_type": "channel",
    }
    assert driver.event(event).status == 200
    return ts


def vent_with_form(
    bot: Itabasami,
    driver: SlackDriver,
    slack: FakeSlack,
    text: str,
    *,
    user: str = AUTHOR,
    notify: bool = False,
    delay: bool = False,
) -> tuple[Posted | None, dict[str, Any]]:
    """`/vent`, fill the form, submit; returns the post (None while delayed) and the receipt view."""
    before = len(posts_in_channel(slack))
    opened = len(slack.views_opened())
    assert driver.command("/vent", "", user=user).status == 200
    view = slack.wait_for(lambda: last_view(slack) if len(slack.views_opened()) > opened else None)
    chosen = [{"value": v} for v, on in (("notify", notify), ("delay", delay)) if on]
    values: dict[str, Any] = {"vent_text": text_value(text)}
    if chosen:
        values["vent_options"] = {"type": "checkboxes", "selected_options": chosen}
    answer = submit(driver, view, values, user=user)
    assert answer["response_action"] == "update", answer
    receipt = dict(answer["view"]) | {"id": view["id"]}
    settled(bot, slack)
    if delay:
        return None, receipt
    message = slack.wait_for(lambda: posts_in_channel(slack)[before:])[0]
    return Posted(reply_value(message), message), receipt


@contextmanager
def project_logs(level: str = "DEBUG") -> Iterator[io.StringIO]:
    """Logging exactly as `python -m bot` configures it (its handler and redaction filter), into a buffer."""
    root = logging.getLogger()
    saved_handlers, saved_level = list(root.handlers), root.level
    saved_levels = {name: logging.getLogger(name).level for name in logging.root.manager.loggerDict}
    configure_logging(level)
    (handler,) = root.handlers
    assert isinstance(handler, logging.StreamHandler)
    buffer = io.StringIO()
    handler.setStream(buffer)
    try:
        yield buffer
    finally:
        root.handlers[:] = saved_handlers
        root.setLevel(saved_level)
        for name, old in saved_levels.items():
            logging.getLogger(name).setLevel(old)
