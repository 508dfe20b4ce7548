"""Nothing lost: what is acked while the database is away is done once it returns; a kill -9 at any
moment loses nothing and posts nothing twice; one huge reply holds nobody up.

The database goes away for real: on PostgreSQL a loopback proxy between the bot and the server
resets every connection and refuses new ones; on SQLite another connection holds the file's write
lock. The kill -9 tests run `python -m bot` as its own process.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import make_url, select

from bench._tcp_proxy import TcpProxy
from bot.app import Itabasami, create_app
from bot.server import make_wsgi_app
from bot.settings import Settings
from playground.slack.slack_server import FakeSlack
from storage.db import make_engine, make_session_factory
from storage.models import Escalation
from tests.conftest import ESCALATION_CHANNEL, OWNER, RAISER, SIGNING_SECRET, make_env
from tests.support.driver import SlackDriver
from tests.support.process import bot_env, free_port, start_bot, stop_bot


@dataclass
class Outage:
    """The bot's way to its database, which a test can cut and restore."""

    url: str
    proxy: TcpProxy | None = None
    _holder: sqlite3.Connection | None = None

    def cut(self) -> None:
        if self.proxy is not None:
            self.proxy.cut("reset")
            return
        path = self.url.removeprefix("sqlite:///")
        self._holder = sqlite3.connect(path, isolation_level=None, timeout=30)
        self._holder.execute("BEGIN IMMEDIATE")  # no other writer gets in until restore()

    def restore(self) -> None:
        if self.proxy is not None:
            self.proxy.restore()
        elif self._holder is not None:
            self._holder.execute("ROLLBACK")
            self._holder.close()
            self._holder = None


@pytest.fixture
def outage(database_url: str) -> Iterator[Outage]:
    if database_url.startswith("sqlite"):
        found = Outage(database_url)
        yield found
        found.restore()
        return
    url = make_url(database_url)
    with TcpProxy(url.host or "127.0.0.1", url.port or 5432) as proxy:
        found = Outage(url.set(port=proxy.port).render_as_string(hide_password=False), proxy)
        yield found
        found.restore()


def _summaries(slack: FakeSlack) -> list[str]:
    return [m.text for m in slack.messages(ESCALATION_CHANNEL)]


def _cards_for(slack: FakeSlack, marker: str) -> int:
    return sum(marker in text for text in _summaries(slack))


@pytest.fixture
def live_bot(slack: FakeSlack, outage: Outage, tmp_path: Path) -> Iterator[Itabasami]:
    """The real app on a real clock, connected through `outage`, its scheduler running."""
    settings = Settings.from_env(
        make_env(slack, outage.url, SPOOL_FILE=str(tmp_path / "spool.sqlite3"), SCHEDULER_TICK="1s")
    )
    engine = make_engine(outage.url)
    bot = create_app(settings, session_factory=make_session_factory(engine))
    bot.start_background()
    yield bot
    outage.restore()
    bot.stop()
    engine.dispose()


def test_requests_acked_while_the_database_is_away_are_done_once_it_returns(
    live_bot: Itabasami, outage: Outage, slack: FakeSlack
) -> None:
    """With the database unreachable, /escalate is still acked at once (stored in the spool, not
    refused); when it returns, each card is posted exactly once."""
    driver = SlackDriver(
        make_wsgi_app(live_bot.bolt, lambda: True, live_bot.deps.gate),
        signing_secret=SIGNING_SECRET,
        fake=slack,
    )
    driver.command("/escalate", f"<@{OWNER}> before the outage: the invoice is wrong", user=RAISER)
    slack.wait_for(lambda: _cards_for(slack, "before the outage"), timeout=20)
    outage.cut()
    for n in range(3):
        started = time.monotonic()
        answer = driver.command("/escalate", f"<@{OWNER}> during the outage #{n}: a call today", user=RAISER)
        assert answer.status == 200 and time.monotonic() - started < 2.0
        assert "Not saved" not in answer.text and "保存できません" not in answer.text
    assert live_bot.intake.spooling
    time.sleep(1.0)
    assert not any("during the outage" in text for text in _summaries(slack))
    outage.restore()
    for n in range(3):
        slack.wait_for(lambda n=n: _cards_for(slack, f"during the outage #{n}"), timeout=30)
    slack.wait_for(lambda: not live_bot.intake.spooling, timeout=10)
    time.sleep(1.0)  # anything posted twice would show by now
    assert all(_cards_for(slack, f"during the outage #{n}") == 1 for n in range(3))
    assert _cards_for(slack, "before the outage") == 1
    with live_bot.deps.reads() as session:
        assert len(session.scalars(select(Escalation)).all()) == 4


