"""`python -m bot` end to end: HTTP mode, one process, migrations at start-up, a clean stop."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from playground.slack.slack_server import FakeSlack
from tests.conftest import ESCALATION_CHANNEL, OWNER, RAISER, SIGNING_SECRET, make_env
from tests.support.driver import SlackDriver
from tests.support.process import free_port, run_bot_until_exit, wait_healthy

ROOT = Path(__file__).resolve().parents[1]


def test_python_m_bot_serves_http_and_posts_the_card(slack: FakeSlack, tmp_path: Path) -> None:
    """A signed /escalate sent to the real server process ends as a card posted by that process."""
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT)) | make_env(
        slack, f"sqlite:///{tmp_path}/bot.db", PORT=str(port), SLACK_APP_TOKEN=""
    )
    env.pop("SLACK_APP_TOKEN", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot"], cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        wait_healthy(port, proc)
        driver = SlackDriver(None, signing_secret=SIGNING_SECRET, fake=slack)
        driver.http_port = port
        response = driver.command_over_http(
            "/escalate", f"<@{OWNER}> The client needs a call today.", user=RAISER
        )
        assert response == 200
        card = slack.wait_for(lambda: slack.messages(ESCALATION_CHANNEL), timeout=20)[0]
        assert f"<@{OWNER}>" in card.text
        slack.wait_for(lambda: slack.dm_messages(OWNER), timeout=20)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            _, stderr = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise
    assert proc.returncode == 0
    assert "Traceback" not in stderr
    assert "WARNING" not in stderr, stderr  # a healthy start and stop warns about nothing


def test_a_token_slack_refuses_stops_the_bot_with_a_plain_message(slack: FakeSlack, tmp_path: Path) -> None:
    """A mistyped or revoked bot token: exit 2 naming SLACK_BOT_TOKEN and where to copy it, no traceback."""
    env = dict(os.environ, PYTHONPATH=str(ROOT)) | make_env(
        slack, f"sqlite:///{tmp_path}/bot.db", PORT=str(free_port()), SLACK_BOT_TOKEN="xoxb-not-the-real-one"
    )
    env.pop("SLACK_APP_TOKEN", None)
    result = run_bot_until_exit(env, tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Slack refused SLACK_BOT_TOKEN (invalid_auth)" in result.stderr
    assert "OAuth & Permissions" in result.stderr and "Traceback" not in result.stderr
