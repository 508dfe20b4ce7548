"""The weekly digest: opt-in per manager, the figures for everyone below them in the chain, sent once a
week at DIGEST_SCHEDULE in their own time zone; peer totals only from five posts; never mood data."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.app import Itabasami
from bot.care.peer_hooks import PeerHooks
from playground.clock import FixedClock
from playground.slack.slack_models import Message
from playground.slack.slack_server import FakeSlack
from tests.care.helpers import NY, TOKYO, local, raise_at, resolve, run_at
from tests.conftest import ADMIN, CHIEF, HEAD, OWNER, PEER, RAISER, BotFactory, settled
from tests.escalate.test_timers import _driver, set_chain
from tests.support.driver import SlackDriver
from tests.vent.helpers import (
    AUTHOR,
    COLLEAGUE,
    OTHER_AUTHOR,
    PEER_ENV,
    populate_peer,
    reply_anonymously,
    vent,
)


def _digests(slack: FakeSlack, user: str) -> list[Message]:
    return [m for m in slack.dm_messages(user) if "digest" in m.text.lower() or "週次まとめ" in m.text]


def _reply(driver: SlackDriver, slack: FakeSlack, text: str, user: str) -> str:
    driver.command("/escalate", text, user=user)
    return slack.wait_for(lambda: slack.responses(driver.last_response_url))[0].text or ""


def _week_of_work(bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock) -> None:
    """Three escalations to the owner this week: one acknowledged after 2 h and resolved, one
    acknowledged after 4 h, one still waiting with its promised reply overdue."""
    for day, promise in (("2026-11-24", None), ("2026-11-25", None), ("2026-11-26", "2026-11-27 12:00")):
        escalation = raise_at(bot, driver, slack, clock, local(f"{day} 10:00", TOKYO))
        if promise is not None:
            _promise(bot, escalation, local(promise, TOKYO))
            continue
        hours = 2 if day == "2026-11-24" else 4
        clock.set(local(f"{day} 10:00", TOKYO) + timedelta(hours=hours))
        driver.block_action("esc_acknowledge", user=OWNER, value=str(escalation))
        slack.wait_for(lambda escalation=escalation: _status(bot, escalation) == "acknowledged")
        settled(bot, slack)
        if day == "2026-11-24":
            resolve(driver, slack, bot, escalation)


def test_manager_gets_their_teams_week_once_on_monday_morning(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """The owner's manager (New York) opted in: on Monday at 09:00 their time, one DM with the week's
    counts, the median wait for acknowledgement and what is overdue; not before, and not twice."""
    set_chain(driver, slack, bot, OWNER, HEAD)
    clock.set(local("2026-11-23 12:00", NY))
    assert "weekly digest is on" in _reply(driver, slack, "digest on", HEAD)
    _week_of_work(bot, driver, slack, clock)
    run_at(bot, slack, clock, local("2026-11-30 08:59", NY))
    assert _digests(slack, HEAD) == []
    run_at(bot, slack, clock, local("2026-11-30 09:01", NY))
    bot.housekeeping.run_once()
    run_at(bot, slack, clock, local("2026-11-30 10:00", NY))
    [digest] = _digests(slack, HEAD)
    shown = digest.text + str(digest.blocks)
    assert "*3* opened" in shown and "*2* acknowledged" in shown and "*1* resolved" in shown
    assert "Median time to acknowledge: 3 h" in shown and "#3" in shown and "overdue" in shown
    assert "2026-11-23 to 2026-11-30" in shown  # Monday 09:00 to Monday 09:00
    assert _digests(slack, OWNER) == [] and _digests(slack, CHIEF) == []


def test_the_whole_chain_below_counts_and_switching_off_stops_it(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """Two levels up still counts the owner's escalations; `/escalate digest off` cancels the next one."""
    set_chain(driver, slack, bot, OWNER, HEAD)
    set_chain(driver, slack, bot, HEAD, CHIEF)
    clock.set(local("2026-11-23 12:00", NY))
    _reply(driver, slack, "digest on", CHIEF)
    _reply(driver, slack, "digest on", HEAD)
    raise_at(bot, driver, slack, clock, local("2026-11-24 10:00", TOKYO))
    assert "off" in _reply(driver, slack, "digest off", HEAD)
    settled(bot, slack)
    run_at(bot, slack, clock, local("2026-11-30 09:05", NY))
    [digest] = _digests(slack, CHIEF)
    assert "For the 2 people below you" in str(digest.blocks) and "*1* opened" in str(digest.blocks)
    assert _digests(slack, HEAD) == []


