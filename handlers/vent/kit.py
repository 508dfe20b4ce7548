"""What the peer-support listeners share: the keys, the moderators, and the anonymous-actor rules.

Every listener here speaks to the person without leaving a trace of them: their language is looked
up with `persist=False` (a cached row written at the moment of posting would say who posted), the
work after the ack waits as a sealed job (`sealed`: encrypted, with no person beside it, its body
dropped once done), and nothing is logged about them.
"""

from __future__ import annotations

import functools
import logging
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.error import URLError
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.errors import BotError
from bot.peer.anon import Anon
from bot.peer.crisis import CrisisConfig
from bot.peer.posts import Author
from bot.people import LookupFailed
from bot.settings import Settings
from handlers.blockkit import slack_date
from handlers.edge import Handler, Req, later, mention_ids

log = logging.getLogger(__name__)
MODERATORS_TTL = 600.0


class ModeratorDirectory:
    """MODERATORS as user IDs, with user groups expanded (`usergroups.users.list`), cached briefly.

    Falls back to ADMIN_USERS when MODERATORS is empty; keeps the last good answer if Slack fails.
    """

    def __init__(self, client: WebClient, settings: Settings, *, ttl: float = MODERATORS_TTL) -> None:
        self._client, self._settings, self._ttl = client, settings, ttl
        self._lock = threading.Lock()
        self._cached: tuple[float, frozenset[str]] | None = None

    def members(self) -> frozenset[str]:
        with self._lock:
            if self._cached is not None and time.monotonic() - self._cached[0] < self._ttl:
                return self._cached[1]
        found = self._resolve()
        with self._lock:
            self._cached = (time.monotonic(), found)
        return found

    def _resolve(self) -> frozenset[str]:
        configured = self._settings.effective_moderators
        people = {m for m in configured if not m.startswith("S")}
        for group in (m for m in configured if m.startswith("S")):
            try:
                people.update(self._client.usergroups_users_list(usergroup=group)["users"])
            except (SlackApiError, OSError) as exc:
                log.warning("moderator group not resolved error=%s", _error_of(exc))
                with self._lock:
                    previous = self._cached[1] if self._cached else frozenset()
                people.update(previous)
        return frozenset(people)


def _error_of(exc: Exception) -> str:
    return str(exc.response.get("error")) if isinstance(exc, SlackApiError) else type(exc).__name__


@dataclass(frozen=True)
class PeerKit:
    anon: Anon
    moderators: ModeratorDirectory
    crisis: CrisisConfig
    rng: random.Random = field(default_factory=random.SystemRandom)


def build_kit(client: WebClient, settings: Settings, anon: Anon) -> PeerKit:
    return PeerKit(
        anon=anon,
        moderators=ModeratorDirectory(client, settings),
        crisis=settings.crisis,
    )


PeerHandler = Callable[[Req, PeerKit], None]


def bind(kit: PeerKit, handler: PeerHandler) -> Callable[[Req], None]:
    """A Req handler with the kit filled in, that first makes the person's language lookup leave no row."""

    @functools.wraps(handler)
    def run(req: Req) -> None:
        quiet(req)
        handler(req, kit)

    return run


def sealed(name: str) -> Callable[[PeerHandler], Handler]:
    """Register a peer handler as a sealed job named `name` (see `handlers.edge.later`); the listener
    hands it to `req.later`, which stores it encrypted before acking."""

    def register(handler: PeerHandler) -> Handler:
        @functools.wraps(handler)
        def run(req: Req) -> None:
            quiet(req)
            kit = req.deps.peer
            if kit is None:
                raise RuntimeError("peer support is off")
            handler(req, kit)

        return later(name, sealed=True)(run)

    return register


def quiet(req: Req) -> None:
    """Look the person's language up without caching it in the database (see module docstring)."""
    req.keep_quiet()


def author(req: Req) -> Author:
    return Author(user_id=req.user_id, locale=req.locale)


@contextmanager
def shown_times(req: Req, *, in_form: bool = False) -> Iterator[None]:
    """Domain errors carry times as datetimes: show them in the reader's own time zone.

    Messages use Slack's date formatting; form errors are plain text, so there the time is written
    out in the person's zone (from Slack's answer already cached in memory, never stored).
    """
    try:
        yield
    except BotError as err:
        err.params = {
            k: (_local(req, v) if in_form else slack_date(v)) if isinstance(v, datetime) else v
            for k, v in err.params.items()
        }
        raise


def own_zone(req: Req) -> str | None:
    """The person's Slack time zone name, from memory or Slack, never stored (see module docstring);
    before the ack from memory only."""
    if not req.acked:
        known = req.deps.people.in_memory(req.user_id)
        return known.tz if known and known.tz else None
    try:
        info = req.deps.people.get(req.user_id, persist=False)
    except LookupFailed:
        return None
    return info.tz if info and info.tz else None


def show_view(req: Req, view: dict[str, Any], fallback: str) -> None:
    """After the ack, turn the form the person submitted into `view`; if they have closed it, tell
    them privately (`fallback`) instead."""
    view_id = (req.body.get("view") or {}).get("id")
    try:
        if view_id:
            req.client.views_update(view_id=view_id, view=view)
            return
    except (SlackApiError, URLError, OSError) as exc:
        log.info("form closed before its result error=%s", _error_of(exc))
    req.reply(fallback)


def _local(req: Req, at: datetime) -> str:
    try:
        info = req.deps.people.get(req.user_id, persist=False)
        zone = ZoneInfo(info.tz) if info and info.tz else req.deps.settings.tz
    except (LookupFailed, ZoneInfoNotFoundError):
        zone = req.deps.settings.tz
    return at.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def field_error(req: Req, block_id: str, err: BotError) -> None:
    """Answer a form submission with the error shown under one of its fields."""
    req.ack(response_action="errors", errors={block_id: req.t(err.key, **mention_ids(err.params))})


def private_update(req: Req, text: str, blocks: list[dict[str, Any]]) -> None:
    """Redraw the message or form the person clicked in (their receipt), only for them."""
    view = req.body.get("view")
    try:
        if view and view.get("id"):
            req.client.views_update(view_id=view["id"], view=_redrawn(view, blocks))
        elif req.respond is not None and req.body.get("response_url"):
            req.respond(text=text, blocks=blocks, replace_original=True)
    except (SlackApiError, URLError, OSError) as exc:
        log.warning("private update not delivered error=%s", _error_of(exc))


def _redrawn(view: dict[str, Any], blocks: list[dict[str, Any]]) -> dict[str, Any]:
    kept = {k: view[k] for k in ("type", "callback_id", "title", "close", "private_metadata") if view.get(k)}
    return kept | {"blocks": blocks}


def action_value(req: Req) -> str:
    actions: list[dict[str, Any]] = req.body.get("actions") or [{}]
    first = actions[0]
    return str(first.get("value") or (first.get("selected_option") or {}).get("value") or "")
