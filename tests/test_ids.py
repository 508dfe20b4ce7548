"""Every action_id and callback_id the builders emit has a listener registered."""

from __future__ import annotations

from typing import Any

import pytest

from bot.app import Itabasami
from bot.escalations.model import EscalationView
from bot.peer.model import PostKind, ReportView
from handlers.escalate import modals
from handlers.escalate.blocks import build_card, build_owner_dm
from handlers.ids import Action, Shortcut, View
from handlers.vent import blocks as vent_blocks
from handlers.vent import modals as vent_modals
from playground.slack.slack_server import FakeSlack
from tests.conftest import BotFactory
from tests.vent.helpers import PEER_ENV, populate_peer


@pytest.fixture
def bot(make_bot: BotFactory, slack: FakeSlack) -> Itabasami:
    """The app with every surface on, peer support included."""
    populate_peer(slack)
    return make_bot(**PEER_ENV)


def _ids(node: Any, key: str) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        if isinstance(node.get(key), str):
            found.add(node[key])
        for value in node.values():
            found |= _ids(value, key)
    elif isinstance(node, list):
        for value in node:
            found |= _ids(value, key)
    return found


def _listened(bot: Itabasami) -> str:
    return " ".join(repr(getattr(m, "keyword", m)) for li in bot.bolt._listeners for m in li.matchers)


def test_every_emitted_id_is_listened_for(bot: Itabasami) -> None:
    """Action IDs on cards, DMs, peer posts, check-ins, the Home and modals, modal callbacks and shortcuts
    all reach a listener."""
    view = EscalationView(escalation_id=1, number=1, owner_id="U1", raiser_id="U2", summary="s")
    emitted = _ids(build_card(view, locale="en", raiser_locale="ja").blocks, "action_id")
    emitted |= _ids(build_owner_dm(view, {}, locale="ja").blocks, "action_id")
    built = [
        modals.build_new_escalation_modal(
            locale="en", metadata={}, kind="possible_harassment", has_desk=True
        ),
        modals.build_update_modal(locale="en", escalation_id=1, number=1),
        modals.build_reassign_modal(locale="en", escalation_id=1, number=1),
        modals.build_resolve_modal(locale="en", escalation_id=1, number=1),
        modals.build_bring_in_modal(locale="en", escalation_id=1, number=1, desk=()),
    ]
    emitted |= _ids(_peer_messages(), "action_id")
    built += _peer_modals()
    emitted |= _ids(_care_and_home_blocks(), "action_id")
    built += _care_and_home_modals()
    callbacks = {v["callback_id"] for v in built}
    dispatching = {
        e["action_id"] for v in built for b in v["blocks"] if b.get("dispatch_action") for e in [b["element"]]
    }
    assert callbacks <= {v.value for v in View}
    assert (emitted | dispatching) <= {a.value for a in Action}
    registered = {a.value for a in Action} | {v.value for v in View}
    assert registered  # and the app registers a listener for each:
    for action in Action:
        assert any(_matches(bot, "block_actions", action_id=action.value))
    for callback in View:
        assert any(_matches(bot, "view_submission", callback_id=callback.value))
    for shortcut in Shortcut:
        assert any(_matches(bot, "message_action", callback_id=shortcut.value))


def _peer_messages() -> list[object]:
    report = ReportView(report_id=1, target="t", is_reply=False, link="https://x", reports=2, reasons=("r",))
    receipt = vent_blocks.receipt_blocks(locale="ja", peer_channel="C1", public_id="p", state="posted")
    offer = vent_blocks.build_encouragement_offer(locale="en", peer_channel="C1", escalation_id=1)
    return [
        *(vent_blocks.build_post(kind, "p", "words", locale="en").blocks for kind in PostKind),
        vent_blocks.build_reply("r", 2, "words", locale="ja").blocks,
        vent_blocks.build_mod_notice(report, locale="en", peer_channel="C1").blocks,
        receipt,
        offer,
    ]