def test_peer_totals_appear_only_from_five_posts(
    make_bot: BotFactory, slack: FakeSlack, clock: FixedClock
) -> None:
    """Four posts in the week: no peer-support line at all. Five: workspace totals, nothing more."""
    weeks = iter([(4, 9), (5, 12)])
    bot = make_bot(peer_hooks=PeerHooks(week_totals=lambda session, start, end: next(weeks)))
    driver = _driver(bot, slack)
    set_chain(driver, slack, bot, OWNER, HEAD)
    clock.set(local("2026-11-23 12:00", NY))
    _reply(driver, slack, "digest on", HEAD)
    run_at(bot, slack, clock, local("2026-11-30 09:05", NY))
    run_at(bot, slack, clock, local("2026-12-07 09:05", NY))
    first, second = _digests(slack, HEAD)
    assert "Peer support" not in str(first.blocks)
    assert "Peer support across the workspace this week: 5 posts, 12 replies." in str(second.blocks)


def test_peer_totals_count_the_weeks_real_posts_and_replies(
    make_bot: BotFactory, slack: FakeSlack, clock: FixedClock
) -> None:
    """Five anonymous posts and two anonymous replies during the week: the digest shows those totals."""
    bot = make_bot(**PEER_ENV)
    populate_peer(slack)
    driver = _driver(bot, slack)
    set_chain(driver, slack, bot, OWNER, HEAD)
    clock.set(local("2026-11-23 12:00", NY))
    _reply(driver, slack, "digest on", HEAD)
    posts = []
    for hour, author in enumerate([AUTHOR, OTHER_AUTHOR, AUTHOR, OTHER_AUTHOR, AUTHOR]):
        clock.set(local(f"2026-11-24 {10 + hour}:00", TOKYO))
        posts.append(vent(bot, driver, slack, f"今日のこと その{hour + 1}", user=author))
    reply_anonymously(bot, driver, slack, posts[0], "お疲れさまです", user=COLLEAGUE)
    reply_anonymously(bot, driver, slack, posts[0], "ありがとう", user=AUTHOR)
    run_at(bot, slack, clock, local("2026-11-30 09:05", NY))
    [digest] = _digests(slack, HEAD)
    assert "Peer support across the workspace this week: 5 posts, 2 replies." in str(digest.blocks)


def test_the_digest_never_carries_check_in_answers(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """The raiser answered two check-ins roughly: the manager's digest says nothing of it."""
    from tests.care.helpers import MOOD_LOW, MOOD_ROUGH, checkins, press

    set_chain(driver, slack, bot, OWNER, HEAD)
    clock.set(local("2026-11-23 12:00", NY))
    _reply(driver, slack, "digest on", HEAD)
    raise_at(bot, driver, slack, clock, local("2026-11-24 10:00", TOKYO))
    run_at(bot, slack, clock, local("2026-11-24 13:05", TOKYO))
    press(driver, slack, checkins(slack)[0], MOOD_ROUGH)
    settled(bot, slack)
    run_at(bot, slack, clock, local("2026-11-25 09:05", TOKYO))
    press(driver, slack, checkins(slack)[1], MOOD_LOW)
    settled(bot, slack)
    run_at(bot, slack, clock, local("2026-11-30 09:05", NY))
    [digest] = _digests(slack, HEAD)
    shown = (digest.text + str(digest.blocks)).lower()
    for word in ("mood", "check-in", "rough", "not great", "supporter", "つらい", "care_", RAISER.lower()):
        assert word not in shown
    assert _digests(slack, ADMIN) == [] and _digests(slack, PEER) == []


def _promise(bot: Itabasami, escalation_id: int, at: datetime) -> None:
    from storage.models import Escalation

    with bot.deps.sessions.begin() as session:
        esc = session.get(Escalation, escalation_id)
        assert esc is not None
        esc.promised_at = at


def _status(bot: Itabasami, escalation_id: int) -> str:
    from storage.models import Escalation

    with bot.deps.reads() as session:
        esc = session.get(Escalation, escalation_id)
        return esc.status if esc is not None else ""
