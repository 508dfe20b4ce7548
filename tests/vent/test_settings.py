"""Peer-support settings: /vent is on with PEER_CHANNEL; a missing or short ANON_SECRET stops start-up."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest

from bot.peer.crisis import DEFAULT_RESOURCES
from bot.settings import Settings, SettingsError
from tests.support.process import run_bot_until_exit

BASE = {"SLACK_BOT_TOKEN": "xoxb-1234-abcd", "SLACK_SIGNING_SECRET": "shh", "ESCALATION_CHANNEL": "C0123ABCD"}
SECRET = "Qm7vX2pLr9TzK4wNc8YhB1dFs6GjA3eU5oVi0nMxRq_Zt-Ly"  # as secrets.token_urlsafe(36) would make it
PEER = BASE | {"PEER_CHANNEL": "C0PEER", "ANON_SECRET": SECRET, "MODERATORS": "U0MOD1,S0MODS"}


def _problems(env: dict[str, str]) -> str:
    with pytest.raises(SettingsError) as caught:
        Settings.from_env(env)
    return str(caught.value)


def test_peer_support_is_off_without_peer_channel() -> None:
    """Without PEER_CHANNEL, /vent is off and ANON_SECRET is not needed."""
    settings = Settings.from_env(BASE)
    assert not settings.peer_enabled and settings.anon_secret is None


def test_defaults_when_on() -> None:
    """With PEER_CHANNEL set: relay for 7 days, 5 posts an hour, default crisis lines, no weekly thread."""
    settings = Settings.from_env(PEER)
    assert settings.peer_enabled and settings.moderators == ("U0MOD1", "S0MODS")
    assert (settings.vent_relay_days, settings.vent_rate_limit) == (7, 5)
    assert settings.crisis.resources == DEFAULT_RESOURCES and settings.encouragement_schedule is None


def test_missing_anon_secret_is_a_startup_error_saying_how_to_make_one() -> None:
    """PEER_CHANNEL without ANON_SECRET is refused, with the command that generates a secret."""
    text = _problems(PEER | {"ANON_SECRET": ""})
    assert "ANON_SECRET is missing" in text and "secrets.token_urlsafe(48)" in text


def test_short_anon_secret_is_a_startup_error() -> None:
    """An ANON_SECRET under 32 characters is refused, saying how long it is."""
    text = _problems(PEER | {"ANON_SECRET": "too-short-secret"})
    assert "ANON_SECRET is not valid: it is 16 characters; use at least 32" in text


def test_an_anon_secret_that_can_be_guessed_is_a_startup_error() -> None:
    """Long enough but not random (one letter repeated, a phrase, a word pattern) or the signing secret
    itself: each is refused, saying how to make a real one."""
    signing = "8f14e45fceea167a5a36dedd4bea2543" * 2
    for weak in ("a" * 32, "the client always calls on friday afternoons", "password" * 5):
        text = _problems(PEER | {"ANON_SECRET": weak})
        assert "does not look random" in text and "secrets.token_urlsafe(48)" in text, weak
    text = _problems(PEER | {"ANON_SECRET": signing, "SLACK_SIGNING_SECRET": signing})
    assert "signing secret" in text and "secrets.token_urlsafe(48)" in text
    assert Settings.from_env(PEER).anon_secret == SECRET


def test_anon_secret_is_masked_in_repr() -> None:
    """Printing the settings never shows any part of ANON_SECRET."""
    shown = repr(Settings.from_env(PEER))
    assert SECRET[:6] not in shown and "anon_secret='***'" in shown


def test_malformed_peer_settings_are_all_reported() -> None:
    """Bad moderators, limits, schedule and crisis file are named together, each with what is expected."""
    text = _problems(
        PEER
        | {
            "MODERATORS": "U0MOD1,@hr",
            "VENT_RATE_LIMIT": "lots",
            "VENT_RELAY_DAYS": "0",
            "ENCOURAGEMENT_SCHEDULE": "every friday",
            "CRISIS_RESOURCES": "/nowhere/crisis.yml",
        }
    )
    for name in (
        "MODERATORS",
        "VENT_RATE_LIMIT",
        "VENT_RELAY_DAYS",
        "ENCOURAGEMENT_SCHEDULE",
        "CRISIS_RESOURCES",
    ):
        assert name in text
    assert "'fri 16:00'" in text and "user group IDs (S0123ABCD)" in text
    assert text.count("MODERATORS") == 1  # a bad value is not also called missing


def test_peer_channel_must_be_its_own() -> None:
    """Sharing the escalation or admin channel would mix anonymous posts with named work: refused."""
    shared = _problems(
        PEER | {"PEER_CHANNEL": "C0ESC", "ESCALATION_CHANNEL": "C0ESC", "ADMIN_CHANNEL": "C0ADM"}
    )
    assert "PEER_CHANNEL and ESCALATION_CHANNEL are the same channel (C0ESC)" in shared
    admin = _problems(
        PEER | {"PEER_CHANNEL": "C0ADM", "ESCALATION_CHANNEL": "C0ESC", "ADMIN_CHANNEL": "C0ADM"}
    )
    assert "PEER_CHANNEL and ADMIN_CHANNEL are the same channel (C0ADM)" in admin


def test_someone_must_handle_reports() -> None:
    """With /vent on, MODERATORS or ADMIN_USERS must name someone."""
    text = _problems(PEER | {"MODERATORS": ""})
    assert "MODERATORS is missing" in text
    assert Settings.from_env(PEER | {"MODERATORS": "", "ADMIN_USERS": "U0ADMIN"}).moderators == ()


def test_schedule_and_crisis_file(tmp_path: Path) -> None:
    """ENCOURAGEMENT_SCHEDULE reads a weekday and time; CRISIS_RESOURCES needs a 24-hour line."""
    settings = Settings.from_env(PEER | {"ENCOURAGEMENT_SCHEDULE": "Fri 16:00"})
    assert settings.encouragement_schedule is not None and str(settings.encouragement_schedule) == "fri 16:00"
    daytime = tmp_path / "daytime.json"
    daytime.write_text('[{"name": "Desk", "contact": "ext. 1", "hours": "9-17"}]', encoding="utf-8")
    assert "open 24 hours" in _problems(PEER | {"CRISIS_RESOURCES": str(daytime)})
    inline = '[{"name": "Line", "contact": "1", "hours": "always", "open_24h": true}]'
    assert Settings.from_env(PEER | {"CRISIS_RESOURCES": inline}).crisis.resources[0].name.in_("ja") == "Line"
    assert timedelta(days=Settings.from_env(PEER | {"VENT_RELAY_DAYS": "14"}).vent_relay_days).days == 14
    quoted = '[{"name": "Line", "contact": "1", "hours": "9-17", "open_24h": "false"}]'
    assert "open_24h must be true or false (without quotes)" in _problems(PEER | {"CRISIS_RESOURCES": quoted})


def test_python_m_bot_refuses_to_start_without_anon_secret(tmp_path: Path) -> None:
    """`python -m bot` with PEER_CHANNEL but no ANON_SECRET prints how to fix it and exits 2."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "ANON_", "PEER_", "DATABASE_"))}
    env |= BASE | {"PEER_CHANNEL": "C0PEER", "MODERATORS": "U0MOD1", "PYTHONPATH": os.getcwd()}
    result = run_bot_until_exit(env, tmp_path)
    assert result.returncode == 2
    assert "ANON_SECRET is missing" in result.stderr and "Traceback" not in result.stderr
