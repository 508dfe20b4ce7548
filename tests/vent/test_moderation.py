"""Moderation without unmasking: reports reach moderators, who hide or pause, never learning who."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import Engine, select

from bot.app import Itabasami
from bot.server import make_wsgi_app
from playground.clock import FixedClock
from playground.slack.slack_server import FakeSlack
from storage.models import VentRelay
from tests.conftest import SIGNING_SECRET, BotFactory, settled
from tests.support.driver import SlackDriver
from tests.vent.helpers import (
    AUTHOR,
    AUTHOR_NAMES,
    COLLEAGUE,
    COLLEAGUE_JA,
    MODERATOR,
    MODERATOR_JA,
    OTHER_AUTHOR,
    PEER_CHANNEL,
    PEER_ENV,
    Posted,
    buttons,
    last_view,
    moderator_notice,
    posts_in_channel,
    reply_anonymously,
    reply_by_name,
    report,
    submit,
    vent,
    vent_with_form,
)

ROUGH = "Honestly the client is an idiot and so is everyone on the third floor."


def _press(driver: SlackDriver, slack: FakeSlack, action_id: str, *, user: str, moderator: str) -> None:
    notice = moderator_notice(slack, moderator)
    value = next(e["value"] for e in buttons(notice.blocks) if e["action_id"] == action_id)
    driver.block_action(
        action_id, user=user, value=value, channel=slack.im_channel(moderator), message_ts=notice.ts
    )


def test_report_reaches_every_moderator_in_their_language(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """Moderators named directly and through a user group each get a DM with a link, in their language."""
    posted = vent(bot, driver, slack, ROUGH)
    answer = report(bot, driver, slack, posted.message, user=COLLEAGUE, reason="Insulting colleagues")
    assert "moderators have been told" in str(answer["view"]["blocks"])
    english, japanese = moderator_notice(slack, MODERATOR), moderator_notice(slack, MODERATOR_JA)
    assert "was reported" in english.text and "報告されました" in japanese.text
    assert "Insulting colleagues" in str(english.blocks)
    link = next(e for e in buttons(english.blocks) if e["action_id"] == "vent_mod_open")["url"]
    assert link.startswith("https://") and PEER_CHANNEL in link
    for shown in (english.text + str(english.blocks), japanese.text + str(japanese.blocks)):
        assert not any(name in shown for name in AUTHOR_NAMES)
        assert COLLEAGUE not in shown and "riley" not in shown.lower()  # nor who reported it


def test_second_report_by_same_person_is_refused_and_others_add_up(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """One person reports a message once; a second person's report updates the count on every notice."""
    posted = vent(bot, driver, slack, ROUGH)
    report(bot, driver, slack, posted.message, user=COLLEAGUE)
    again = report(bot, driver, slack, posted.message, user=COLLEAGUE)
    assert again["response_action"] == "update" and "already reported" in str(again["view"]["blocks"])
    report(bot, driver, slack, posted.message, user=COLLEAGUE_JA)
    notice = slack.wait_for(lambda: "2 people" in str(moderator_notice(slack, MODERATOR).blocks))
    assert notice
    assert len([m for m in slack.dm_messages(MODERATOR) if "🚩" in m.text]) == 1


