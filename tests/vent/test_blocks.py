"""Peer-support Block Kit builders stay inside Slack's limits and carry a fallback that stands alone."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.peer.model import MAX_TEXT, PostKind, ReportView
from handlers.vent.blocks import build_mod_notice, build_post, build_reply, receipt_blocks


def _texts(blocks: list[dict[str, object]]) -> list[str]:
    found = []
    for block in blocks:
        text = block.get("text")
        if isinstance(text, dict):
            found.append(str(text["text"]))
    return found


def test_longest_post_fits_in_sections_without_losing_words() -> None:
    """A post at the length limit, full of characters that need escaping, splits into sections under 3,000."""
    words = ("<a & b> " * (MAX_TEXT // 8))[:MAX_TEXT]
    message = build_post(PostKind.VENT, "p1", words, locale="en")
    sections = _texts(message.blocks)
    assert all(len(s) <= 3000 for s in sections) and len(message.blocks) <= 50
    assert "".join(sections).count("&lt;a &amp; b&gt;") == words.count("<a & b>")
    assert message.text.startswith("An anonymous colleague:") and len(message.as_kwargs()["text"]) <= 3000


def test_reply_shows_its_pseudonym_and_menu() -> None:
    """An anonymous reply names its pseudonym in the workspace language and carries the report/delete menu."""
    message = build_reply("r1", 0, "ありがとう", locale="ja")
    assert message.blocks[0]["elements"][0]["text"] == "*投稿者（OP）*"
    menu = message.blocks[1]["accessory"]
    assert [o["value"] for o in menu["options"]] == ["report:r1", "delete:r1"]
    assert message.text == "投稿者（OP）: ありがとう"


def test_weekly_thread_has_no_author_menu() -> None:
    """The weekly thread is the bot's own words: a reply button, nothing to report or delete."""
    message = build_post(PostKind.WEEKLY, "w1", None, locale="en")
    assert "vent_menu" not in str(message.blocks) and "vent_reply" in str(message.blocks)


def test_moderator_notice_drops_actions_once_handled() -> None:
    """Once hidden and paused, a notice shows who did what and offers nothing more."""
    report = ReportView(
        report_id=7,
        target="p1",
        is_reply=False,
        link="https://example.slack.com/archives/C0PEER/p1",
        reports=1,
        reasons=(),
        hidden_by="UMOD",
        muted_by="UMOD",
        muted_until=datetime(2026, 12, 1, tzinfo=UTC),
    )
    message = build_mod_notice(report, locale="en", peer_channel="C0PEER")
    shown = str(message.blocks)
    assert "Hidden by <@UMOD>" in shown and "paused its author" in shown
    assert "vent_mod_" not in shown


def test_deleted_receipt_has_no_buttons() -> None:
    """After deleting, the receipt only says so."""
    blocks = receipt_blocks(locale="en", peer_channel="C0PEER", public_id="p1", state="deleted")
    assert len(blocks) == 1 and "deleted" in str(blocks)
