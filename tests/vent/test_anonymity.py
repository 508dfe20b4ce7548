"""The anonymity promise, tested end to end.

1. No message the bot posts, no log line (libraries' DEBUG included) and no exception report names the author.
2. The database without ANON_SECRET shows neither who wrote a post nor which posts share an author.
3. No command, button or admin view shows the author to anyone (moderators and admins included).
4. Rate limits, mutes, "delete my post" and "OP" work through keyed values, never a stored user ID.
5. What is scheduled for the author keeps its target sealed and erased once sent; failures name nobody.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from slack_sdk import WebClient
from sqlalchemy import Engine, select, text

from bot.app import Itabasami
from playground.clock import FixedClock
from playground.slack.slack_models import Call
from playground.slack.slack_server import FakeSlack
from storage.models import Base, ScheduledSend, VentPost, VentPseudonym, VentRelay, VentReply
from tests.conftest import ADMIN, ADMIN_CHANNEL, OWNER, RAISER, settled
from tests.escalate.helpers import raise_one
from tests.support.driver import SlackDriver
from tests.vent.helpers import (
    AUTHOR,
    COLLEAGUE,
    COLLEAGUE_JA,
    MODERATOR,
    MODERATOR_JA,
    OTHER_AUTHOR,
    PEER_CHANNEL,
    Posted,
    buttons,
    last_view,
    menu_values,
    moderator_notice,
    posts_in_channel,
    project_logs,
    reply_anonymously,
    reply_by_name,
    reply_value,
    report,
    submit,
    vent,
    vent_with_form,
)

# Everything that would point to the author: their ID, login, real and display names.
AUTHOR_MARKS = (AUTHOR, "takahashi", "Takahashi Mio", "高橋美緒")


def _run_every_flow(bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock) -> None:
    """The author posts (form, delayed, notify; and directly), replies, is relayed to, reported, hidden,
    paused, refused, deletes; talks of danger; reports someone else; and an encouragement thread runs."""
    # A post through the form, delayed, with reply notices; words that suggest danger.
    _, receipt = vent_with_form(
        bot, driver, slack, "眠れません。消えたいと思う夜もあります。", notify=True, delay=True
    )
    assert "よりそいホットライン" in str(receipt["blocks"])
    clock.advance(timedelta(minutes=31))
    bot.dispatcher.run_once()
    settled(bot, slack)
    first = Posted(reply_value(posts_in_channel(slack)[0]), posts_in_channel(slack)[0])
    # Colleagues answer, by name and anonymously; the author is told privately; the author thanks them as OP.
    reply_by_name(driver, slack, first, "You did everything right.", user=COLLEAGUE)
    reply_anonymously(bot, driver, slack, first, "同じ経験があります。", user=COLLEAGUE_JA)
    slack.wait_for(lambda: slack.dm_messages(AUTHOR))
    reply_anonymously(bot, driver, slack, first, "ありがとうございます。", user=AUTHOR)
    # A second post, directly; the author deletes it from the receipt.
    second = vent(bot, driver, slack, "Posting by accident, sorry.")
    delete = next(
        e["value"]
        for r in slack.responses(driver.last_response_url)
        for e in buttons(r.blocks)
        if e.get("action_id") == "vent_delete"
    )
    driver.block_action("vent_delete", user=AUTHOR, value=str(delete), channel="CCLIENT")
    slack.wait_for(lambda: second.message.ts not in [m.ts for m in slack.messages(PEER_CHANNEL)])
    # The author replies anonymously in someone else's thread, then deletes that reply.
    others = vent(bot, driver, slack, "New here and already exhausted.", user=OTHER_AUTHOR)
    mine = reply_anonymously(bot, driver, slack, others, "It gets easier, I promise.", user=AUTHOR)
    delete_reply = next(v for v in menu_values(mine.blocks) if v.startswith("delete:"))
    opened = len(slack.views_opened())
    driver.block_action(
        "vent_menu", user=AUTHOR, channel=PEER_CHANNEL, extra={"selected_option": {"value": delete_reply}}
    )
    view = slack.wait_for(lambda: last_view(slack) if len(slack.views_opened()) > opened else None)
    submit(driver, view, {}, user=AUTHOR)
    settled(bot, slack)
    # The author reports someone else's post; colleagues report the author's; moderators pause and hide.
    report(bot, driver, slack, others.message, user=AUTHOR, reason="Not sure this belongs here")
    op_reply = slack.thread(PEER_CHANNEL, first.message.ts)[-1]
    report(bot, driver, slack, op_reply, user=COLLEAGUE)
    _moderate(driver, slack, bot, "vent_mod_mute", moderator=MODERATOR_JA, days="1")
    _moderate(driver, slack, bot, "vent_mod_hide", moderator=MODERATOR_JA)
    # Paused, the author is refused, privately.
    driver.command("/vent", "One more thing.", user=AUTHOR)
    slack.wait_for(lambda: slack.responses(driver.last_response_url))
    settled(bot, slack)
    # A failed notice to the author (they left the workspace's DMs) is reported without a name.
    clock.advance(timedelta(days=1, minutes=1))
    third, _ = vent_with_form(bot, driver, slack, "Back again, calmer.", notify=True)
    assert third is not None
    slack.fail_next("chat.postMessage", error="account_inactive", channel=AUTHOR)
    reply_by_name(driver, slack, third, "Glad you're back.", user=COLLEAGUE_JA)
    slack.wait_for(lambda: slack.messages(ADMIN_CHANNEL))
    # An encouragement thread asked for by someone who raised an escalation.
    raise_one(bot, driver, slack, owner=OWNER, raiser=RAISER, text="The client disputes the invoice again.")
    offer = next(
        e["value"]
        for r in slack.responses(driver.last_response_url)
        for e in buttons(r.blocks)
        if e.get("action_id") == "peer_ask_encouragement"
    )
    driver.block_action("peer_ask_encouragement", user=RAISER, value=str(offer), channel="CCLIENT")
    clock.advance(timedelta(minutes=31))
    bot.dispatcher.run_once()
    settled(bot, slack)
    bot.run_periodic()
    settled(bot, slack)


def _moderate(
    driver: SlackDriver, slack: FakeSlack, bot: Itabasami, action: str, *, moderator: str, days: str = ""
) -> None:
    notice = moderator_notice(slack, moderator)
    value = next(e["value"] for e in buttons(notice.blocks) if e["action_id"] == action)
    opened = len(slack.views_opened())
    driver.block_action(
        action, user=moderator, value=value, channel=slack.im_channel(moderator), message_ts=notice.ts
    )
    if days:
        view = slack.wait_for(lambda: last_view(slack) if len(slack.views_opened()) > opened else None)
        submit(
            driver,
            view,
            {"mute_for": {"type": "radio_buttons", "selected_option": {"value": days}}},
            user=moderator,
        )
    settled(bot, slack)


def _found(haystack: str, marks: Iterable[str]) -> list[str]:
    lowered = haystack.lower()
    return [m for m in marks if m.lower() in lowered]


def _to_others(calls: list[Call], author_dm: str | None) -> list[Call]:
    """Every call except those addressed to the author themself (their DM, their own profile lookup)."""
    own = {AUTHOR, author_dm}
    return [
        c
        for c in calls
        if c.args.get("channel") not in own
        and c.args.get("user") not in own
        and c.args.get("users") not in own
    ]


def dump_database(engine: Engine) -> str:
    """Every row of every table, as text."""
    lines = []
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            for row in conn.execute(text(f'SELECT * FROM "{table.name}"')):  # noqa: S608 - our own table names
                lines.append(f"{table.name}: {json.dumps([str(v) for v in row], ensure_ascii=False)}")
    return "\n".join(lines)


def test_no_trace_of_the_author_in_channel_logs_or_database(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock, engine: Engine
) -> None:
    """After every flow at DEBUG, the author's ID, names and DM are in no peer-channel call, log or table."""
    with project_logs("DEBUG") as logs:
        _run_every_flow(bot, driver, slack, clock)
    author_dm = slack.im_channel(AUTHOR)
    assert author_dm, "the relay flow ran, so the author has a DM with the bot"
    marks = (*AUTHOR_MARKS, author_dm)
    to_peer = [c for c in slack.calls() if c.args.get("channel") == PEER_CHANNEL]
    assert len(to_peer) >= 12
    assert _found(json.dumps([c.args for c in to_peer], ensure_ascii=False), marks) == []
    others = _to_others(slack.calls(), author_dm)
    assert _found(json.dumps([(c.args, c.response) for c in others], ensure_ascii=False), marks) == []
    log_text = logs.getvalue()
    assert "DEBUG slack_bolt" in log_text and "sent kind=vent.relay" in log_text
    assert _found(log_text, marks) == []
    database = dump_database(engine)
    assert "vent_posts" in database and "anon_tokens" in database
    assert _found(database, marks) == []
    # Whoever asked for encouragement is in the escalation's own tables, never in the peer channel.
    assert (
        _found(json.dumps([c.args for c in to_peer], ensure_ascii=False), (RAISER, "Sato Yumi", OWNER)) == []
    )
    for person in (MODERATOR, MODERATOR_JA, ADMIN):
        shown = " ".join(m.text + str(m.blocks) for m in slack.dm_messages(person))
        assert _found(shown, marks) == []


