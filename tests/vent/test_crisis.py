"""Safety: words that suggest danger still post, and only the author privately sees support lines."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from bot.app import Itabasami
from bot.peer.crisis import DEFAULT_CRISIS, suggests_danger
from playground.slack.slack_server import FakeSlack
from storage.models import ScheduledSend
from tests.conftest import ADMIN, ADMIN_CHANNEL, BotFactory, settled
from tests.escalate.test_timers import _driver
from tests.support.driver import SlackDriver
from tests.vent.helpers import (
    AUTHOR,
    MODERATOR,
    MODERATOR_JA,
    OTHER_AUTHOR,
    PEER_ENV,
    last_view,
    populate_peer,
    posts_in_channel,
    project_logs,
    submit,
    text_value,
    vent,
    vent_with_form,
)

JA_DANGER = "もう限界です。消えたいと思ってしまいます。"
EN_DANGER = "Some nights I just want to die rather than face another call like that."


def _crisis_reply(slack: FakeSlack, url: str) -> str:
    replies = slack.responses(url)
    return " ".join((r.text or "") + str(r.blocks) for r in replies)


def test_japanese_danger_words_post_and_show_support_privately(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """The post goes up; the author alone gets support lines in Japanese, a 24-hour line first."""
    with project_logs() as logs:
        posted = vent(bot, driver, slack, JA_DANGER)
    assert JA_DANGER in str(posted.message.blocks)
    shown = _crisis_reply(slack, driver.last_response_url)
    assert "ひとりで抱えなくて大丈夫です" in shown and "あなたにだけ表示されています" in shown
    lines = [line for line in shown.split("•") if "0120" in line or "988" in line]
    assert "よりそいホットライン" in lines[0] and "24" in lines[0]
    assert all(r.response_type == "ephemeral" for r in slack.responses(driver.last_response_url))
    settled(bot, slack)
    assert "よりそい" not in posted.message.text + str(posted.message.blocks)
    for someone in (MODERATOR, MODERATOR_JA, ADMIN):
        assert slack.dm_messages(someone) == []
    assert slack.messages(ADMIN_CHANNEL) == []
    with bot.deps.sessions() as session:
        rows = {row.kind: row for row in session.scalars(select(ScheduledSend))}
    assert sorted(rows) == ["request", "vent.post"]
    # the request waited sealed, with nobody beside it, and once handled only its handler's name is left
    assert rows["request"].target is None and set(rows["request"].payload) == {"handler"}
    logged = logs.getvalue().lower()
    assert "vent.post" in logged  # the log did run, at DEBUG
    assert "crisis" not in logged and "danger" not in logged and "よりそい" not in logged


def test_english_danger_words_in_the_form_show_support_in_the_receipt(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """Through the form, the receipt itself carries the support lines in English, US 24-hour lines first."""
    posted, receipt = vent_with_form(bot, driver, slack, EN_DANGER, user=OTHER_AUTHOR)
    assert posted is not None and "want to die" in str(posted.message.blocks)
    shown = str(receipt["blocks"])
    assert "You don't have to carry this alone" in shown
    assert shown.index("988") < shown.index("Inochi no Denwa")
    assert "Call or text 988" in shown and "119 for an ambulance" in shown and "救急車" not in shown
    assert receipt["private_metadata"] and "crisis" in receipt["private_metadata"]


def test_ordinary_words_show_no_support_lines(bot: Itabasami, driver: SlackDriver, slack: FakeSlack) -> None:
    """A vent without danger words gets only the receipt."""
    vent(bot, driver, slack, "Busy week, but we got through it.", user=OTHER_AUTHOR)
    assert "988" not in _crisis_reply(slack, driver.last_response_url)


def _bot_with_crisis_file(
    make_bot: BotFactory, slack: FakeSlack, tmp_path: Path, yaml_text: str
) -> tuple[Itabasami, SlackDriver]:
    """A peer-support bot reading CRISIS_RESOURCES from a file holding `yaml_text`, and its driver."""
    config = tmp_path / "crisis.yml"
    config.write_text(yaml_text, encoding="utf-8")
    populate_peer(slack)
    app = make_bot(**PEER_ENV, CRISIS_RESOURCES=str(config))
    return app, _driver(app, slack)


def test_configured_resources_and_words(
    make_bot: BotFactory, slack: FakeSlack, engine: object, tmp_path: Path
) -> None:
    """CRISIS_RESOURCES (a YAML file) replaces the lines shown and adds words to watch for."""
    app, driver = _bot_with_crisis_file(
        make_bot,
        slack,
        tmp_path,
        "resources:\n"
        "  - name: Office wellbeing line\n    contact: ext. 4040\n    hours: weekdays 9-17\n"
        "  - name: Night line\n    contact: 0120-000-000\n    hours: 24 hours\n    open_24h: true\n"
        "words: [breaking point]\n",
    )
    vent(app, driver, slack, "I'm at my breaking point with this client.", user=AUTHOR)
    shown = _crisis_reply(slack, driver.last_response_url)
    assert shown.index("Night line") < shown.index("Office wellbeing line") and "988" not in shown
    assert len(posts_in_channel(slack)) == 1


def test_anonymous_reply_with_danger_words_shows_support_to_the_replier(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """An anonymous reply in words that suggest danger shows the support lines to the replier alone."""
    posted = vent(bot, driver, slack, "Rough week.", user=OTHER_AUTHOR)
    opened = len(slack.views_opened())
    driver.block_action("vent_reply", user=AUTHOR, value=posted.public_id, channel="C0PEER")
    view = slack.wait_for(lambda: last_view(slack) if len(slack.views_opened()) > opened else None)
    answer = submit(
        driver, view, {"vent_text": text_value("私も、もう死にたいと思うことがあります。")}, user=AUTHOR
    )
    shown = str(answer["view"]["blocks"])
    assert "匿名 1" in shown and "よりそいホットライン" in shown
    settled(bot, slack)
    assert slack.dm_messages(MODERATOR) == [] and slack.messages(ADMIN_CHANNEL) == []


def _lines(shown: str) -> list[str]:
    return [line for line in shown.split("•")[1:] if line.strip()]


def test_japanese_author_sees_japanese_lines_first_in_japanese(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """A Japanese author sees every Japanese line before any US one, each worded in Japanese."""
    vent(bot, driver, slack, JA_DANGER)
    lines = _lines(_crisis_reply(slack, driver.last_response_url))
    japan = [i for i, line in enumerate(lines) if "0120" in line or "119" in line]
    us = [i for i, line in enumerate(lines) if "988" in line or "741741" in line or "911" in line]
    assert japan == [0, 1, 2] and us and min(us) > max(japan)
    assert "よりそいホットライン" in lines[0] and "24時間・年中無休" in lines[0]
    shown = " ".join(lines)
    assert "救急車は119、警察は110" in shown and "988 に電話またはSMS" in shown
    assert "Call or text" not in shown and "ambulance" not in shown


def test_english_speaker_in_tokyo_sees_japan_first_in_english(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """Someone whose Slack is in English but whose time zone is Tokyo gets Japan's 24-hour line first."""
    slack.add_user("UEXPAT01", "alex", real_name="Alex Reed", locale="en-US", tz="Asia/Tokyo")
    vent(bot, driver, slack, EN_DANGER, user="UEXPAT01")
    lines = _lines(_crisis_reply(slack, driver.last_response_url))
    assert "Yorisoi Hotline" in lines[0] and "24 hours, every day" in lines[0]
    shown = " ".join(lines)
    assert shown.index("Emergency in Japan") < shown.index("988") and "無料" not in shown


