"""Floods are refused politely, after the ack: per person per hour, and per owner (never for urgent ones)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select, update

from bot.app import Itabasami
from bot.escalations import limits, service
from bot.escalations.model import Draft, Severity
from playground.clock import FixedClock
from playground.slack.slack_server import FakeSlack
from storage.models import Escalation, ScheduledSend, TimelineEntry
from tests.conftest import DESK, ESCALATION_CHANNEL, HEAD, OWNER, PEER, RAISER, settled
from tests.escalate.helpers import raise_one
from tests.escalate.test_modal import answers, open_form
from tests.support.driver import SlackDriver


def _count(bot: Itabasami) -> int:
    with bot.deps.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(Escalation)) or 0)


def _store(bot: Itabasami, clock: FixedClock, *, raiser: str, owner: str, n: int) -> None:
    """`n` escalations already raised this hour, stored directly and their sends set aside: the flood
    itself is not under test, only what the next request meets."""
    with bot.deps.sessions.begin() as session:
        for i in range(n):
            created = service.create(
                session,
                clock=clock,
                team_id="T0TEAM",
                raiser_id=raiser,
                draft=Draft(owner_id=owner, summary=f"Earlier client problem {i}"),
                policy=bot.deps.policy,
            )
            session.execute(
                update(ScheduledSend)
                .where(ScheduledSend.escalation_id == created.escalation_id)
                .values(status="sent")
            )


def test_a_person_raising_too_many_in_an_hour_is_told_kindly(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """Past ten in an hour, `/escalate` stores and posts nothing, and says (in Japanese) until when."""
    _store(bot, clock, raiser=RAISER, owner=HEAD, n=limits.PER_RAISER)
    cards, dms = len(slack.messages(ESCALATION_CHANNEL)), len(slack.dm_messages(OWNER))
    assert (
        driver.command("/escalate", f"<@{OWNER}> The client wants a call back today.", user=RAISER).status
        == 200
    )
    refusal = slack.wait_for(lambda: slack.responses(driver.last_response_url))[0]
    settled(bot, slack)
    assert "この1時間で 10 件" in str(refusal.text) and "<!date^" in str(refusal.text)
    assert refusal.response_type == "ephemeral"
    assert _count(bot) == limits.PER_RAISER
    assert len(slack.messages(ESCALATION_CHANNEL)) == cards and len(slack.dm_messages(OWNER)) == dms


def test_a_busy_owner_still_gets_urgent_ones(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """With twenty escalations sent to one owner this hour, another colleague's normal one is refused in
    their language, naming the owner and pointing to urgent; an urgent one from the form goes through."""
    _store(bot, clock, raiser=PEER, owner=OWNER, n=limits.PER_RAISER)
    _store(bot, clock, raiser=DESK, owner=OWNER, n=limits.PER_OWNER - limits.PER_RAISER)
    driver.command("/escalate", f"<@{OWNER}> The client disputes the invoice.", user=HEAD)
    refusal = slack.wait_for(lambda: slack.responses(driver.last_response_url))[0]
    assert f"<@{OWNER}> has been sent 20 escalations" in str(refusal.text) and "urgent" in str(refusal.text)
    assert _count(bot) == limits.PER_OWNER
    view = open_form(driver, slack, user=RAISER)
    urgent: dict[str, Any] = {"type": "radio_buttons", "selected_option": {"value": Severity.URGENT.value}}
    driver.view_submission(view, answers(severity=urgent), user=RAISER)
    slack.wait_for(lambda: _count(bot) == limits.PER_OWNER + 1)
    settled(bot, slack)
    assert "wants compensation" in slack.messages(ESCALATION_CHANNEL)[-1].text


def _press(
    driver: SlackDriver, slack: FakeSlack, action: str, value: str, ts: str, user: str
) -> dict[str, Any]:
    before = len(slack.views_opened())
    driver.block_action(action, user=user, value=value, message_ts=ts)
    record = slack.wait_for(lambda: slack.views_opened()[before:])[0]
    return record.view | {"id": record.id}


def _earlier(bot: Itabasami, clock: FixedClock, escalation_id: int, action: str, n: int) -> None:
    with bot.deps.sessions.begin() as session:
        for _ in range(n):
            session.add(
                TimelineEntry(escalation_id=escalation_id, at=clock.now(), actor_id=RAISER, action=action)
            )


def test_updates_and_bring_ins_are_limited_per_hour(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """Past the hour's count, "Post update" and "Bring someone in" change nothing and say so privately."""
    posted = raise_one(bot, driver, slack)
    _earlier(bot, clock, posted.escalation_id, "update", limits.PER_ACTION["update"])
    _earlier(bot, clock, posted.escalation_id, "brought_in", limits.PER_ACTION["brought_in"])
    thread_before = len(slack.thread(ESCALATION_CHANNEL, posted.card.ts))
    view = _press(driver, slack, "esc_post_update", posted.value, posted.card.ts, RAISER)
    update = {"update_text": {"type": "plain_text_input", "value": "Client called again."}}
    driver.view_submission(view, update, user=RAISER)
    said = slack.wait_for(lambda: [m for m in slack.dm_messages(RAISER) if "更新を投稿" in m.text])
    assert "この1時間で 20 回" in said[0].text
    view = _press(driver, slack, "esc_bring_in", posted.value, posted.card.ts, RAISER)
    people = {"people": {"type": "multi_users_select", "selected_users": [DESK]}}
    driver.view_submission(view, people, user=RAISER)
    slack.wait_for(lambda: [m for m in slack.dm_messages(RAISER) if "人を加えられた" in m.text])
    settled(bot, slack)
    assert len(slack.thread(ESCALATION_CHANNEL, posted.card.ts)) == thread_before
    with bot.deps.sessions() as session:
        members = {m.user_id for m in session.get(Escalation, posted.escalation_id).members}  # type: ignore[union-attr]
    assert DESK not in members


def test_hourly_limits_are_a_setting() -> None:
    """HOURLY_LIMITS: a subset changes only what it names; off lifts them; nonsense is refused."""
    from bot.escalations.limits import HourlyLimits

    assert HourlyLimits.parse("raise=3") == HourlyLimits(raise_=3)
    assert HourlyLimits.parse("off") == HourlyLimits(None, None, None, None)
    assert HourlyLimits.parse("owner=off,update=5").owner is None
    for bad in ("raise=0", "raise", "speed=3", "raise=many"):
        with pytest.raises(ValueError, match=r"raise|speed"):
            HourlyLimits.parse(bad)
