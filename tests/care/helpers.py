"""Shared steps for care tests: raising at a given local time, finding check-ins, pressing their buttons."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.app import Itabasami
from playground.clock import FixedClock
from playground.slack.slack_models import Message, ResponsePost
from playground.slack.slack_server import FakeSlack
from tests.conftest import ESCALATION_CHANNEL, OWNER, RAISER, settled
from tests.escalate.test_modal import answers
from tests.support.driver import SlackDriver

LA, NY, TOKYO = ZoneInfo("America/Los_Angeles"), ZoneInfo("America/New_York"), ZoneInfo("Asia/Tokyo")
MOOD_ROUGH, MOOD_LOW, MOOD_OKAY, MOOD_GOOD = "care_mood_1", "care_mood_2", "care_mood_3", "care_mood_5"


def local(when: str, tz: ZoneInfo) -> datetime:
    return datetime.fromisoformat(when).replace(tzinfo=tz)


def raise_at(
    bot: Itabasami,
    driver: SlackDriver,
    slack: FakeSlack,
    clock: FixedClock,
    when: datetime,
    *,
    owner: str = OWNER,
    raiser: str = RAISER,
    confidential: bool = False,
) -> int:
    """Raise an escalation with the form at `when`; returns its id once everything due is sent."""
    clock.set(when)
    view = open_new_form(driver, slack, user=raiser)
    options = [{"value": "confidential"}] if confidential else []
    values = answers(
        owner=owner,
        severity={"type": "radio_buttons", "selected_option": {"value": "normal"}},
        options={"type": "checkboxes", "selected_options": options},
    )
    before = _escalation_count(bot)
    driver.view_submission(view, values, user=raiser)
    slack.wait_for(lambda: _escalation_count(bot) > before)
    bot.dispatcher.run_once()
    settled(bot, slack)
    return _last_escalation(bot)


def open_new_form(driver: SlackDriver, slack: FakeSlack, *, user: str) -> dict[str, Any]:
    before = len(slack.views_opened())
    driver.command("/escalate", "", user=user)
    record = slack.wait_for(lambda: slack.views_opened()[before:])[0]
    return record.view | {"id": record.id, "hash": record.hash}


def _escalation_count(bot: Itabasami) -> int:
    from sqlalchemy import func, select

    from storage.models import Escalation

    with bot.deps.reads() as session:
        return int(session.scalar(select(func.count()).select_from(Escalation)) or 0)


def _last_escalation(bot: Itabasami) -> int:
    from sqlalchemy import select

    from storage.models import Escalation

    with bot.deps.reads() as session:
        return int(session.scalars(select(Escalation.id).order_by(Escalation.id.desc())).first() or 0)


def run_at(bot: Itabasami, slack: FakeSlack, clock: FixedClock, when: datetime) -> None:
    clock.set(when)
    bot.dispatcher.run_once()
    settled(bot, slack)


def advance(bot: Itabasami, slack: FakeSlack, clock: FixedClock, delta: timedelta) -> None:
    run_at(bot, slack, clock, clock.now() + delta)


def checkins(slack: FakeSlack, user: str = RAISER) -> list[Message]:
    """Check-in DMs (and the one reminder) the person received, oldest first."""
    return [m for m in slack.dm_messages(user) if "care_mood_1" in str(m.blocks)]


def button_value(message: Message | ResponsePost, action_id: str) -> str:
    for block in message.blocks or []:
        for element in block.get("elements") or []:
            if isinstance(element, dict) and element.get("action_id") == action_id:
                return str(element.get("value"))
    raise AssertionError(f"no {action_id} button in {message.blocks!r}")


def press(
    driver: SlackDriver,
    slack: FakeSlack,
    message: Message | ResponsePost,
    action_id: str,
    *,
    user: str = RAISER,
) -> ResponsePost:
    """Press a button on a DM; returns what replaced the message."""
    channel = getattr(message, "channel", None) or slack.im_channel(user)
    driver.block_action(
        action_id,
        user=user,
        value=button_value(message, action_id),
        channel=channel,
        message_ts=getattr(message, "ts", "1.0"),
    )
    url = driver.last_response_url
    return slack.wait_for(lambda: slack.responses(url))[-1]


def thread_of(slack: FakeSlack, channel: str = ESCALATION_CHANNEL) -> list[Message]:
    roots = [m for m in slack.messages(channel) if not m.is_reply]
    return slack.thread(channel, roots[-1].ts)[1:] if roots else []


def resolve(
    driver: SlackDriver, slack: FakeSlack, bot: Itabasami, escalation_id: int, *, user: str = OWNER
) -> None:
    before = len(slack.views_opened())
    driver.block_action("esc_resolve", user=user, value=str(escalation_id))
    record = slack.wait_for(lambda: slack.views_opened()[before:])[0]
    values: dict[str, dict[str, Any]] = {
        "resolution": {"type": "plain_text_input", "value": "Fee waived; the filing is redone."}
    }
    driver.view_submission(record.view | {"id": record.id}, values, user=user)
    slack.wait_for(lambda: _status(bot, escalation_id) == "resolved")
    bot.dispatcher.run_once()
    settled(bot, slack)


def _status(bot: Itabasami, escalation_id: int) -> str:
    from storage.models import Escalation

    with bot.deps.reads() as session:
        esc = session.get(Escalation, escalation_id)
        return esc.status if esc is not None else ""
