"""Check-ins for the raiser: when they come (working hours, time zones, holidays, Do Not Disturb, leave),
and what each answer does (snooze, stop, stop all, a rough streak, at most one reminder)."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select

from bot.app import Itabasami
from handlers.ids import View
from playground.clock import FixedClock
from playground.slack.slack_server import FakeSlack
from storage.models import ScheduledSend
from tests.care.helpers import (
    MOOD_LOW,
    MOOD_OKAY,
    MOOD_ROUGH,
    NY,
    TOKYO,
    button_value,
    checkins,
    local,
    press,
    raise_at,
    resolve,
    run_at,
)
from tests.conftest import ADMIN, ADMIN_CHANNEL, HEAD, OWNER, PEER, RAISER, BotFactory, settled
from tests.escalate.test_timers import _driver
from tests.support.driver import SlackDriver
from tests.vent.helpers import PEER_ENV, populate_peer


def test_tokyo_raiser_gets_one_a_few_hours_later_and_one_next_morning(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """Raised at 10:00 in Tokyo: a check-in at 13:00 and at 09:00 the next working day, in Japanese,
    with the mood scale and every choice; none earlier."""
    raise_at(bot, driver, slack, clock, local("2026-11-24 10:00", TOKYO))
    run_at(bot, slack, clock, local("2026-11-24 12:59", TOKYO))
    assert checkins(slack) == []
    run_at(bot, slack, clock, local("2026-11-24 13:01", TOKYO))
    [first] = checkins(slack)
    assert "いかがお過ごしですか" in first.text
    shown = str(first.blocks)
    for action in (
        "care_mood_1",
        "care_mood_5",
        "care_vent",
        "care_peer",
        "care_snooze",
        "care_stop",
        "care_stop_all",
    ):
        assert action in shown
    assert "見ることはありません" in shown  # the answer stays theirs
    run_at(bot, slack, clock, local("2026-11-25 08:59", TOKYO))
    assert len(checkins(slack)) == 1
    run_at(bot, slack, clock, local("2026-11-25 09:01", TOKYO))
    assert len(checkins(slack)) == 2 and "おはようございます" in checkins(slack)[1].text


def test_evening_raise_in_new_york_gives_one_check_in_next_morning(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """Raised at 17:00 in New York: '3 h later' falls in the evening and waits for the morning, where the
    next-morning check-in already is, so one check-in arrives at 09:00 New York time, in English."""
    raise_at(bot, driver, slack, clock, local("2026-11-24 17:00", NY), owner=OWNER, raiser=HEAD)
    run_at(bot, slack, clock, local("2026-11-24 20:30", NY))
    assert checkins(slack, HEAD) == []
    run_at(bot, slack, clock, local("2026-11-25 09:00", NY))
    run_at(bot, slack, clock, local("2026-11-25 14:00", NY))
    [only_one] = checkins(slack, HEAD)
    assert "Good morning" in only_one.text


def test_holidays_and_weekends_are_skipped(make_bot: BotFactory, slack: FakeSlack, clock: FixedClock) -> None:
    """With HOLIDAY_COUNTRY=JP, raised on Friday evening in Tokyo: nothing over the weekend or on
    Monday 23 November (勤労感謝の日); the check-in comes on Tuesday morning."""
    bot = make_bot(HOLIDAY_COUNTRY="JP")
    driver = _driver(bot, slack)
    raise_at(bot, driver, slack, clock, local("2026-11-20 17:30", TOKYO))
    run_at(bot, slack, clock, local("2026-11-21 10:00", TOKYO))
    run_at(bot, slack, clock, local("2026-11-23 10:00", TOKYO))
    assert checkins(slack) == []
    run_at(bot, slack, clock, local("2026-11-24 09:01", TOKYO))
    assert len(checkins(slack)) == 1


def test_do_not_disturb_holds_a_check_in_until_it_ends(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """A check-in due while the raiser has Do Not Disturb on waits for its end (asked with dnd.info)."""
    raise_at(bot, driver, slack, clock, local("2026-11-24 10:00", TOKYO))
    due = local("2026-11-24 13:00", TOKYO)
    slack.set_dnd(
        RAISER,
        next_dnd_start_ts=int((due - timedelta(minutes=30)).timestamp()),
        next_dnd_end_ts=int((due + timedelta(hours=1)).timestamp()),
    )
    run_at(bot, slack, clock, due + timedelta(minutes=5))
    assert checkins(slack) == [] and slack.calls("dnd.info")
    run_at(bot, slack, clock, due + timedelta(minutes=50))
    assert checkins(slack) == []
    run_at(bot, slack, clock, due + timedelta(hours=1, minutes=1))
    assert len(checkins(slack)) == 1


def test_leave_holds_check_ins_until_the_person_is_back(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """A raiser on leave (`/escalate away`) hears nothing until the working morning after it ends."""
    raise_at(bot, driver, slack, clock, local("2026-11-24 10:00", TOKYO))
    driver.command("/escalate", f"away 2026-11-24..2026-11-26 <@{PEER}>", user=RAISER)
    slack.wait_for(lambda: slack.responses(driver.last_response_url))
    for day in ("2026-11-24 13:01", "2026-11-25 09:01", "2026-11-26 15:00"):
        run_at(bot, slack, clock, local(day, TOKYO))
    assert checkins(slack) == []
    run_at(bot, slack, clock, local("2026-11-27 09:01", TOKYO))
    run_at(bot, slack, clock, local("2026-11-27 09:05", TOKYO))
    [back] = checkins(slack)  # the two that waited arrive as one, without "a few hours ago"
    assert "このところ" in back.text


def test_snooze_asks_again_tomorrow_instead(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """'Ask me tomorrow' replaces the check-in with a short note; the next-morning one makes way for a
    check-in a day later."""
    raise_at(bot, driver, slack, clock, local("2026-11-24 10:00", TOKYO))
    run_at(bot, slack, clock, local("2026-11-24 13:05", TOKYO))
    replaced = press(driver, slack, checkins(slack)[0], "care_snooze")
    assert replaced.replace_original and "明日また" in (replaced.text or "")
    settled(bot, slack)
    run_at(bot, slack, clock, local("2026-11-25 09:30", TOKYO))
    assert len(checkins(slack)) == 1
    run_at(bot, slack, clock, local("2026-11-25 13:10", TOKYO))
    assert len(checkins(slack)) == 2 and "お約束どおり" in checkins(slack)[1].text


def test_stop_for_one_escalation_and_stop_all(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """'No more about #1' ends that escalation's check-ins, even after it is resolved; 'stop all' means a
    new escalation plans none."""
    first = raise_at(bot, driver, slack, clock, local("2026-11-24 10:00", TOKYO))
    run_at(bot, slack, clock, local("2026-11-24 13:05", TOKYO))
    replaced = press(driver, slack, checkins(slack)[0], "care_stop")
    assert "#1" in (replaced.text or "") and "終わりにします" in (replaced.text or "")
    settled(bot, slack)
    resolve(driver, slack, bot, first)
    for day in ("2026-11-25 09:30", "2026-11-26 13:00", "2026-11-27 13:00"):
        run_at(bot, slack, clock, local(day, TOKYO))
    assert len(checkins(slack)) == 1

    raise_at(bot, driver, slack, clock, local("2026-11-30 10:00", TOKYO))
    run_at(bot, slack, clock, local("2026-11-30 13:05", TOKYO))
    second = checkins(slack)[-1]
    assert "#2" in str(second.blocks)
    assert "止めました" in (press(driver, slack, second, "care_stop_all").text or "")
    settled(bot, slack)
    raise_at(bot, driver, slack, clock, local("2026-12-01 10:00", TOKYO))
    for day in ("2026-12-01 13:05", "2026-12-02 09:30"):
        run_at(bot, slack, clock, local(day, TOKYO))
    assert len(checkins(slack)) == 2
    assert _pending_checkins(bot) == []


def test_two_rough_answers_bring_the_next_check_in_sooner_and_offer_a_supporter(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """A rough answer is thanked kindly with a choice of support; a second in a row adds a peer-supporter
    offer and a check-in 2 h later (in working hours); an okay answer resets the streak."""
    raise_at(bot, driver, slack, clock, local("2026-11-24 10:00", TOKYO))
    run_at(bot, slack, clock, local("2026-11-24 13:05", TOKYO))
    first = press(driver, slack, checkins(slack)[0], MOOD_ROUGH)
    assert "つらかった" in (first.text or "") and "care_support_listen" in str(first.blocks)
    assert "care_peer" not in str(first.blocks)
    settled(bot, slack)
    run_at(bot, slack, clock, local("2026-11-25 09:05", TOKYO))
    second = press(driver, slack, checkins(slack)[1], MOOD_LOW)
    assert "care_peer" in str(second.blocks) and "少し早め" in str(second.blocks)
    settled(bot, slack)
    run_at(bot, slack, clock, local("2026-11-25 11:04", TOKYO))
    assert len(checkins(slack)) == 2
    run_at(bot, slack, clock, local("2026-11-25 11:06", TOKYO))
    assert len(checkins(slack)) == 3 and "もう一度うかがっています" in checkins(slack)[2].text
    third = press(driver, slack, checkins(slack)[2], MOOD_OKAY)
    assert "care_peer" not in str(third.blocks)


def test_support_kinds_offer_only_what_was_asked_for(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """'Help me now' offers a peer supporter and the consultation desk; 'just listen' suggests nothing
    more, and later check-ins stay short."""
    raise_at(bot, driver, slack, clock, local("2026-11-24 10:00", TOKYO))
    run_at(bot, slack, clock, local("2026-11-24 13:05", TOKYO))
    thanked = press(driver, slack, checkins(slack)[0], MOOD_LOW)
    help_now = press(driver, slack, thanked, "care_support_help")
    assert "care_peer" in str(help_now.blocks) and "care_desk" in str(help_now.blocks)
    listen = press(driver, slack, thanked, "care_support_listen")  # as if chosen instead
    assert "お話をうかがいます" in (listen.text or "") and "care_desk" not in str(listen.blocks)
    settled(bot, slack)
    run_at(bot, slack, clock, local("2026-11-25 09:05", TOKYO))
    quiet = str(checkins(slack)[1].blocks)
    assert "care_mood_1" in quiet and "care_snooze" in quiet and "care_peer" not in quiet


def test_no_answer_gets_one_gentle_reminder_and_no_report(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """Unanswered check-ins bring exactly one reminder, a working day after the last one; nobody else
    hears anything about it."""
    raise_at(bot, driver, slack, clock, local("2026-11-24 10:00", TOKYO))
    for day in range(24, 31):
        for hour in ("09:05", "13:05", "17:30"):
            run_at(bot, slack, clock, local(f"2026-11-{day} {hour}", TOKYO))
    received = checkins(slack)
    reminders = [m for m in received if "埋もれていたら" in m.text]
    assert len(received) == 3 and len(reminders) == 1
    assert received[-1] is not None and "埋もれていたら" in received[-1].text
    for person in (OWNER, HEAD, ADMIN):
        assert not any("care_" in str(m.blocks) for m in slack.dm_messages(person))
    assert not any("care" in m.text for m in slack.messages(ADMIN_CHANNEL))


def test_resolution_brings_one_check_in_a_working_day_later(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """Resolved on Tuesday afternoon in Los Angeles: the Tokyo raiser's check-ins planned from raising
    are replaced by one on their next working day, asking how they feel now that it is resolved."""
    escalation = raise_at(bot, driver, slack, clock, local("2026-11-24 10:00", TOKYO))
    clock.set(local("2026-11-24 11:00", TOKYO))
    resolve(driver, slack, bot, escalation)
    run_at(bot, slack, clock, local("2026-11-24 13:05", TOKYO))
    assert checkins(slack) == []
    run_at(bot, slack, clock, local("2026-11-25 11:05", TOKYO))
    [after] = checkins(slack)
    assert "解決しました" in after.text


def _pending_checkins(bot: Itabasami) -> list[str]:
    with bot.deps.reads() as session:
        rows = session.scalars(
            select(ScheduledSend.key).where(
                ScheduledSend.kind == "care.checkin", ScheduledSend.status == "pending"
            )
        )
        return list(rows)


def test_post_anonymously_explains_when_peer_support_is_off(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """Without PEER_CHANNEL, 'Post anonymously' answers with a polite note and keeps the check-in."""
    raise_at(bot, driver, slack, clock, local("2026-11-24 10:00", TOKYO))
    run_at(bot, slack, clock, local("2026-11-24 13:05", TOKYO))
    note = press(driver, slack, checkins(slack)[0], "care_vent")
    assert "匿名の投稿はまだ使えません" in (note.text or "") and not note.replace_original


def test_post_anonymously_opens_the_vent_form_in_the_persons_language(
    make_bot: BotFactory, slack: FakeSlack, clock: FixedClock
) -> None:
    """With peer support on, the check-in's button opens the real /vent form with the click's trigger."""
    bot = make_bot(**PEER_ENV)
    populate_peer(slack)
    driver = _driver(bot, slack)
    raise_at(bot, driver, slack, clock, local("2026-11-24 10:00", TOKYO))
    run_at(bot, slack, clock, local("2026-11-24 13:05", TOKYO))
    message = checkins(slack)[0]
    before = len(slack.views_opened())
    driver.block_action(
        "care_vent", user=RAISER, value=button_value(message, "care_vent"), channel=message.channel
    )
    opened = slack.wait_for(lambda: slack.views_opened()[before:])[0]
    assert opened.view["callback_id"] == View.VENT
    assert "匿名" in json.dumps(opened.view, ensure_ascii=False)  # the raiser works in Japanese
    assert slack.responses(driver.last_response_url) == []  # no note: the form is the answer
