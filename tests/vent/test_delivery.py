"""Delivery of anonymous posts when Slack says no, or when a post is taken down while it is being sent."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.app import Itabasami
from playground.clock import FixedClock
from playground.slack.slack_server import FakeSlack
from storage.models import ScheduledSend
from tests.conftest import ADMIN_CHANNEL, settled
from tests.support.driver import SlackDriver
from tests.vent.helpers import OTHER_AUTHOR, PEER_CHANNEL, buttons, posts_in_channel


def test_refused_channel_tells_admins_and_keeps_the_post(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """When Slack refuses the peer channel, admins hear how to fix it, and the post goes out once it can."""
    slack.fail_next("chat.postMessage", error="channel_not_found", channel=PEER_CHANNEL, times=2)
    driver.command("/vent", "Nobody warned me about this part of the job.", user=OTHER_AUTHOR)
    notice = slack.wait_for(lambda: slack.messages(ADMIN_CHANNEL))[0]
    assert "can't post in the peer support channel" in notice.text and "channel_not_found" in notice.text
    assert "Nobody warned me" not in notice.text
    for _ in range(3):
        clock.advance(timedelta(minutes=5))
        bot.dispatcher.run_once()
    settled(bot, slack)
    assert "Nobody warned me" in str(posts_in_channel(slack)[0].blocks)
    assert len(slack.messages(ADMIN_CHANNEL)) == 1


def test_post_deleted_while_being_sent_comes_straight_back_out(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """If the author deletes while the post is on its way, it is removed as soon as it lands."""
    slack.fail_next("chat.postMessage", delay=1.0, channel=PEER_CHANNEL)
    driver.command("/vent", "Wait, no.", user=OTHER_AUTHOR)
    receipt = slack.wait_for(lambda: slack.responses(driver.last_response_url))[0]
    slack.wait_for(lambda: _post_job_status(bot) == "sending")  # Slack has it, and has not answered yet
    value = next(e["value"] for e in buttons(receipt.blocks) if e.get("action_id") == "vent_delete")
    driver.block_action("vent_delete", user=OTHER_AUTHOR, value=str(value), channel="CCLIENT")
    settled(bot, slack)
    assert posts_in_channel(slack) == []
    posted = [c for c in slack.calls("chat.postMessage") if c.args.get("channel") == PEER_CHANNEL]
    assert len(posted) == len([c for c in slack.calls("chat.delete") if c.ok]) <= 1


def _post_job_status(bot: Itabasami) -> str | None:
    with bot.deps.sessions() as session:
        return session.scalar(select(ScheduledSend.status).where(ScheduledSend.kind == "vent.post"))
