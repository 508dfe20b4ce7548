"""Check-in answers are the raiser's: nothing they reveal reaches anyone else, in Slack, on any Home,
in the digest, in an export, in the database outside the check-ins' own state, or in the logs."""

from __future__ import annotations

import ast
import json
import logging
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.app import Itabasami
from bot.i18n import CATALOGS
from playground.clock import FixedClock
from playground.slack.slack_models import ResponsePost
from playground.slack.slack_server import FakeSlack
from storage.models import ScheduledSend, TimelineEntry
from tests.care.helpers import (
    MOOD_LOW,
    MOOD_ROUGH,
    NY,
    TOKYO,
    checkins,
    local,
    press,
    raise_at,
    resolve,
    run_at,
)
from tests.conftest import ADMIN, ADMIN_CHANNEL, HEAD, OWNER, PEER, RAISER, settled
from tests.escalate.test_timers import set_chain
from tests.home.helpers import home_action, open_home
from tests.support.driver import SlackDriver

ROOT = Path(__file__).resolve().parents[2]
# What an answer reveals: the mood labels, the thanks and support replies written for an answer, and
# the buttons' own names.
REVEALING_KEYS = ("care.mood.", "care.thanks.", "care.support.")
REVEALING_IDS = ("care_mood_", "care_support_")


def _markers() -> list[str]:
    texts = [
        text
        for catalog in CATALOGS.values()
        for key, text in catalog.items()
        if key.startswith(REVEALING_KEYS)
    ]
    return [t for t in texts if len(t) > 3] + list(REVEALING_IDS) + ["rough_streak", "support_kind"]


def _revealing(value: Any) -> list[str]:
    text = json.dumps(value, ensure_ascii=False, default=str) if not isinstance(value, str) else value
    return [m for m in _markers() if m in text]


def _raisers_conversations(slack: FakeSlack) -> set[str]:
    return {RAISER, slack.im_channel(RAISER) or "—"}


