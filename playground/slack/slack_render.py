"""JSON shapes of Slack objects (users, conversations, messages, views, files) as the API returns them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .slack_models import Channel, Message, UploadedFile, User, ViewRecord
from .slack_state import SlackState

PERMALINK_ROOT = "https://fake.slack.com/archives"


def _tz_fields(tz: str) -> dict[str, Any]:
    try:
        zone = ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        return {"tz": tz, "tz_label": tz, "tz_offset": 0}
    moment = datetime.now(UTC).astimezone(zone)
    offset = moment.utcoffset()
    return {
        "tz": tz,
        "tz_label": moment.tzname() or tz,
        "tz_offset": int(offset.total_seconds()) if offset is not None else 0,
    }


def user_json(state: SlackState, user: User, *, include_locale: bool) -> dict[str, Any]:
    profile: dict[str, Any] = {
        "real_name": user.real_name,
        "real_name_normalized": user.real_name,
        "display_name": user.display_name,
        "display_name_normalized": user.display_name,
        "team": state.identity.team_id,
    }
    if user.bot_id:
        profile["bot_id"] = user.bot_id
        profile["api_app_id"] = state.identity.app_id
    out: dict[str, Any] = {
        "id": user.id,
        "team_id": state.identity.team_id,
        "name": user.name,
        "deleted": user.deleted,
        "color": "9f69e7",
        "real_name": user.real_name,
        **_tz_fields(user.tz),
        "profile": profile,
        "is_admin": user.is_admin,
        "is_owner": False,
        "is_primary_owner": False,
        "is_restricted": False,
        "is_ultra_restricted": False,
        "is_bot": user.is_bot,
        "is_app_user": False,
        "updated": 1_700_000_000,
    }
    if include_locale:
        out["locale"] = user.locale
    return out


def channel_json(state: SlackState, channel: Channel, *, num_members: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": channel.id,
        "created": channel.created,
        "is_archived": channel.is_archived,
        "is_im": channel.is_im,
        "is_org_shared": False,
        "context_team_id": state.identity.team_id,
    }
    if channel.is_im:
        out.update({"user": channel.im_user, "is_user_deleted": state.users[channel.im_user or ""].deleted})
    else:
        out.update(
            {
                "name": channel.name,
                "name_normalized": channel.name,
                "is_channel": not channel.is_private,
                "is_group": channel.is_private and not channel.is_mpim,
                "is_mpim": channel.is_mpim,
                "is_private": channel.is_private,
                "is_general": False,
                "is_shared": False,
                "is_ext_shared": False,
                "is_member": state.is_member(channel),
                "creator": channel.creator,
                "topic": {"value": "", "creator": "", "last_set": 0},
                "purpose": {"value": "", "creator": "", "last_set": 0},
                "previous_names": [],
            }
        )
    if num_members:
        out["num_members"] = len(channel.members)
    return out


def message_json(state: SlackState, message: Message, *, include_metadata: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "message", "ts": message.ts, "text": message.text}
    if message.user:
        out["user"] = message.user
    if message.bot_id:
        out.update(
            {
                "bot_id": message.bot_id,
                "app_id": state.identity.app_id,
                "bot_profile": {
                    "id": message.bot_id,
                    "app_id": state.identity.app_id,
                    "name": state.identity.bot_name,
                    "team_id": state.identity.team_id,
                    "deleted": False,
                },
            }
        )
    out["team"] = state.identity.team_id
    _optional_message_fields(message, out)
    _thread_fields(state, message, out)
    if include_metadata and message.metadata is not None:
        out["metadata"] = message.metadata
    return out


def _optional_message_fields(message: Message, out: dict[str, Any]) -> None:
    if message.blocks is not None:
        out["blocks"] = message.blocks
    if message.attachments is not None:
        out["attachments"] = message.attachments
    if message.username is not None:
        out["username"] = message.username
    icons = {
        key: value for key, value in (("emoji", message.icon_emoji), ("image_64", message.icon_url)) if value
    }
    if icons:
        out["icons"] = icons
    if message.edited_ts is not None:
        out["edited"] = {"user": message.user, "ts": message.edited_ts}
    if message.reactions:
        out["reactions"] = [
            {"name": name, "users": list(users), "count": len(users)}
            for name, users in message.reactions.items()
        ]
    if message.files:
        out["files"] = message.files
        out["upload"] = True


def _thread_fields(state: SlackState, message: Message, out: dict[str, Any]) -> None:
    if message.is_reply:
        out["thread_ts"] = message.thread_ts
        parent = state.find_message(message.channel, message.thread_ts)
        if parent is not None:
            out["parent_user_id"] = parent.user
        if message.reply_broadcast:
            out["subtype"] = "thread_broadcast"
        return
    replies = state.replies(message)
    if replies:
        out.update(
            {
                "thread_ts": message.ts,
                "reply_count": len(replies),
                "reply_users": sorted({r.user for r in replies}),
                "reply_users_count": len({r.user for r in replies}),
                "latest_reply": replies[-1].ts,
            }
        )


def permalink(channel_id: str, message: Message) -> str:
    link = f"{PERMALINK_ROOT}/{channel_id}/p{message.ts.replace('.', '')}"
    if message.is_reply:
        link += f"?thread_ts={message.thread_ts}&cid={channel_id}"
    return link


def view_json(state: SlackState, record: ViewRecord) -> dict[str, Any]:
    view = record.view
    return {
        "id": record.id,
        "team_id": state.identity.team_id,
        "type": record.type,
        "title": view.get("title"),
        "submit": view.get("submit"),
        "close": view.get("close"),
        "blocks": view.get("blocks", []),
        "private_metadata": view.get("private_metadata", ""),
        "callback_id": view.get("callback_id", ""),
        "external_id": record.external_id,
        "state": {"values": {}},
        "hash": record.hash,
        "clear_on_close": bool(view.get("clear_on_close", False)),
        "notify_on_close": bool(view.get("notify_on_close", False)),
        "root_view_id": record.root_view_id,
        "previous_view_id": record.previous_view_id,
        "app_id": state.identity.app_id,
        "bot_id": state.identity.bot_id,
    }


def file_json(state: SlackState, upload: UploadedFile, created: int) -> dict[str, Any]:
    return {
        "id": upload.id,
        "created": created,
        "timestamp": created,
        "name": upload.name,
        "title": upload.title or upload.name,
        "mimetype": "application/octet-stream",
        "filetype": upload.snippet_type or "binary",
        "user": state.bot,
        "size": len(upload.content or b""),
        "is_public": any(not state.channels[c].is_private for c in upload.channels if c in state.channels),
        "url_private": f"https://files.fake.slack.com/files-pri/{state.identity.team_id}-{upload.id}/{upload.name}",
        "permalink": f"https://fake.slack.com/files/{state.bot}/{upload.id}/{upload.name}",
        "channels": list(upload.channels),
        "alt_txt": upload.alt_txt,
    }
