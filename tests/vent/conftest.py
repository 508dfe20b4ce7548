"""Peer-support fixtures: the same fake workspace plus a peer channel, moderators, and /vent switched on."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from bot.app import Itabasami
from bot.server import make_wsgi_app
from playground.slack.slack_server import FakeSlack
from storage.db import ping
from tests.conftest import SIGNING_SECRET, BotFactory
from tests.support.driver import SlackDriver
from tests.vent.helpers import PEER_ENV, populate_peer


@pytest.fixture
def bot(make_bot: BotFactory, slack: FakeSlack) -> Itabasami:
    populate_peer(slack)
    return make_bot(**PEER_ENV)


@pytest.fixture
def driver(bot: Itabasami, slack: FakeSlack, engine: Engine) -> SlackDriver:
    return SlackDriver(
        make_wsgi_app(bot.bolt, lambda: ping(engine)), signing_secret=SIGNING_SECRET, fake=slack
    )