def _answer_everything(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> list[ResponsePost]:
    """The raiser answers roughly twice, picks a kind of support, asks for a peer, and stops check-ins."""
    replies = []
    raise_at(bot, driver, slack, clock, local("2026-11-24 10:00", TOKYO))
    run_at(bot, slack, clock, local("2026-11-24 13:05", TOKYO))
    replies.append(press(driver, slack, checkins(slack)[0], MOOD_ROUGH))
    replies.append(press(driver, slack, replies[-1], "care_support_think"))
    settled(bot, slack)
    run_at(bot, slack, clock, local("2026-11-25 09:05", TOKYO))
    replies.append(press(driver, slack, checkins(slack)[1], MOOD_LOW))
    replies.append(press(driver, slack, replies[-1], "care_peer"))
    settled(bot, slack)
    run_at(bot, slack, clock, local("2026-11-25 11:05", TOKYO))
    replies.append(press(driver, slack, checkins(slack)[-1], "care_stop_all"))
    settled(bot, slack)
    return replies


def test_no_check_in_answer_reaches_anyone_but_the_raiser(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock, caplog: pytest.LogCaptureFixture
) -> None:
    """Everything Slack was asked to do, every response, the owner's, manager's and admin's Homes, the
    manager's digest, exports, the database and the logs: answers appear only in the raiser's own DM."""
    caplog.set_level(logging.DEBUG)
    set_chain(driver, slack, bot, OWNER, HEAD)
    open_home(bot, driver, slack, PEER)
    home_action(
        bot,
        driver,
        slack,
        PEER,
        "home_toggles",
        selected_options=[{"value": "checkins"}, {"value": "supporter"}],
        type="checkboxes",
    )
    clock.set(local("2026-11-23 12:00", NY))
    driver.command("/escalate", "digest on", user=HEAD)
    slack.wait_for(lambda: slack.responses(driver.last_response_url))
    replies = _answer_everything(bot, driver, slack, clock)
    resolve(driver, slack, bot, 1)
    run_at(bot, slack, clock, local("2026-11-30 09:05", NY))

    # 1. every Web API call: anything revealing went to the raiser's own DM (or their Home) only
    ours = _raisers_conversations(slack)
    for call in slack.calls():
        found = _revealing(call.args)
        if found:
            target = str(call.args.get("channel") or call.args.get("user_id") or "")
            assert target in ours, (call.method, target, found)
    # 2. every response_url post: only to the raiser's own clicks
    own_urls = {r.url for r in replies}
    for response in slack.responses():
        if _revealing(response.body):
            assert response.url in own_urls
    # 3. what the owner, the manager and an admin can see in Slack
    for person in (OWNER, HEAD, ADMIN, PEER):
        assert (
            _revealing(
                [m.text for m in slack.dm_messages(person)] + [m.blocks for m in slack.dm_messages(person)]
            )
            == []
        )
        assert _revealing(open_home(bot, driver, slack, person)) == []
    assert _revealing([(m.text, m.blocks) for m in slack.messages(ADMIN_CHANNEL)]) == []
    group = [
        c.response["channel"]["id"]
        for c in slack.calls("conversations.open")
        if "," in str(c.args.get("users"))
    ]
    assert group and all(_revealing([(m.text, m.blocks) for m in slack.messages(g)]) == [] for g in group)
    assert [m for m in slack.dm_messages(HEAD) if "digest" in m.text.lower()]  # the digest did go out
    # 4. exports, by the owner and by an admin
    for person, text in ((OWNER, "export 1 json"), (ADMIN, "export 2026-11-01..2026-11-30")):
        before = len(slack.files())
        driver.command("/escalate", text, user=person)
        exported = slack.wait_for(lambda before=before: slack.files()[before:])[0]
        assert _revealing((exported.content or b"").decode("utf-8-sig")) == []
    settled(bot, slack)
    # 5. the database outside the check-ins' own state, and the logs
    with bot.deps.reads() as session:
        assert _revealing([e.detail for e in session.scalars(select(TimelineEntry))]) == []
        for row in session.scalars(select(ScheduledSend)):
            if row.target != RAISER:
                assert _revealing(row.payload) == [] and _revealing(row.result) == [], row.key
            assert not any(i in json.dumps(row.payload) for i in REVEALING_IDS), (
                row.key
            )  # requests are scrubbed
    # at INFO (the default) nothing logs message text; our own code never logs an answer even at DEBUG
    ours = [
        r for r in caplog.records if r.levelno >= logging.INFO or r.name.startswith(("bot.", "handlers."))
    ]
    assert ours and _revealing([r.getMessage() for r in ours]) == []


def test_an_undeliverable_check_in_is_reported_to_nobody(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock
) -> None:
    """A check-in Slack refuses is given up quietly: no admin notice, not in the admin's failed sends."""
    raise_at(bot, driver, slack, clock, local("2026-11-24 10:00", TOKYO))
    slack.fail_next("chat.postMessage", error="account_inactive", channel=RAISER, times=3)
    run_at(bot, slack, clock, local("2026-11-24 13:05", TOKYO))
    with bot.deps.reads() as session:
        failed = session.scalars(select(ScheduledSend.key).where(ScheduledSend.status == "failed")).all()
    assert failed and all(key.startswith("care:") for key in failed)
    assert not any("could not be delivered" in m.text for m in slack.messages(ADMIN_CHANNEL))
    home = open_home(bot, driver, slack, ADMIN)
    assert "None: everything went out." in str(home["blocks"])


def test_only_the_check_ins_package_touches_what_answers_reveal() -> None:
    """CareState and CheckinStop (the streak, the support kind asked for, 'no more about #N') are used
    only by bot/care/checkins/ and storage/: no report, Home, digest or export can read them."""
    allowed = ("bot/care/checkins/", "storage/")
    offenders = []
    for folder in ("bot", "handlers", "bench"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            names = {
                n.id for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(n, ast.Name)
            }
            names |= {
                a.name
                for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                if isinstance(n, ast.ImportFrom)
                for a in n.names
            }
            if {"CareState", "CheckinStop"} & names and not rel.startswith(allowed):
                offenders.append(rel)
    assert offenders == []
