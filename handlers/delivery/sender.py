"""The outbox's Slack side: how each kind of scheduled send becomes Slack calls."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from slack_sdk import WebClient
from slack_sdk.webhook import WebhookClient

from bot.clock import Clock
from bot.escalations import service
from bot.escalations.model import EscalationView, PostState
from bot.escalations.notices import Notice, SendKind
from bot.outbox import NOT_READY as WAITING
from bot.outbox import Blocked, Job, RetryLater, RetryPolicy, SendFailed
from bot.people import People
from bot.settings import Settings
from handlers.blockkit import Message
from handlers.delivery.slack import SlackRefused, call, permalink, post
from handlers.escalate.blocks import (
    build_admin_notice,
    build_card,
    build_owner_dm,
    build_person_notice,
    build_summary_rest,
    build_thread_line,
    with_summary,
)
from handlers.escalate.reminders import build_cadence, build_chain_request, build_nudge, build_reminder
from handlers.vent.blocks import build_encouragement_offer
from storage.db import SessionFactory

log = logging.getLogger(__name__)

# Slack refusals a person has to fix; we keep the escalation and keep trying, gently.
BLOCKING = {
    "not_in_channel",
    "channel_not_found",
    "is_archived",
    "restricted_action",
    "missing_scope",
    "posting_to_channel_denied",
    "team_access_not_granted",
}
# Refusals that will never succeed for this message.
RECIPIENT_GONE = {"user_not_found", "account_inactive", "cannot_dm_bot", "user_disabled"}
# Sends waiting for their card are woken when it is posted; this is only the fallback recheck.
NOT_READY = timedelta(seconds=30)
BLOCKED_RETRY_CAP = timedelta(minutes=5)
CHANNEL_NAME_TRIES = 3
# Notices that show the thread link, so they wait until the card is posted (or known to be blocked).
NEEDS_CARD = {Notice.OWNER_ASSIGNED, Notice.RAISER_POSTED, Notice.RAISER_ACKNOWLEDGED, Notice.RAISER_RESOLVED}

KindHandler = Callable[[Job], dict[str, Any] | None]
LaterBuilder = Callable[..., Message]
LATER_NOTICES: dict[str, LaterBuilder] = {
    Notice.NUDGE: build_nudge,
    Notice.CHAIN_DM: build_chain_request,
    Notice.REMINDER: build_reminder,
    Notice.CADENCE: build_cadence,
}


class SlackSender:
    def __init__(
        self,
        *,
        client: WebClient,
        sessions: SessionFactory,
        reads: SessionFactory,
        people: People,
        settings: Settings,
        clock: Clock,
        retry: RetryPolicy | None = None,
    ) -> None:
        self.client, self.sessions, self.people, self.settings = client, sessions, people, settings
        self.reads, self.clock = reads, clock
        self.retry = retry or RetryPolicy()
        self._kinds: dict[str, KindHandler] = {
            SendKind.CARD: self._card,
            SendKind.CARD_UPDATE: self._card_update,
            SendKind.THREAD: self._thread,
            SendKind.INVITE: self._invite,
            SendKind.DM: self._dm,
            SendKind.RESPOND: self._respond,
            SendKind.ADMIN: self._admin,
        }

    def add_kind(self, kind: str, handler: KindHandler) -> None:
        """Let another feature (peer support, check-ins) deliver its own kinds of sends."""
        self._kinds[kind] = handler

    @property
    def kinds(self) -> frozenset[str]:
        """Every kind of job this sender can run (what a stored row's `kind` may say)."""
        return frozenset(self._kinds)

    def send(self, job: Job) -> dict[str, Any] | None:
        handler = self._kinds.get(job.kind)
        if handler is None:
            raise SendFailed(f"unknown kind {job.kind}")
        try:
            return handler(job)
        except SlackRefused as refused:
            if refused.error in RECIPIENT_GONE:
                raise SendFailed(refused.error) from refused
            if refused.error in BLOCKING:
                delay = min(self.retry.backoff(job.attempts), BLOCKED_RETRY_CAP)
                raise Blocked(refused.error, after=delay, where=refused.where) from refused
            raise SendFailed(refused.error) from refused

    # --- escalation cards ---------------------------------------------------------------------------

    def _view(self, job: Job) -> EscalationView:
        with self.reads() as session:
            return service.snapshot(service.get_by_id(session, job.escalation_id or 0), now=self.clock.now())

    def _render_card(self, view: EscalationView) -> Message:
        return build_card(
            view, locale=self.settings.default_locale, raiser_locale=self.people.locale(view.raiser_id)
        )

    def _card(self, job: Job) -> dict[str, Any]:
        view = self._view(job)
        channel = self._space_for(job, view) if view.confidential else self.settings.escalation_channel
        message = self._render_card(view)
        try:
            result = post(self.client, self.retry, job, channel=channel, message=message)
        except SlackRefused as refused:
            if refused.error != "not_in_channel" or view.confidential or not self._join(channel):
                raise
            result = post(self.client, self.retry, job, channel=channel, message=message)
        result["link"] = permalink(self.client, result["channel"], result["ts"])
        return result

    def _join(self, channel: str) -> bool:
        """Join a public escalation channel. False when the bot must be invited instead (a private
        channel); an archived channel is reported as such, so admins are told what actually to fix."""
        try:
            call(self.retry, 1, self.client.conversations_join, channel=channel)
        except SlackRefused as refused:
            log.warning("cannot join escalation channel error=%s", refused.error)
            if refused.error == "is_archived":
                raise SlackRefused(refused.error, where=channel) from refused
            return False
        return True

    def _space_for(self, job: Job, view: EscalationView) -> str:
        """The private channel (or, where the workspace forbids that, group DM) of a confidential one.
        Its ID is stored as soon as Slack creates it, before anyone is invited, so a retry invites into
        the bot's own channel and never goes looking for one by name."""
        members = list(view.members)
        if view.channel_id:
            if view.space == "private_channel":
                self._invite_all(job, view.channel_id, members)
            return view.channel_id
        try:
            channel, space = self._create_private_channel(job, view.number), "private_channel"
        except SlackRefused as refused:
            log.info("private channel unavailable, using a group DM error=%s", refused.error)
            opened = call(self.retry, job.attempts, self.client.conversations_open, users=",".join(members))
            channel, space = opened["channel"]["id"], "group_dm"
        with self.sessions.begin() as session:
            service.space_created(session, escalation_id=view.escalation_id, channel_id=channel, space=space)
        if space == "private_channel":
            self._invite_all(job, channel, members)
        return str(channel)

    def _create_private_channel(self, job: Job, number: int) -> str:
        """A new channel under a name nobody can guess ahead of time. A name someone already took is
        never adopted (whoever made it could read the card): another random name is tried instead."""
        for _ in range(CHANNEL_NAME_TRIES):
            name = f"escalation-{number}-{secrets.token_hex(5)}"
            try:
                resp = call(
                    self.retry, job.attempts, self.client.conversations_create, name=name, is_private=True
                )
            except SlackRefused as refused:
                if refused.error != "name_taken":
                    raise
                continue
            return str(resp["channel"]["id"])
        raise SlackRefused("name_taken")

    def _invite_all(self, job: Job, channel: str, users: list[str]) -> None:
        try:
            call(
                self.retry,
                job.attempts,
                self.client.conversations_invite,
                channel=channel,
                users=",".join(users),
                force=True,
            )
        except SlackRefused as refused:
            if refused.error != "already_in_channel":
                log.warning("invite incomplete error=%s", refused.error)

    def _card_update(self, job: Job) -> dict[str, Any]:
        view = self._view(job)
        if not view.card_ts or not view.channel_id:
            return {"skipped": "card not posted yet; it will show the latest state"}
        call(
            self.retry,
            job.attempts,
            self.client.chat_update,
            channel=view.channel_id,
            ts=view.card_ts,
            **self._render_card(view).as_kwargs(),
        )
        return {"channel": view.channel_id, "ts": view.card_ts}

    def _thread(self, job: Job) -> dict[str, Any]:
        view = self._view(job)
        if not view.card_ts or not view.channel_id:
            raise RetryLater(WAITING, after=NOT_READY, counts=False)
        locale = self.settings.default_locale
        notice = str(job.payload.get("notice"))
        if notice == Notice.THREAD_SUMMARY_REST:
            message = build_summary_rest(view, locale=locale)
        else:
            params = job.payload.get("params") or {}
            line = build_thread_line(notice, params, locale=locale, number=view.number, now=self.clock.now())
            message = with_summary(line, view)
        return post(
            self.client, self.retry, job, channel=view.channel_id, message=message, thread_ts=view.card_ts
        )

    def _invite(self, job: Job) -> dict[str, Any]:
        view = self._view(job)
        if not view.channel_id:
            raise RetryLater(WAITING, after=NOT_READY, counts=False)
        users = [str(u) for u in job.payload.get("users") or []]
        if view.space == "group_dm":
            return {"skipped": "a group DM cannot take new members; they were mentioned in the thread"}
        self._invite_all(job, view.channel_id, users)
        return {"invited": users}

    # --- messages to one person ---------------------------------------------------------------------

    def _dm(self, job: Job) -> dict[str, Any]:
        target = job.target or ""
        message = self._personal_message(job, locale=self.people.locale(target))
        return post(self.client, self.retry, job, channel=target, message=message)

    def _personal_message(self, job: Job, *, locale: str) -> Message:
        notice = str(job.payload.get("notice"))
        params = dict(job.payload.get("params") or {})
        if notice.startswith("admin_"):
            return build_admin_notice(notice, params, locale=locale, now=self.clock.now())
        view = self._view(job)
        later = LATER_NOTICES.get(notice)
        if later is not None:
            return with_summary(later(view, params, locale=locale, now=self.clock.now()), view)
        if notice in NEEDS_CARD and view.post_state != PostState.POSTED:
            waiting_is_pointless = notice == Notice.OWNER_ASSIGNED and view.post_state == PostState.BLOCKED
            if not waiting_is_pointless:
                raise RetryLater(WAITING, after=NOT_READY, counts=False)
        if notice == Notice.OWNER_ASSIGNED:
            return build_owner_dm(view, params, locale=locale)
        message = with_summary(build_person_notice(notice, view, params, locale=locale), view)
        if notice == Notice.RAISER_POSTED and self.settings.peer_channel:
            # Peer support: the raiser may ask colleagues for encouragement (opt-in, never by default).
            offer = build_encouragement_offer(
                locale=locale, peer_channel=self.settings.peer_channel, escalation_id=view.escalation_id
            )
            message = Message(text=message.text, blocks=message.blocks + offer)
        return message

    def _respond(self, job: Job) -> dict[str, Any]:
        """Replace the raiser's "saved" ephemeral with the posted one; a DM if the URL has expired."""
        target = job.target or ""
        message = self._personal_message(job, locale=self.people.locale(target))
        url = str(job.payload.get("url") or "")
        try:
            resp = WebhookClient(url, timeout=10).send(
                text=message.text, blocks=message.blocks, response_type="ephemeral", replace_original=True
            )
        except (OSError, ValueError) as exc:
            raise RetryLater(type(exc).__name__, after=self.retry.backoff(job.attempts)) from exc
        if resp.status_code == 200:
            return {"via": "response_url"}
        if resp.status_code == 429 or resp.status_code >= 500:
            raise RetryLater(f"http_{resp.status_code}", after=self.retry.backoff(job.attempts))
        return post(self.client, self.retry, job, channel=target, message=message)

    def _admin(self, job: Job) -> dict[str, Any]:
        """To ADMIN_CHANNEL when set; otherwise fanned out as one DM per admin (by the on_sent hook)."""
        if self.settings.admin_channel:
            notice = str(job.payload.get("notice"))
            params = dict(job.payload.get("params") or {})
            message = build_admin_notice(
                notice, params, locale=self.settings.default_locale, now=self.clock.now()
            )
            return post(self.client, self.retry, job, channel=self.settings.admin_channel, message=message)
        if not self.settings.admin_users:
            log.warning("admin notice has nowhere to go; set ADMIN_CHANNEL or ADMIN_USERS job=%s", job.id)
        return {"fanout": sorted(self.settings.admin_users)}
