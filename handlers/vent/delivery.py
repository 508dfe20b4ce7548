"""The outbox's Slack side for peer support: how each kind of peer send becomes Slack calls.

Anonymous posts come from the bot itself: no name, no picture, nothing of the author. A notice to an
author opens its sealed target only here, just before sending, and leaves no trace of it behind
(no channel in the result, nothing in a log line or an error).
"""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient
from sqlalchemy import select

from bot.outbox import NOT_READY as WAITING
from bot.outbox import Job, RetryLater, RetryPolicy, SendFailed
from bot.peer import moderation, relay
from bot.peer.anon import SealBroken
from bot.peer.model import NOT_DELIVERED, PeerSend, PostState
from bot.people import People
from bot.settings import Settings
from handlers.blockkit import Message
from handlers.delivery.sender import RECIPIENT_GONE, SlackSender
from handlers.delivery.slack import SlackRefused, call, permalink, post
from handlers.vent.blocks import build_admin_notice, build_mod_notice, build_post, build_relay, build_reply
from handlers.vent.kit import PeerKit
from storage.db import SessionFactory
from storage.models import VentModNotice, VentPost, VentReply

log = logging.getLogger(__name__)
ADMINS = "admins"
GONE = {"message_not_found", "cant_update_message", "cant_delete_message"}


