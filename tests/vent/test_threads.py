"""Threads under anonymous posts: replies under stable per-thread pseudonyms, and deleting one's own."""

from __future__ import annotations

from bot.app import Itabasami
from playground.slack.slack_server import FakeSlack
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
    reply_anonymously,
    submit,
    vent,
)

VENT = "I relay the lawyer's decisions and get shouted at for them. Is that normal?"


def _name(message: object) -> str:
    return str(message.blocks[0]["elements"][0]["text"])  # type: ignore[attr-defined]


def test_pseudonyms_are_stable_in_a_thread_and_op_is_the_author(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """In one thread the author is OP and others are Anonymous 1, 2, … each keeping their number."""
    posted = vent(bot, driver, slack, VENT, user=OTHER_AUTHOR)
    first = reply_anonymously(bot, driver, slack, posted, "You did everything right.", user=COLLEAGUE)
    second = reply_anonymously(bot, driver, slack, posted, "I've been there. It passes.", user=COLLEAGUE_JA)
    again = reply_anonymously(
        bot, driver, slack, posted, "Your job is to relay, not carry it.", user=COLLEAGUE
    )
    thanks = reply_anonymously(bot, driver, slack, posted, "Thank you, all of you.", user=OTHER_AUTHOR)
    assert [_name(m) for m in (first, second, again, thanks)] == [
        "*Anonymous 1*",
        "*Anonymous 2*",
        "*Anonymous 1*",
        "*OP (wrote the post)*",
    ]
    assert all(m.thread_ts == posted.message.ts and m.bot_id == slack.bot_id for m in (first, thanks))


def test_pseudonyms_do_not_carry_across_threads(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """The same person is numbered afresh in each thread, so two threads cannot be linked by a pseudonym."""
    one = vent(bot, driver, slack, VENT, user=AUTHOR)
    two = vent(bot, driver, slack, "Another long week.", user=OTHER_AUTHOR)
    reply_anonymously(bot, driver, slack, one, "Hang in there.", user=COLLEAGUE_JA)
    in_two_first = reply_anonymously(bot, driver, slack, two, "Same here.", user=COLLEAGUE)
    in_two_second = reply_anonymously(bot, driver, slack, two, "Hang in there.", user=COLLEAGUE_JA)
    assert _name(in_two_first) == "*Anonymous 1*" and _name(in_two_second) == "*Anonymous 2*"


def test_reply_form_is_in_the_repliers_language(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """The reply form speaks the replier's language and explains the pseudonym."""
    posted = vent(bot, driver, slack, VENT, user=OTHER_AUTHOR)
    driver.block_action("vent_reply", user=COLLEAGUE_JA, value=posted.public_id, channel=PEER_CHANNEL)
    view = slack.wait_for(lambda: last_view(slack) if slack.views_opened() else None)
    assert "匿名で返信" in str(view["title"]) and "投稿者（OP）" in str(view["blocks"])


def test_empty_reply_stays_in_the_form(bot: Itabasami, driver: SlackDriver, slack: FakeSlack) -> None:
    """A reply of only spaces is refused inside the form, and nothing is posted."""
    posted = vent(bot, driver, slack, VENT, user=OTHER_AUTHOR)
    driver.block_action("vent_reply", user=COLLEAGUE, value=posted.public_id, channel=PEER_CHANNEL)
    view = slack.wait_for(lambda: last_view(slack) if slack.views_opened() else None)
    answer = submit(driver, view, {"vent_text": {"type": "plain_text_input", "value": "   "}}, user=COLLEAGUE)
    assert answer["response_action"] == "errors" and "write something" in answer["errors"]["vent_text"]
    settled(bot, slack)
    assert slack.thread(PEER_CHANNEL, posted.message.ts)[1:] == []


def test_replier_deletes_own_reply_but_not_others(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """Delete works for the person who wrote the reply; anyone else is told politely, nothing changes."""
    posted = vent(bot, driver, slack, VENT, user=OTHER_AUTHOR)
    reply = reply_anonymously(bot, driver, slack, posted, "You are not alone.", user=COLLEAGUE)
    value = next(v for v in menu_values(reply.blocks) if v.startswith("delete:"))
    driver.block_action(
        "vent_menu", user=COLLEAGUE_JA, channel=PEER_CHANNEL, extra={"selected_option": {"value": value}}
    )
    refusal = slack.wait_for(lambda: slack.responses(driver.last_response_url))[0]
    assert "書いた本人だけ" in (refusal.text or "") and refusal.response_type == "ephemeral"
    opened = len(slack.views_opened())
    driver.block_action(
        "vent_menu", user=COLLEAGUE, channel=PEER_CHANNEL, extra={"selected_option": {"value": value}}
    )
    view = slack.wait_for(lambda: last_view(slack) if len(slack.views_opened()) > opened else None)
    answer = submit(driver, view, {}, user=COLLEAGUE)
    assert answer["response_action"] == "update" and "Deleted" in str(answer["view"]["blocks"])
    slack.wait_for(lambda: not slack.thread(PEER_CHANNEL, posted.message.ts)[1:])
    assert [m.ts for m in slack.messages(PEER_CHANNEL)] == [posted.message.ts]