def _what_names_a_post(slack: FakeSlack, engine: Engine) -> set[str]:
    """Every value that points to one anonymous post or reply: public ids, Slack timestamps (as the API
    and as permalinks write them), and any outbox key naming a post."""
    marks: set[str] = set()
    for message in slack.messages(PEER_CHANNEL, include_deleted=True):
        marks |= {message.ts, "p" + message.ts.replace(".", "")}
    with engine.connect() as conn:
        marks |= {str(v) for v in conn.scalars(select(VentPost.public_id))}
        marks |= {str(v) for v in conn.scalars(select(VentReply.public_id))}
    return marks


def _read_back_dms(slack: FakeSlack, user_id: str) -> str:
    """What anyone holding the bot's token reads from its DM with `user_id`, metadata included."""
    client = WebClient(token=slack.token, base_url=slack.base_url)
    im = slack.im_channel(user_id)
    assert im is not None
    history = client.conversations_history(channel=im, include_all_metadata=True, limit=1000)
    return json.dumps(history["messages"], ensure_ascii=False)


def test_nothing_the_bot_can_read_in_slack_links_an_author_to_their_post(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, clock: FixedClock, engine: Engine
) -> None:
    """Read back with the bot's own token, the reply notices in an author's DM (text, blocks, metadata)
    name no post: no link, no timestamp, no id; the same for the encouragement replies the raiser got."""
    _run_every_flow(bot, driver, slack, clock)
    clock.advance(timedelta(minutes=31))  # whenever the encouragement request's random moment falls
    bot.dispatcher.run_once()
    settled(bot, slack)
    asked = next(m for m in posts_in_channel(slack) if "difficult client situation" in str(m.blocks))
    reply_by_name(driver, slack, Posted(reply_value(asked), asked), "You've got this.", user=COLLEAGUE)
    slack.wait_for(lambda: slack.dm_messages(RAISER))
    settled(bot, slack)
    marks = _what_names_a_post(slack, engine)
    assert len(marks) >= 10
    for person in (AUTHOR, RAISER):
        shown = _read_back_dms(slack, person)
        assert "itabasami_send" in shown  # the notices are there, metadata and all
        assert [m for m in marks if m in shown] == [], person
        assert "slack.com/archives" not in shown


