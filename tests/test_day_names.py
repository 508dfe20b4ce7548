"""Working days and weekly times read naturally in each person's language, never as 'mon-fri' in prose."""

from __future__ import annotations

import re

from bot.app import Itabasami
from playground.slack.slack_server import FakeSlack
from tests.conftest import ADMIN, OWNER, RAISER, BotFactory
from tests.escalate.test_timers import _driver
from tests.home.helpers import open_home, texts
from tests.support.driver import SlackDriver

ENGLISH_DAY = re.compile(r"\b(mon|tue|wed|thu|fri|sat|sun)\b", re.IGNORECASE)


def _reply(driver: SlackDriver, slack: FakeSlack, text: str, user: str) -> str:
    driver.command("/escalate", text, user=user)
    return slack.wait_for(lambda: slack.responses(driver.last_response_url))[0].text or ""


def _prose(text: str) -> str:
    """The reply without its `code` examples (command syntax stays as typed)."""
    return re.sub(r"`[^`]*`", "", text)


def test_working_hours_in_japanese_and_english(bot: Itabasami, driver: SlackDriver, slack: FakeSlack) -> None:
    """`/escalate hours` reads 月〜金 09:00〜18:00 in Japanese and 09:00–18:00 Mon–Fri in English."""
    japanese = _reply(driver, slack, "hours", RAISER)
    assert "月〜金 09:00〜18:00" in japanese and not ENGLISH_DAY.search(_prose(japanese))
    assert "09:00–18:00 Mon–Fri" in _reply(driver, slack, "hours", OWNER)


def test_own_days_across_the_weekend_and_scattered(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """Sunday to Thursday reads as one span; scattered days as a list, in the person's own language."""
    saved = _reply(driver, slack, "hours 08:30-17:30 sun-thu", RAISER)
    assert "日〜木 08:30〜17:30" in saved and not ENGLISH_DAY.search(_prose(saved))
    assert "10:00–16:00 Mon, Wed, Fri" in _reply(driver, slack, "hours 10:00-16:00 mon,wed,fri", OWNER)
    assert "月・水・金" in _reply(driver, slack, "hours 10:00-16:00 mon,wed,fri", RAISER)
    cleared = _reply(driver, slack, "hours default", RAISER)
    assert "月〜金 09:00〜18:00" in cleared and not ENGLISH_DAY.search(_prose(cleared))


def test_digest_time_in_the_managers_language(bot: Itabasami, driver: SlackDriver, slack: FakeSlack) -> None:
    """Turning the digest on says when it comes: 毎週月曜 09:00 in Japanese, Mon 09:00 in English."""
    japanese = _reply(driver, slack, "digest on", RAISER)
    assert "毎週月曜 09:00" in japanese and not ENGLISH_DAY.search(_prose(japanese))
    assert "Mon 09:00" in _reply(driver, slack, "digest on", OWNER)


def test_admin_home_shows_the_schedule_in_the_admins_language(make_bot: BotFactory, slack: FakeSlack) -> None:
    """A Japanese-speaking admin's Home shows working days and weekly times in Japanese."""
    bot = make_bot(ADMIN_USERS=f"{ADMIN},{RAISER}", DIGEST_SCHEDULE="fri 16:00")
    driver = _driver(bot, slack)
    japanese = texts(open_home(bot, driver, slack, RAISER))
    assert "月〜金 09:00〜18:00" in japanese and "毎週金曜 16:00" in japanese
    assert not ENGLISH_DAY.search(_prose(japanese))
    english = texts(open_home(bot, driver, slack, ADMIN))
    assert "09:00–18:00 Mon–Fri" in english and "Fri 16:00" in english