def test_hide_deletes_post_and_anonymous_replies(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """Hide removes the post and its anonymous replies from the channel; every notice says who hid it."""
    posted = vent(bot, driver, slack, ROUGH)
    reply_anonymously(bot, driver, slack, posted, "Agreed, they're hopeless.", user=COLLEAGUE_JA)
    report(bot, driver, slack, posted.message, user=COLLEAGUE)
    _press(driver, slack, "vent_mod_hide", user=MODERATOR, moderator=MODERATOR)
    slack.wait_for(lambda: not slack.messages(PEER_CHANNEL))
    settled(bot, slack)
    assert "Hidden by" in str(moderator_notice(slack, MODERATOR).blocks)
    assert "非表示にしました" in str(moderator_notice(slack, MODERATOR_JA).blocks)
    assert "vent_mod_hide" not in str(moderator_notice(slack, MODERATOR_JA).blocks)


def test_reply_to_a_hidden_post_is_refused(bot: Itabasami, driver: SlackDriver, slack: FakeSlack) -> None:
    """ "Reply anonymously" on a post moderators hid explains that it no longer takes replies."""
    posted = vent(bot, driver, slack, ROUGH)
    report(bot, driver, slack, posted.message, user=COLLEAGUE)
    _press(driver, slack, "vent_mod_hide", user=MODERATOR, moderator=MODERATOR)
    settled(bot, slack)
    opened = len(slack.views_opened())
    driver.block_action("vent_reply", user=COLLEAGUE_JA, value=posted.public_id, channel=PEER_CHANNEL)
    refusal = slack.wait_for(lambda: slack.responses(driver.last_response_url))[0]
    assert "取り下げられた" in (refusal.text or "") and len(slack.views_opened()) == opened


def test_only_moderators_can_hide(bot: Itabasami, driver: SlackDriver, slack: FakeSlack) -> None:
    """Someone who is not a moderator pressing Hide is told so, and the post stays."""
    posted = vent(bot, driver, slack, ROUGH)
    report(bot, driver, slack, posted.message, user=COLLEAGUE)
    _press(driver, slack, "vent_mod_hide", user=COLLEAGUE, moderator=MODERATOR)
    refusal = slack.wait_for(lambda: slack.responses(driver.last_response_url))[0]
    assert "Only moderators" in (refusal.text or "")
    settled(bot, slack)
    assert posts_in_channel(slack)[0].ts == posted.message.ts


def _mute(driver: SlackDriver, slack: FakeSlack, bot: Itabasami, days: str) -> None:
    opened = len(slack.views_opened())
    _press(driver, slack, "vent_mod_mute", user=MODERATOR_JA, moderator=MODERATOR_JA)
    view = slack.wait_for(lambda: last_view(slack) if len(slack.views_opened()) > opened else None)
    assert "一時停止" in str(view["title"])
    chosen = {"type": "radio_buttons", "selected_option": {"value": days}}
    assert submit(driver, view, {"mute_for": chosen}, user=MODERATOR_JA) is None
    settled(bot, slack)


def test_muted_author_cannot_post_until_it_ends(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """After a 1-day pause the author's next post is refused politely; others post; then they can again."""
    posted = vent(bot, driver, slack, ROUGH)
    report(bot, driver, slack, posted.message, user=COLLEAGUE)
    _mute(driver, slack, bot, "1")
    assert "一時停止しました" in str(moderator_notice(slack, MODERATOR_JA).blocks)
    driver.command("/vent", "Let me say it again.", user=AUTHOR)
    refusal = slack.wait_for(lambda: slack.responses(driver.last_response_url))[0]
    assert "匿名で投稿できません" in (refusal.text or "") and "<!date^" in (refusal.text or "")
    vent(bot, driver, slack, "Unrelated: a long day here too.", user=OTHER_AUTHOR)
    assert len(posts_in_channel(slack)) == 2
    clock.advance(timedelta(days=1, minutes=1))
    vent(bot, driver, slack, "Better today.", user=AUTHOR)
    assert len(posts_in_channel(slack)) == 3


def test_muted_author_cannot_reply_anonymously_either(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """A pause covers anonymous replies too, shown inside the reply form."""
    posted = vent(bot, driver, slack, ROUGH)
    report(bot, driver, slack, posted.message, user=COLLEAGUE)
    _mute(driver, slack, bot, "7")
    other = vent(bot, driver, slack, "Anyone else on call this weekend?", user=OTHER_AUTHOR)
    opened = len(slack.views_opened())
    driver.block_action("vent_reply", user=AUTHOR, value=other.public_id, channel=PEER_CHANNEL)
    view = slack.wait_for(lambda: last_view(slack) if len(slack.views_opened()) > opened else None)
    answer = submit(driver, view, {"vent_text": {"type": "plain_text_input", "value": "Me."}}, user=AUTHOR)
    form = answer["view"]  # known only after the ack: the form comes back with the words and the reason
    assert form["callback_id"] == "vent_reply_view" and "匿名で投稿できません" in str(form["blocks"])
    assert "Me." in str(form["blocks"])


def test_reported_anonymous_reply_can_be_hidden_alone(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """Reporting an anonymous reply and hiding it removes only that reply."""
    posted = vent(bot, driver, slack, "Rough week, that's all.", user=OTHER_AUTHOR)
    kind = reply_anonymously(bot, driver, slack, posted, "You did well.", user=COLLEAGUE)
    rude = reply_anonymously(bot, driver, slack, posted, "Stop whining.", user=COLLEAGUE_JA)
    report(bot, driver, slack, rude, user=COLLEAGUE)
    assert "anonymous reply" in moderator_notice(slack, MODERATOR).text
    _press(driver, slack, "vent_mod_hide", user=MODERATOR, moderator=MODERATOR)
    slack.wait_for(lambda: len(slack.thread(PEER_CHANNEL, posted.message.ts)) == 2)
    assert [m.ts for m in slack.thread(PEER_CHANNEL, posted.message.ts)] == [posted.message.ts, kind.ts]


def test_report_shortcut_refuses_a_message_that_is_not_anonymous(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """ "Report anonymous post" on an ordinary message says there is nothing to report, and tells nobody."""
    ts = slack.add_message(PEER_CHANNEL, "Lunch at noon?", user=COLLEAGUE)
    driver.message_shortcut(
        "vent_report_message",
        user=COLLEAGUE_JA,
        message={"ts": ts, "text": "Lunch at noon?"},
        channel=PEER_CHANNEL,
    )
    refusal = slack.wait_for(lambda: slack.responses())[0]
    assert "匿名の投稿ではない" in (refusal.text or "")
    settled(bot, slack)
    assert slack.dm_messages(MODERATOR) == [] and slack.views_opened() == []


def test_report_shortcut_on_an_anonymous_post_opens_the_form(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """The shortcut on an anonymous post opens the report form; submitting it notifies moderators."""
    posted: Posted = vent(bot, driver, slack, ROUGH)
    driver.message_shortcut(
        "vent_report_message", user=COLLEAGUE, message={"ts": posted.message.ts}, channel=PEER_CHANNEL
    )
    view = slack.wait_for(lambda: last_view(slack) if slack.views_opened() else None)
    submit(driver, view, {"vent_reason": {"type": "plain_text_input", "value": ""}}, user=COLLEAGUE)
    assert "was reported" in moderator_notice(slack, MODERATOR).text


def test_after_anon_secret_changes_older_posts_lose_their_links_cleanly(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, make_bot: BotFactory, engine: Engine
) -> None:
    """With a new ANON_SECRET, a reply to an older post notifies nobody and fails nothing (its relay link
    is dropped), and pausing its author tells the moderator why it cannot be done, not "went wrong"."""
    posted, _ = vent_with_form(bot, driver, slack, ROUGH, notify=True)
    assert posted is not None
    bot.stop()
    rotated = make_bot(**(PEER_ENV | {"ANON_SECRET": "Nq4-Wz8pXc1Lv7Rb3Ty6Hk0Gm2Js5Fd9Qa_Ue"}))
    again = SlackDriver(make_wsgi_app(rotated.bolt, lambda: True), signing_secret=SIGNING_SECRET, fake=slack)
    reply_by_name(again, slack, posted, "Hang in there.", user=COLLEAGUE)
    report(rotated, again, slack, posted.message, user=COLLEAGUE)
    opened = len(slack.views_opened())
    _press(again, slack, "vent_mod_mute", user=MODERATOR_JA, moderator=MODERATOR_JA)
    view = slack.wait_for(lambda: last_view(slack) if len(slack.views_opened()) > opened else None)
    chosen = {"type": "radio_buttons", "selected_option": {"value": "1"}}
    answer = submit(again, view, {"mute_for": chosen}, user=MODERATOR_JA)
    settled(rotated, slack)
    shown = json.dumps(answer, ensure_ascii=False) + " ".join(m.text for m in slack.dm_messages(MODERATOR_JA))
    assert "鍵" in shown and "参照番号" not in shown
    assert slack.dm_messages(AUTHOR) == []
    with engine.connect() as conn:
        assert conn.execute(select(VentRelay)).first() is None
