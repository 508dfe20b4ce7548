"""`/vent`: a direct post and the form, from the bot as an anonymous colleague, acknowledged privately."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine

from bot.app import Itabasami
from bot.server import make_wsgi_app
from playground.clock import FixedClock
from playground.slack.slack_server import FakeSlack
from tests.conftest import OWNER, RAISER, SIGNING_SECRET, BotFactory, settled
from tests.support.driver import SlackDriver
from tests.vent.helpers import (
    AUTHOR,
    AUTHOR_NAMES,
    OTHER_AUTHOR,
    last_view,
    posts_in_channel,
    submit,
    text_value,
    vent,
)

SHOUTED_AT = "お客様に、自分のミスではないことで怒鳴られました。眠れません。"


def test_direct_post_appears_from_the_bot_without_the_author(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """`/vent text` posts the words in the peer channel as the bot: no name, picture or hint of the author."""
    posted = vent(bot, driver, slack, SHOUTED_AT)
    message = posted.message
    assert message.bot_id == slack.bot_id and message.user == slack.bot_user_id
    assert SHOUTED_AT in str(message.blocks) and "anonymous colleague" in message.text
    assert message.username is None and message.icon_url is None
    shown = message.text + str(message.blocks)
    assert not any(name in shown for name in AUTHOR_NAMES)


def test_author_is_told_privately_in_their_language(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """The acknowledgement is ephemeral (never in_channel), in Japanese, and offers /escalate."""
    vent(bot, driver, slack, SHOUTED_AT)
    replies = slack.responses(driver.last_response_url)
    assert replies and all(r.response_type == "ephemeral" for r in replies)
    receipt = replies[0]
    assert "匿名で投稿しました" in (receipt.text or "") + str(receipt.blocks)
    assert "/escalate" in str(receipt.blocks)
    assert not list(slack.calls("chat.postEphemeral"))


def test_english_author_gets_english_receipt(bot: Itabasami, driver: SlackDriver, slack: FakeSlack) -> None:
    """An English-speaking author is answered in English; the shared post uses the workspace language."""
    vent(bot, driver, slack, "Third angry call today about a delay that wasn't ours.", user=OTHER_AUTHOR)
    receipt = slack.responses(driver.last_response_url)[0]
    assert "Posted anonymously" in str(receipt.blocks)
    assert "anonymous colleague" in posts_in_channel(slack)[0].text


def test_broadcasts_and_group_mentions_are_neutralised(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """@here, @channel, @everyone and user-group mentions become plain words that notify nobody."""
    text = "<!here> <!channel> <!everyone> <!subteam^S0LAWYERS|@lawyers> is anyone else this tired?"
    posted = vent(bot, driver, slack, text)
    shown = posted.message.text + str(posted.message.blocks)
    assert "<!" not in shown
    assert "@here" in shown and "@channel" in shown and "@everyone" in shown and "@lawyers" in shown


def _open_form(driver: SlackDriver, slack: FakeSlack, *, user: str = AUTHOR) -> dict[str, object]:
    assert driver.command("/vent", "", user=user).status == 200
    return slack.wait_for(lambda: last_view(slack) if slack.views_opened() else None)


def test_form_explains_who_sees_what_and_previews(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """`/vent` alone opens a form in the author's language: text, preview, both options, who sees what."""
    view = _open_form(driver, slack)
    shown = str(view["blocks"])
    assert view["callback_id"] == "vent_new"
    assert "誰に何が見えるか" in shown and "管理者にも見えません" in shown and "/escalate" in shown
    options = next(b for b in view["blocks"] if b.get("block_id") == "vent_options")["element"]["options"]
    assert [o["value"] for o in options] == ["notify", "delay"]
    assert "vent_preview_block" in shown


