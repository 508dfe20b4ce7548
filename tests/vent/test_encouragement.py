"""Encouragement threads: offered to whoever raises an escalation, and a weekly thanks-and-wins thread."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.app import Itabasami
from playground.clock import FixedClock
from playground.slack.slack_server import FakeSlack
from storage.models import VentPost
from tests.conftest import OWNER, RAISER, BotFactory, settled
from tests.escalate.helpers import raise_one
from tests.support.driver import SlackDriver
from tests.vent.helpers import (
    COLLEAGUE,
    COLLEAGUE_JA,
    PEER_CHANNEL,
    PEER_ENV,
    Posted,
    buttons,
    populate_peer,
    posts_in_channel,
    reply_anonymously,
    reply_by_name,
    reply_value,
)

CLIENT_DETAIL = "Kobayashi Trading wants the firm to pay for the missed filing"


def _offer(slack: FakeSlack, driver: SlackDriver) -> dict[str, object]:
    posted_notice = slack.wait_for(
        lambda: [
            r for r in slack.responses(driver.last_response_url) if "peer_ask_encouragement" in str(r.blocks)
        ]
    )[0]
    return next(e for e in buttons(posted_notice.blocks) if e["action_id"] == "peer_ask_encouragement")


def _ask(bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock) -> tuple[Posted, str]:
    raise_one(bot, driver, slack, owner=OWNER, raiser=RAISER, text=CLIENT_DETAIL)
    offer = _offer(slack, driver)
    driver.block_action("peer_ask_encouragement", user=RAISER, value=str(offer["value"]), channel="CCLIENT")
    answer = slack.wait_for(lambda: slack.responses(driver.last_response_url))[0]
    assert "同僚に呼びかけます" in (answer.text or "") and answer.response_type == "ephemeral"
    settled(bot, slack)
    assert posts_in_channel(slack) == []  # not yet: the moment is random
    clock.advance(timedelta(minutes=31))
    bot.dispatcher.run_once()
    settled(bot, slack)
    message = posts_in_channel(slack)[0]
    return Posted(reply_value(message), message), str(offer["value"])


def test_raiser_is_offered_encouragement_in_their_language(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """The raiser's "posted" notice carries an opt-in button, in Japanese; nothing posts unless pressed."""
    raise_one(bot, driver, slack)
    offer = _offer(slack, driver)
    assert offer["text"]["text"] == "同僚に励ましをお願いする"  # type: ignore[index]
    settled(bot, slack)
    assert posts_in_channel(slack) == []