def _peer_modals() -> list[dict[str, object]]:
    return [
        vent_modals.build_vent_modal(locale="en", peer_channel="C1", relay_days=7, preview="hi"),
        vent_modals.build_receipt_modal(locale="ja", blocks=[]),
        vent_modals.build_reply_modal(locale="en", post_public_id="p"),
        vent_modals.build_report_modal(locale="en", target="p"),
        vent_modals.build_delete_modal(locale="en", target="p", is_reply=True, peer_channel="C1"),
        vent_modals.build_mute_modal(locale="ja", report_id=1),
    ]


def _care_and_home_blocks() -> list[Any]:
    """Everything the check-ins, the review and thanks, and the App Home emit."""
    from datetime import UTC, datetime

    from bot.calendar import WorkWeek
    from bot.care.home import AdminView, HomeData, HomeItem, HomePage
    from bot.care.model import Mood, MoodOutcome, SupportKind
    from bot.care.prefs import Prefs
    from handlers.care import blocks as care
    from handlers.care import review_blocks as review
    from handlers.home.blocks import Shown, build_home

    params = {"escalation_id": 1, "number": 1, "step": "raised", "link": "https://x", "raiser": "U2"}
    now = datetime(2026, 11, 24, tzinfo=UTC)
    item = HomeItem(1, 1, "owner", "s", "normal", "open", now, "https://x", False, "U1", "U2")
    home = HomeData(
        "U1",
        Prefs("U1", out_of_office_until=now.date()),
        HomePage([item], 1, 3, 30, 0),
        True,
        AdminView([], 0, []),
    )
    shown = Shown("en", now, WorkWeek(), "UTC", False, [])
    streak = MoodOutcome(rough=True, offer_peer=True, support_kind=None)
    return [
        care.build_checkin(params, locale="en").blocks,
        care.build_mood_thanks(streak, Mood.ROUGH, 1, locale="en").blocks,
        *[care.build_support_reply(k, 1, locale="ja", has_desk=True).blocks for k in SupportKind],
        review.build_review_invite(params, locale="en").blocks,
        review.build_thank_prompt(params, locale="en").blocks,
        review.build_meeting_offer(params, locale="en", escalation_id=1).blocks,
        build_home(home, shown)["blocks"],
    ]


def _care_and_home_modals() -> list[dict[str, Any]]:
    from bot.calendar import WorkWeek
    from handlers.care import review_blocks as review
    from handlers.home.modals import build_hours_modal

    return [
        review.build_review_modal(locale="en", escalation_id=1, number=1),
        review.build_thanks_modal(
            locale="en", escalation_id=1, number=1, raiser="U2", line="Thanks", where="thread"
        ),
        review.build_meeting_modal(locale="en", escalation_id=1, number=1),
        build_hours_modal(
            locale="en",
            week=WorkWeek(),
            own_hours=True,
            timezone=None,
            slack_timezone="UTC",
            default="09:00-18:00",
        ),
    ]


def _matches(bot: Itabasami, kind: str, **ids: str) -> list[bool]:
    from slack_bolt.request import BoltRequest

    if kind == "message_action":
        body = {
            "type": "message_action",
            "callback_id": ids["callback_id"],
            "user": {"id": "U1"},
            "team": {"id": "T"},
        }
    elif kind == "block_actions":
        body = {
            "type": "block_actions",
            "actions": [{"action_id": ids["action_id"]}],
            "user": {"id": "U1"},
            "team": {"id": "T"},
        }
    else:
        body = {
            "type": "view_submission",
            "view": {"callback_id": ids["callback_id"], "type": "modal"},
            "user": {"id": "U1"},
            "team": {"id": "T"},
        }
    request = BoltRequest(body=body, mode="socket_mode")
    return [all(m.matches(request, None) for m in li.matchers) for li in bot.bolt._listeners]