class PeerSender:
    def __init__(
        self,
        *,
        client: WebClient,
        sessions: SessionFactory,
        people: People,
        settings: Settings,
        retry: RetryPolicy,
        kit: PeerKit,
    ) -> None:
        self.client, self.sessions, self.people, self.settings, self.retry = (
            client,
            sessions,
            people,
            settings,
            retry,
        )
        self.anon = kit.anon
        self.moderators = kit.moderators
        self.channel = settings.peer_channel or ""

    def install(self, sender: SlackSender) -> None:
        kinds = {
            PeerSend.POST: self._post,
            PeerSend.REPLY: self._reply,
            PeerSend.RELAY: self._relay,
            PeerSend.DELETE: self._delete,
            PeerSend.REPORT: self._report,
            PeerSend.MOD_NOTICE: self._mod_notice,
            PeerSend.MOD_UPDATE: self._mod_update,
            PeerSend.ADMIN: self._admin,
        }
        for kind, handler in kinds.items():
            sender.add_kind(kind, handler)

    # --- in the peer channel --------------------------------------------------------------------

    def _post(self, job: Job) -> dict[str, Any]:
        with self.sessions() as session:
            row = session.scalar(select(VentPost).where(VentPost.public_id == str(job.payload.get("post"))))
        if row is None or row.state != PostState.PENDING:
            return {"skipped": "taken down before it was posted"}
        text = job.payload.get("text")
        message = build_post(row.kind, row.public_id, text, locale=self.settings.default_locale)
        try:
            result = post(self.client, self.retry, job, channel=self.channel, message=message)
        except SlackRefused as refused:
            if refused.error != "not_in_channel" or not self._join():
                raise
            result = post(self.client, self.retry, job, channel=self.channel, message=message)
        result["link"] = permalink(self.client, result["channel"], result["ts"])
        return result

    def _join(self) -> bool:
        try:
            call(self.retry, 1, self.client.conversations_join, channel=self.channel)
        except SlackRefused as refused:
            log.warning("cannot join peer channel error=%s", refused.error)
            return False
        return True

    def _reply(self, job: Job) -> dict[str, Any]:
        with self.sessions() as session:
            item = session.scalar(
                select(VentReply).where(VentReply.public_id == str(job.payload.get("reply")))
            )
            parent = session.get(VentPost, item.post_id) if item is not None else None
        if item is None or parent is None or item.state != PostState.PENDING:
            return {"skipped": "taken down before it was posted"}
        if not parent.ts or not parent.channel_id:
            raise RetryLater(WAITING, after=self.retry.base, counts=False)
        message = build_reply(
            item.public_id,
            item.number,
            str(job.payload.get("text") or ""),
            locale=self.settings.default_locale,
        )
        return post(
            self.client, self.retry, job, channel=parent.channel_id, message=message, thread_ts=parent.ts
        )

    def _delete(self, job: Job) -> dict[str, Any]:
        try:
            call(
                self.retry,
                job.attempts,
                self.client.chat_delete,
                channel=str(job.payload["channel"]),
                ts=str(job.payload["ts"]),
            )
        except SlackRefused as refused:
            if refused.error not in GONE:
                raise
            return {"gone": refused.error}
        return {"deleted": True}

    # --- to one person ----------------------------------------------------------------------------

    def _relay(self, job: Job) -> dict[str, Any]:
        """A notice to an author. The result records that it went, never where."""
        try:
            user_id, locale = relay.open_target(self.anon, job.target or "", key=job.key)
        except (SealBroken, ValueError, KeyError) as exc:
            raise SendFailed("sealed target does not open") from exc
        with self.sessions() as session:
            row = session.scalar(select(VentPost).where(VentPost.public_id == str(job.payload.get("post"))))
        if row is None or row.state != PostState.POSTED:
            return {"skipped": "the post is gone"}
        message = build_relay(job.payload, peer_channel=self.channel, locale=locale)
        mark = str(job.payload.get("mark") or "relay")
        try:
            post(self.client, self.retry, job, channel=user_id, message=message, mark=mark)
        except SlackRefused as refused:
            if refused.error in RECIPIENT_GONE:
                # Which of these Slack said narrows the author down (who left, who is deactivated).
                raise SendFailed(NOT_DELIVERED) from None
            raise SlackRefused(refused.error) from None  # drop `where`: it would name the author
        return {"relayed": True}

    def _report(self, job: Job) -> dict[str, Any]:
        moderators = sorted(self.moderators.members())
        if not moderators:
            log.warning("a report has no moderator to go to; set MODERATORS job=%s", job.id)
        return {"fanout": moderators}

    def _mod_notice(self, job: Job) -> dict[str, Any]:
        moderator = job.target or ""
        message = self._notice_for(int(job.payload["report"]), moderator)
        return post(self.client, self.retry, job, channel=moderator, message=message)

    def _mod_update(self, job: Job) -> dict[str, Any]:
        report_id = int(job.payload["report"])
        with self.sessions() as session:
            notices = list(session.scalars(select(VentModNotice).where(VentModNotice.report_id == report_id)))
        for notice in notices:
            message = self._notice_for(report_id, notice.moderator_id)
            try:
                call(
                    self.retry,
                    job.attempts,
                    self.client.chat_update,
                    channel=notice.channel_id,
                    ts=notice.ts,
                    **message.as_kwargs(),
                )
            except SlackRefused as refused:
                if refused.error not in GONE:
                    raise
        return {"updated": len(notices)}

    def _notice_for(self, report_id: int, moderator: str) -> Message:
        with self.sessions() as session:
            view = moderation.view(session, report_id)
        locale = self.people.locale(moderator, persist=False)
        return build_mod_notice(view, locale=locale, peer_channel=self.channel)

    def _admin(self, job: Job) -> dict[str, Any]:
        """To ADMIN_CHANNEL when set; otherwise one DM per admin (fanned out by the on_sent hook)."""
        notice, params = str(job.payload.get("notice")), dict(job.payload.get("params") or {})
        if job.target == ADMINS:
            if not self.settings.admin_channel:
                return {"fanout": sorted(self.settings.admin_users)}
            where, locale = self.settings.admin_channel, self.settings.default_locale
        else:
            where, locale = job.target or "", self.people.locale(job.target or "")
        message = build_admin_notice(notice, params, locale=locale, peer_channel=self.channel)
        return post(self.client, self.retry, job, channel=where, message=message)
