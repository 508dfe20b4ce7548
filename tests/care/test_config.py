"""Care settings: CHECKIN_PLAN, RETENTION_DAYS, VENT_RETENTION_DAYS, DIGEST_SCHEDULE."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from bot.care.config import RAISED, RESOLVED, parse_plan
from bot.settings import Settings, SettingsError

GOOD = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "ESCALATION_CHANNEL": "C0123ABCD"}


def test_defaults() -> None:
    """By default: 3 h after raising, the next working morning, one working day after resolution;
    details kept, vents purged after 90 days, the digest on Monday at 09:00."""
    settings = Settings.from_env(GOOD)
    assert settings.checkin_plan.describe() == "3h,next-morning,after-resolve:1d,rough:2h"
    assert settings.retention_days is None and settings.vent_retention_days == 90
    assert (settings.digest_schedule.weekday, settings.digest_schedule.at) == (0, time(9, 0))


def test_plan_reads_every_kind_of_step() -> None:
    """Clock durations, the next morning, working days after resolution and the rough-streak delay."""
    plan = parse_plan("90m, next-morning, after-resolve:2d, after-resolve:4h, rough:1h")
    assert [(s.anchor, s.after, s.working_days, s.morning) for s in plan.steps] == [
        (RAISED, timedelta(minutes=90), 0, False),
        (RAISED, None, 0, True),
        (RESOLVED, None, 2, False),
        (RESOLVED, timedelta(hours=4), 0, False),
    ]
    assert plan.rough_after == timedelta(hours=1)
    assert parse_plan("off").steps == ()


def test_bad_values_are_all_reported() -> None:
    """Malformed care settings are named together, each with an example of what works."""
    env = GOOD | {
        "CHECKIN_PLAN": "tomorrow",
        "RETENTION_DAYS": "forever",
        "VENT_RETENTION_DAYS": "0",
        "DIGEST_SCHEDULE": "someday 25:00",
    }
    with pytest.raises(SettingsError) as caught:
        Settings.from_env(env)
    text = str(caught.value)
    for name in ("CHECKIN_PLAN", "RETENTION_DAYS", "VENT_RETENTION_DAYS", "DIGEST_SCHEDULE"):
        assert name in text
    assert "after-resolve:1d" in text and "fri 16:00" in text and "keep" in text


def test_keep_means_no_purge() -> None:
    """`keep` turns either retention off."""
    settings = Settings.from_env(GOOD | {"RETENTION_DAYS": "keep", "VENT_RETENTION_DAYS": "keep"})
    assert settings.retention_days is None and settings.vent_retention_days is None
