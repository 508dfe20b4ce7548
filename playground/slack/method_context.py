"""What a method handler gets (``Ctx``), the handler registry and small shared helpers."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from .method_catalog import MethodSpec
from .slack_models import Channel, SlackError
from .slack_state import SlackState

T = TypeVar("T")
Handler = Callable[["Ctx"], dict[str, Any]]
HANDLERS: dict[str, Handler] = {}


def api(method: str) -> Callable[[Handler], Handler]:
    """Register a handler for one Web API method."""

    def register(handler: Handler) -> Handler:
        HANDLERS[method] = handler
        return handler

    return register


def missing_scope(needed: Iterable[str], granted: Iterable[str]) -> SlackError:
    return SlackError("missing_scope", needed=",".join(needed), provided=",".join(sorted(granted)))


@dataclass
class Ctx:
    state: SlackState
    spec: MethodSpec
    args: dict[str, Any]

    def text(self, key: str, default: str = "") -> str:
        value = self.args.get(key)
        return default if value is None else str(value)

    def flag(self, key: str) -> bool:
        return self.args.get(key) is True

    def require_channel_scope(self, channel: Channel) -> None:
        """Slack checks the scope for the conversation's type (e.g. ``im:history`` for a DM)."""
        self.require_family_scope(channel.kind)

    def require_family_scope(self, family: str) -> None:
        candidates = [s for s in self.spec.bot_scopes if s.split(":", 1)[0] == family]
        granted = self.state.settings.scopes
        if candidates and not granted.intersection(candidates):
            raise missing_scope(candidates, granted)


def _encode_cursor(offset: int) -> str:
    return base64.b64encode(f"offset:{offset}".encode()).decode()


def _decode_cursor(cursor: str) -> int:
    try:
        text = base64.b64decode(cursor.encode(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        raise SlackError("invalid_cursor") from None
    prefix, _, number = text.partition(":")
    if prefix != "offset" or not number.isdigit():
        raise SlackError("invalid_cursor")
    return int(number)


def paginate(ctx: Ctx, items: Sequence[T], *, default_limit: int, max_limit: int) -> tuple[list[T], str]:
    """One page of ``items`` by the ``cursor``/``limit`` arguments, and the next cursor (or "")."""
    cursor = ctx.text("cursor")
    start = _decode_cursor(cursor) if cursor else 0
    limit = ctx.args.get("limit") or default_limit
    limit = max(1, min(int(limit), max_limit))
    end = start + limit
    return list(items[start:end]), (_encode_cursor(end) if end < len(items) else "")


def page_meta(next_cursor: str) -> dict[str, Any]:
    return {"response_metadata": {"next_cursor": next_cursor}}
