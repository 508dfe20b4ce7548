"""Nudges, the escalation chain, promised-reply and client-update reminders, in working hours."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.app import Itabasami
from playground.clock import FixedClock
from playground.slack.slack_server import FakeSlack
from storage.models import Escalation, ScheduledSend
from tests.conftest import (
    ADMIN,
    ADMIN_CHANNEL,
    CHIEF,
    ESCALATION_CHANNEL,
    HEAD,
    OWNER,
    PEER,
    RAISER,
    BotFactory,
    settled,
)
from tests.escalate.helpers import thread_texts
from tests.escalate.test_modal import answers, open_form
from tests.support.driver import SlackDriver

LA, NY, TOKYO = ZoneInfo("America/Los_Angeles"), ZoneInfo("America/New_York"), ZoneInfo("Asia/Tokyo")


def local(when: str, tz: ZoneInfo) -> datetime:
    return datetime.fromisoformat(when).replace(tzinfo=tz)


def raise_with_form(
    driver: SlackDriver,
    slack: FakeSlack,
    bot: Itabasami,
    *,
    owner: str = OWNER,
    raiser: str = RAISER,
    severity: str = "normal",
    promised: datetime | None = None,
    cadence: int | None = None,
) -> Any:
    view = open_form(driver, slack, user=raiser)
    values = answers(owner=owner, severity={"type": "radio_buttons", "selected_option": {"value": severity}})
    if promised is not None:
        values["promised"] = {"type": "datetimepicker", "selected_date_time": int(promised.timestamp())}
    if cadence is not None:
        values["cadence"] = {"type": "static_select", "selected_option": {"value": str(cadence)}}
    before = len([m for m in slack.messages(ESCALATION_CHANNEL) if not m.is_reply])
    driver.view_submission(view, values, user=raiser)
    slack.wait_for(lambda: len([m for m in slack.messages(ESCALATION_CHANNEL) if not m.is_reply]) > before)
    settled(bot, slack)
    return [m for m in slack.messages(ESCALATION_CHANNEL) if not m.is_reply][-1]


def advance_and_run(bot: Itabasami, slack: FakeSlack, clock: FixedClock, delta: timedelta) -> None:
    clock.advance(delta)
    bot.dispatcher.run_once()
    settled(bot, slack)


def nudges(slack: FakeSlack, user: str) -> list[str]:
    return [
        m.text
        for m in slack.dm_messages(user)
        if "esc_snooze_30m" in str(m.blocks) and "esc_acknowledge" in str(m.blocks)
    ]


def pending_timers(bot: Itabasami) -> list[str]:
    with bot.deps.reads() as session:
        return list(
            session.scalars(
                select(ScheduledSend.key).where(
                    ScheduledSend.kind == "escalation.timer", ScheduledSend.status == "pending"
                )
            )
        )


def set_chain(driver: SlackDriver, slack: FakeSlack, bot: Itabasami, person: str, manager: str) -> None:
    driver.command("/escalate", f"chain <@{person}> <@{manager}>", user=ADMIN)
    url = driver.last_response_url
    assert "Saved" in (slack.wait_for(lambda: slack.responses(url))[0].text or "")


def test_first_nudge_comes_after_the_severity_timeout(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """Urgent: the owner is nudged 15 minutes after raising, not before."""
    clock.set(local("2026-11-24 09:00", LA))
    raise_with_form(driver, slack, bot, severity="urgent")
    advance_and_run(bot, slack, clock, timedelta(minutes=14))
    assert nudges(slack, OWNER) == []
    advance_and_run(bot, slack, clock, timedelta(minutes=2))
    [nudge] = nudges(slack, OWNER)
    assert "still waiting for your acknowledgement" in nudge


def test_normal_and_low_wait_two_hours_and_a_day(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """Normal severity waits 2 h; low waits 1 day (both inside the owner's working hours here)."""
    clock.set(local("2026-11-24 09:00", LA))
    raise_with_form(driver, slack, bot, severity="normal")
    raise_with_form(driver, slack, bot, severity="low", owner=HEAD)
    advance_and_run(bot, slack, clock, timedelta(hours=1, minutes=59))
    assert nudges(slack, OWNER) == []
    advance_and_run(bot, slack, clock, timedelta(minutes=2))
    assert len(nudges(slack, OWNER)) == 1 and nudges(slack, HEAD) == []
    advance_and_run(bot, slack, clock, timedelta(hours=22))
    assert len(nudges(slack, HEAD)) == 1


def test_chain_climbs_two_levels_then_tells_admins(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """After two nudges the owner's manager is brought in (mentioned with the reason, and DM'd), then the
    manager's manager; at the top of the chain the admins are told. The manager's acknowledgement stops it."""
    clock.set(local("2026-11-24 09:00", LA))
    set_chain(driver, slack, bot, OWNER, HEAD)
    set_chain(driver, slack, bot, HEAD, CHIEF)
    card = raise_with_form(driver, slack, bot, severity="urgent")
    for _ in range(2):
        advance_and_run(bot, slack, clock, timedelta(minutes=15))
    assert len(nudges(slack, OWNER)) == 2
    assert "【再送】" not in nudges(slack, OWNER)[1] and "Sent again" in nudges(slack, OWNER)[1]

    advance_and_run(bot, slack, clock, timedelta(minutes=15))
    line = next(t for t in thread_texts(slack, _posted(card)) if "<@UHEAD>" in t)
    assert "No acknowledgement for 45 min" in line and "<@UOWNER>" in line
    assert any("next person in the escalation chain" in m.text for m in slack.dm_messages(HEAD))

    advance_and_run(bot, slack, clock, timedelta(minutes=15))
    assert any("<@UCHIEF>" in t and "1 h" in t for t in thread_texts(slack, _posted(card)))
    advance_and_run(bot, slack, clock, timedelta(minutes=15))
    notice = slack.wait_for(
        lambda: [m for m in slack.messages(ADMIN_CHANNEL) if "nobody is set above" in m.text]
    )
    assert "<@UCHIEF>" in notice[0].text

    driver.block_action("esc_acknowledge", user=HEAD, value=_value(card), message_ts=card.ts)
    slack.wait_for(lambda: _status(bot) == "acknowledged")
    settled(bot, slack)
    assert pending_timers(bot) == []


def test_reminder_before_the_promise_and_overdue_notice_at_it(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """30 min before the promised reply, owner and raiser are reminded, each in their own language; at the
    promised time the thread says it is due. The raiser is asleep in Tokyo, but a promise does not wait."""
    clock.set(local("2026-11-24 09:00", LA))
    promised = local("2026-11-24 12:00", LA)
    card = raise_with_form(driver, slack, bot, promised=promised)
    driver.block_action("esc_acknowledge", user=OWNER, value=_value(card), message_ts=card.ts)
    slack.wait_for(lambda: _status(bot) == "acknowledged")
    advance_and_run(bot, slack, clock, timedelta(hours=2, minutes=29))
    assert _reminders(slack, OWNER) == [] and _reminders(slack, RAISER) == []
    advance_and_run(bot, slack, clock, timedelta(minutes=1))
    assert "was promised a reply by" in _reminders(slack, OWNER)[0]
    assert "お伝えしています" in _reminders(slack, RAISER)[0]
    assert "Past the reply time" not in str(_current(slack, card).blocks)
    advance_and_run(bot, slack, clock, timedelta(minutes=30))
    assert any("is due now" in t for t in thread_texts(slack, _posted(card)))
    assert "Past the reply time promised to the client" in str(_current(slack, card).blocks)  # in place
    # the Homes are republished too, without anyone opening them again, each in its reader's language
    owner_home, raiser_home = slack.home(OWNER), slack.home(RAISER)
    assert owner_home is not None and "*Overdue:*" in str(owner_home["blocks"])
    assert raiser_home is not None and "期限超過" in str(raiser_home["blocks"])


def test_nudges_wait_for_working_hours_in_each_time_zone(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """A Tokyo raiser escalates at 10:00 their time, to an owner in Los Angeles, where it is 17:00: the
    2-hour nudge falls at 19:00 in LA and waits until 09:00 there the next morning."""
    clock.set(local("2026-11-24 17:00", LA))
    raise_with_form(driver, slack, bot)
    advance_and_run(bot, slack, clock, timedelta(hours=2, minutes=5))
    assert nudges(slack, OWNER) == []
    clock.set(local("2026-11-25 08:55", LA))
    bot.dispatcher.run_once()
    settled(bot, slack)
    assert nudges(slack, OWNER) == []
    advance_and_run(bot, slack, clock, timedelta(minutes=6))
    assert len(nudges(slack, OWNER)) == 1


def test_japanese_public_holiday_is_skipped(
    make_bot: BotFactory, slack: FakeSlack, clock: FixedClock
) -> None:
    """With HOLIDAY_COUNTRY=JP, a nudge for a Tokyo owner due on Friday evening skips Monday 23 November
    (勤労感謝の日) and arrives on Tuesday morning."""
    bot = make_bot(HOLIDAY_COUNTRY="JP")
    driver = _driver(bot, slack)
    clock.set(local("2026-11-20 17:30", TOKYO))
    raise_with_form(driver, slack, bot, owner=PEER, raiser=OWNER)
    clock.set(local("2026-11-23 09:30", TOKYO))
    bot.dispatcher.run_once()
    settled(bot, slack)
    assert nudges(slack, PEER) == []
    clock.set(local("2026-11-24 09:01", TOKYO))
    bot.dispatcher.run_once()
    settled(bot, slack)
    assert len(nudges(slack, PEER)) == 1 and "受付を待っています" in nudges(slack, PEER)[0]


def test_acknowledging_cancels_what_was_pending(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """Once the owner acknowledges, nobody is nudged and the chain never starts."""
    clock.set(local("2026-11-24 09:00", LA))
    set_chain(driver, slack, bot, OWNER, HEAD)
    card = raise_with_form(driver, slack, bot, severity="urgent")
    advance_and_run(bot, slack, clock, timedelta(minutes=16))
    driver.block_action("esc_acknowledge", user=OWNER, value=_value(card), message_ts=card.ts)
    slack.wait_for(lambda: _status(bot) == "acknowledged")
    for _ in range(8):
        advance_and_run(bot, slack, clock, timedelta(minutes=15))
    assert len(nudges(slack, OWNER)) == 1
    assert not any("<@UHEAD>" in t for t in thread_texts(slack, _posted(card)))
    assert pending_timers(bot) == []


def test_a_long_outage_sends_one_nudge_not_five(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """Nudges due while nothing ran are coalesced: one arrives, and the next is planned from then."""
    clock.set(local("2026-11-24 09:00", LA))
    raise_with_form(driver, slack, bot, severity="urgent")
    advance_and_run(bot, slack, clock, timedelta(hours=3))
    assert len(nudges(slack, OWNER)) == 1


def test_snooze_moves_the_next_nudge_but_not_the_chain(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """Snoozing a nudge for 2 h: no nudge in between, but the manager is still brought in on time."""
    clock.set(local("2026-11-24 09:00", LA))
    set_chain(driver, slack, bot, OWNER, HEAD)
    card = raise_with_form(driver, slack, bot, severity="urgent")
    advance_and_run(bot, slack, clock, timedelta(minutes=15))
    nudge = next(m for m in slack.dm_messages(OWNER) if "esc_snooze_2h" in str(m.blocks))
    value = next(
        e["value"]
        for b in nudge.blocks
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "esc_snooze_2h"
    )
    driver.block_action("esc_snooze_2h", user=OWNER, value=value, channel=nudge.channel, message_ts=nudge.ts)
    url = driver.last_response_url
    replaced = slack.wait_for(lambda: slack.responses(url))[0]
    assert replaced.replace_original and "Snoozed" in str(replaced.blocks)
    settled(bot, slack)
    advance_and_run(bot, slack, clock, timedelta(minutes=15))
    advance_and_run(bot, slack, clock, timedelta(minutes=15))
    assert len(nudges(slack, OWNER)) == 1
    assert any("<@UHEAD>" in t for t in thread_texts(slack, _posted(card)))


def test_stand_in_owns_new_escalations_while_away(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """`/escalate away … @standin`: new escalations for the person go to the stand-in, and the card says so;
    `/escalate away off` ends it."""
    clock.set(local("2026-11-24 09:00", LA))
    driver.command("/escalate", f"away 2026-11-24..2026-11-26 <@{HEAD}>", user=OWNER)
    url = driver.last_response_url
    assert "go to <@UHEAD>" in (slack.wait_for(lambda: slack.responses(url))[0].text or "")
    card = raise_with_form(driver, slack, bot)
    assert "Standing in for" in str(card.blocks) and "<@UOWNER>" in str(card.blocks)
    with bot.deps.reads() as session:
        esc = session.scalars(select(Escalation)).one()
        assert (esc.owner_id, esc.original_owner_id) == (HEAD, OWNER)
    slack.wait_for(lambda: [m for m in slack.dm_messages(HEAD) if "escalated #1 to you" in m.text])
    driver.command("/escalate", "away off", user=OWNER)
    url = driver.last_response_url
    assert "Welcome back" in (slack.wait_for(lambda: slack.responses(url))[0].text or "")


def test_client_update_cadence_reminds_until_an_update(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """Every 2 h without a posted update, owner and raiser are reminded; posting an update restarts it."""
    clock.set(local("2026-11-24 09:00", LA))
    card = raise_with_form(driver, slack, bot, cadence=120)
    assert "every 2 h" in str(card.blocks)
    advance_and_run(bot, slack, clock, timedelta(hours=2, minutes=1))
    assert any("no update for 2 h" in m.text for m in slack.dm_messages(OWNER))
    before, forms = len(slack.dm_messages(OWNER)), len(slack.views_opened())
    driver.block_action("esc_post_update", user=OWNER, value=_value(card), message_ts=card.ts)
    record = slack.wait_for(lambda: slack.views_opened()[forms:])[0]
    driver.view_submission(
        record.view | {"id": record.id},
        {"update_text": {"type": "plain_text_input", "value": "Called the client back."}},
        user=OWNER,
    )
    slack.wait_for(lambda: any("Called the client back" in t for t in thread_texts(slack, _posted(card))))
    settled(bot, slack)
    advance_and_run(bot, slack, clock, timedelta(hours=1))
    assert len(slack.dm_messages(OWNER)) == before
    advance_and_run(bot, slack, clock, timedelta(hours=1, minutes=1))
    assert len(slack.dm_messages(OWNER)) == before + 1


def test_chain_is_managed_by_admins(bot: Itabasami, driver: SlackDriver, slack: FakeSlack) -> None:
    """Admins set, show and remove links; loops are refused; others can look but not change."""
    set_chain(driver, slack, bot, OWNER, HEAD)
    set_chain(driver, slack, bot, HEAD, CHIEF)

    def reply(text: str, user: str) -> str:
        driver.command("/escalate", text, user=user)
        url = driver.last_response_url
        return slack.wait_for(lambda: slack.responses(url))[0].text or ""

    assert "<@UOWNER> → <@UHEAD> → <@UCHIEF>" in reply(f"chain <@{OWNER}>", RAISER)
    assert "loop" in reply(f"chain <@{CHIEF}> <@{OWNER}>", ADMIN)
    assert "管理者だけ" in reply(f"chain <@{OWNER}> <@{PEER}>", RAISER)
    assert "Removed" in reply(f"chain <@{HEAD}> none", ADMIN)
    assert "<@UOWNER> → <@UHEAD>." in reply(f"chain <@{OWNER}>", OWNER)


def test_own_working_hours_change_when_nudges_arrive(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """An owner who works 12:00-20:00 gets a nudge due at 19:00 at once instead of the next morning."""
    driver.command("/escalate", "hours 12:00-20:00 mon-fri", user=OWNER)
    url = driver.last_response_url
    assert "12:00–20:00 Mon–Fri" in (slack.wait_for(lambda: slack.responses(url))[0].text or "")
    clock.set(local("2026-11-24 17:00", LA))
    raise_with_form(driver, slack, bot)
    advance_and_run(bot, slack, clock, timedelta(hours=2, minutes=1))
    assert len(nudges(slack, OWNER)) == 1


def _current(slack: FakeSlack, card: Any) -> Any:
    """The card as it stands in the channel now (updates edit it in place)."""
    return next(m for m in slack.messages(card.channel) if m.ts == card.ts)


def _posted(card: Any) -> Any:
    from tests.escalate.helpers import Posted

    value = _value(card)
    return Posted(int(value), card)


def _value(card: Any) -> str:
    return str(next(e["value"] for b in card.blocks if b["type"] == "actions" for e in b["elements"]))


def _status(bot: Itabasami) -> str:
    with bot.deps.reads() as session:
        return str(session.scalars(select(Escalation.status)).one())


def _reminders(slack: FakeSlack, user: str) -> list[str]:
    return [
        m.text
        for m in slack.dm_messages(user)
        if "esc_snooze_30m" in str(m.blocks) and "esc_acknowledge" not in str(m.blocks)
    ]


def _driver(bot: Itabasami, slack: FakeSlack) -> SlackDriver:
    from bot.server import make_wsgi_app
    from tests.conftest import SIGNING_SECRET

    return SlackDriver(make_wsgi_app(bot.bolt, lambda: True), signing_secret=SIGNING_SECRET, fake=slack)


def test_chain_file_seeds_without_overwriting_admins(
    make_bot: BotFactory, slack: FakeSlack, tmp_path: Any, clock: FixedClock
) -> None:
    """ESCALATION_CHAIN_FILE adds links at start-up; a link an admin set in Slack is kept."""
    path = tmp_path / "chain.yml"
    path.write_text(f"{OWNER}: {CHIEF}\n{HEAD}: {CHIEF}\n", encoding="utf-8")
    bot = make_bot(ESCALATION_CHAIN_FILE=str(path))
    driver = _driver(bot, slack)
    set_chain(driver, slack, bot, OWNER, HEAD)
    assert bot.seed_chain() == 1  # HEAD → CHIEF; OWNER → HEAD was set in Slack and stays
    driver.command("/escalate", f"chain <@{OWNER}>", user=RAISER)
    url = driver.last_response_url
    assert "<@UOWNER> → <@UHEAD> → <@UCHIEF>" in (slack.wait_for(lambda: slack.responses(url))[0].text or "")


def test_nudges_go_to_the_stand_in_of_an_owner_who_left(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """An owner who goes on leave after being named: the nudge reaches their stand-in, who can acknowledge."""
    clock.set(local("2026-11-24 09:00", LA))
    card = raise_with_form(driver, slack, bot, severity="urgent")
    driver.command("/escalate", f"away 2026-11-24 <@{HEAD}>", user=OWNER)
    slack.wait_for(lambda: slack.responses(driver.last_response_url))
    advance_and_run(bot, slack, clock, timedelta(minutes=15))
    assert nudges(slack, OWNER) == []
    [nudge] = nudges(slack, HEAD)
    assert "standing in for <@UOWNER>" in nudge
    driver.block_action("esc_acknowledge", user=HEAD, value=_value(card), message_ts=card.ts)
    slack.wait_for(lambda: _status(bot) == "acknowledged")


def test_a_send_that_keeps_failing_is_given_up_and_admins_told(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """A DM Slack keeps refusing is retried with backoff, then marked failed; the admins hear about it
    without the recipient being named."""
    clock.set(local("2026-11-24 09:00", LA))
    raise_with_form(driver, slack, bot, severity="urgent")
    slack.fail_next("chat.postMessage", status=503, times=20, channel=OWNER)
    for _ in range(12):
        advance_and_run(bot, slack, clock, timedelta(minutes=16))
    with bot.deps.reads() as session:
        failed = session.scalars(select(ScheduledSend).where(ScheduledSend.status == "failed")).all()
    assert failed and all(r.attempts == 8 for r in failed)
    notices = [m.text for m in slack.messages(ADMIN_CHANNEL) if "could not be delivered" in m.text]
    assert notices and all("UOWNER" not in n for n in notices)
