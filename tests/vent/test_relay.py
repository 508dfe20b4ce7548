"""Private relay: an author who opts in hears about replies by DM, through a sealed link that expires."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.app import Itabasami
from playground.clock import FixedClock
from playground.slack.slack_server import FakeSlack
from storage.models import ScheduledSend, VentRelay
from tests.conftest import ADMIN_CHANNEL, settled
from tests.support.driver import SlackDriver
from tests.vent.helpers import (
    AUTHOR,
    COLLEAGUE,
    COLLEAGUE_JA,
    OTHER_AUTHOR,
    PEER_CHANNEL,
    project_logs,
    reply_anonymously,
    reply_by_name,
    vent,
    vent_with_form,
)

WORDS = "The client blamed me for the lawyer's missed call again."


def test_opted_in_author_gets_a_dm_without_a_link_in_their_language(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """With "tell me privately", a reply by name brings the author one DM, in Japanese, naming the channel
    but not linking the post (the DM outlives the database, so it must not tie the author to it)."""
    posted, receipt = vent_with_form(bot, driver, slack, WORDS, notify=True)
    assert posted is not None and "返信があるとボットから個別にお知らせします" in str(receipt["blocks"])
    reply_by_name(driver, slack, posted, "That happened to me too.", user=COLLEAGUE)
    dm = slack.wait_for(lambda: slack.dm_messages(AUTHOR))[0]
    assert "返信がありました" in dm.text and f"<#{PEER_CHANNEL}>" in dm.text
    assert "https://" not in dm.text + str(dm.blocks) and posted.message.ts not in dm.text + str(dm.blocks)
    assert "That happened to me too" not in dm.text + str(dm.blocks)  # a vent relay is a nudge, not the text


def test_without_opt_in_nobody_is_told(bot: Itabasami, driver: SlackDriver, slack: FakeSlack) -> None:
    """Without the opt-in, replies bring the author nothing."""
    posted = vent(bot, driver, slack, WORDS)
    reply_by_name(driver, slack, posted, "Hang in there.", user=COLLEAGUE)
    reply_anonymously(bot, driver, slack, posted, "Same here.", user=COLLEAGUE_JA)
    settled(bot, slack)
    assert slack.dm_messages(AUTHOR) == []


def test_opt_in_later_from_the_receipt(bot: Itabasami, driver: SlackDriver, slack: FakeSlack) -> None:
    """ "Tell me when someone replies" on the receipt switches the relay on after posting."""
    posted = vent(bot, driver, slack, WORDS, user=OTHER_AUTHOR)
    receipt = slack.responses(driver.last_response_url)[0]
    value = next(
        e["value"]
        for b in receipt.blocks or []
        for e in b.get("elements", [])
        if e.get("action_id") == "vent_notify"
    )
    driver.block_action("vent_notify", user=OTHER_AUTHOR, value=value, channel="CCLIENT")
    redrawn = slack.wait_for(lambda: slack.responses(driver.last_response_url))[0]
    assert redrawn.replace_original and "private message when someone replies" in str(redrawn.blocks)
    reply_anonymously(bot, driver, slack, posted, "You're doing fine.", user=COLLEAGUE)
    dm = slack.wait_for(lambda: slack.dm_messages(OTHER_AUTHOR))[0]
    assert "Someone replied to your anonymous post" in dm.text


def test_replies_close_together_bring_one_nudge(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """Several replies within a quarter hour bring one DM, not one each."""
    posted, _ = vent_with_form(bot, driver, slack, WORDS, notify=True)
    assert posted is not None
    reply_by_name(driver, slack, posted, "Me too.", user=COLLEAGUE)
    reply_anonymously(bot, driver, slack, posted, "And me.", user=COLLEAGUE_JA)
    settled(bot, slack)
    assert len(slack.dm_messages(AUTHOR)) == 1


def test_authors_own_replies_are_not_relayed_to_them(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """The author replying (as OP) does not notify the author."""
    posted, _ = vent_with_form(bot, driver, slack, WORDS, notify=True)
    assert posted is not None
    reply_anonymously(bot, driver, slack, posted, "Thanks, everyone.", user=AUTHOR)
    settled(bot, slack)
    assert slack.dm_messages(AUTHOR) == []


def test_sent_notice_keeps_no_target_and_links_expire(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """A sent notice keeps neither its target nor its text; after VENT_RELAY_DAYS the link is erased."""
    posted, _ = vent_with_form(bot, driver, slack, WORDS, notify=True)
    assert posted is not None
    reply_by_name(driver, slack, posted, "Hugs.", user=COLLEAGUE)
    slack.wait_for(lambda: slack.dm_messages(AUTHOR))
    settled(bot, slack)
    with bot.deps.sessions() as session:
        notice = session.scalar(select(ScheduledSend).where(ScheduledSend.kind == "vent.relay"))
        assert notice is not None and notice.status == "sent"
        assert (
            notice.target is None and set(notice.payload) == {"post"} and notice.result == {"relayed": True}
        )
        assert session.scalar(select(VentRelay)) is not None
    clock.advance(timedelta(days=7, minutes=1))
    bot.run_periodic()
    with bot.deps.sessions() as session:
        assert session.scalar(select(VentRelay)) is None
    reply_by_name(driver, slack, posted, "Late reply.", user=COLLEAGUE_JA)
    settled(bot, slack)
    assert len(slack.dm_messages(AUTHOR)) == 1


def test_failed_notice_is_reported_without_naming_anyone(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """A notice Slack refuses for good is dropped and admins hear only that it could not be delivered:
    not who it was for, and not Slack's reason (`account_inactive` would narrow the author to people who
    left), neither in the notice, the row nor a log line."""
    posted, _ = vent_with_form(bot, driver, slack, WORDS, notify=True)
    assert posted is not None
    slack.fail_next("chat.postMessage", error="account_inactive", channel=AUTHOR)
    with project_logs("DEBUG") as logs:
        reply_by_name(driver, slack, posted, "Thinking of you.", user=COLLEAGUE)
        notice = slack.wait_for(lambda: slack.messages(ADMIN_CHANNEL))[0]
        settled(bot, slack)
    shown = notice.text + str(notice.blocks)
    assert "could not be delivered" in shown and "account_inactive" not in shown
    assert AUTHOR not in notice.text and "takahashi" not in notice.text.lower()
    with bot.deps.sessions() as session:
        failed = session.scalar(select(ScheduledSend).where(ScheduledSend.kind == "vent.relay"))
        assert failed is not None and failed.status == "failed" and failed.target is None
        assert "account_inactive" not in str(failed.last_error) + str(failed.result) + str(failed.payload)
    assert "account_inactive" not in logs.getvalue()
