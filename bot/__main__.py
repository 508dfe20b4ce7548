"""`python -m bot`: read `.env`, check settings, wait for the database and migrate it, then run
everything in this one process: the dispatcher and scheduler in the background, and Slack's requests
in the foreground (Socket Mode when SLACK_APP_TOKEN is set, HTTP otherwise)."""

from __future__ import annotations

import gc
import logging
import os
import signal
import sys
import time
from types import FrameType

from dotenv import load_dotenv
from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from sqlalchemy.exc import OperationalError

from bot.app import Itabasami, create_app
from bot.logs import configure_logging
from bot.server import build_server, database_health, make_wsgi_app
from bot.settings import Settings, SettingsError
from storage.migrate import upgrade_to_head

log = logging.getLogger("bot")


def main() -> int:
    load_dotenv()
    try:
        settings = Settings.from_env(os.environ)
    except SettingsError as err:
        print(
            "itabasami cannot start. Please fix these settings (in .env or the environment):", file=sys.stderr
        )
        for problem in err.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 2
    configure_logging(settings.log_level)
    unreachable = _migrate_when_reachable(settings.database_url, settings.database_wait.total_seconds())
    if unreachable is not None:
        print(
            f"itabasami cannot reach its database ({_where(settings.database_url)}): {unreachable}",
            file=sys.stderr,
        )
        return 1
    bot = create_app(settings)
    try:
        seeded = bot.seed_chain()
    except ValueError as exc:
        print(f"itabasami cannot start: ESCALATION_CHAIN_FILE: {exc}", file=sys.stderr)
        bot.stop()
        return 2
    log.info("escalation chain seeded links=%d", seeded)
    refused = bot.token_problem()
    if refused is not None:
        print(f"itabasami cannot start: {refused}", file=sys.stderr)
        bot.stop()
        return 2
    bot.start_background()
    signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        bot.join_escalation_channel()
        _freeze_startup_objects()
        _switch_often()
        if settings.socket_mode:
            _run_socket_mode(bot.bolt, settings.slack_app_token or "")
        else:
            _run_http(bot, settings.port)
    except KeyboardInterrupt:
        log.info("stopping")
    finally:
        bot.stop()
    return 0


def _migrate_when_reachable(url: str, wait: float) -> str | None:
    """Migrate, retrying with backoff while the database is starting or restarting (a deploy often
    brings both up together); the last error once `wait` seconds have passed, else None."""
    deadline = time.monotonic() + wait
    pause = 0.5
    while True:
        try:
            upgrade_to_head(url)
        except OperationalError as exc:
            if time.monotonic() + pause > deadline:
                return str(exc.orig or exc)
            log.warning("database not reachable yet; retrying in %.1fs", pause)
            time.sleep(pause)
            pause = min(pause * 2, 5.0)
        else:
            return None


SWITCH_INTERVAL = 0.001


def _switch_often() -> None:
    """Let Python hand the interpreter between threads every 1 ms instead of 5: a request's thread
    waiting behind a busy background thread gets its turn sooner (README, Reliability, has what it
    bought in ack p99)."""
    sys.setswitchinterval(SWITCH_INTERVAL)


def _freeze_startup_objects() -> None:
    """Keep the garbage collector away from what start-up built (modules, the app, its listeners),
    which lives as long as the process: a full collection walks every object, and over those it took
    ~35 ms here, stalling every request under way at that moment (a bare Bolt app's takes ~5 ms)."""
    gc.collect()
    gc.freeze()


def _run_socket_mode(bolt: App, app_token: str) -> None:
    log.info("starting mode=socket")
    SocketModeHandler(bolt, app_token).start()  # type: ignore[no-untyped-call]


def _run_http(bot: Itabasami, port: int) -> None:
    if bot.engine is None:
        raise RuntimeError("HTTP mode needs the app's own engine for /healthz")
    app = make_wsgi_app(bot.bolt, database_health(bot.engine), bot.deps.gate)
    server = build_server(app, host="0.0.0.0", port=port)  # noqa: S104
    log.info("starting mode=http port=%d path=/slack/events", port)
    try:
        server.run()
    finally:
        server.close()


def _where(url: str) -> str:
    return url.split("@", 1)[-1] if "@" in url else url


def _raise_interrupt(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt


if __name__ == "__main__":
    sys.exit(main())