def test_japanese_speaker_in_new_york_sees_us_lines_first_in_japanese(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """Slack in Japanese but living in New York: a Japanese free-dial number cannot be called from
    there, so the US 24-hour line comes first, still worded in Japanese."""
    slack.add_user("UNYJA001", "kenta", real_name="Kenta Mori", locale="ja-JP", tz="America/New_York")
    vent(bot, driver, slack, JA_DANGER, user="UNYJA001")
    lines = _lines(_crisis_reply(slack, driver.last_response_url))
    assert "988" in lines[0] and "24時間" in lines[0]
    shown = " ".join(lines)
    assert shown.index("988") < shown.index("0120")


def test_configured_lines_in_both_languages(
    make_bot: BotFactory, slack: FakeSlack, engine: object, tmp_path: Path
) -> None:
    """CRISIS_RESOURCES may word a line per language (each author reads their own) or once for all."""
    app, driver = _bot_with_crisis_file(
        make_bot,
        slack,
        tmp_path,
        "- name: {ja: 社内相談窓口, en: Staff support desk}\n"
        "  contact: {ja: 内線 4040, en: ext. 4040}\n"
        "  hours: {ja: 平日9時〜17時, en: weekdays 9-17}\n"
        "  region: JP\n"
        "- {name: Night line, contact: 0120-000-000, hours: 24 hours, open_24h: true}\n",
    )
    vent(app, driver, slack, JA_DANGER, user=AUTHOR)
    japanese = _lines(_crisis_reply(slack, driver.last_response_url))
    assert "Night line" in japanese[0] and "社内相談窓口" in japanese[1] and "平日9時〜17時" in japanese[1]
    vent(app, driver, slack, EN_DANGER, user=OTHER_AUTHOR)
    english = " ".join(_lines(_crisis_reply(slack, driver.last_response_url)))
    assert "*Staff support desk*: ext. 4040 (weekdays 9-17)" in english and "社内" not in english


def test_danger_words_are_found_however_they_are_typed() -> None:
    """Double spaces, line breaks, zero-width characters, "kill my self", katakana and half-width kana
    all still count; ordinary words still do not."""
    words = DEFAULT_CRISIS.words
    for typed in (
        "some nights I want  to die",
        "I want\nto die",
        "I want to d\u200bie",
        "I could kill my self",
        "s\u200du\u2060icidal thoughts again",
        "もうシニタイ",
        "もうｼﾆﾀｲ",
        "死に\nたい",
        "消え\u200bたい",
    ):
        assert suggests_danger(typed, words), typed
    for ordinary in ("The client is dying to hear back.", "シニアの担当者に確認します", "skills"):
        assert not suggests_danger(ordinary, words), ordinary
