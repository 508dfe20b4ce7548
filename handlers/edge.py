"""The one place where Slack requests meet the domain, and where errors become polite replies.

Every listener is wrapped by `listener(deps, handler)`. The handler runs in a thread of its own
while the thread Slack is waiting on waits only for its ack (an event, not a poll), so Slack gets
its answer the moment the handler acks, and whatever the handler does after acking never delays
that answer. Before acking a handler touches memory only (no database, no Slack): it either stores
the rest of the request as a durable job with `req.later(...)` (which acks once the job is stored),
or, for a form that only opens on screen, acks and opens it.

A `BotError` a handler raises becomes a localized ephemeral reply; anything else is logged once with
a short reference the person also sees. Nothing escapes into Bolt after the ack.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol
from urllib.error import URLError

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from bot.availability import Availability
from bot.clock import Clock
from bot.errors import BotError
from bot.escalations.timers import TimerPolicy
from bot.gate import AcksFirst, NoGate
from bot.i18n import t
from bot.intake import Intake
from bot.outbox import SENDING, SENT, Job, RetryLater, SendFailed
from bot.peer.anon import Anon, SealBroken
from bot.people import LookupFailed, People
from bot.settings import Settings
from handlers.blockkit import slack_date
from storage.db import SessionFactory
from storage.models import ScheduledSend

if TYPE_CHECKING:
    from handlers.vent.kit import PeerKit

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
    # Where requests become durable before their ack (database, or the spool while it is away).
    intake: Intake
    # Who runs due jobs: `kick()` after a change that made sends due.
    jobs: Kicks
    # Threads that run handlers while Slack waits only for their ack.
    handlers: Executor
    # Seals anonymous requests while they wait as jobs (None when peer support is off).
    anon: Anon | None = None
    # Peer support's shared parts (None when it is off).
    peer: PeerKit | None = None
    # Background work steps aside while a request is on its way to its ack.
    gate: AcksFirst = field(default_factory=NoGate)


class Kicks(Protocol):
    def kick(self) -> None:
        """Look for due jobs now."""
        ...


class _Acknowledge:
    """Bolt's `ack`, telling the thread Slack is waiting on the moment it has been called."""

    def __init__(self, ack: Ack) -> None:
        self._ack = ack
        self.called = threading.Event()

    @property
    def response(self) -> Any:
        return self._ack.response

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return self._ack(*args, **kwargs)
        finally:
            self.called.set()


@dataclass
class Req:
    """One Slack request, as a handler sees it."""

    ack: Callable[..., Any]
    body: dict[str, Any]
    client: WebClient
    respond: Respond | None
    context: BoltContext
    deps: Deps
    _locale: str | None = None
    _quiet: bool = field(default=False, repr=False)
    # The stored job this request runs as (None while it is still a live request from Slack).
    job_id: int | None = None

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
        """The person's language. Before the ack only from memory (the workspace default when this
        process has not met them yet); after it, looked up for real."""
        if self._locale is not None:
            return self._locale
        if not self.acked:
            return self.deps.people.locale_in_memory(self.user_id) or self.deps.people.default_locale
        self._locale = self.deps.people.locale(self.user_id, persist=not self._quiet)
        return self._locale

    def keep_quiet(self) -> None:
        """Look this person's language up without writing it to the database: for anonymous posts, where
        a cache row written at that moment would tell who posted."""
        self._quiet = True

    def later(self, handler: Handler, **ack: Any) -> bool:
        """Store the rest of this request as a durable job, then ack (with `ack`'s arguments).

        The job runs `handler` with this request rebuilt, as soon as the dispatcher gets to it (it is
        kicked at once). Slack's retries and double clicks share one key, so they add nothing. A
        handler registered as `sealed` is stored encrypted and without the person's ID beside it:
        an anonymous request leaves no readable trace while it waits. When neither the database nor
        the spool takes it, the ack tells the person it was not saved, and False is returned.
        """
        entry = _LATER.get(_name_of(handler))
        if entry is None:
            raise RuntimeError(f"{_name_of(handler)} is not registered with @later")
        name, sealed = entry
        body = self.body
        if sealed:
            if self.deps.anon is None:
                raise RuntimeError("sealed jobs need ANON_SECRET")
            payload: dict[str, Any] = {
                "handler": name,
                "sealed": self.deps.anon.seal(json.dumps(body), context=SEAL_CONTEXT),
            }
        else:
            payload = {"handler": name, "body": body}
        target = None if sealed else (self.user_id or None)
        return self.store(
            key=f"request:{request_key(body)}", kind=LATER_KIND, target=target, payload=payload, **ack
        )

    def once(self, session: Session) -> None:
        """Call first in the transaction that makes this job's change: it marks the job done in that
        same transaction, so a job re-run after a crash (or claimed twice) finds it done and changes
        nothing (raises `AlreadyHandled`, which ends the handler quietly)."""
        if self.job_id is None:
            return
        done = session.execute(
            update(ScheduledSend)
            .where(ScheduledSend.id == self.job_id, ScheduledSend.status == SENDING)
            .values(status=SENT, sent_at=datetime.now(UTC), lease_until=None)
        )
        if not done.rowcount:  # type: ignore[attr-defined]
            raise AlreadyHandled

    def store(self, *, key: str, kind: str, target: str | None, payload: dict[str, Any], **ack: Any) -> bool:
        """Store one job durably (ignored if `key` exists), then ack; see `later`."""
        job = {"key": key, "kind": kind, "target": target, "payload": payload}
        if self.deps.intake.store(job | {"at": datetime.now(UTC).isoformat()}):
            self.ack(**ack)
            return True
        self._not_saved()
        return False

    def _not_saved(self) -> None:
        text = self.t("error.not_saved")
        if self.body.get("type") == "view_submission":
            block = first_input_block(self.body)
            if block is not None:
                self.ack(response_action="errors", errors={block: text})
                return
        if "command" in self.body:
            self.ack(text=text)
            return
        self.ack()
        self.reply(text)

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