def test_request_posts_without_name_client_or_detail(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """The encouragement post says a colleague is having a hard day, with no name, client or detail."""
    posted, _ = _ask(bot, driver, slack, clock)
    shown = posted.message.text + str(posted.message.blocks)
    assert "difficult client situation" in shown
    for detail in (RAISER, "sato", "Sato Yumi", "Kobayashi", "filing", OWNER, "#1"):
        assert detail not in shown


def test_replies_reach_the_raiser_privately_with_their_words(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """Replies by name and anonymous ones are relayed to the raiser by DM, words included."""
    posted, _ = _ask(bot, driver, slack, clock)
    reply_by_name(
        driver, slack, posted, "You handled it with more patience than I would have.", user=COLLEAGUE
    )
    reply_anonymously(bot, driver, slack, posted, "あなたのせいではありません。", user=COLLEAGUE_JA)
    dms = slack.wait_for(lambda: slack.dm_messages(RAISER) if len(slack.dm_messages(RAISER)) >= 2 else None)
    texts = [m.text + str(m.blocks) for m in dms if "励まし" in m.text]
    assert any(f"<@{COLLEAGUE}>" in t and "more patience" in t for t in texts)
    assert any("匿名 1" in t and "あなたのせいではありません" in t for t in texts)


def test_asking_twice_posts_once(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """A second press for the same escalation posts nothing more and says the request stands."""
    _, value = _ask(bot, driver, slack, clock)
    driver.block_action("peer_ask_encouragement", user=RAISER, value=value, channel="CCLIENT")
    again = slack.wait_for(lambda: slack.responses(driver.last_response_url))[0]
    assert "すでに呼びかけています" in (again.text or "")
    clock.advance(timedelta(hours=1))
    bot.dispatcher.run_once()
    settled(bot, slack)
    assert len(posts_in_channel(slack)) == 1


def test_weekly_thread_posts_once_at_its_time(
    make_bot: BotFactory, slack: FakeSlack, clock: FixedClock
) -> None:
    """With ENCOURAGEMENT_SCHEDULE=fri 16:00 the thread appears once that Friday, in the workspace locale."""
    populate_peer(slack)
    bot = make_bot(**PEER_ENV, ENCOURAGEMENT_SCHEDULE="fri 16:00", DEFAULT_LOCALE="ja")
    clock.set(datetime(2026, 11, 27, 6, 59, tzinfo=UTC))  # Friday 15:59 in Tokyo
    bot.run_periodic()
    settled(bot, slack)
    assert posts_in_channel(slack) == []
    clock.advance(timedelta(minutes=2))
    bot.run_periodic()
    bot.run_periodic()
    settled(bot, slack)
    (thread,) = posts_in_channel(slack)
    assert "今週のありがとう" in thread.text and "vent_reply" in str(thread.blocks)
    clock.advance(timedelta(hours=1))
    bot.run_periodic()
    settled(bot, slack)
    assert len(posts_in_channel(slack)) == 1
    with bot.deps.sessions() as session:
        assert session.scalar(select(VentPost.request_tag)) == "weekly:2026-W48"


def test_weekly_thread_is_not_posted_late_after_downtime(
    make_bot: BotFactory, slack: FakeSlack, clock: FixedClock
) -> None:
    """A bot that was down all Friday afternoon does not post the thread on Saturday."""
    populate_peer(slack)
    bot = make_bot(**PEER_ENV, ENCOURAGEMENT_SCHEDULE="Friday 16:00")
    clock.set(datetime(2026, 11, 28, 1, 0, tzinfo=UTC))  # Saturday 10:00 in Tokyo
    bot.run_periodic()
    settled(bot, slack)
    assert posts_in_channel(slack) == []
    assert PEER_CHANNEL


def test_only_the_raiser_can_ask_and_only_for_a_real_escalation(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """A forged press (someone else's escalation, or a number that does not exist) posts nothing, and the
    same polite refusal answers both, so it confirms nothing."""
    raise_one(bot, driver, slack, owner=OWNER, raiser=RAISER, text=CLIENT_DETAIL)
    value = str(_offer(slack, driver)["value"])
    answers = []
    for forged in (value, "999"):
        driver.block_action("peer_ask_encouragement", user=COLLEAGUE, value=forged, channel="CCLIENT")
        answers.append(slack.wait_for(lambda: slack.responses(driver.last_response_url))[0].text)
    assert answers[0] == answers[1] and "asked for it yourself" in str(answers[0])
    clock.advance(timedelta(hours=1))
    bot.dispatcher.run_once()
    settled(bot, slack)
    assert posts_in_channel(slack) == []


def test_asking_is_limited_per_hour(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """Three requests an hour at most: a fourth escalation's press gets a kind note in Japanese instead."""
    for n in range(4):
        raise_one(bot, driver, slack, owner=OWNER, raiser=RAISER, text=f"{CLIENT_DETAIL} ({n})")
        value = str(_offer(slack, driver)["value"])
        driver.block_action("peer_ask_encouragement", user=RAISER, value=value, channel="CCLIENT")
        answer = slack.wait_for(lambda: slack.responses(driver.last_response_url))[0]
    assert "1時間" in str(answer.text) and "同僚に呼びかけます" not in str(answer.text)
    clock.advance(timedelta(minutes=31))
    bot.dispatcher.run_once()
    settled(bot, slack)
    assert len(posts_in_channel(slack)) == 3
