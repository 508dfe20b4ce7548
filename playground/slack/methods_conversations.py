"""conversations.* methods."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from .method_context import Ctx, api, page_meta, paginate
from .slack_models import Channel, Message, SlackError
from .slack_render import channel_json, message_json
from .slack_state import parse_ts

NAME_RE = re.compile(r"[a-z0-9_-]+")
MAX_NAME = 80
MAX_MPIM_USERS = 8


@api("conversations.join")
def conversations_join(ctx: Ctx) -> dict[str, Any]:
    channel = ctx.state.find_channel(ctx.args.get("channel"))
    if channel is None:
        raise SlackError("channel_not_found")
    if channel.kind != "channels":
        raise SlackError("method_not_supported_for_channel_type")
    if channel.is_archived:
        raise SlackError("is_archived")
    out: dict[str, Any] = {}
    if ctx.state.is_member(channel):
        out = {"warning": "already_in_channel", "response_metadata": {"warnings": ["already_in_channel"]}}
    else:
        channel.members.append(ctx.state.bot)
    return {"channel": channel_json(ctx.state, channel), **out}


@api("conversations.info")
def conversations_info(ctx: Ctx) -> dict[str, Any]:
    channel = ctx.state.visible_channel(ctx.args.get("channel"))
    ctx.require_channel_scope(channel)
    return {"channel": channel_json(ctx.state, channel, num_members=ctx.flag("include_num_members"))}


@api("conversations.members")
def conversations_members(ctx: Ctx) -> dict[str, Any]:
    channel = ctx.state.visible_channel(ctx.args.get("channel"))
    ctx.require_channel_scope(channel)
    page, next_cursor = paginate(ctx, channel.members, default_limit=100, max_limit=1000)
    return {"members": page, **page_meta(next_cursor)}


def _check_name(name: str) -> None:
    if not name:
        raise SlackError("invalid_name_required")
    if len(name) > MAX_NAME:
        raise SlackError("invalid_name_maxlength")
    if not NAME_RE.fullmatch(name):
        raise SlackError("invalid_name_specials")
    if not re.search(r"[a-z0-9]", name):
        raise SlackError("invalid_name_punctuation")


@api("conversations.create")
def conversations_create(ctx: Ctx) -> dict[str, Any]:
    state = ctx.state
    is_private = ctx.flag("is_private")
    ctx.require_family_scope("groups" if is_private else "channels")
    name = ctx.text("name")
    _check_name(name)
    if any(ch.name == name for ch in state.channels.values() if not ch.is_im):
        raise SlackError("name_taken")
    if is_private and not state.settings.allow_private_channel_creation:
        raise SlackError("restricted_action")
    channel = Channel(
        id=state.new_id("C"),
        name=name,
        is_private=is_private,
        members=[state.bot],
        created=int(state.wall()),
        creator=state.bot,
    )
    state.add_channel(channel)
    return {"channel": channel_json(state, channel)}


def _split_users(raw: str) -> list[str]:
    return [part.strip() for part in raw.split(",") if part.strip()]


def _invite_problem(ctx: Ctx, channel: Channel, user_id: str) -> str | None:
    if user_id == ctx.state.bot:
        return "cant_invite_self"
    user = ctx.state.users.get(user_id)
    if user is None:
        return "user_not_found"
    if user.deleted:
        return "cant_invite"
    if ctx.state.is_member(channel, user_id):
        return "already_in_channel"
    return None


@api("conversations.invite")
def conversations_invite(ctx: Ctx) -> dict[str, Any]:
    channel = ctx.state.visible_channel(ctx.args.get("channel"))
    if channel.is_im or channel.is_mpim:
        raise SlackError("method_not_supported_for_channel_type")
    ctx.require_channel_scope(channel)
    if channel.is_archived:
        raise SlackError("is_archived")
    if not ctx.state.is_member(channel):
        raise SlackError("not_in_channel")
    users = _split_users(ctx.text("users"))
    if not users:
        raise SlackError("no_user")
    problems = [(uid, _invite_problem(ctx, channel, uid)) for uid in users]
    errors = [{"user": uid, "ok": False, "error": err} for uid, err in problems if err]
    if errors and not ctx.flag("force"):
        raise SlackError(str(errors[0]["error"]), errors=errors)
    channel.members.extend(uid for uid, err in problems if err is None and uid not in channel.members)
    out: dict[str, Any] = {"channel": channel_json(ctx.state, channel)}
    if errors:
        out["errors"] = errors
    return out


def _open_users(ctx: Ctx) -> tuple[Channel, bool]:
    state = ctx.state
    users = [uid for uid in _split_users(ctx.text("users")) if uid != state.bot]
    if not users:
        raise SlackError("not_enough_users")
    if len(users) > MAX_MPIM_USERS:
        raise SlackError("too_many_users")
    for uid in users:
        if state.user(uid).deleted:
            raise SlackError("user_disabled")
    if len(users) == 1:
        ctx.require_family_scope("im")
        return state.ensure_im(state.dm_target(users[0]).id)
    ctx.require_family_scope("mpim")
    return state.ensure_mpim(users)


@api("conversations.open")
def conversations_open(ctx: Ctx) -> dict[str, Any]:
    if ctx.args.get("channel"):
        channel = ctx.state.visible_channel(ctx.args["channel"])
        if not (channel.is_im or channel.is_mpim):
            raise SlackError("method_not_supported_for_channel_type")
        existed = True
    elif ctx.args.get("users"):
        channel, existed = _open_users(ctx)
    else:
        raise SlackError("users_list_not_supplied")
    body = channel_json(ctx.state, channel) if ctx.flag("return_im") else {"id": channel.id}
    out: dict[str, Any] = {"channel": body}
    if existed:
        out.update({"no_op": True, "already_open": True})
    return out


def _readable_channel(ctx: Ctx) -> Channel:
    channel = ctx.state.member_channel(ctx.args.get("channel"))
    ctx.require_channel_scope(channel)
    return channel


def _in_range(ctx: Ctx, messages: list[Message]) -> list[Message]:
    oldest = parse_ts(ctx.text("oldest", "0"), "invalid_ts_oldest")
    latest_text = ctx.text("latest")
    latest = parse_ts(latest_text, "invalid_ts_latest") if latest_text else None
    inclusive = ctx.flag("inclusive")

    def keep(message: Message) -> bool:
        ts = Decimal(message.ts)
        above = ts >= oldest if inclusive else ts > oldest
        below = latest is None or (ts <= latest if inclusive else ts < latest)
        return above and below

    return [m for m in messages if keep(m)]


def _messages_page(ctx: Ctx, messages: list[Message]) -> dict[str, Any]:
    page, next_cursor = paginate(ctx, messages, default_limit=100, max_limit=999)
    include_metadata = ctx.flag("include_all_metadata")
    return {
        "messages": [message_json(ctx.state, m, include_metadata=include_metadata) for m in page],
        "has_more": bool(next_cursor),
        **page_meta(next_cursor),
    }


@api("conversations.history")
def conversations_history(ctx: Ctx) -> dict[str, Any]:
    channel = _readable_channel(ctx)
    top_level = [
        m
        for m in ctx.state.history.get(channel.id, [])
        if not m.deleted and (not m.is_reply or m.reply_broadcast)
    ]
    newest_first = list(reversed(_in_range(ctx, top_level)))
    return {**_messages_page(ctx, newest_first), "pin_count": 0}


@api("conversations.replies")
def conversations_replies(ctx: Ctx) -> dict[str, Any]:
    channel = _readable_channel(ctx)
    parent = ctx.state.thread_parent(channel.id, ctx.text("ts"))
    thread = [parent, *ctx.state.replies(parent)]
    return _messages_page(ctx, _in_range(ctx, thread))
