"""When Slack fails, nothing is lost and nothing is posted twice; people are told plainly."""

from __future__ import annotations

import time
from datetime import timedelta

from sqlalchemy import select, update

from bot.app import Itabasami
from playground.clock import FixedClock
from playground.slack.slack_server import FakeSlack
from storage.models import Escalation, ScheduledSend
from tests.conftest import ADMIN_CHANNEL, ESCALATION_CHANNEL, OWNER, RAISER, BotFactory, only, settled
from tests.support.driver import SlackDriver

TEXT = "The client wants the owner to call before the end of the day."


def _cards(slack: FakeSlack) -> list[object]:
    return [m for m in slack.messages(ESCALATION_CHANNEL) if not m.is_reply]


def _escalation(bot: Itabasami) -> Escalation:
    with bot.deps.sessions() as session:
        return only(list(session.scalars(select(Escalation))))


def test_slack_outage_delays_but_loses_nothing(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """A 503 on the card: the raiser hears it is saved but delayed; the next try posts exactly one card."""
    slack.fail_next("chat.postMessage", status=503, channel=ESCALATION_CHANNEL)
    driver.command("/escalate", f"<@{OWNER}> {TEXT}", user=RAISER)
    delayed = slack.wait_for(
        lambda: [m for m in slack.dm_messages(RAISER) if "まだ Slack に投稿できていません" in m.text]
    )
    assert delayed and _cards(slack) == [] and _escalation(bot).post_state == "pending"
    clock.advance(timedelta(seconds=10))
    bot.dispatcher.run_once()
    settled(bot, slack)
    assert len(_cards(slack)) == 1 and _escalation(bot).post_state == "posted"
    settled(bot, slack)
    assert len(slack.dm_messages(OWNER)) == 1


def test_timeout_after_posting_does_not_duplicate(
    make_bot: BotFactory, slack: FakeSlack, clock: FixedClock
) -> None:
    """Slack posted the card but its answer timed out: the retry finds it by metadata, posts nothing new."""
    bot = make_bot(send_timeout=1)
    from bot.server import make_wsgi_app
    from tests.conftest import SIGNING_SECRET
    from tests.support.driver import SlackDriver as Driver

    driver = Driver(make_wsgi_app(bot.bolt, lambda: True), signing_secret=SIGNING_SECRET, fake=slack)
    slack.fail_next("chat.postMessage", delay=1.5, channel=ESCALATION_CHANNEL)
    driver.command("/escalate", f"<@{OWNER}> {TEXT}", user=RAISER)
    slack.wait_for(lambda: _cards(slack), timeout=5)
    time.sleep(0.2)  # the fake finishes its delayed reply
    clock.advance(timedelta(seconds=10))
    bot.dispatcher.run_once()
    settled(bot, slack)
    settled(bot, slack)
    assert len(_cards(slack)) == 1
    esc = _escalation(bot)
    assert esc.post_state == "posted" and esc.card_ts == _cards(slack)[0].ts  # type: ignore[attr-defined]


def test_crash_between_send_and_mark_is_not_a_duplicate(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """A row left 'sending' by a dead process is re-checked against Slack before anything is re-sent."""
    driver.command("/escalate", f"<@{OWNER}> {TEXT}", user=RAISER)
    slack.wait_for(lambda: _cards(slack))
    settled(bot, slack)
    with bot.deps.sessions.begin() as session:  # as if the process died right after Slack answered
        session.execute(
            update(ScheduledSend)
            .where(ScheduledSend.kind == "escalation.card")
            .values(status="sending", lease_until=clock.now() - timedelta(seconds=1))
        )
        session.execute(update(Escalation).values(card_ts=None, post_state="pending"))
    bot.dispatcher.run_once()
    settled(bot, slack)
    assert len(_cards(slack)) == 1
    assert _escalation(bot).card_ts == _cards(slack)[0].ts  # type: ignore[attr-defined]


def test_rate_limit_is_waited_out(bot: Itabasami, driver: SlackDriver, slack: FakeSlack) -> None:
    """A 429 with Retry-After: 1 is honoured; the card still goes out once."""
    slack.fail_next(
        "chat.postMessage", error="ratelimited", status=429, retry_after=1, channel=ESCALATION_CHANNEL
    )
    started = time.monotonic()
    driver.command("/escalate", f"<@{OWNER}> {TEXT}", user=RAISER)
    slack.wait_for(lambda: _cards(slack), timeout=10)
    assert time.monotonic() - started >= 1.0
    settled(bot, slack)
    assert len(_cards(slack)) == 1


def test_private_channel_without_bot_tells_admins(
    make_bot: BotFactory, slack: FakeSlack, clock: FixedClock
) -> None:
    """A private escalation channel the bot is not in: admins are told how to fix it, the raiser that it is
    saved; once the bot is invited, the card goes out."""
    slack.add_channel(
        "C0SECRET", "escalations-private", is_private=True, members=[RAISER, OWNER], bot_is_member=False
    )
    bot = make_bot(ESCALATION_CHANNEL="C0SECRET")
    from bot.server import make_wsgi_app
    from tests.conftest import SIGNING_SECRET
    from tests.support.driver import SlackDriver as Driver

    driver = Driver(make_wsgi_app(bot.bolt, lambda: True), signing_secret=SIGNING_SECRET, fake=slack)
    driver.command("/escalate", f"<@{OWNER}> {TEXT}", user=RAISER)
    notice = slack.wait_for(lambda: slack.messages(ADMIN_CHANNEL))[0]
    assert "can't post escalation #1 in <#C0SECRET>" in notice.text and "/invite @itabasami" in notice.text
    slack.wait_for(lambda: [m for m in slack.dm_messages(RAISER) if "保存しました" in m.text])
    owner_dm = slack.wait_for(lambda: slack.dm_messages(OWNER))[0]
    assert "isn't posted yet" in str(owner_dm.blocks)  # the owner still hears it is theirs

    slack.add_member("C0SECRET", "UBOT")  # an admin invites the bot
    clock.advance(timedelta(minutes=6))
    bot.dispatcher.run_once()
    settled(bot, slack)
    assert len(slack.messages("C0SECRET")) >= 1
    assert _escalation(bot).post_state == "posted"


def test_restart_posts_what_was_stored(make_bot: BotFactory, slack: FakeSlack, clock: FixedClock) -> None:
    """An escalation stored while Slack was unreachable is posted by the next process, once."""
    first = make_bot()
    from bot.server import make_wsgi_app
    from tests.conftest import SIGNING_SECRET
    from tests.support.driver import SlackDriver as Driver

    driver = Driver(make_wsgi_app(first.bolt, lambda: True), signing_secret=SIGNING_SECRET, fake=slack)
    slack.fail_next("chat.postMessage", status=503, times=50)
    driver.command("/escalate", f"<@{OWNER}> {TEXT}", user=RAISER)
    settled(first, slack)
    first.stop()
    assert _cards(slack) == []

    slack.clear_faults()
    clock.advance(timedelta(minutes=1))
    second = make_bot()
    second.start_background()
    slack.wait_for(lambda: _cards(slack), timeout=10)
    settled(second, slack)
    assert len(_cards(slack)) == 1 and len(slack.dm_messages(OWNER)) == 1


def test_a_request_given_up_on_keeps_nothing_the_person_wrote(bot: Itabasami, clock: FixedClock) -> None:
    """Post-ack work that can never run is marked failed, and its stored request body is dropped."""
    from bot.outbox import enqueue
    from handlers.edge import LATER_KIND

    body = {"user_id": RAISER, "text": "今日はもう限界です", "response_url": ""}
    with bot.deps.sessions.begin() as session:
        enqueue(
            session,
            clock=clock,
            key="req:gone",
            kind=LATER_KIND,
            payload={"handler": "a.handler.that.is.gone", "body": body},
        )
    bot.dispatcher.run_once()
    with bot.deps.sessions() as session:
        row = only(list(session.scalars(select(ScheduledSend).where(ScheduledSend.key == "req:gone"))))
    assert row.status == "failed" and row.payload == {"handler": "a.handler.that.is.gone"}