def test_a_40000_character_reply_is_kept_and_holds_nobody_up(live_bot: Itabasami, slack: FakeSlack) -> None:
    """A thread reply as long as Slack allows is recorded, and the escalation raised after it is
    posted as quickly as ever."""
    driver = SlackDriver(
        make_wsgi_app(live_bot.bolt, lambda: True), signing_secret=SIGNING_SECRET, fake=slack
    )
    driver.command("/escalate", f"<@{OWNER}> first: the client wants a refund", user=RAISER)
    card = slack.wait_for(lambda: [m for m in slack.messages(ESCALATION_CHANNEL) if "first:" in m.text])[0]
    reply = {
        "type": "message",
        "channel": ESCALATION_CHANNEL,
        "user": OWNER,
        "text": "経緯を説明します。" * 4444 + "以上です",  # 40,000 characters
        "ts": "1763900000.000300",
        "thread_ts": card.ts,
        "channel_type": "channel",
    }
    assert len(reply["text"]) == 40_000
    assert driver.event(reply).status == 200
    driver.command("/escalate", f"<@{OWNER}> second: a new complaint", user=RAISER)
    slack.wait_for(lambda: _cards_for(slack, "second:"), timeout=30)
    with live_bot.deps.reads() as session:
        first = session.scalars(select(Escalation).where(Escalation.number == 1)).one()
        assert first.status == "acknowledged"  # the owner's long reply counted as their answer


def _process_env(slack: FakeSlack, url: str, tmp_path: Path) -> dict[str, str]:
    return bot_env(
        make_env(
            slack, url, PORT=str(free_port()), SPOOL_FILE=str(tmp_path / "spool.sqlite3"), SCHEDULER_TICK="1s"
        )
    )


def _kill(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=10)


def test_spooled_requests_survive_a_kill_9_and_are_posted_once(
    slack: FakeSlack, outage: Outage, tmp_path: Path
) -> None:
    """Acked into the spool while the database is away, then the process is killed: the next start
    moves them into the database and posts each card once."""
    env = _process_env(slack, outage.url, tmp_path)
    proc = start_bot(env, tmp_path)
    driver = SlackDriver(None, signing_secret=SIGNING_SECRET, fake=slack)
    driver.http_port = int(env["PORT"])
    try:
        outage.cut()
        for n in range(2):
            assert (
                driver.command_over_http("/escalate", f"<@{OWNER}> spooled #{n}: urgent", user=RAISER) == 200
            )
        assert (tmp_path / "spool.sqlite3").exists()
    finally:
        _kill(proc)
    outage.restore()
    proc = start_bot(env, tmp_path)
    try:
        for n in range(2):
            slack.wait_for(lambda n=n: _cards_for(slack, f"spooled #{n}"), timeout=30)
        time.sleep(1.5)
        assert [_cards_for(slack, f"spooled #{n}") for n in range(2)] == [1, 1]
    finally:
        stderr = stop_bot(proc)
    assert "Traceback" not in stderr


@pytest.mark.slow
def test_kill_9_between_the_ack_and_the_first_send_loses_nothing(
    slack: FakeSlack, database_url: str, tmp_path: Path
) -> None:
    """Killed while the stored request is being worked on (Slack is slow to answer the owner lookup),
    the next start finishes it: one card, one DM. (On PostgreSQL, where replicas share the database,
    the dead process's claim lapses with its 30-second lease; on SQLite it is taken back at start.)"""
    env = _process_env(slack, database_url, tmp_path)
    proc = start_bot(env, tmp_path)
    driver = SlackDriver(None, signing_secret=SIGNING_SECRET, fake=slack)
    driver.http_port = int(env["PORT"])
    try:
        slack.fail_next("users.info", delay=20)
        assert (
            driver.command_over_http("/escalate", f"<@{OWNER}> killed mid-way: call back", user=RAISER) == 200
        )
        slack.wait_for(lambda: any(c.method == "users.info" for c in slack.calls()), timeout=10)
    finally:
        _kill(proc)
    assert _cards_for(slack, "killed mid-way") == 0
    proc = start_bot(env, tmp_path)
    try:
        slack.wait_for(lambda: _cards_for(slack, "killed mid-way"), timeout=60)
        slack.wait_for(lambda: slack.dm_messages(OWNER), timeout=20)
        time.sleep(1.5)
        assert _cards_for(slack, "killed mid-way") == 1
        assert (
            len([m for m in slack.dm_messages(OWNER) if "killed mid-way" in str(m.text) + str(m.blocks)]) == 1
        )
    finally:
        stop_bot(proc)


def test_when_neither_store_takes_it_the_ack_says_not_saved(
    slack: FakeSlack, outage: Outage, tmp_path: Path
) -> None:
    """Database away and the spool unwritable: the person is told, in their language, that nothing
    was saved, and nothing is half-done afterwards."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the spool's folder should be")
    settings = Settings.from_env(make_env(slack, outage.url, SPOOL_FILE=str(blocker / "spool.sqlite3")))
    engine = make_engine(outage.url)
    bot = create_app(settings, session_factory=make_session_factory(engine))
    bot.start_background()
    try:
        driver = SlackDriver(make_wsgi_app(bot.bolt, lambda: True), signing_secret=SIGNING_SECRET, fake=slack)
        outage.cut()
        answer = driver.command("/escalate", f"<@{OWNER}> nowhere to keep this", user=RAISER)
        assert answer.status == 200
        assert "Not saved" in answer.text or "保存できませんでした" in answer.text
        outage.restore()
        time.sleep(2.0)
        assert _cards_for(slack, "nowhere to keep this") == 0
        with bot.deps.reads() as session:
            assert session.scalars(select(Escalation)).all() == []
    finally:
        outage.restore()
        bot.stop()
        engine.dispose()
