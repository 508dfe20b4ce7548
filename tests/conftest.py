"""Shared fixtures: databases (SQLite, and PostgreSQL when TEST_DATABASE_URL is set), the fake Slack
server with a small firm in its directory, a fixed clock, and the real app driven by signed requests."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from bot.app import Itabasami, create_app
from bot.care.peer_hooks import PeerHooks
from bot.server import make_wsgi_app
from bot.settings import Settings
from playground.clock import FixedClock
from playground.slack.slack_server import FakeSlack
from storage.db import SessionFactory, make_engine, make_session_factory, ping
from tests.support.databases import BACKENDS, PostgresScratch, SqliteTemplate
from tests.support.driver import SlackDriver

SIGNING_SECRET = "test-signing-secret-0123456789"

# The firm in the fake workspace (see ../shared/USERS.md for who these people are).
RAISER = "URAISER"  # paralegal, works in Japanese, Tokyo
OWNER = "UOWNER"  # the responsible lawyer, English, Los Angeles
HEAD = "UHEAD"  # the owner's manager, English, New York
CHIEF = "UCHIEF"  # managing partner, above the manager, English, New York
PEER = "UPEER"  # a colleague, Japanese
ADMIN = "UADMIN"  # office manager
DESK = "UDESK"  # the consultation desk
OTHER_BOT = "UOTHERBOT"
GONE = "UGONE"
ESCALATION_CHANNEL = "C0ESCAL"
CLIENT_CHANNEL = "CCLIENT"
ADMIN_CHANNEL = "C0ADMIN"


def populate(fake: FakeSlack) -> None:
    fake.add_user(RAISER, "sato", real_name="Sato Yumi", locale="ja-JP", tz="Asia/Tokyo")
    fake.add_user(OWNER, "jordan", real_name="Jordan Miller", locale="en-US", tz="America/Los_Angeles")
    fake.add_user(HEAD, "morgan", real_name="Morgan Lee", locale="en-US", tz="America/New_York")
    fake.add_user(CHIEF, "casey", real_name="Casey Grant", locale="en-US", tz="America/New_York")
    fake.add_user(PEER, "suzuki", real_name="Suzuki Ken", locale="ja-JP", tz="Asia/Tokyo")
    fake.add_user(ADMIN, "kimura", real_name="Kimura Aya", locale="en-GB", tz="Asia/Tokyo", is_admin=True)
    fake.add_user(DESK, "desk", real_name="Consultation Desk", locale="ja-JP", tz="Asia/Tokyo")
    fake.add_user(OTHER_BOT, "calendarbot", is_bot=True)
    fake.add_user(GONE, "former", real_name="Former Colleague", deleted=True)
    everyone = [RAISER, OWNER, HEAD, CHIEF, PEER, ADMIN, DESK]
    fake.add_channel(ESCALATION_CHANNEL, "escalations", members=everyone)
    fake.add_channel(CLIENT_CHANNEL, "client-desk", members=everyone)
    fake.add_channel(ADMIN_CHANNEL, "itabasami-admin", members=[ADMIN])


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> SqliteTemplate:
    return SqliteTemplate(tmp_path_factory.mktemp("template"))


@pytest.fixture(scope="session")
def pg_scratch() -> Iterator[PostgresScratch | None]:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        yield None
        return
    scratch = PostgresScratch(url)  # an unreachable server fails here, loudly: never a skip
    yield scratch
    scratch.drop()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: SqliteTemplate) -> str:
    if request.param == "sqlite":
        return sqlite_template.fresh_url(tmp_path)
    scratch: PostgresScratch = request.getfixturevalue("pg_scratch")
    scratch.truncate()
    return scratch.url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    eng = make_engine(database_url)
    yield eng
    eng.dispose()


@pytest.fixture
def sessions(engine: Engine) -> SessionFactory:
    return make_session_factory(engine)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        populate(fake)
        yield fake


def make_env(slack: FakeSlack, database_url: str, **overrides: str) -> dict[str, str]:
    env = {
        "SLACK_BOT_TOKEN": slack.token,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_BASE_URL": slack.base_url,
        "DATABASE_URL": database_url,
        "ESCALATION_CHANNEL": ESCALATION_CHANNEL,
        "DEFAULT_LOCALE": "en",
        "DEFAULT_TIMEZONE": "Asia/Tokyo",
        "ADMIN_USERS": ADMIN,
        "ADMIN_CHANNEL": ADMIN_CHANNEL,
        "CONSULTATION_DESK": DESK,
        "SCHEDULER_TICK": "1s",
        # The fake sets no rate limits unless asked; pacing is tested in tests/outbox.
        "CHANNEL_POST_INTERVAL": "off",
    }
    env.update(overrides)
    return {k: v for k, v in env.items() if v != ""}


BotFactory = Callable[..., Itabasami]


@pytest.fixture
def make_bot(
    slack: FakeSlack, database_url: str, engine: Engine, clock: FixedClock, tmp_path: Path
) -> Iterator[BotFactory]:
    """Build (and afterwards stop) app instances; call it again to simulate a restart."""
    built: list[Itabasami] = []

    def factory(
        *, send_timeout: int = 15, peer_hooks: PeerHooks | None = None, **env_overrides: str
    ) -> Itabasami:
        env_overrides.setdefault("SPOOL_FILE", str(tmp_path / "spool.sqlite3"))
        settings = Settings.from_env(make_env(slack, database_url, **env_overrides))
        app = create_app(
            settings,
            session_factory=make_session_factory(engine),
            clock=clock,
            send_timeout=send_timeout,
            peer_hooks=peer_hooks,
        )
        built.append(app)
        return app

    yield factory
    for app in built:
        app.stop()


@pytest.fixture
def bot(make_bot: BotFactory) -> Itabasami:
    return make_bot()


@pytest.fixture
def driver(bot: Itabasami, slack: FakeSlack, engine: Engine) -> SlackDriver:
    return SlackDriver(
        make_wsgi_app(bot.bolt, lambda: ping(engine)), signing_secret=SIGNING_SECRET, fake=slack
    )


def only(items: list[Any]) -> Any:
    """The single item of a list, with a readable failure otherwise."""
    assert len(items) == 1, f"expected exactly one, got {len(items)}: {items!r}"
    return items[0]


def settled(bot: Itabasami, slack: FakeSlack, timeout: float = 5.0) -> None:
    """Wait until no listener is running and the outbox has nothing due now pending or in flight."""
    slack.wait_for(lambda: bot.listeners.idle, timeout=timeout)
    from sqlalchemy import select

    from storage.models import ScheduledSend

    def done() -> bool:
        with bot.deps.sessions() as session:
            rows = session.scalars(
                select(ScheduledSend).where(ScheduledSend.status.in_(["pending", "sending"]))
            )
            now = bot.deps.clock.now()
            return not [r for r in rows if r.status == "sending" or r.due_at <= now]

    slack.wait_for(done, timeout=timeout)
