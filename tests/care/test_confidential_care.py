"""A confidential escalation's care stays among the people on it: its review, the owner's thanks and
the manager's digest."""

from __future__ import annotations

from sqlalchemy import select

from bot.app import Itabasami
from playground.clock import FixedClock
from playground.slack.slack_server import FakeSlack
from storage.models import Escalation
from tests.care.helpers import NY, TOKYO, local, raise_at, resolve, run_at
from tests.care.test_digest import _digests, _promise, _reply, _status
from tests.care.test_review import ANSWERS, _dm_with, _open, _review_values
from tests.conftest import ESCALATION_CHANNEL, HEAD, OWNER, PEER, RAISER, settled
from tests.escalate.test_timers import set_chain
from tests.support.driver import SlackDriver


def _space(bot: Itabasami) -> str:
    with bot.deps.reads() as session:
        space = session.scalars(select(Escalation.channel_id)).one()
    assert space is not None
    return str(space)


def _confidential_resolved(bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock) -> int:
    escalation = raise_at(bot, driver, slack, clock, local("2026-11-24 10:00", TOKYO), confidential=True)
    resolve(driver, slack, bot, escalation)
    return escalation


def test_a_confidential_review_never_reaches_anyone_not_on_it(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """Shared with 'who needs to know', a confidential review reaches the owner but not a colleague who is
    not on it; the raiser is told who was left out, and nothing of it appears outside the private space."""
    _confidential_resolved(bot, driver, slack, clock)
    space = _space(bot)
    view = _open(driver, slack, _dm_with(slack, RAISER, "care_review_open"), "care_review_open", RAISER)
    driver.view_submission(view, _review_values([PEER, OWNER], ["thread", "people"], **ANSWERS), user=RAISER)
    told = slack.wait_for(lambda: [m for m in slack.dm_messages(RAISER) if "参加していない" in m.text])[0]
    assert f"<@{PEER}>" in told.text and f"<@{OWNER}>" not in told.text
    settled(bot, slack)
    assert any(ANSWERS["review_change"] in str(m.blocks) for m in slack.dm_messages(OWNER))
    assert any(ANSWERS["review_change"] in str(m.blocks) for m in slack.messages(space))
    allowed = {space, OWNER, RAISER, slack.im_channel(OWNER), slack.im_channel(RAISER)}
    for call in slack.calls():
        if any(answer in str(call.args) for answer in ANSWERS.values()):
            assert call.args.get("channel") in allowed, (call.method, call.args.get("channel"))
    assert slack.dm_messages(PEER) == [] and slack.messages(ESCALATION_CHANNEL) == []


def test_thanks_for_a_confidential_escalation_default_to_a_private_message(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """The owner's thank-you form for a confidential escalation starts on 'privately'; sent as is, it
    reaches the raiser by DM and is not posted in the private space."""
    _confidential_resolved(bot, driver, slack, clock)
    space = _space(bot)
    view = _open(driver, slack, _dm_with(slack, OWNER, "care_thank_open"), "care_thank_open", OWNER)
    where = next(b for b in view["blocks"] if b.get("block_id") == "thanks_where")
    assert where["element"]["initial_option"]["value"] == "dm"
    line = next(b for b in view["blocks"] if b.get("block_id") == "thanks_text")["element"]["initial_value"]
    values = {
        "thanks_text": {"type": "plain_text_input", "value": line},
        "thanks_where": {"type": "radio_buttons", "selected_option": where["element"]["initial_option"]},
    }
    driver.view_submission(view, values, user=OWNER)
    slack.wait_for(lambda: [m for m in slack.dm_messages(RAISER) if "💐" in m.text])
    settled(bot, slack)
    assert not any("💐" in m.text for m in slack.messages(space))


def test_digest_shows_a_confidential_overdue_escalation_only_by_number_and_time(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """A manager who is not on a confidential escalation sees it overdue in the digest as its number and
    promised time only: no owner, no link to its private space."""
    set_chain(driver, slack, bot, OWNER, HEAD)
    clock.set(local("2026-11-23 12:00", NY))
    _reply(driver, slack, "digest on", HEAD)
    escalation = raise_at(bot, driver, slack, clock, local("2026-11-24 10:00", TOKYO), confidential=True)
    driver.block_action("esc_acknowledge", user=OWNER, value=str(escalation))
    slack.wait_for(lambda: _status(bot, escalation) == "acknowledged")
    settled(bot, slack)
    _promise(bot, escalation, local("2026-11-26 12:00", TOKYO))
    space = _space(bot)
    run_at(bot, slack, clock, local("2026-11-30 09:05", NY))
    [digest] = _digests(slack, HEAD)
    shown = digest.text + str(digest.blocks)
    assert "#1 · confidential · promised by" in shown
    assert f"<@{OWNER}>" not in shown and space not in shown and "archives" not in shown
    with bot.deps.reads() as session:
        esc = session.get(Escalation, escalation)
        assert esc is not None and HEAD not in {m.user_id for m in esc.members}  # still not on it
