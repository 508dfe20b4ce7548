"""The one place where Slack requests meet the domain, and where errors become polite replies.

Every listener is wrapped by `listener(deps, handler)`. The handler receives a `Req` and must call
`req.ack()` first. A `BotError` it raises becomes a localized ephemeral reply; anything else is
logged once with a short reference the person also sees. Nothing escapes into Bolt after the ack:
Bolt 1.30 would otherwise undo the ack and show the person an error (see SLACK_FACTS.md).
"""

from __future__ import annotations

import functools
import json
import logging
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.error import URLError

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.availability import Availability
from bot.clock import Clock
from bot.errors import BotError
from bot.escalations.timers import TimerPolicy
from bot.i18n import t
from bot.outbox import Job, Jobs, SendFailed
from bot.people import LookupFailed, People
from bot.settings import Settings
from storage.db import SessionFactory

log = logging.getLogger(__name__)
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")


@dataclass(frozen=True)
class Deps:
    """What handlers need, built once by `create_app`."""

    settings: Settings
    sessions: SessionFactory  # for writing (one transaction per request)
    reads: SessionFactory  # for reading only: never blocks writers
    clock: Clock
    people: People
    availability: Availability
    policy: TimerPolicy
    # The job queue: in this process, or the worker process's (see bot/worker.py).
    jobs: Jobs


@dataclass
class Req:
    """One Slack request, as a handler sees it."""

    ack: Ack
    body: dict[str, Any]
    client: WebClient
    respond: Respond | None
    context: BoltContext
    deps: Deps
    _locale: str | None = None

    @property
    def user_id(self) -> str:
        user = self.body.get("user")
        if isinstance(user, dict):
            return str(user.get("id", ""))
        return str(self.body.get("user_id") or self.context.user_id or "")

    @property
    def team_id(self) -> str:
        team = self.body.get("team")
        if isinstance(team, dict):
            return str(team.get("id", ""))
        return str(self.body.get("team_id") or self.context.team_id or "")

    @property
    def trigger_id(self) -> str:
        return str(self.body.get("trigger_id", ""))

    @property
    def acked(self) -> bool:
        return bool(getattr(self.ack, "response", None) is not None)

    @property
    def locale(self) -> str:
        if self._locale is None:
            self._locale = self.deps.people.locale(self.user_id)
        return self._locale

    def keep_quiet(self) -> None:
        """Look this person's language up without writing it to the database: for anonymous posts, where
        a cache row written at that moment would tell who posted."""
        if self._locale is None and self.user_id:
            self._locale = self.deps.people.locale(self.user_id, persist=False)

    def later(self, handler: Handler) -> None:
        """Store the rest of this request as a durable job and return (call after acking).

        The job runs `handler` with this request rebuilt, in whichever process runs jobs (with the
        worker process, the web process only passes it down a pipe, so acking stays as cheap as it
        can be). Slack's retries and double clicks share one key, so they add nothing. Never used for
        anonymous posts: the stored body names the person.
        """
        name = _name_of(handler)
        if name not in _LATER:
            raise RuntimeError(f"{name} is not registered with @later")
        self.deps.jobs.submit(
            key=f"request:{request_key(self.body)}",
            kind=LATER_KIND,
            target=self.user_id or None,
            payload={"handler": name, "body": self.body},
        )

    def t(self, key: str, /, **params: Any) -> str:
        return t(self.locale, key, **params)

    def is_admin(self) -> bool:
        return self.deps.settings.is_admin(self.user_id)

    def reply(self, text: str, blocks: list[dict[str, Any]] | None = None) -> None:
        """Tell only this person: an ephemeral reply where Slack allows one, otherwise a DM."""
        try:
            if self.respond is not None and self.body.get("response_url"):
                self.respond(text=text, blocks=blocks, response_type="ephemeral", replace_original=False)
            else:
                self.client.chat_postMessage(channel=self.user_id, text=text, blocks=blocks)
        except (SlackApiError, URLError, OSError) as exc:
            log.warning("private reply not delivered error=%s", _slack_error(exc))


