"""The upload v2 flow: files.getUploadURLExternal, the raw upload, files.completeUploadExternal."""

from __future__ import annotations

from typing import Any

from .method_context import Ctx, api
from .slack_models import Channel, Message, SlackError, UploadedFile
from .slack_render import file_json
from .slack_state import SlackState


@api("files.getUploadURLExternal")
def files_get_upload_url_external(ctx: Ctx) -> dict[str, Any]:
    state = ctx.state
    length = int(ctx.args["length"])
    if length < 0:
        raise SlackError(
            "invalid_arguments", messages=["[ERROR] length must be positive [json-pointer:/length]"]
        )
    upload = UploadedFile(
        id=state.new_id("F"),
        name=ctx.text("filename"),
        length=length,
        alt_txt=ctx.args.get("alt_txt"),
        snippet_type=ctx.args.get("snippet_type"),
    )
    state.files[upload.id] = upload
    return {"upload_url": f"{state.settings.root_url}upload/{upload.id}", "file_id": upload.id}


def receive_upload(state: SlackState, file_id: str, content: bytes) -> UploadedFile:
    """The raw POST to an upload URL; raises ``SlackError`` if the URL is unknown or already completed."""
    upload = state.files.get(file_id)
    if upload is None or upload.completed:
        raise SlackError("file_not_found")
    upload.content = content
    return upload


def _target_channels(ctx: Ctx) -> list[Channel]:
    refs = [ctx.text("channel_id")] if ctx.args.get("channel_id") else []
    refs += [part.strip() for part in ctx.text("channels").split(",") if part.strip()]
    channels = [ctx.state.member_channel(ref) for ref in refs]
    for channel in channels:
        if channel.is_archived:
            raise SlackError("is_archived")
    return channels


def _pending_uploads(ctx: Ctx) -> list[tuple[UploadedFile, dict[str, Any]]]:
    entries = ctx.args.get("files")
    if not isinstance(entries, list) or not entries:
        raise SlackError("invalid_arguments", messages=["[ERROR] files must be a non-empty array"])
    found: list[tuple[UploadedFile, dict[str, Any]]] = []
    for entry in entries:
        upload = ctx.state.files.get(str(entry.get("id"))) if isinstance(entry, dict) else None
        if upload is None or upload.content is None or upload.completed:
            raise SlackError("file_not_found")
        found.append((upload, entry))
    return found


@api("files.completeUploadExternal")
def files_complete_upload_external(ctx: Ctx) -> dict[str, Any]:
    state = ctx.state
    uploads = _pending_uploads(ctx)
    channels = _target_channels(ctx)
    thread_ts = ctx.args.get("thread_ts")
    if thread_ts and channels:
        thread_ts = state.thread_parent(channels[0].id, thread_ts).ts
    created = int(state.wall())
    for upload, entry in uploads:
        upload.title = str(entry.get("title") or upload.name)
        upload.channels = [ch.id for ch in channels]
        upload.initial_comment = ctx.args.get("initial_comment")
        upload.thread_ts = str(thread_ts) if thread_ts else None
        upload.completed = True
    rendered = [file_json(state, upload, created) for upload, _ in uploads]
    for channel in channels:
        state.store_message(
            Message(
                channel=channel.id,
                ts=state.next_ts(),
                text=ctx.text("initial_comment"),
                user=state.bot,
                bot_id=state.identity.bot_id,
                thread_ts=str(thread_ts) if thread_ts else None,
                files=[dict(item) for item in rendered],
            )
        )
    return {"files": rendered}
