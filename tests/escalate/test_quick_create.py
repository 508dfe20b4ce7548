"""`/escalate @owner what happened`: stored first, then a card that names the owner, a DM, a confirmation."""

from __future__ import annotations

from sqlalchemy import select

from bot.app import Itabasami
from playground.slack.slack_server import FakeSlack
from storage.models import Escalation, ScheduledSend, TimelineEntry
from tests.conftest import ESCALATION_CHANNEL, OWNER, RAISER, only, settled
from tests.support.driver import SlackDriver

SUMMARY = "The client says the filing deadline was missed and wants the firm to cover the late fee."


def test_quick_escalation_posts_card_naming_owner(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """The card lands in the escalation channel, mentions the owner, and its fallback has the summary."""
    response = driver.command("/escalate", f"<@{OWNER}|jordan> {SUMMARY}", user=RAISER)
    assert response.status == 200

    card = slack.wait_for(
        lambda: only(slack.messages(ESCALATION_CHANNEL)) if slack.messages(ESCALATION_CHANNEL) else None
    )
    assert f"<@{OWNER}>" in card.text and SUMMARY[:40] in card.text
    rendered = str(card.blocks)
    assert f"<@{OWNER}>" in rendered and f"<@{RAISER}>" in rendered and "#1" in rendered
    action_ids = [e["action_id"] for b in card.blocks if b["type"] == "actions" for e in b["elements"]]
    assert action_ids[:4] == ["esc_acknowledge", "esc_post_update", "esc_reassign", "esc_resolve"]


def test_owner_gets_dm_with_thread_link(bot: Itabasami, driver: SlackDriver, slack: FakeSlack) -> None:
    """The owner is DM'd in their own language with a link to the thread and a one-click acknowledge."""
    driver.command("/escalate", f"<@{OWNER}> {SUMMARY}", user=RAISER)
    dm = slack.wait_for(lambda: slack.dm_messages(OWNER))[0]
    assert "escalated #1 to you" in dm.text
    buttons = [e for b in dm.blocks if b["type"] == "actions" for e in b["elements"]]
    assert buttons[0]["action_id"] == "esc_acknowledge"
    assert buttons[1]["url"].startswith("https://")


def test_raiser_sees_saved_then_posted_in_their_language(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """The raiser (Japanese) is told in Japanese: first that it is saved, then that it is posted."""
    driver.command("/escalate", f"<@{OWNER}> {SUMMARY}", user=RAISER)
    url = driver.last_response_url
    posts = slack.wait_for(lambda: slack.responses(url) if len(slack.responses(url)) >= 2 else None)
    assert "保存しました" in (posts[0].text or "")
    assert "投稿しました" in (posts[1].text or "") and posts[1].replace_original
    assert all(p.response_type == "ephemeral" for p in posts)


def test_escalation_is_stored_with_timeline(bot: Itabasami, driver: SlackDriver, slack: FakeSlack) -> None:
    """The database holds the escalation, its 'created' timeline entry and the card's location."""
    driver.command("/escalate", f"<@{OWNER}> {SUMMARY}", user=RAISER)
    slack.wait_for(lambda: slack.dm_messages(OWNER))
    settled(bot, slack)
    with bot.deps.sessions() as session:
        esc = only(list(session.scalars(select(Escalation))))
        assert (esc.number, esc.owner_id, esc.raiser_id, esc.summary) == (1, OWNER, RAISER, SUMMARY)
        assert esc.channel_id == ESCALATION_CHANNEL and esc.card_ts and esc.post_state == "posted"
        entry = only(list(session.scalars(select(TimelineEntry))))
        assert (entry.action, entry.actor_id) == ("created", RAISER)
        waiting = ("escalation.timer", "care.checkin")  # nudges and the raiser's check-ins come later
        sends = [r for r in session.scalars(select(ScheduledSend)) if r.kind not in waiting]
        assert {r.status for r in sends} == {"sent"}
        timers = [r.key for r in session.scalars(select(ScheduledSend)) if r.kind == "escalation.timer"]
        assert sorted(timers) == [f"esc:{esc.id}:t:chain:v1:1", f"esc:{esc.id}:t:nudge:v1:1"]  # waiting


def test_every_message_falls_back_to_the_summary(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """Card, thread lines, DMs and card updates all carry the summary in their plain-text fallback, so a
    notification says which escalation it is about."""
    driver.command("/escalate", f"<@{OWNER}> {SUMMARY}", user=RAISER)
    card = slack.wait_for(lambda: slack.messages(ESCALATION_CHANNEL))[0]
    settled(bot, slack)
    value = next(e["value"] for b in card.blocks if b["type"] == "actions" for e in b["elements"])
    driver.block_action("esc_acknowledge", user=OWNER, value=value, message_ts=card.ts)
    slack.wait_for(lambda: len(slack.thread(ESCALATION_CHANNEL, card.ts)) > 1)
    settled(bot, slack)
    texts = [
        c.args["text"] for c in slack.calls() if c.method in ("chat.postMessage", "chat.update") and c.ok
    ]
    assert len(texts) >= 5
    assert all(SUMMARY[:40] in text for text in texts), texts
