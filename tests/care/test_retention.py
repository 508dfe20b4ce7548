"""Retention: resolved escalations' details go after RETENTION_DAYS (by default they are kept), and
vents after VENT_RETENTION_DAYS through the peer-support feature's hook."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from bot.app import Itabasami
from bot.care.peer_hooks import PeerHooks
from playground.clock import FixedClock
from playground.slack.slack_server import FakeSlack
from storage.models import Escalation, ScheduledSend, TimelineEntry, VentPost, VentReply
from tests.care.helpers import TOKYO, local, raise_at, resolve
from tests.conftest import BotFactory, settled
from tests.escalate.test_timers import _driver
from tests.vent.helpers import (
    COLLEAGUE,
    PEER_CHANNEL,
    PEER_ENV,
    populate_peer,
    posts_in_channel,
    reply_anonymously,
    vent,
)


def _escalations(bot: Itabasami) -> dict[int, Escalation]:
    with bot.deps.reads() as session:
        return {e.number: e for e in session.scalars(select(Escalation))}


def _details(bot: Itabasami, escalation_id: int) -> list[object]:
    with bot.deps.reads() as session:
        timeline = session.scalars(
            select(TimelineEntry.detail).where(TimelineEntry.escalation_id == escalation_id)
        )
        payloads = session.scalars(
            select(ScheduledSend.payload).where(ScheduledSend.escalation_id == escalation_id)
        )
        return [d for d in timeline if d] + [p for p in payloads if p]


def test_details_of_old_resolved_escalations_are_purged(
    make_bot: BotFactory, slack: FakeSlack, clock: FixedClock
) -> None:
    """With RETENTION_DAYS=30, an escalation resolved 31 days ago loses what people wrote (summary,
    client, decision, timeline details, message payloads) but keeps its number, dates and state; one
    resolved 10 days ago and one still open are untouched."""
    bot = make_bot(RETENTION_DAYS="30")
    driver = _driver(bot, slack)
    old = raise_at(bot, driver, slack, clock, local("2026-10-01 10:00", TOKYO))
    resolve(driver, slack, bot, old)
    recent = raise_at(bot, driver, slack, clock, local("2026-10-22 10:00", TOKYO))
    resolve(driver, slack, bot, recent)
    raise_at(bot, driver, slack, clock, local("2026-10-23 10:00", TOKYO))
    clock.set(local("2026-11-01 12:00", TOKYO))
    assert bot.housekeeping.run_once()["escalations"] == 1
    purged, kept, still_open = (_escalations(bot)[n] for n in (1, 2, 3))
    assert (purged.summary, purged.client, purged.resolution, purged.purged_at) == (
        "",
        None,
        None,
        clock.now(),
    )
    assert purged.status == "resolved" and purged.resolved_at is not None and purged.number == 1
    assert _details(bot, old) == []
    assert "late filing" in kept.summary and kept.purged_at is None and _details(bot, recent)
    assert still_open.purged_at is None and still_open.client == "Tanaka Trading"
    assert bot.housekeeping.run_once()["escalations"] == 0  # once is enough


def test_by_default_nothing_is_purged(bot: Itabasami, slack: FakeSlack, clock: FixedClock) -> None:
    """RETENTION_DAYS unset keeps everything, however old."""
    driver = _driver(bot, slack)
    first = raise_at(bot, driver, slack, clock, local("2025-01-06 10:00", TOKYO))
    resolve(driver, slack, bot, first)
    clock.set(local("2026-11-01 12:00", TOKYO))
    assert bot.housekeeping.run_once()["escalations"] == 0
    assert "late filing" in _escalations(bot)[1].summary


def test_vents_are_purged_through_the_peer_support_hook(make_bot: BotFactory, clock: FixedClock) -> None:
    """The hook is asked to purge what is older than VENT_RETENTION_DAYS (90 by default); `keep` skips it."""
    asked: list[datetime] = []

    def purge(session: object, *, before: datetime) -> int:
        asked.append(before)
        return 3

    bot = make_bot(peer_hooks=PeerHooks(purge_before=purge))
    assert bot.housekeeping.run_once()["vents"] == 3
    assert asked == [clock.now() - timedelta(days=90)]
    kept = make_bot(VENT_RETENTION_DAYS="keep", peer_hooks=PeerHooks(purge_before=purge))
    assert kept.housekeeping.run_once()["vents"] == 0 and len(asked) == 1


def test_old_vents_leave_slack_and_the_database_after_ninety_days(
    make_bot: BotFactory, slack: FakeSlack, clock: FixedClock
) -> None:
    """A vent from July, with an anonymous reply, is gone in November; last week's vent stays."""
    bot = make_bot(**PEER_ENV)
    populate_peer(slack)
    driver = _driver(bot, slack)
    clock.set(local("2026-07-01 10:00", TOKYO))
    old = vent(bot, driver, slack, "七月のつらかった話")
    reply_anonymously(bot, driver, slack, old, "わかります", user=COLLEAGUE)
    clock.set(local("2026-10-28 10:00", TOKYO))
    recent = vent(bot, driver, slack, "先週の話")
    clock.set(local("2026-11-02 12:00", TOKYO))
    assert bot.housekeeping.run_once()["vents"] == 1
    bot.dispatcher.run_once()
    settled(bot, slack)
    assert [m.ts for m in posts_in_channel(slack)] == [recent.message.ts]
    assert slack.thread(PEER_CHANNEL, old.message.ts) == []
    with bot.deps.reads() as session:
        assert list(session.scalars(select(VentPost.public_id))) == [recent.public_id]
        assert list(session.scalars(select(VentReply))) == []
    assert bot.housekeeping.run_once()["vents"] == 0


def test_the_weekly_thread_stays_but_its_old_anonymous_replies_go(
    make_bot: BotFactory, slack: FakeSlack, clock: FixedClock
) -> None:
    """The weekly thanks thread is the bot's own and stays; an anonymous thank-you in it is as much a
    colleague's words as a vent, so it goes after VENT_RETENTION_DAYS like one."""
    from datetime import UTC

    from bot.peer.model import PostKind

    bot = make_bot(**PEER_ENV, ENCOURAGEMENT_SCHEDULE="fri 16:00")
    populate_peer(slack)
    driver = _driver(bot, slack)
    clock.set(datetime(2026, 7, 3, 7, 1, tzinfo=UTC))  # Friday 16:01 in Tokyo
    bot.run_periodic()
    bot.run_periodic()
    settled(bot, slack)
    (weekly,) = posts_in_channel(slack)
    from tests.vent.helpers import Posted, reply_value

    thread = Posted(reply_value(weekly), weekly)
    reply = reply_anonymously(bot, driver, slack, thread, "佐藤さん、いつもありがとう", user=COLLEAGUE)
    assert reply.ts in [m.ts for m in slack.thread(PEER_CHANNEL, weekly.ts)]
    clock.set(datetime(2026, 11, 2, 3, 0, tzinfo=UTC))
    assert bot.housekeeping.run_once()["vents"] == 0  # no post went: the thread is not one
    bot.dispatcher.run_once()
    settled(bot, slack)
    assert [m.ts for m in posts_in_channel(slack)] == [weekly.ts]
    assert [m.ts for m in slack.thread(PEER_CHANNEL, weekly.ts) if m.ts != weekly.ts] == []
    with bot.deps.reads() as session:
        assert list(session.scalars(select(VentPost.kind))) == [PostKind.WEEKLY.value]
        assert list(session.scalars(select(VentReply))) == []