class AlreadyHandled(Exception):
    """This job's change was made by an earlier run (see `Req.once`)."""


# Jobs of this kind carry the part of a request that follows its ack.
LATER_KIND = "request"
SEAL_CONTEXT = "itabasami request v1"
# name → handler, and the handler's module path → (name, sealed). The name is what a stored job
# carries: it stays the same when the function moves (tests/test_job_names.py keeps the list).
_BY_NAME: dict[str, Handler] = {}
_LATER: dict[str, tuple[str, bool]] = {}


def later(name: str, *, sealed: bool = False) -> Callable[[Handler], Handler]:
    """Register a handler that `Req.later` may store as a job, under a stable `name`."""

    def register(handler: Handler) -> Handler:
        known = _BY_NAME.get(name)
        if known is not None and _name_of(known) != _name_of(handler):
            raise RuntimeError(f"job name {name} is taken by {_name_of(known)}")
        _BY_NAME[name] = handler
        _LATER[_name_of(handler)] = (name, sealed)
        return handler

    return register


def job_names() -> frozenset[str]:
    """Every name a stored request job may carry."""
    return frozenset(_BY_NAME)


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
    name = str(job.payload.get("handler"))
    handler = _BY_NAME.get(name)
    if handler is None:
        raise SendFailed(f"no handler {name}")
    if "sealed" in job.payload:
        if deps.anon is None:
            raise SendFailed("sealed request without ANON_SECRET")
        try:
            body = json.loads(deps.anon.unseal(str(job.payload["sealed"]), context=SEAL_CONTEXT))
        except (SealBroken, ValueError):
            raise SendFailed("sealed request unreadable (ANON_SECRET changed?)") from None
    else:
        body = dict(job.payload.get("body") or {})
    ack = Ack()  # type: ignore[no-untyped-call]
    ack()  # Slack was answered when the request came in
    url = body.get("response_url")
    respond = Respond(response_url=url) if url else None
    context = BoltContext({"user_id": body.get("user_id"), "team_id": body.get("team_id")})
    req = Req(ack=ack, body=body, client=client, respond=respond, context=context, deps=deps, job_id=job.id)
    if "sealed" in job.payload:
        req.keep_quiet()
    _guarded(req, handler)
    return {"handler": name}


# How long the thread Slack waits on gives a handler to ack before acking plainly itself.
ACK_WAIT = 2.5


def listener(deps: Deps, handler: Handler) -> Callable[..., None]:
    """Adapt a `Req` handler to Bolt, with the error boundary around it (see the module docstring)."""

    @functools.wraps(handler)
    def run(
        ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
    ) -> None:
        signal = _Acknowledge(ack)
        req = Req(ack=signal, body=body, client=client, respond=respond, context=context, deps=deps)
        with deps.gate.request():
            deps.handlers.submit(_guarded, req, handler)
            if not signal.called.wait(ACK_WAIT):
                log.error("handler did not ack in time handler=%s", getattr(handler, "__name__", "?"))
                ack()

    # Bolt picks arguments by the wrapped function's signature; expose ours, not the handler's.
    del run.__wrapped__
    return run


def _guarded(req: Req, handler: Handler) -> None:
    """Run a handler; its domain errors become polite private replies, anything else a logged reference."""
    try:
        handler(req)
    except AlreadyHandled:
        log.info("request already handled job=%s", req.job_id)
    except DBAPIError as exc:
        if req.job_id is None:
            _unexpected(req, handler)
        else:  # the database went away mid-job: the job waits for it, nobody is told of a failure
            raise RetryLater(
                f"database: {type(exc.orig).__name__}", after=timedelta(seconds=2), counts=False
            ) from None
    except BotError as err:
        _answer(req, t(req.locale, err.key, **mention_ids(err.params)))
    except LookupFailed:
        if req.job_id is not None:  # Slack is away: the job waits for it rather than giving up
            raise RetryLater("slack: user lookup", after=timedelta(seconds=5), counts=False) from None
        _answer(req, req.t("error.slack_unavailable"))
    except Exception:
        _unexpected(req, handler)
    finally:
        if not req.acked:
            req.ack()


def _unexpected(req: Req, handler: Handler) -> None:
    ref = uuid.uuid4().hex[:8]
    log.exception("unexpected error ref=%s handler=%s", ref, getattr(handler, "__name__", "?"))
    _answer(req, req.t("error.unexpected", ref=ref))


def _answer(req: Req, text: str) -> None:
    if not req.acked and req.body.get("type") != "view_submission" and "command" in req.body:
        req.ack(text=text)  # a slash command can carry its ephemeral answer in the ack itself
        return
    if not req.acked:
        req.ack()
    req.reply(text)


def mention_ids(params: dict[str, Any]) -> dict[str, Any]:
    """User IDs as mentions, times as Slack dates (each reader sees their own time zone)."""
    return {k: _shown(v) for k, v in params.items()}


def _shown(value: Any) -> Any:
    if isinstance(value, str) and _USER_ID.match(value):
        return f"<@{value}>"
    return slack_date(value) if isinstance(value, datetime) else value


def _slack_error(exc: Exception) -> str:
    if isinstance(exc, SlackApiError):
        return str(exc.response.get("error", "unknown"))
    return type(exc).__name__


def first_input_block(body: dict[str, Any]) -> str | None:
    """The block ID of a submitted form's first input (where a form-wide error can be shown)."""
    for block in (body.get("view") or {}).get("blocks") or []:
        if block.get("type") == "input" and block.get("block_id"):
            return str(block["block_id"])
    return None


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
