"""Acknowledge, post update, reassign, resolve, bring in: who may, and what everyone sees."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.app import Itabasami
from playground.slack.slack_server import FakeSlack
from storage.models import Escalation, TimelineEntry
from tests.conftest import ADMIN, DESK, HEAD, OWNER, PEER, RAISER, settled
from tests.escalate.helpers import Posted, current_card, raise_one, thread_texts
from tests.support.driver import SlackDriver


def _status(bot: Itabasami, posted: Posted) -> str:
    with bot.deps.sessions() as session:
        return str(session.get(Escalation, posted.escalation_id).status)  # type: ignore[union-attr]


def _timeline(bot: Itabasami, posted: Posted) -> list[tuple[str, str | None]]:
    with bot.deps.sessions() as session:
        rows = session.scalars(
            select(TimelineEntry)
            .where(TimelineEntry.escalation_id == posted.escalation_id)
            .order_by(TimelineEntry.id)
        )
        return [(r.action, r.actor_id) for r in rows]


def _refusal(driver: SlackDriver, slack: FakeSlack) -> str:
    url = driver.last_response_url
    return slack.wait_for(lambda: slack.responses(url))[0].text or ""


def _press(driver: SlackDriver, slack: FakeSlack, action: str, posted: Posted, user: str) -> dict[str, Any]:
    """Press a card button that opens a form; returns the form once Slack has it open."""
    before = len(slack.views_opened())
    driver.block_action(action, user=user, value=posted.value, message_ts=posted.card.ts)
    record = slack.wait_for(lambda: slack.views_opened()[before:])[0]
    return record.view | {"id": record.id}


def _submit(driver: SlackDriver, view: dict[str, Any], user: str, values: dict[str, dict[str, Any]]) -> Any:
    return driver.view_submission(view, values, user=user)


def test_owner_acknowledges_with_one_click(bot: Itabasami, driver: SlackDriver, slack: FakeSlack) -> None:
    """The card changes in place, the thread says so, and the raiser is told by DM in Japanese."""
    posted = raise_one(bot, driver, slack)
    driver.block_action("esc_acknowledge", user=OWNER, value=posted.value, message_ts=posted.card.ts)
    slack.wait_for(lambda: "Acknowledged by" in str(current_card(slack, posted).blocks))
    assert "esc_acknowledge" not in str(current_card(slack, posted).blocks)
    assert any(
        "acknowledged this escalation" in t for t in slack.wait_for(lambda: thread_texts(slack, posted))
    )
    dm = slack.wait_for(lambda: [m for m in slack.dm_messages(RAISER) if "受け付けました" in m.text])
    assert dm and _status(bot, posted) == "acknowledged"
    assert ("acknowledged", OWNER) in _timeline(bot, posted)


def test_only_the_owner_can_acknowledge(bot: Itabasami, driver: SlackDriver, slack: FakeSlack) -> None:
    """Anyone else pressing Acknowledge gets a polite private refusal in their language; nothing changes."""
    posted = raise_one(bot, driver, slack)
    driver.block_action("esc_acknowledge", user=PEER, value=posted.value, message_ts=posted.card.ts)
    assert "担当者の <@UOWNER> さんだけ" in _refusal(driver, slack)
    driver.block_action("esc_acknowledge", user=ADMIN, value=posted.value, message_ts=posted.card.ts)
    assert "Only the owner, <@UOWNER>" in _refusal(driver, slack)
    assert _status(bot, posted) == "open"
    assert thread_texts(slack, posted) == []


def test_second_acknowledgement_changes_nothing(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """A double click is harmless: one thread line, one DM to the raiser."""
    posted = raise_one(bot, driver, slack)
    driver.block_action("esc_acknowledge", user=OWNER, value=posted.value, message_ts=posted.card.ts)
    settled(bot, slack)
    driver.block_action("esc_acknowledge", user=OWNER, value=posted.value, message_ts=posted.card.ts)
    assert "already acknowledged" in _refusal(driver, slack)
    settled(bot, slack)
    assert len(thread_texts(slack, posted)) == 1


def test_update_reassign_resolve_by_people_on_it(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """Raiser posts an update, admin reassigns to the office head, the new owner resolves with a decision."""
    posted = raise_one(bot, driver, slack)
    view = _press(driver, slack, "esc_post_update", posted, RAISER)
    _submit(
        driver,
        view,
        RAISER,
        {
            "update_text": {
                "type": "plain_text_input",
                "value": "Client called again; promised a reply by 5pm.",
            }
        },
    )
    slack.wait_for(lambda: any("promised a reply by 5pm" in t for t in thread_texts(slack, posted)))

    view = _press(driver, slack, "esc_reassign", posted, ADMIN)
    _submit(
        driver,
        view,
        ADMIN,
        {
            "new_owner": {"type": "users_select", "selected_user": HEAD},
            "reason": {"type": "plain_text_input", "value": "Owner is in court all day"},
        },
    )
    slack.wait_for(lambda: any("reassigned" in t and "<@UHEAD>" in t for t in thread_texts(slack, posted)))
    slack.wait_for(lambda: [m for m in slack.dm_messages(HEAD) if "reassigned #1 to you" in m.text])

    view = _press(driver, slack, "esc_resolve", posted, HEAD)
    _submit(
        driver,
        view,
        HEAD,
        {
            "resolution": {
                "type": "plain_text_input",
                "value": "Firm waives the fee; apology letter goes out today.",
            }
        },
    )
    slack.wait_for(lambda: "Resolved by" in str(current_card(slack, posted).blocks))
    card = current_card(slack, posted)
    assert "Firm waives the fee" in str(card.blocks)
    assert not [b for b in card.blocks if b["type"] == "actions"]  # no buttons on a resolved card
    actions = [a for a, _ in _timeline(bot, posted)]
    assert actions == ["created", "update", "reassigned", "resolved"]


def test_outsider_cannot_open_change_forms(bot: Itabasami, driver: SlackDriver, slack: FakeSlack) -> None:
    """A colleague who is not on it cannot post updates, reassign or resolve; no form opens."""
    posted = raise_one(bot, driver, slack)
    for action in ("esc_post_update", "esc_reassign", "esc_resolve"):
        driver.block_action(action, user=PEER, value=posted.value, message_ts=posted.card.ts)
        assert "担当者・起票した方・管理者" in _refusal(driver, slack)
    assert slack.views_opened() == []


def test_reassign_to_self_owner_or_bot_is_refused_in_form(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """Reassigning to the current owner is explained next to the field, and nothing changes."""
    posted = raise_one(bot, driver, slack)
    view = _press(driver, slack, "esc_reassign", posted, OWNER)
    reply = _submit(
        driver,
        view,
        OWNER,
        {
            "new_owner": {"type": "users_select", "selected_user": OWNER},
            "reason": {"type": "plain_text_input", "value": None},
        },
    ).json()
    assert reply["response_action"] == "errors" and "already owns" in reply["errors"]["new_owner"]


def test_bring_in_the_consultation_desk(bot: Itabasami, driver: SlackDriver, slack: FakeSlack) -> None:
    """Bringing someone in mentions them in the thread and lists them on the card."""
    posted = raise_one(bot, driver, slack)
    view = _press(driver, slack, "esc_bring_in", posted, RAISER)
    assert view["blocks"][0]["element"]["initial_users"] == [DESK]
    _submit(driver, view, RAISER, {"people": {"type": "multi_users_select", "selected_users": [DESK]}})
    slack.wait_for(lambda: any("brought in <@UDESK>" in t for t in thread_texts(slack, posted)))
    slack.wait_for(lambda: "<@UDESK>" in str(current_card(slack, posted).blocks))


def test_list_shows_my_open_escalations(bot: Itabasami, driver: SlackDriver, slack: FakeSlack) -> None:
    """`/escalate list` shows the caller's escalations as owner and as raiser, privately."""
    raise_one(bot, driver, slack, text="First client problem")
    raise_one(bot, driver, slack, owner=HEAD, raiser=OWNER, text="Second client problem")
    driver.command("/escalate", "list", user=OWNER)
    url = driver.last_response_url
    listing = slack.wait_for(lambda: slack.responses(url))[0]
    assert listing.response_type == "ephemeral"
    assert "First client problem" in str(listing.blocks) and "Second client problem" in str(listing.blocks)
    driver.command("/escalate", "list", user=PEER)
    url = driver.last_response_url
    assert "ありません" in (slack.wait_for(lambda: slack.responses(url))[0].text or "")
