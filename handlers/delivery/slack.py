"""Talking to Slack for the outbox: one call, its failure translated into what the Dispatcher understands.

Posts are paced per conversation and rate limits (429) are first waited out in-thread, one hold per
method shared by every send thread (`pacing.py`, built on slack-sdk's `RateLimitErrorRetryHandler`);
if they persist the row is rescheduled for after Retry-After, without counting an attempt. Timeouts and
5xx leave the outcome unknown, so the row is retried with `uncertain` set and the next attempt looks
for the message (by its metadata key) before posting again.
"""

from __future__ import annotations

import http.client
import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any
from urllib.error import HTTPError, URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.outbox import Job, RetryLater, RetryPolicy
from bot.people import LookupFailed, PersonInfo
from handlers.blockkit import Message
from handlers.delivery.pacing import SharedRateLimitRetryHandler, Throttle, ThrottledClient
from handlers.escalate.blocks import metadata

log = logging.getLogger(__name__)

# How far back to look for a message an earlier, interrupted attempt may have posted.
LOOKBACK = timedelta(minutes=2)


class SlackRefused(Exception):
    def __init__(self, error: str, where: str | None = None) -> None:
        super().__init__(error)
        self.error, self.where = error, where


def delivery_client(
    token: str, base_url: str | None, *, timeout: int = 15, throttle: Throttle | None = None
) -> WebClient:
    """The client the outbox sends with: paced per conversation, waits out short rate limits (one hold
    shared by every send thread), never blindly re-posts."""
    throttle = throttle or Throttle()
    client = ThrottledClient(
        throttle=throttle, token=token, base_url=base_url or WebClient.BASE_URL, timeout=timeout
    )
    client.retry_handlers = [SharedRateLimitRetryHandler(throttle, max_retry_count=2)]
    return client


def lookup_client(token: str, base_url: str | None, *, timeout: int = 2) -> WebClient:
    """A client for reads done while a person waits (before an ack): short, and never sleeps on 429."""
    client = WebClient(token=token, base_url=base_url or WebClient.BASE_URL, timeout=timeout)
    client.retry_handlers = [
        ConnectionErrorRetryHandler(max_retry_count=1),
        ServerErrorRetryHandler(max_retry_count=1),
    ]
    return client


def call(retry: RetryPolicy, attempts: int, fn: Callable[..., Any], /, **kwargs: Any) -> Any:
    """Make one Web API call; ok=false becomes SlackRefused, transport trouble becomes RetryLater."""
    try:
        return fn(**kwargs)
    except SlackApiError as exc:
        status = exc.response.status_code
        if status == 429:
            after = int(
                exc.response.headers.get("Retry-After", exc.response.headers.get("retry-after", 1)) or 1
            )
            raise RetryLater("ratelimited", after=timedelta(seconds=max(1, after)), counts=False) from exc
        if status >= 500:
            raise RetryLater(f"http_{status}", after=retry.backoff(attempts), uncertain=True) from exc
        raise SlackRefused(str(exc.response.get("error") or f"http_{status}")) from exc
    except (URLError, TimeoutError, ConnectionError, http.client.HTTPException, OSError) as exc:
        raise RetryLater(type(exc).__name__, after=retry.backoff(attempts), uncertain=True) from exc


def post(
    client: WebClient,
    retry: RetryPolicy,
    job: Job,
    *,
    channel: str,
    message: Message,
    thread_ts: str | None = None,
    mark: str | None = None,
) -> dict[str, Any]:
    """chat.postMessage carrying the job's key (or `mark`, where the key would say too much), unless an
    earlier attempt already got it there."""
    mark = mark or job.key
    if job.uncertain:
        found = find_sent(client, retry, job, channel=channel, thread_ts=thread_ts, mark=mark)
        if found is not None:
            log.info("send already delivered kind=%s job=%s", job.kind, job.id)
            return found
    extra: dict[str, Any] = {"thread_ts": thread_ts} if thread_ts else {}
    try:
        resp = call(
            retry,
            job.attempts,
            client.chat_postMessage,
            channel=channel,
            metadata=metadata(mark),
            unfurl_links=False,
            unfurl_media=False,
            **extra,
            **message.as_kwargs(),
        )
    except SlackRefused as refused:
        refused.where = refused.where or channel
        raise
    return {"channel": resp["channel"], "ts": resp["ts"]}


def find_sent(
    client: WebClient,
    retry: RetryPolicy,
    job: Job,
    *,
    channel: str,
    thread_ts: str | None,
    mark: str | None = None,
) -> dict[str, Any] | None:
    """Look in Slack for a message carrying this job's key (posted by an attempt whose answer was lost)."""
    if channel[:1] in ("U", "W"):
        opened = call(retry, job.attempts, client.conversations_open, users=channel)
        channel = opened["channel"]["id"]
    oldest = f"{(job.created_at - LOOKBACK).timestamp():.6f}"
    if thread_ts:
        resp = call(
            retry,
            job.attempts,
            client.conversations_replies,
            channel=channel,
            ts=thread_ts,
            oldest=oldest,
            include_all_metadata=True,
            limit=200,
        )
    else:
        resp = call(
            retry,
            job.attempts,
            client.conversations_history,
            channel=channel,
            oldest=oldest,
            include_all_metadata=True,
            limit=200,
        )
    for message in resp.get("messages") or []:
        payload = (message.get("metadata") or {}).get("event_payload") or {}
        if payload.get("key") == (mark or job.key):
            return {"channel": channel, "ts": message["ts"]}
    return None


def permalink(client: WebClient, channel: str, ts: str) -> str | None:
    try:
        return str(client.chat_getPermalink(channel=channel, message_ts=ts)["permalink"])
    except (SlackApiError, URLError, OSError) as exc:
        log.warning("permalink unavailable error=%s", type(exc).__name__)
        return None


class SlackUserLookup:
    """`users.info` with the locale, for the People cache."""

    def __init__(self, client: WebClient) -> None:
        self._client = client

    def fetch(self, user_id: str) -> PersonInfo | None:
        try:
            user = self._client.users_info(user=user_id, include_locale=True)["user"]
        except SlackApiError as exc:
            if exc.response.get("error") in ("user_not_found", "user_not_visible", "invalid_arguments"):
                return None
            raise LookupFailed(str(exc.response.get("error"))) from exc
        except (URLError, HTTPError, TimeoutError, OSError) as exc:
            raise LookupFailed(type(exc).__name__) from exc
        profile = user.get("profile") or {}
        return PersonInfo(
            user_id=user_id,
            name=profile.get("display_name") or user.get("real_name") or user.get("name"),
            slack_locale=user.get("locale"),
            tz=user.get("tz"),
            is_bot=bool(user.get("is_bot")) or user_id == "USLACKBOT",
            deleted=bool(user.get("deleted")),
        )
