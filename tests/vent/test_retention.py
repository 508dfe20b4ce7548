"""Erased words do not linger in the SQLite file or its write-ahead log."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import Itabasami
from playground.slack.slack_server import FakeSlack
from tests.conftest import settled
from tests.support.driver import SlackDriver
from tests.vent.helpers import vent

WORDS = "Kurosawa-sama shouted about the refund for forty minutes"


def test_a_sent_posts_words_are_gone_from_the_sqlite_file_and_wal(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, database_url: str
) -> None:
    """Once a post is sent its words are erased from the outbox row; after the hourly housekeeping they
    are in neither the database file nor its WAL (secure_delete zeroes freed space; a checkpoint
    empties the log)."""
    if not database_url.startswith("sqlite"):
        pytest.skip("about SQLite's own files; PostgreSQL needs VACUUM (README)")
    vent(bot, driver, slack, WORDS)
    settled(bot, slack)
    bot.run_periodic()
    path = Path(database_url.split(":///", 1)[1])
    stored = b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())
    assert WORDS.encode() not in stored and b"Kurosawa" not in stored
