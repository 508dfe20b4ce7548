"""Bad `/escalate` input gets a polite explanation with an example, in the person's language, and
creates nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.app import Itabasami
from playground.slack.slack_server import FakeSlack
from storage.models import Escalation
from tests.conftest import ESCALATION_CHANNEL, GONE, OTHER_BOT, OWNER, RAISER
from tests.support.driver import SlackDriver


def _reply_text(driver: SlackDriver, slack: FakeSlack, response_body: str) -> str:
    """The explanation, whether it came in the ack itself or through the response_url."""
    if response_body.strip():
        return response_body
    url = driver.last_response_url
    return slack.wait_for(lambda: slack.responses(url))[0].text or ""


def _count(bot: Itabasami) -> int:
    with bot.deps.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(Escalation)) or 0)


@pytest.mark.parametrize(
    ("text", "expected_en", "expected_ja"),
    [
        ("the client is upset", "start with the person who owns the decision", "判断する担当者"),
        ("<@{other}>", "add what happened", "何があったか"),
        ("<@{me}> please look", "You named yourself", "ご自身が指定されています"),
        (f"<@{OTHER_BOT}> please look", "is an app, not a person", "アプリで、人ではありません"),
        (f"<@{GONE}> please look", "deactivated", "無効になっている"),
        ("<@UNOBODY99> please look", "couldn't find", "見つかりませんでした"),
    ],
)
def test_bad_input_is_explained_and_creates_nothing(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, text: str, expected_en: str, expected_ja: str
) -> None:
    """Each bad input is explained in the sender's own language; nothing is stored or posted."""
    ja_text = text.format(me=RAISER, other=OWNER)
    en_text = text.format(me=OWNER, other=RAISER)
    ja = _reply_text(driver, slack, driver.command("/escalate", ja_text, user=RAISER).text)
    en = _reply_text(driver, slack, driver.command("/escalate", en_text, user=OWNER).text)
    assert expected_ja in ja
    assert expected_en in en
    assert "`/escalate @" in ja and "`/escalate @" in en  # every explanation shows an example
    assert _count(bot) == 0
    assert slack.messages(ESCALATION_CHANNEL) == []


def test_english_speaker_gets_english_explanation(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """The same mistake by an English speaker is explained in English, with an example."""
    text = _reply_text(driver, slack, driver.command("/escalate", "refund please", user=OWNER).text)
    assert "start with the person who owns the decision" in text and "/escalate @owner" in text


def test_unknown_subcommand_shows_help(bot: Itabasami, driver: SlackDriver, slack: FakeSlack) -> None:
    """Words Slack cannot map to a person get the help text, not an error page."""
    text = _reply_text(driver, slack, driver.command("/escalate", "lsit", user=OWNER).text)
    assert "I didn't understand that" in text and "/escalate list" in text


def test_help_mentions_consultation_desk(bot: Itabasami, driver: SlackDriver, slack: FakeSlack) -> None:
    """`/escalate help` explains every form and names the consultation desk."""
    text = _reply_text(driver, slack, driver.command("/escalate", "help", user=OWNER).text)
    assert "/escalate list" in text and "Consultation desk" in text and "<@UDESK>" in text


def test_very_long_text_is_kept_whole(bot: Itabasami, driver: SlackDriver, slack: FakeSlack) -> None:
    """A long account is stored whole; the card shows its start and the thread carries the rest."""
    story = " ".join(f"Sentence {i} of what the client said on the phone." for i in range(120))
    driver.command("/escalate", f"<@{OWNER}> {story}", user=RAISER)
    card = slack.wait_for(lambda: slack.messages(ESCALATION_CHANNEL))[0]
    replies = slack.wait_for(lambda: slack.thread(ESCALATION_CHANNEL, card.ts)[1:])
    with bot.deps.sessions() as session:
        assert session.scalar(select(Escalation.summary)) == story
    shown = "".join(str(b) for b in card.blocks) + "".join(str(r.blocks) for r in replies)
    assert "Sentence 0 of" in shown and "Sentence 119 of" in shown
    assert "continued in the thread" in str(card.blocks)


def test_overnight_hours_get_their_own_explanation(driver: SlackDriver, slack: FakeSlack) -> None:
    """A night shift is not supported yet: the reply says so plainly, in the person's language."""
    ja = _reply_text(driver, slack, driver.command("/escalate", "hours 18:00-09:00", user=RAISER).text)
    assert "日をまたぐ" in ja and "18:00-09:00" in ja
    en = _reply_text(driver, slack, driver.command("/escalate", "hours 22:00-06:00", user=OWNER).text)
    assert "start and end on the same day" in en and "22:00-06:00" in en
