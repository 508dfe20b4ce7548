"""Peer supporters opt in on the App Home; the bot connects someone with one (or with the consultation
desk) in a group DM only when that person asks, and keeps no record of who asked for whom."""

from __future__ import annotations

from sqlalchemy import select

from bot.app import Itabasami
from playground.clock import FixedClock
from playground.slack.slack_server import FakeSlack
from storage.models import PersonSettings, ScheduledSend
from tests.care.helpers import MOOD_LOW, TOKYO, checkins, local, press, raise_at, run_at
from tests.conftest import DESK, OWNER, PEER, RAISER, settled
from tests.home.helpers import home_action, open_home
from tests.support.driver import SlackDriver


def _volunteer(bot: Itabasami, driver: SlackDriver, slack: FakeSlack, user: str) -> None:
    open_home(bot, driver, slack, user)
    options = [{"value": "checkins"}, {"value": "supporter"}]
    home_action(bot, driver, slack, user, "home_toggles", selected_options=options, type="checkboxes")


def _first_checkin(bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock) -> None:
    raise_at(bot, driver, slack, clock, local("2026-11-24 10:00", TOKYO))
    run_at(bot, slack, clock, local("2026-11-24 13:05", TOKYO))


def test_asking_for_a_peer_opens_a_group_dm_with_a_volunteer(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """The owner volunteered too, but is on the escalation, so the colleague is chosen; the group DM says
    only that a peer was asked for, and the request itself is not kept."""
    _volunteer(bot, driver, slack, PEER)
    _volunteer(bot, driver, slack, OWNER)
    _first_checkin(bot, driver, slack, clock)
    replaced = press(driver, slack, checkins(slack)[0], "care_peer")
    assert "<@UPEER>" in (replaced.text or "") and "何も伝えていません" in (replaced.text or "")
    settled(bot, slack)
    opened = [c for c in slack.calls("conversations.open") if c.ok and "," in str(c.args.get("users"))]
    assert [sorted(str(c.args["users"]).split(",")) for c in opened] == [sorted([RAISER, PEER])]
    group = opened[0].response["channel"]["id"]
    [intro] = slack.messages(group)
    assert "<@URAISER>" in intro.text and "<@UPEER>" in intro.text and "ピアサポーター" in intro.text
    with bot.deps.reads() as session:
        row = session.scalars(select(ScheduledSend).where(ScheduledSend.kind == "care.connect")).one()
        assert row.status == "sent" and RAISER not in str(row.payload) and PEER not in str(row.payload)
        volunteer = session.get(PersonSettings, PEER)
        assert volunteer is not None and volunteer.supporter_connected_at is not None


def test_nobody_volunteered_yet(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """Without volunteers the person is told so kindly, with what else they can do; nothing is opened."""
    _first_checkin(bot, driver, slack, clock)
    replaced = press(driver, slack, checkins(slack)[0], "care_peer")
    assert "まだピアサポーターを申し出た方がいません" in (replaced.text or "")
    assert not [c for c in slack.calls("conversations.open") if "," in str(c.args.get("users"))]


def test_help_now_connects_with_the_consultation_desk_on_request(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """'Help me now' then 'Contact the consultation desk': a group DM with the desk, asking them to reach
    out, and nothing about how the person is doing."""
    _first_checkin(bot, driver, slack, clock)
    thanked = press(driver, slack, checkins(slack)[0], MOOD_LOW)
    offer = press(driver, slack, thanked, "care_support_help")
    replaced = press(driver, slack, offer, "care_desk")
    assert "<@UDESK>" in (replaced.text or "")
    settled(bot, slack)
    group = next(
        c.response["channel"]["id"]
        for c in slack.calls("conversations.open")
        if c.ok and sorted(str(c.args.get("users")).split(",")) == sorted([RAISER, DESK])
    )
    [intro] = slack.messages(group)
    assert "相談窓口と話したい" in intro.text and "あまりよくない" not in intro.text