def test_typing_redraws_the_preview_without_broadcasts(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """Each pause in typing redraws the preview as colleagues will see it, with @channel made harmless."""
    view = _open_form(driver, slack)
    typed = {"vent_text": {"vent_preview": {"type": "plain_text_input", "value": "<!channel> so tired"}}}
    driver.block_action(
        "vent_preview",
        user=AUTHOR,
        view=view | {"hash": slack.view(str(view["id"])).hash, "state": {"values": typed}},
        extra={"type": "plain_text_input", "value": "<!channel> so tired"},
    )
    updated = slack.wait_for(lambda: [c for c in slack.calls("views.update") if c.ok])
    preview = next(b for b in updated[-1].args["view"]["blocks"] if b.get("block_id") == "vent_preview_block")
    assert "so tired" in preview["text"]["text"] and "<!channel>" not in preview["text"]["text"]
    assert "匿名の同僚" in preview["text"]["text"]


def test_form_posts_and_turns_into_a_private_receipt(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """Submitting the form posts anonymously and turns the form into the author's receipt, with delete."""
    view = _open_form(driver, slack)
    answer = submit(driver, view, {"vent_text": text_value(SHOUTED_AT)}, user=AUTHOR)
    assert answer["response_action"] == "update"
    receipt = str(answer["view"]["blocks"])
    assert "匿名で投稿しました" in receipt and "vent_delete" in receipt and "vent_notify" in receipt
    post = slack.wait_for(lambda: posts_in_channel(slack))[0]
    assert SHOUTED_AT in str(post.blocks)


def test_random_delay_posts_later_within_the_window(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """With "post after a random delay", nothing appears now; it appears 5 to 30 minutes later."""
    view = _open_form(driver, slack, user=OTHER_AUTHOR)
    options = {"type": "checkboxes", "selected_options": [{"value": "delay"}]}
    answer = submit(
        driver, view, {"vent_text": text_value("Long day."), "vent_options": options}, user=OTHER_AUTHOR
    )
    assert "random moment" in str(answer["view"]["blocks"])
    settled(bot, slack)
    assert posts_in_channel(slack) == []
    clock.advance(timedelta(minutes=4, seconds=59))
    bot.dispatcher.run_once()
    assert posts_in_channel(slack) == []
    clock.advance(timedelta(minutes=25, seconds=2))
    bot.dispatcher.run_once()
    settled(bot, slack)
    assert "Long day." in str(posts_in_channel(slack)[0].blocks)


def test_help_explains_vent(bot: Itabasami, driver: SlackDriver, slack: FakeSlack) -> None:
    """`/vent help` explains how it works, who sees what, and that it is not the consultation desk."""
    driver.command("/vent", "help", user=OTHER_AUTHOR)
    reply = slack.wait_for(lambda: slack.responses(driver.last_response_url))[0]
    assert "Reply anonymously" in (reply.text or "") and "not the firm's consultation desk" in (
        reply.text or ""
    )
    assert posts_in_channel(slack) == []


def test_vent_is_off_without_peer_channel(make_bot: BotFactory, slack: FakeSlack, engine: Engine) -> None:
    """Without PEER_CHANNEL, `/vent` politely says peer support is not set up, and posts nothing."""
    off = make_bot()
    driver = SlackDriver(make_wsgi_app(off.bolt, lambda: True), signing_secret=SIGNING_SECRET, fake=slack)
    driver.command("/vent", "hello", user=RAISER)
    reply = slack.wait_for(lambda: slack.responses(driver.last_response_url))[0]
    assert "PEER_CHANNEL" in (reply.text or "") and reply.response_type == "ephemeral"


def test_report_shortcut_and_old_buttons_explain_when_peer_support_is_off(
    make_bot: BotFactory, slack: FakeSlack
) -> None:
    """After peer support is turned off, the report shortcut and a post's buttons answer politely in the
    person's language instead of failing."""
    off = make_bot()
    driver = SlackDriver(make_wsgi_app(off.bolt, lambda: True), signing_secret=SIGNING_SECRET, fake=slack)
    response = driver.message_shortcut("vent_report_message", user=RAISER, message={"ts": "1.000001"})
    assert response.status == 200
    note = slack.wait_for(lambda: slack.responses(driver.last_response_url))[0]
    assert "ピアサポート" in (note.text or "")  # the raiser works in Japanese
    response = driver.block_action("vent_reply", user=OWNER, value="p123", channel="C0PEER")
    assert response.status == 200
    note = slack.wait_for(lambda: slack.responses(driver.last_response_url))[0]
    assert "Peer support isn't set up" in (note.text or "")
