"""The escalation channel itself: the bot joins a public one on its own; an archived or missing one is
reported to admins plainly, while the raiser learns their escalation is stored."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.app import Itabasami
from bot.server import make_wsgi_app
from playground.clock import FixedClock
from playground.slack.slack_server import FakeSlack
from storage.models import Escalation
from tests.conftest import ADMIN_CHANNEL, OWNER, RAISER, SIGNING_SECRET, BotFactory, only, settled
from tests.support.driver import SlackDriver

TEXT = "The client is threatening to cancel unless the partner calls today."


def _raise_in(make_bot: BotFactory, slack: FakeSlack, channel: str) -> Itabasami:
    bot = make_bot(ESCALATION_CHANNEL=channel)
    driver = SlackDriver(make_wsgi_app(bot.bolt, lambda: True), signing_secret=SIGNING_SECRET, fake=slack)
    driver.command("/escalate", f"<@{OWNER}> {TEXT}", user=RAISER)
    return bot


def _post_state(bot: Itabasami) -> str:
    with bot.deps.reads() as session:
        return str(only(list(session.scalars(select(Escalation.post_state)))))


def _stored_but_not_posted(bot: Itabasami, slack: FakeSlack) -> None:
    """The raiser hears, in Japanese, that #1 is saved; it is stored and waits to be posted."""
    slack.wait_for(lambda: [m for m in slack.dm_messages(RAISER) if "保存しました" in m.text])
    assert _post_state(bot) == "blocked"


def test_bot_joins_a_public_escalation_channel_before_posting(make_bot: BotFactory, slack: FakeSlack) -> None:
    """A public channel the bot was never invited to: it joins, then posts the card there, once."""
    slack.add_channel("C0PUBLIC", "escalations-new", members=[RAISER, OWNER], bot_is_member=False)
    bot = _raise_in(make_bot, slack, "C0PUBLIC")
    card = slack.wait_for(lambda: [m for m in slack.messages("C0PUBLIC") if not m.is_reply])
    settled(bot, slack)
    assert len(card) == 1 and TEXT in str(card[0].blocks)
    into_channel = [
        c.method
        for c in slack.calls()
        if c.ok and c.args.get("channel") == "C0PUBLIC" and c.method != "chat.getPermalink"
    ]
    assert into_channel[:2] == ["conversations.join", "chat.postMessage"]
    assert _post_state(bot) == "posted" and slack.messages(ADMIN_CHANNEL) == []


def test_archived_escalation_channel_is_reported_as_archived(
    make_bot: BotFactory, slack: FakeSlack, clock: FixedClock
) -> None:
    """An archived channel (the bot not in it): admins are told it is archived and how to fix it, not to
    invite the bot; the raiser that it is stored; unarchived, the card goes out."""
    slack.add_channel(
        "C0OLD", "escalations-2025", members=[RAISER, OWNER], bot_is_member=False, is_archived=True
    )
    bot = _raise_in(make_bot, slack, "C0OLD")
    notice = slack.wait_for(lambda: slack.messages(ADMIN_CHANNEL))[0]
    assert "can't post escalation #1 in <#C0OLD>" in notice.text and "`is_archived`" in notice.text
    assert "unarchive the channel" in notice.text and "/invite" not in notice.text
    _stored_but_not_posted(bot, slack)
    slack.set_archived("C0OLD", False)
    clock.advance(timedelta(minutes=6))
    bot.dispatcher.run_once()
    settled(bot, slack)
    assert _post_state(bot) == "posted" and len([m for m in slack.messages("C0OLD") if not m.is_reply]) == 1


def test_archived_channel_the_bot_is_in_is_reported_too(make_bot: BotFactory, slack: FakeSlack) -> None:
    """Archived after the bot joined it: the same plain notice to admins and the same word to the raiser."""
    slack.add_channel("C0SHUT", "escalations-closed", members=[RAISER, OWNER], is_archived=True)
    bot = _raise_in(make_bot, slack, "C0SHUT")
    notice = slack.wait_for(lambda: slack.messages(ADMIN_CHANNEL))[0]
    assert "<#C0SHUT>" in notice.text and "unarchive the channel" in notice.text
    _stored_but_not_posted(bot, slack)


def test_missing_escalation_channel_is_reported(make_bot: BotFactory, slack: FakeSlack) -> None:
    """ESCALATION_CHANNEL names no channel the bot can see: admins learn what to set; the raiser that it is
    stored."""
    bot = _raise_in(make_bot, slack, "C0NOWHERE")
    notice = slack.wait_for(lambda: slack.messages(ADMIN_CHANNEL))[0]
    assert "can't post escalation #1 in <#C0NOWHERE>" in notice.text and "`channel_not_found`" in notice.text
    assert "set ESCALATION_CHANNEL to an existing channel's ID" in notice.text
    _stored_but_not_posted(bot, slack)
