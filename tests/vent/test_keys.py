"""The keyed tags and seals anonymity rests on, word matching for crisis lines, and the weekly schedule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.calendar import parse_weekly as parse_schedule
from bot.peer import limits
from bot.peer.anon import Anon, SealBroken
from bot.peer.crisis import DEFAULT_WORDS, suggests_danger
from storage.db import SessionFactory
from storage.models import AnonToken

SECRET = "k" * 40


def test_tags_depend_on_secret_purpose_and_every_part() -> None:
    """A tag changes with the secret, the purpose and each part: one purpose's tags match nothing else."""
    anon = Anon(SECRET)
    base = anon.tag("thread", "post1", "U1")
    assert base == Anon(SECRET).tag("thread", "post1", "U1")
    others = {
        Anon("j" * 40).tag("thread", "post1", "U1"),
        anon.tag("rate", "post1", "U1"),
        anon.tag("thread", "post2", "U1"),
        anon.tag("thread", "post1", "U2"),
        anon.tag("thread", "post1U1"),
    }
    assert base not in others and len(others) == 5


def test_seals_open_only_where_they_were_made() -> None:
    """A seal opens in its own context only: moved, tampered with, or under another secret, it fails."""
    anon = Anon(SECRET)
    sealed = anon.seal("UVENTER", context="relay:post1")
    assert anon.unseal(sealed, context="relay:post1") == "UVENTER"
    tampered = sealed[:-2] + ("A" if sealed[-2] != "A" else "B") + sealed[-1]
    for attempt in (
        lambda: anon.unseal(sealed, context="relay:post2"),
        lambda: anon.unseal(tampered, context="relay:post1"),
        lambda: Anon("j" * 40).unseal(sealed, context="relay:post1"),
    ):
        with pytest.raises(SealBroken):
            attempt()


def test_sealing_twice_shares_nothing_and_hides_length() -> None:
    """The same value sealed twice gives unrelated results of the same length as a different value."""
    anon = Anon(SECRET)
    one, two = anon.seal("U01", context="c"), anon.seal("U01", context="c")
    longer = anon.seal("W0123456789AB", context="c")
    assert one != two and len(one) == len(two) == len(longer)


def test_danger_words_match_across_width_case_and_apostrophes() -> None:
    """Full-width letters, capitals and curly apostrophes do not hide the words."""
    assert suggests_danger("I DON’T WANT TO LIVE like this", DEFAULT_WORDS)
    assert suggests_danger("ｓｕｉｃｉｄａｌ thoughts", DEFAULT_WORDS)
    assert suggests_danger("正直、死にたい日もある", DEFAULT_WORDS)
    assert not suggests_danger("The deadline killed my weekend plans.", DEFAULT_WORDS)


def test_schedule_is_due_for_its_week_only_after_its_time() -> None:
    """'fri 16:00' in Tokyo is due from Friday 16:00 for a few hours, labelled with its ISO week."""
    schedule, tokyo = parse_schedule("fri 16:00"), ZoneInfo("Asia/Tokyo")
    assert schedule.due_week(datetime(2026, 11, 27, 6, 59, tzinfo=UTC), tokyo) is None
    assert schedule.due_week(datetime(2026, 11, 27, 7, 0, tzinfo=UTC), tokyo) == "2026-W48"
    assert schedule.due_week(datetime(2026, 11, 27, 14, 0, tzinfo=UTC), tokyo) is None
    with pytest.raises(ValueError, match="fri 16:00"):
        parse_schedule("friday at four")


def test_pausing_one_author_again_never_touches_an_earlier_pause(sessions: SessionFactory) -> None:
    """Four pauses of one author on one day (each after a different report) add rows and never change one
    already written, so a reader comparing the table before and after cannot tie two reports together;
    the author stays paused until the latest end."""
    anon, now = Anon(SECRET), datetime(2026, 11, 24, 1, 0, tzinfo=UTC)
    mute_id = limits.mute_key(anon, "UAUTHOR")
    seen: dict[str, datetime] = {}
    for hours in (2, 3, 4, 5):
        with sessions.begin() as session:
            limits.pause(session, anon=anon, now=now, mute_id=mute_id, until=now + timedelta(hours=hours))
        with sessions() as session:
            rows = {t.token: t.expires_at for t in session.scalars(select(AnonToken))}
        assert {k: rows[k] for k in seen} == seen and len(rows) == len(seen) + 1
        seen = rows
    with sessions() as session:
        assert limits.paused_until(session, anon=anon, now=now, mute_id=mute_id) == now + timedelta(hours=5)
