"""Replies in the thread: the owner's counts as acknowledgement; Slack's retries take effect once."""

from __future__ import annotations

from sqlalchemy import select

from bot.app import Itabasami
from playground.slack.slack_server import FakeSlack
from storage.models import Escalation, TimelineEntry
from tests.conftest import ESCALATION_CHANNEL, OWNER, PEER, settled
from tests.escalate.helpers import Posted, raise_one, thread_texts
from tests.support.driver import SlackDriver


def _reply(posted: Posted, user: str, text: str = "Looking into it now.") -> dict[str, object]:
    return {
        "type": "message",
        "channel": ESCALATION_CHANNEL,
        "user": user,
        "text": text,
        "ts": "1763900000.000200",
        "thread_ts": posted.card.ts,
        "channel_type": "channel",
    }


def _escalation(bot: Itabasami, posted: Posted) -> Escalation:
    with bot.deps.sessions() as session:
        esc = session.get(Escalation, posted.escalation_id)
        assert esc is not None
        return esc


def test_owner_reply_counts_as_acknowledgement(bot: Itabasami, driver: SlackDriver, slack: FakeSlack) -> None:
    """When the owner answers in the thread, the card shows it acknowledged and the thread says why."""
    posted = raise_one(bot, driver, slack)
    assert driver.event(_reply(posted, OWNER)).status == 200
    slack.wait_for(lambda: any("replied here" in t for t in thread_texts(slack, posted)))
    assert _escalation(bot, posted).status == "acknowledged"


def test_other_reply_only_updates_activity(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: object
) -> None:
    """A colleague's reply is recorded as activity, and does not acknowledge for the owner."""
    posted = raise_one(bot, driver, slack)
    driver.event(_reply(posted, PEER, "I handled a similar case last month."))
    slack.wait_for(lambda: _timeline_actions(bot, posted).count("reply") == 1)
    assert _escalation(bot, posted).status == "open"


def test_retried_event_takes_effect_once(bot: Itabasami, driver: SlackDriver, slack: FakeSlack) -> None:
    """The same event_id delivered again (Slack's retry, with X-Slack-Retry-Num) changes nothing more."""
    posted = raise_one(bot, driver, slack)
    driver.event(_reply(posted, OWNER), event_id="Ev0RETRY01")
    slack.wait_for(lambda: _timeline_actions(bot, posted).count("reply") == 1)
    for attempt in (1, 2, 3):
        assert driver.event(_reply(posted, OWNER), event_id="Ev0RETRY01", retry_num=attempt).status == 200
    settled(bot, slack)
    assert _timeline_actions(bot, posted).count("reply") == 1
    assert _timeline_actions(bot, posted).count("acknowledged") == 1
    assert len([t for t in thread_texts(slack, posted) if "replied here" in t]) == 1


def test_bot_messages_and_edits_are_ignored(bot: Itabasami, driver: SlackDriver, slack: FakeSlack) -> None:
    """Messages from apps and edits are not people replying; they change nothing."""
    posted = raise_one(bot, driver, slack)
    driver.event(_reply(posted, OWNER) | {"bot_id": "B0OTHER"})
    driver.event(_reply(posted, OWNER) | {"subtype": "message_changed"})
    driver.event(_reply(posted, PEER) | {"thread_ts": "1700000000.000001"})  # another thread entirely
    settled(bot, slack)
    assert _escalation(bot, posted).status == "open"
    assert "reply" not in _timeline_actions(bot, posted)


def _timeline_actions(bot: Itabasami, posted: Posted) -> list[str]:
    with bot.deps.sessions() as session:
        return list(
            session.scalars(
                select(TimelineEntry.action).where(TimelineEntry.escalation_id == posted.escalation_id)
            )
        )