def _values_of(engine: Engine, public_id: str) -> set[tuple[str, str, str]]:
    """Every (table, column, value) stored for one post: row, relay link, replies, pseudonyms, outbox rows."""
    found: set[tuple[str, str, str]] = set()
    models = (VentRelay, VentReply, VentPseudonym)
    with engine.connect() as conn:
        post = conn.execute(select(VentPost).where(VentPost.public_id == public_id)).one()
        found |= _cells("vent_posts", post._mapping)
        for model in models:
            for row in conn.execute(select(model).where(model.post_id == post.id)):
                found |= _cells(model.__tablename__, row._mapping)
        for row in conn.execute(select(ScheduledSend).where(ScheduledSend.key.contains(public_id))):
            found |= _cells("scheduled_sends", row._mapping)
    return found


def _cells(table: str, mapping: Any) -> set[tuple[str, str, str]]:
    return {(table, str(column), str(value)) for column, value in mapping.items()}


def test_two_posts_by_one_author_share_nothing_that_others_do_not(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, engine: Engine
) -> None:
    """Whatever two posts by one author have in common in the database, a post by someone else has too."""
    posted = [
        vent_with_form(bot, driver, slack, text, user=user, notify=True)[0]
        for text, user in (
            ("Monday was hard.", AUTHOR),
            ("Tuesday too.", AUTHOR),
            ("Wednesday was mine.", OTHER_AUTHOR),
        )
    ]
    first, second, third = (p.public_id for p in posted if p is not None)
    for post in posted:
        assert post is not None
        reply_anonymously(
            bot,
            driver,
            slack,
            post,
            "Thanks for reading.",
            user=AUTHOR if post.public_id != third else OTHER_AUTHOR,
        )
        reply_anonymously(bot, driver, slack, post, "Hang in there.", user=COLLEAGUE)
    settled(bot, slack)
    a, b, c = (_values_of(engine, p) for p in (first, second, third))
    assert (a & b) - c == set(), f"values only the same author's posts share: {(a & b) - c}"


def test_no_keyed_or_sealed_value_appears_twice(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack, engine: Engine
) -> None:
    """Every tag, token and sealed value in the database is unique, so none can join two rows."""
    for words in ("One.", "Two.", "Three."):
        posted = vent(bot, driver, slack, words)
        reply_anonymously(bot, driver, slack, posted, "OP again.", user=AUTHOR)
        reply_anonymously(bot, driver, slack, posted, "A colleague.", user=COLLEAGUE)
    with engine.connect() as conn:
        opaque = [
            str(value)
            for table in ("vent_posts", "vent_replies", "vent_pseudonyms", "vent_relays", "anon_tokens")
            for row in conn.execute(text(f'SELECT * FROM "{table}"'))  # noqa: S608 - our own table names
            for value in row
            if isinstance(value, str) and len(value) >= 40 and not value.startswith("http")
        ]
    assert len(opaque) >= 12 and len(opaque) == len(set(opaque))


def test_an_unexpected_failure_is_reported_without_the_author(
    bot: Itabasami, driver: SlackDriver, slack: FakeSlack
) -> None:
    """When something breaks mid-request, the exception report has a reference, a traceback, and no author."""
    slack.fail_next("views.open", error="internal_error", status=500)
    with project_logs("DEBUG") as logs:
        driver.command("/vent", "", user=AUTHOR)
        answer = slack.wait_for(lambda: slack.responses(driver.last_response_url))[0]
        settled(bot, slack)
    assert "参照番号" in (answer.text or "")
    log_text = logs.getvalue()
    assert "unexpected error ref=" in log_text and "Traceback" in log_text
    assert _found(log_text, AUTHOR_MARKS) == []
