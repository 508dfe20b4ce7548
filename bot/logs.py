"""Logging: one line per event, no message text or secrets at INFO.

Configured only by `python -m bot` (never at import). At DEBUG the libraries log what they carry:
slack-sdk and Bolt log request and response bodies (which name people and hold what they wrote),
Bolt puts a whole request body into some warnings, and SQLAlchemy logs statement parameters and
result rows. The handler's filter keeps that such records happened and drops what they carried,
and masks Slack user IDs and tokens in every record's message and traceback, whoever logged it.
"""

from __future__ import annotations

import logging
import re
import sys

_NOISY = ("slack_sdk", "slack_bolt", "apscheduler", "waitress", "urllib3", "sqlalchemy", "alembic")
_SLACK = ("slack_sdk", "slack_bolt")
_TOKEN = re.compile(r"xox[abposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+")
# A Slack user ID, in a mention or bare (U/W then at least six capitals or digits).
_USER_ID = re.compile(r"\b[UW][A-Z0-9]{6,}\b")
_TRACEBACKS = logging.Formatter()


class OneLineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        return line.replace("\r", "\\r").replace("\n", "\\n")


class RedactLibraryBodies(logging.Filter):
    """Keep that a library record happened; drop the bodies, parameters and rows it carried.

    Every record, the project's own included, then has tokens and user IDs masked in its message,
    traceback and stack: an exception's message may one day quote a user ID, and a traceback is
    only useful if its type, files and lines survive, so those stay.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith(_SLACK):
            _redact_slack(record)
        elif record.name.startswith("sqlalchemy") and record.levelno < logging.WARNING and record.args:
            # Parameter and row records ("[cached since …] %r", "Row %r"); bare statements stay.
            record.msg, record.args = f"{record.name} record (values redacted)", ()
        _mask(record)
        return True


def _scrub(text: str) -> str:
    return _USER_ID.sub("U***", _TOKEN.sub("xox*-***", text))


def _mask(record: logging.LogRecord) -> None:
    try:
        message = record.getMessage()
    except Exception:  # a bad log call: logging reports it when formatting, never the caller's problem
        message = None
    if message is not None and _scrub(message) != message:
        record.msg, record.args = _scrub(message), ()
    if record.exc_info and record.exc_info[0] is not None and not record.exc_text:
        # Formatters reuse exc_text when it is set, so the masked text is what gets written.
        record.exc_text = _TRACEBACKS.formatException(record.exc_info)
    if record.exc_text:
        record.exc_text = _scrub(record.exc_text)
    if record.stack_info:
        record.stack_info = _scrub(record.stack_info)


def _redact_slack(record: logging.LogRecord) -> None:
    if record.levelno < logging.WARNING:
        text = f"{record.name} debug record (body redacted)"
    else:
        # Warnings such as "unhandled request ({body})" keep their words, not the body.
        text = record.getMessage()
        cut = min((i for i in (text.find("{"), text.find("[{")) if i >= 0), default=-1)
        text = text if cut < 0 else text[:cut] + "… (body redacted)"
    if record.exc_info and record.exc_info[0] is not None:
        text += f" ({record.exc_info[0].__name__}; details redacted)"
        record.exc_info, record.exc_text = None, None
    record.msg, record.args = text, ()


def configure_logging(level: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(OneLineFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    handler.addFilter(RedactLibraryBodies())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    if level != "DEBUG":
        for name in _NOISY:
            logging.getLogger(name).setLevel(logging.WARNING)
