"""After resolution: the blameless review (modal, timeline, shared only when chosen), the owner's
thanks, and the raiser's check-in after a meeting in a confidential escalation."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from bot.app import Itabasami
from playground.clock import FixedClock
from playground.slack.slack_models import Message
from playground.slack.slack_server import FakeSlack
from storage.models import Escalation, TimelineEntry
from tests.care.helpers import TOKYO, button_value, checkins, local, raise_at, resolve, run_at, thread_of
from tests.conftest import HEAD, OWNER, PEER, RAISER, settled
from tests.support.driver import SlackDriver

ANSWERS = {
    "review_client": "Waited two days without news and was told two different fees.",
    "review_we_did": "Apologised, escalated, and the owner called back the same afternoon.",
    "review_where": "The fee table in the handover note was out of date.",
    "review_change": "Check the handover note against the current fee table before relaying.",
}


def _dm_with(slack: FakeSlack, user: str, action_id: str) -> Message:
    return slack.wait_for(lambda: [m for m in slack.dm_messages(user) if action_id in str(m.blocks)])[-1]


def _open(
    driver: SlackDriver, slack: FakeSlack, message: Message, action_id: str, user: str
) -> dict[str, Any]:
    before = len(slack.views_opened())
    driver.block_action(
        action_id,
        user=user,
        value=button_value(message, action_id),
        channel=message.channel,
        message_ts=message.ts,
    )
    record = slack.wait_for(lambda: slack.views_opened()[before:])[0]
    return record.view | {"id": record.id}


def _review_values(who: list[str], share: list[str], **answers: str) -> dict[str, dict[str, Any]]:
    values: dict[str, dict[str, Any]] = {
        block: {"type": "plain_text_input", "value": text} for block, text in answers.items()
    }
    values["review_who"] = {"type": "multi_users_select", "selected_users": who}
    values["review_share"] = {"type": "checkboxes", "selected_options": [{"value": v} for v in share]}
    return values


def _timeline(bot: Itabasami, action: str) -> list[TimelineEntry]:
    with bot.deps.reads() as session:
        return list(session.scalars(select(TimelineEntry).where(TimelineEntry.action == action)))


def _resolved(bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock, **kw: Any) -> int:
    escalation = raise_at(bot, driver, slack, clock, local("2026-11-24 10:00", TOKYO), **kw)
    resolve(driver, slack, bot, escalation)
    return escalation


def test_owner_and_raiser_are_invited_to_a_review_that_learns_rather_than_blames(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """On resolution both get a DM in their language; the modal asks the five questions, all optional."""
    _resolved(bot, driver, slack, clock)
    invite = _dm_with(slack, RAISER, "care_review_open")
    assert "誰のせいかではなく" in invite.text
    assert "not about who was at fault" in _dm_with(slack, OWNER, "care_review_open").text
    view = _open(driver, slack, invite, "care_review_open", RAISER)
    assert view["title"]["text"] == "責めない振り返り"
    ids = [b.get("block_id") for b in view["blocks"]]
    assert [i for i in ids if i] == [
        "review_client",
        "review_we_did",
        "review_where",
        "review_change",
        "review_who",
        "review_share",
    ]
    assert all(b.get("optional") for b in view["blocks"] if b["type"] == "input")


def test_a_review_goes_on_the_timeline_and_is_shared_only_as_chosen(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """Saved privately: on the timeline, nowhere else. Shared: in the thread and with who needs to know."""
    _resolved(bot, driver, slack, clock)
    before_thread = len(thread_of(slack))
    view = _open(driver, slack, _dm_with(slack, OWNER, "care_review_open"), "care_review_open", OWNER)
    driver.view_submission(view, _review_values([], [], review_where=ANSWERS["review_where"]), user=OWNER)
    slack.wait_for(lambda: [m for m in slack.dm_messages(OWNER) if "record" in m.text and "review" in m.text])
    settled(bot, slack)
    [private] = _timeline(bot, "review")
    assert private.actor_id == OWNER and private.detail is not None
    assert private.detail["where"] == ANSWERS["review_where"] and private.detail["shared"] == {
        "thread": False,
        "people": False,
    }
    assert len(thread_of(slack)) == before_thread

    view = _open(driver, slack, _dm_with(slack, RAISER, "care_review_open"), "care_review_open", RAISER)
    driver.view_submission(view, _review_values([PEER], ["thread", "people"], **ANSWERS), user=RAISER)
    slack.wait_for(lambda: len(_timeline(bot, "review")) == 2)
    settled(bot, slack)
    posted = thread_of(slack)[-1]
    assert "Review of #1" in posted.text and ANSWERS["review_change"] in str(posted.blocks)
    shared = slack.wait_for(lambda: [m for m in slack.dm_messages(PEER) if "#1" in m.text])
    assert "知らせておくべき方" in shared[0].text and ANSWERS["review_client"] in str(shared[0].blocks)


def test_an_empty_review_stays_open_and_others_cannot_write_one(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """Nothing answered keeps the modal open with a note; someone not on it is politely refused."""
    _resolved(bot, driver, slack, clock)
    invite = _dm_with(slack, OWNER, "care_review_open")
    view = _open(driver, slack, invite, "care_review_open", OWNER)
    response = driver.view_submission(view, _review_values([], []), user=OWNER)
    assert response.json()["response_action"] == "errors"
    before = len(slack.views_opened())
    driver.block_action("care_review_open", user=PEER, value=button_value(invite, "care_review_open"))
    refusal = slack.wait_for(lambda: slack.responses(driver.last_response_url))[0]
    assert "振り返り" in (refusal.text or "") and len(slack.views_opened()) == before


def test_owner_thanks_the_raiser_with_a_line_they_can_send_as_is(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """The owner's prompt carries a kind line, prefilled in the modal; sent in the thread, it names both
    and goes on the timeline. Only the owner sends it."""
    _resolved(bot, driver, slack, clock)
    prompt = _dm_with(slack, OWNER, "care_thank_open")
    assert "<@URAISER>" in prompt.text and "Thank you for handling #1" in str(prompt.blocks)
    view = _open(driver, slack, prompt, "care_thank_open", OWNER)
    text_block = next(b for b in view["blocks"] if b.get("block_id") == "thanks_text")
    line = text_block["element"]["initial_value"]
    where = next(b for b in view["blocks"] if b.get("block_id") == "thanks_where")
    assert where["element"]["initial_option"]["value"] == "thread"
    values = {
        "thanks_text": {"type": "plain_text_input", "value": line},
        "thanks_where": {"type": "radio_buttons", "selected_option": {"value": "thread"}},
    }
    driver.view_submission(view, values, user=OWNER)
    slack.wait_for(lambda: any("💐" in m.text for m in thread_of(slack)))
    settled(bot, slack)
    thanks = next(m for m in thread_of(slack) if "💐" in m.text)
    assert "<@UOWNER> to <@URAISER>" in thanks.text and line in thanks.text
    [entry] = _timeline(bot, "thanks")
    assert entry.detail == {"to": RAISER, "where": "thread", "text": line}
    driver.block_action("care_thank_open", user=RAISER, value=button_value(prompt, "care_thank_open"))
    refusal = slack.wait_for(lambda: slack.responses(driver.last_response_url))[0]
    assert "担当者" in (refusal.text or "")


def test_thanks_by_dm_reach_only_the_raiser(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """Chosen 'privately', the owner's words arrive in the raiser's DM, not the thread."""
    _resolved(bot, driver, slack, clock)
    view = _open(driver, slack, _dm_with(slack, OWNER, "care_thank_open"), "care_thank_open", OWNER)
    values = {
        "thanks_text": {
            "type": "plain_text_input",
            "value": "You kept the client calm on a hard call. Thank you.",
        },
        "thanks_where": {"type": "radio_buttons", "selected_option": {"value": "dm"}},
    }
    driver.view_submission(view, values, user=OWNER)
    dm = slack.wait_for(lambda: [m for m in slack.dm_messages(RAISER) if "💐" in m.text])[0]
    assert "kept the client calm" in dm.text and "<@UOWNER>" in dm.text
    assert not any("💐" in m.text for m in thread_of(slack))


def test_confidential_raiser_asks_for_a_check_in_right_after_a_meeting(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """In the private space a button offers a check-in after a meeting; only the raiser can use it, and
    the check-in comes at the time chosen, even at 19:00 (outside working hours)."""
    raise_at(bot, driver, slack, clock, local("2026-11-24 10:00", TOKYO), confidential=True)
    with bot.deps.reads() as session:
        space = session.scalars(select(Escalation.channel_id)).one()
    assert space is not None
    offer = slack.wait_for(lambda: [m for m in slack.messages(space) if "care_meeting" in str(m.blocks)])[0]
    assert offer.is_reply and "<@URAISER>" in offer.text
    driver.block_action("care_meeting", user=OWNER, value=button_value(offer, "care_meeting"), channel=space)
    refusal = slack.wait_for(lambda: slack.responses(driver.last_response_url))[0]
    assert "raised #1" in (refusal.text or "")

    view = _open(driver, slack, offer, "care_meeting", RAISER)
    ends = local("2026-11-24 19:00", TOKYO)
    past = {
        "meeting_at": {
            "type": "datetimepicker",
            "selected_date_time": int((clock.now() - timedelta(hours=1)).timestamp()),
        }
    }
    assert driver.view_submission(view, past, user=RAISER).json()["response_action"] == "errors"
    values = {"meeting_at": {"type": "datetimepicker", "selected_date_time": int(ends.timestamp())}}
    driver.view_submission(view, values, user=RAISER)
    slack.wait_for(lambda: [m for m in slack.dm_messages(RAISER) if "打ち合わせのあと" in m.text])
    settled(bot, slack)
    run_at(bot, slack, clock, local("2026-11-24 18:59", TOKYO))
    before = len(checkins(slack))
    run_at(bot, slack, clock, local("2026-11-24 19:01", TOKYO))
    assert len(checkins(slack)) == before + 1 and "打ち合わせ" in checkins(slack)[-1].text
    assert HEAD not in str(checkins(slack)[-1].blocks)
