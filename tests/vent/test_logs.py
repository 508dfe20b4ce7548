"""The log filter `python -m bot` installs drops what library records carry (bodies, parameters, rows)."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import StatementError

from storage.models import Person
from tests.vent.helpers import AUTHOR, OTHER_AUTHOR, project_logs


def test_slack_debug_bodies_are_redacted() -> None:
    """slack_sdk and Bolt DEBUG records keep their logger name but lose the request and response bodies."""
    with project_logs() as logs:
        logging.getLogger("slack_sdk.web.base_client").debug("Sending a request - body: %s", {"user": AUTHOR})
        logging.getLogger("slack_bolt.App").debug(
            f"request body: {{'user_id': '{AUTHOR}', 'user_name': 'mio'}}"
        )
    out = logs.getvalue()
    assert "slack_sdk.web.base_client debug record (body redacted)" in out
    assert AUTHOR not in out and "mio" not in out


def test_bolt_warnings_keep_their_words_but_not_the_body() -> None:
    """A Bolt warning embedding a whole request body (a middleware skipping next()) is cut at the body."""
    body = {"user_id": AUTHOR, "user_name": "takahashi", "text": "I can't sleep"}
    with project_logs("INFO") as logs:
        logging.getLogger("slack_bolt.App").warning(
            f"A global middleware (X) skipped calling either `next()` without providing a response ({body})"
        )
        logging.getLogger("slack_bolt.App").warning("listener for <@%s> did not ack", AUTHOR)
    out = logs.getvalue()
    assert "skipped calling either" in out and "(body redacted)" in out and "did not ack" in out
    assert AUTHOR not in out and "takahashi" not in out and "sleep" not in out


def test_library_exceptions_keep_only_their_type() -> None:
    """A traceback logged by Bolt shows only the exception type, never its message."""
    with project_logs() as logs:
        try:
            raise RuntimeError(f"users.info failed for {AUTHOR} (Takahashi Mio)")
        except RuntimeError:
            logging.getLogger("slack_bolt.App").exception("Failed to run a middleware")
    out = logs.getvalue()
    assert "RuntimeError; details redacted" in out and "Takahashi" not in out and AUTHOR not in out


def test_sql_parameters_and_rows_are_redacted(engine: Engine) -> None:
    """With SQL logging switched on, statements are logged but their parameters and result rows are not."""
    sql = logging.getLogger("sqlalchemy.engine")
    with project_logs() as logs:
        sql.setLevel(logging.DEBUG)  # SQLAlchemy is quiet unless an operator turns it on
        with engine.connect() as conn:
            conn.execute(text("SELECT :who AS who"), {"who": AUTHOR}).all()
            conn.execute(select(Person).where(Person.user_id == AUTHOR)).all()
    sql.setLevel(logging.NOTSET)
    out = logs.getvalue()
    assert "SELECT" in out and "values redacted" in out and AUTHOR not in out


def test_database_errors_do_not_quote_parameters(engine: Engine) -> None:
    """A failing statement's exception message leaves its parameters out (engines hide them)."""
    with engine.connect() as conn, pytest.raises(StatementError) as caught:
        conn.execute(text("SELECT * FROM no_such_table WHERE x = :who"), {"who": AUTHOR})
    assert AUTHOR not in str(caught.value)


def test_project_exceptions_keep_type_and_traceback_but_not_user_ids() -> None:
    """An unexpected error logged by the project's own code keeps its type, file and line, not the user ID."""
    edge = logging.getLogger("handlers.edge")
    with project_logs("INFO") as logs:
        try:
            raise LookupError(f"no DM channel for <@{AUTHOR}> (also {OTHER_AUTHOR})")
        except LookupError:
            edge.exception("unexpected error correlation=abc123 user=%s", AUTHOR)
        logging.getLogger("bot.outbox").warning("send failed for %s", OTHER_AUTHOR)
    out = logs.getvalue()
    assert AUTHOR not in out and OTHER_AUTHOR not in out
    assert "unexpected error correlation=abc123 user=U***" in out and "send failed for U***" in out
    assert "LookupError: no DM channel for <@U***> (also U***)" in out
    assert "Traceback (most recent call last)" in out and 'test_logs.py", line ' in out


def test_masking_leaves_the_record_usable_by_other_formatters() -> None:
    """A record that went through the filter still formats its traceback, masked, for any other handler."""
    from bot.logs import RedactLibraryBodies

    try:
        raise ValueError(f"bad value from {AUTHOR}")
    except ValueError as exc:
        record = logging.LogRecord(
            "bot.outbox", logging.ERROR, __file__, 1, "failed", (), (type(exc), exc, None)
        )
    assert RedactLibraryBodies().filter(record)
    formatted = logging.Formatter().format(record)
    assert "ValueError: bad value from U***" in formatted and AUTHOR not in formatted
