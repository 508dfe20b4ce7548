"""The author deletes their own post; bad input and the hourly limit are refused politely."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from bot.app import Itabasami
from bot.peer.model import MAX_TEXT
from playground.clock import FixedClock
from playground.slack.slack_server import FakeSlack
from storage.models import AnonToken
from tests.conftest import settled
from tests.support.driver import SlackDriver
from tests.vent.helpers import (
    AUTHOR,
    COLLEAGUE,
    COLLEAGUE_JA,
    OTHER_AUTHOR,
    PEER_CHANNEL,
    last_view,
    menu_values,
    posts_in_channel,
    reply_anonymously,
    submit,
    vent,
    vent_with_form,
)


def _receipt_button(slack: FakeSlack, url: str, action_id: str) -> str:
    receipt = slack.responses(url)[0]
    return str(
        next(
            e["value"]
            for b in receipt.blocks or []
            for e in b.get("elements", [])
            if e.get("action_id") == action_id
        )
    )


def test_author_deletes_post_from_the_receipt(bot: Itabasami, driver: SlackDriver, slack: FakeSlack) -> None:
    """Delete on the receipt removes the post with its anonymous replies, and redraws the receipt."""
    posted = vent(bot, driver, slack, "I said too much.", user=OTHER_AUTHOR)
    url = driver.last_response_url
    reply_anonymously(bot, driver, slack, posted, "It's fine to say it.", user=COLLEAGUE)
    value = _receipt_button(slack, url, "vent_delete")
    driver.block_action("vent_delete", user=OTHER_AUTHOR, value=value, channel="CCLIENT")
    slack.wait_for(lambda: not slack.messages(PEER_CHANNEL))
    redrawn = slack.wait_for(lambda: slack.responses(driver.last_response_url))[0]
    assert redrawn.replace_original and "Your post is deleted" in str(redrawn.blocks)


def test_author_deletes_post_from_the_menu_with_a_confirmation(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """Delete in the post's menu asks first, then deletes; the form speaks the author's language."""
    posted, _ = vent_with_form(bot, driver, slack, "やっぱり消したいです。")
    assert posted is not None
    value = next(v for v in menu_values(posted.message.blocks) if v.startswith("delete:"))
    opened = len(slack.views_opened())
    driver.block_action(
        "vent_menu", user=AUTHOR, channel=PEER_CHANNEL, extra={"selected_option": {"value": value}}
    )
    view = slack.wait_for(lambda: last_view(slack) if len(slack.views_opened()) > opened else None)
    assert "投稿を削除" in str(view["title"])
    submit(driver, view, {}, user=AUTHOR)
    slack.wait_for(lambda: not posts_in_channel(slack))


def test_someone_else_cannot_delete_the_post(bot: Itabasami, driver: SlackDriver, slack: FakeSlack) -> None:
    """Anyone but the author choosing "Delete my post" is told only the author can, and the post stays."""
    posted = vent(bot, driver, slack, "Long day.", user=AUTHOR)
    value = next(v for v in menu_values(posted.message.blocks) if v.startswith("delete:"))
    driver.block_action(
        "vent_menu", user=COLLEAGUE, channel=PEER_CHANNEL, extra={"selected_option": {"value": value}}
    )
    refusal = slack.wait_for(lambda: slack.responses(driver.last_response_url))[0]
    assert "Only the person who wrote this post" in (refusal.text or "")
    settled(bot, slack)
    assert posts_in_channel(slack)[0].ts == posted.message.ts


def test_deleting_a_delayed_post_means_it_never_appears(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """A post waiting for its random moment, deleted from the receipt, never reaches the channel."""
    _, receipt = vent_with_form(bot, driver, slack, "On second thought…", user=OTHER_AUTHOR, delay=True)
    value = next(
        e["value"]
        for b in receipt["blocks"]
        for e in b.get("elements", [])
        if e.get("action_id") == "vent_delete"
    )
    updated = len([c for c in slack.calls("views.update") if c.ok])
    driver.block_action("vent_delete", user=OTHER_AUTHOR, value=value, view=receipt)
    slack.wait_for(lambda: len([c for c in slack.calls("views.update") if c.ok]) > updated)
    clock.advance(timedelta(minutes=31))
    bot.dispatcher.run_once()
    settled(bot, slack)
    assert posts_in_channel(slack) == []


def test_over_long_text_is_refused_with_its_length(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """Text over the limit gets a polite note with the length and the limit; nothing is posted."""
    driver.command("/vent", "あ" * (MAX_TEXT + 1), user=AUTHOR)
    refusal = slack.wait_for(lambda: slack.responses(driver.last_response_url))[0]
    assert f"{MAX_TEXT + 1} 文字" in (refusal.text or "") and f"{MAX_TEXT}" in (refusal.text or "")
    settled(bot, slack)
    assert posts_in_channel(slack) == []


def test_empty_form_text_stays_in_the_form(bot: Itabasami, driver: SlackDriver, slack: FakeSlack) -> None:
    """Only spaces in the form is refused under the text field, in the author's language."""
    driver.command("/vent", "", user=AUTHOR)
    view = slack.wait_for(lambda: last_view(slack) if slack.views_opened() else None)
    answer = submit(driver, view, {"vent_text": {"type": "plain_text_input", "value": "  \n "}}, user=AUTHOR)
    assert (
        answer["response_action"] == "errors" and "先に内容を書いてください" in answer["errors"]["vent_text"]
    )
    settled(bot, slack)
    assert posts_in_channel(slack) == []


def test_hourly_limit_is_polite_and_resets(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """The sixth post in a clock hour is refused with when to try again; the next hour it goes through."""
    clock.set(datetime(2026, 11, 24, 10, 5, tzinfo=UTC))
    for n in range(5):
        vent(bot, driver, slack, f"Note {n}", user=COLLEAGUE_JA)
    driver.command("/vent", "Note 5", user=COLLEAGUE_JA)
    refusal = slack.wait_for(lambda: slack.responses(driver.last_response_url))[0]
    assert "5 回投稿されたので" in (refusal.text or "") and "<!date^" in (refusal.text or "")
    vent(bot, driver, slack, "Someone else can still post.", user=OTHER_AUTHOR)
    clock.set(datetime(2026, 11, 24, 11, 0, 1, tzinfo=UTC))
    vent(bot, driver, slack, "Note 5, an hour on", user=COLLEAGUE_JA)
    assert len(posts_in_channel(slack)) == 7
    bot.run_periodic()
    with bot.deps.sessions() as session:
        assert session.scalar(select(func.count()).select_from(AnonToken)) == 1  # the last hour's slot only


def test_over_limit_in_the_form_stays_in_the_form(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, make_bot: object
) -> None:
    """Over the limit, the form shows when posting is possible again, as plain local time."""
    for n in range(5):
        vent(bot, driver, slack, f"Note {n}", user=OTHER_AUTHOR)
    driver.command("/vent", "", user=OTHER_AUTHOR)
    view = slack.wait_for(lambda: last_view(slack) if slack.views_opened() else None)
    answer = submit(
        driver, view, {"vent_text": {"type": "plain_text_input", "value": "one more"}}, user=OTHER_AUTHOR
    )
    # the limit is known only after the ack: the form comes back with the words and the reason
    form = answer["view"]
    assert form["callback_id"] == "vent_new"
    error = str(form["blocks"])
    assert "most for now" in error and "<!date" not in error and ":00" in error and "one more" in error
