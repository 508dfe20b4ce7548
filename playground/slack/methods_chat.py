"""chat.* methods and reactions.add."""

from __future__ import annotations

from typing import Any

from .blockkit_rules import MAX_MESSAGE_TEXT, message_block_errors
from .method_context import Ctx, api
from .slack_models import Channel, Ephemeral, Message, SlackError
from .slack_render import message_json, permalink

MAX_ATTACHMENTS = 100
USER_PREFIXES = ("U", "W")


def check_content(ctx: Ctx) -> None:
    """The text/blocks/attachments/metadata rules shared by chat.postMessage, update and postEphemeral."""
    text, blocks, attachments = ctx.args.get("text"), ctx.args.get("blocks"), ctx.args.get("attachments")
    if not text and not blocks and not attachments and not ctx.args.get("markdown_text"):
        raise SlackError("no_text")
    if isinstance(text, str) and len(text) > MAX_MESSAGE_TEXT:
        raise SlackError("msg_too_long")
    if blocks is not None:
        if not isinstance(blocks, list):
            raise SlackError("invalid_blocks_format")
        problems = message_block_errors(blocks)
        if problems:
            raise SlackError("invalid_blocks", messages=problems)
    if attachments is not None:
        if not isinstance(attachments, list) or not all(isinstance(a, dict) for a in attachments):
            raise SlackError("invalid_attachments")
        if len(attachments) > MAX_ATTACHMENTS:
            raise SlackError("too_many_attachments")
    _check_metadata(ctx.args.get("metadata"))


def _check_metadata(metadata: Any) -> None:
    if metadata is None:
        return
    if not isinstance(metadata, dict):
        raise SlackError("invalid_metadata_format")
    if not isinstance(metadata.get("event_type"), str) or not isinstance(metadata.get("event_payload"), dict):
        raise SlackError(
            "invalid_metadata_schema",
            messages=["[ERROR] metadata needs a string event_type and an object event_payload"],
        )


def _posting_channel(ctx: Ctx) -> Channel:
    """Where chat.postMessage goes; a user ID means the bot's DM with that user."""
    state = ctx.state
    ref = ctx.text("channel")
    if ref.startswith(USER_PREFIXES) and ref in state.users:
        user = state.dm_target(ref)
        if not state.settings.messages_tab_enabled:
            raise SlackError("messages_tab_disabled")
        channel, _ = state.ensure_im(user.id)
        return channel
    channel = state.visible_channel(ref)
    public_ok = channel.kind == "channels" and "chat:write.public" in state.settings.scopes
    if not state.is_member(channel) and not public_ok:
        raise SlackError("not_in_channel")
    return channel


def _writable(channel: Channel) -> Channel:
    if channel.is_archived:
        raise SlackError("is_archived")
    return channel


def _thread_ts(ctx: Ctx, channel: Channel) -> str | None:
    thread_ts = ctx.args.get("thread_ts")
    if not thread_ts:
        return None
    return ctx.state.thread_parent(channel.id, thread_ts).ts


@api("chat.postMessage")
def chat_post_message(ctx: Ctx) -> dict[str, Any]:
    channel = _writable(_posting_channel(ctx))
    check_content(ctx)
    thread_ts = _thread_ts(ctx, channel)
    state = ctx.state
    message = state.store_message(
        Message(
            channel=channel.id,
            ts=state.next_ts(),
            text=ctx.text("text"),
            user=state.bot,
            bot_id=state.identity.bot_id,
            blocks=ctx.args.get("blocks"),
            attachments=ctx.args.get("attachments"),
            metadata=ctx.args.get("metadata"),
            thread_ts=thread_ts,
            reply_broadcast=bool(thread_ts) and ctx.flag("reply_broadcast"),
            username=ctx.args.get("username"),
            icon_emoji=ctx.args.get("icon_emoji"),
            icon_url=ctx.args.get("icon_url"),
        )
    )
    return {
        "channel": channel.id,
        "ts": message.ts,
        "message": message_json(state, message, include_metadata=True),
    }


def _own_message(ctx: Ctx, channel: Channel, ts: str, not_yours: str) -> Message:
    message = ctx.state.find_message(channel.id, ts)
    if message is None:
        raise SlackError("message_not_found")
    if message.bot_id != ctx.state.identity.bot_id:
        raise SlackError(not_yours)
    return message


@api("chat.update")
def chat_update(ctx: Ctx) -> dict[str, Any]:
    channel = ctx.state.visible_channel(ctx.args.get("channel"))
    message = _own_message(ctx, channel, ctx.text("ts"), "cant_update_message")
    check_content(ctx)
    for key in ("text", "blocks", "attachments", "metadata"):
        if key in ctx.args:
            setattr(message, key, ctx.args[key])
    message.edited_ts = ctx.state.next_ts()
    return {
        "channel": channel.id,
        "ts": message.ts,
        "text": message.text,
        "message": message_json(ctx.state, message, include_metadata=True),
    }


@api("chat.delete")
def chat_delete(ctx: Ctx) -> dict[str, Any]:
    channel = ctx.state.visible_channel(ctx.args.get("channel"))
    message = _own_message(ctx, channel, ctx.text("ts"), "cant_delete_message")
    message.deleted = True
    return {"channel": channel.id, "ts": message.ts}


@api("chat.postEphemeral")
def chat_post_ephemeral(ctx: Ctx) -> dict[str, Any]:
    state = ctx.state
    channel = _writable(state.member_channel(ctx.args.get("channel")))
    user = state.user(ctx.text("user"))
    if not state.is_member(channel, user.id):
        raise SlackError("user_not_in_channel")
    check_content(ctx)
    thread_ts = ctx.args.get("thread_ts")
    ephemeral = Ephemeral(
        channel=channel.id,
        user=user.id,
        ts=state.next_ts(),
        text=ctx.text("text"),
        blocks=ctx.args.get("blocks"),
        attachments=ctx.args.get("attachments"),
        thread_ts=str(thread_ts) if thread_ts else None,
    )
    state.ephemerals.append(ephemeral)
    return {"message_ts": ephemeral.ts}


@api("chat.getPermalink")
def chat_get_permalink(ctx: Ctx) -> dict[str, Any]:
    channel = ctx.state.visible_channel(ctx.args.get("channel"))
    message = ctx.state.find_message(channel.id, ctx.text("message_ts"))
    if message is None:
        raise SlackError("message_not_found")
    return {"channel": channel.id, "permalink": permalink(channel.id, message)}


@api("reactions.add")
def reactions_add(ctx: Ctx) -> dict[str, Any]:
    channel = _writable(ctx.state.member_channel(ctx.args.get("channel")))
    message = ctx.state.find_message(channel.id, ctx.text("timestamp"))
    if message is None:
        raise SlackError("message_not_found")
    name = ctx.text("name").strip(":")
    if not name:
        raise SlackError("invalid_name")
    users = message.reactions.setdefault(name, [])
    if ctx.state.bot in users:
        raise SlackError("already_reacted")
    users.append(ctx.state.bot)
    return {}
