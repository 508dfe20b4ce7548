"""One settings object: every problem listed at once, secrets masked, `python -m bot` exits 2 politely."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest

from bot.settings import DEFAULT_DATABASE_URL, Settings, SettingsError
from tests.support.process import run_bot_until_exit

GOOD = {
    "SLACK_BOT_TOKEN": "xoxb-1234-abcd",
    "SLACK_SIGNING_SECRET": "shh-secret",
    "ESCALATION_CHANNEL": "C0123ABCD",
}


def test_defaults_are_documented_values() -> None:
    """With only the required names set, the documented defaults apply (HTTP mode on 3000, SQLite)."""
    settings = Settings.from_env(GOOD)
    assert not settings.socket_mode and settings.port == 3000
    assert settings.database_url == DEFAULT_DATABASE_URL
    assert (settings.default_locale, settings.default_timezone, settings.log_level) == ("en", "UTC", "INFO")
    assert settings.scheduler_tick == timedelta(seconds=5)


def test_every_problem_is_reported_at_once() -> None:
    """Missing and malformed settings are all named, each with how to fix it."""
    env = {
        "SLACK_BOT_TOKEN": "not-a-token",
        "PORT": "eighty",
        "DEFAULT_LOCALE": "fr",
        "DEFAULT_TIMEZONE": "Mars/Olympus",
        "ADMIN_USERS": "U123ABC,bob",
        "DATABASE_URL": "postgres://x/y",
        "ESCALATION_CHANNEL": "#escalations",
        "SCHEDULER_TICK": "soon",
        "SEND_THREADS": "0",
    }
    with pytest.raises(SettingsError) as caught:
        Settings.from_env(env)
    text = str(caught.value)
    for name in (
        "SLACK_BOT_TOKEN",
        "SLACK_SIGNING_SECRET",
        "PORT",
        "DEFAULT_LOCALE",
        "DEFAULT_TIMEZONE",
        "ADMIN_USERS",
        "DATABASE_URL",
        "ESCALATION_CHANNEL",
        "SCHEDULER_TICK",
        "SEND_THREADS",
    ):
        assert name in text
    assert "postgresql+psycopg://" in text and "channel ID such as C0123456789" in text


def test_secrets_are_masked_in_repr() -> None:
    """Printing the settings never shows a token, the signing secret or a database password."""
    settings = Settings.from_env(
        GOOD
        | {
            "SLACK_APP_TOKEN": "xapp-1-secretvalue",
            "DATABASE_URL": "postgresql+psycopg://bot:hunter2@db:5432/itabasami",
        }
    )
    shown = repr(settings)
    assert "abcd" not in shown and "shh-secret" not in shown and "secretvalue" not in shown
    assert "hunter2" not in shown and "db:5432/itabasami" in shown
    assert settings.socket_mode


def test_python_m_bot_exits_2_with_plain_message(tmp_path: Path) -> None:
    """`python -m bot` with nothing configured prints what to set and exits 2, without a traceback."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "ESCALATION_", "DATABASE_"))}
    result = run_bot_until_exit(env | {"PYTHONPATH": os.getcwd()}, tmp_path)
    assert result.returncode == 2
    assert "SLACK_BOT_TOKEN is missing" in result.stderr and "ESCALATION_CHANNEL is missing" in result.stderr
    assert "Traceback" not in result.stderr


def test_sending_can_be_tuned() -> None:
    """SEND_THREADS sets the send threads; CHANNEL_POST_INTERVAL spaces posts per conversation (`off`)."""
    tuned = Settings.from_env(GOOD | {"SEND_THREADS": "16", "CHANNEL_POST_INTERVAL": "off"})
    assert tuned.send_threads == 16 and tuned.channel_post_interval == timedelta(0)
    default = Settings.from_env(GOOD)
    assert default.send_threads == 8 and default.channel_post_interval == timedelta(seconds=1)


def test_post_spacing_longer_than_a_send_can_wait_is_refused() -> None:
    """More than 30 s between posts to one conversation would never be honoured: a startup error."""
    with pytest.raises(SettingsError) as caught:
        Settings.from_env(GOOD | {"CHANNEL_POST_INTERVAL": "2m"})
    assert "CHANNEL_POST_INTERVAL" in str(caught.value.problems) and "at most 30s" in str(
        caught.value.problems
    )