Handler = Callable[[Req], None]

# Jobs of this kind carry the part of a request that follows its ack.
LATER_KIND = "request"
_LATER: dict[str, Handler] = {}


def later(handler: Handler) -> Handler:
    """Register a handler that `Req.later` may hand to the job queue."""
    _LATER[_name_of(handler)] = handler
    return handler


def _name_of(handler: Handler) -> str:
    return f"{handler.__module__}.{handler.__qualname__}"


def request_key(body: dict[str, Any]) -> str:
    """What makes a Slack request unique: the event id, or the trigger of a command or click."""
    if body.get("event_id"):
        return f"event:{body['event_id']}"
    if body.get("trigger_id"):
        return f"trigger:{body['trigger_id']}"
    return f"once:{uuid.uuid4().hex}"


def run_later(deps: Deps, client: WebClient, job: Job) -> dict[str, Any]:
    """Run a stored request's remaining work (the job side of `Req.later`)."""
    handler = _LATER.get(str(job.payload.get("handler")))
    if handler is None:
        raise SendFailed(f"no handler {job.payload.get('handler')}")
    body = dict(job.payload.get("body") or {})
    ack = Ack()  # type: ignore[no-untyped-call]
    ack()  # Slack was answered when the request came in
    url = body.get("response_url")
    respond = Respond(response_url=url) if url else None
    context = BoltContext({"user_id": body.get("user_id"), "team_id": body.get("team_id")})
    _guarded(Req(ack=ack, body=body, client=client, respond=respond, context=context, deps=deps), handler)
    return {"handler": job.payload.get("handler")}


def listener(deps: Deps, handler: Handler) -> Callable[..., None]:
    """Adapt a `Req` handler to Bolt, with the error boundary around it."""

    @functools.wraps(handler)
    def run(
        ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
    ) -> None:
        req = Req(ack=ack, body=body, client=client, respond=respond, context=context, deps=deps)
        _guarded(req, handler)

    # Bolt picks arguments by the wrapped function's signature; expose ours, not the handler's.
    del run.__wrapped__
    return run


def _guarded(req: Req, handler: Handler) -> None:
    """Run a handler; its domain errors become polite private replies, anything else a logged reference."""
    try:
        handler(req)
    except BotError as err:
        _answer(req, t(req.locale, err.key, **mention_ids(err.params)))
    except LookupFailed:
        _answer(req, req.t("error.slack_unavailable"))
    except Exception:
        ref = uuid.uuid4().hex[:8]
        log.exception("unexpected error ref=%s handler=%s", ref, getattr(handler, "__name__", "?"))
        _answer(req, req.t("error.unexpected", ref=ref))
    finally:
        if not req.acked:
            req.ack()


def _answer(req: Req, text: str) -> None:
    if not req.acked and req.body.get("type") != "view_submission" and "command" in req.body:
        req.ack(text=text)  # a slash command can carry its ephemeral answer in the ack itself
        return
    if not req.acked:
        req.ack()
    req.reply(text)


def mention_ids(params: dict[str, Any]) -> dict[str, Any]:
    return {k: f"<@{v}>" if isinstance(v, str) and _USER_ID.match(v) else v for k, v in params.items()}


def _slack_error(exc: Exception) -> str:
    if isinstance(exc, SlackApiError):
        return str(exc.response.get("error", "unknown"))
    return type(exc).__name__


def view_values(body: dict[str, Any]) -> dict[str, Any]:
    """view.state.values flattened to {block_id: element state} (one element per input block)."""
    values = body.get("view", {}).get("state", {}).get("values", {})
    return {block_id: next(iter(elements.values()), {}) for block_id, elements in values.items() if elements}


def metadata_of(body: dict[str, Any]) -> dict[str, Any]:
    raw = body.get("view", {}).get("private_metadata") or "{}"
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
