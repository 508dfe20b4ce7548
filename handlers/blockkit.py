"""Small pure helpers for Block Kit JSON, keeping every string inside Slack's published limits."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

Block = dict[str, Any]

SECTION_LIMIT = 3000
HEADER_LIMIT = 150
BUTTON_LIMIT = 75
FIELD_LIMIT = 2000
MODAL_TITLE_LIMIT = 24
MESSAGE_BLOCK_LIMIT = 50
FALLBACK_LIMIT = 3000  # well under Slack's 40,000, and readable in a notification


@dataclass(frozen=True)
class Message:
    """A message ready for chat.postMessage: `text` is the plain fallback, always meaningful alone."""

    text: str
    blocks: list[Block] = field(default_factory=list)

    def as_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"text": cut(self.text, FALLBACK_LIMIT)}
        if self.blocks:
            kwargs["blocks"] = self.blocks[:MESSAGE_BLOCK_LIMIT]
        return kwargs


def cut(text: str, limit: int) -> str:
    """Shorten to `limit` characters, marking the cut with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def chunks(text: str, size: int) -> list[str]:
    """Split long text into pieces of at most `size`, preferring line breaks, losing nothing."""
    pieces: list[str] = []
    while len(text) > size:
        split = text.rfind("\n", size // 2, size)
        split = split if split > 0 else size
        pieces.append(text[:split])
        text = text[split:].lstrip("\n")
    if text:
        pieces.append(text)
    return pieces


def escape(text: str) -> str:
    """Escape raw text (typed into a modal) for mrkdwn, so it cannot form links or mentions."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_BROADCAST = re.compile(r"<!(here|channel|everyone)(?:\|[^>]*)?>")
_SUBTEAM = re.compile(r"<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>")


def neutralize_broadcasts(text: str) -> str:
    """Turn @here/@channel/@everyone and user-group mentions into plain words that notify nobody."""
    text = _BROADCAST.sub(lambda m: "@" + m.group(1), text)
    return _SUBTEAM.sub(lambda m: m.group(1) or "@group", text)


def plain(text: str, limit: int = SECTION_LIMIT) -> dict[str, Any]:
    return {"type": "plain_text", "text": cut(text, limit) or " ", "emoji": True}


def mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": cut(text, SECTION_LIMIT) or " "}


def header(text: str) -> Block:
    return {"type": "header", "text": plain(text, HEADER_LIMIT)}


def section(text: str, *, block_id: str | None = None, accessory: Block | None = None) -> Block:
    block: Block = {"type": "section", "text": mrkdwn(text)}
    if block_id:
        block["block_id"] = block_id
    if accessory:
        block["accessory"] = accessory
    return block


def fields_section(items: list[str]) -> Block:
    return {"type": "section", "fields": [mrkdwn(cut(i, FIELD_LIMIT)) for i in items[:10]]}


def context(*texts: str) -> Block:
    return {"type": "context", "elements": [mrkdwn(t) for t in texts[:10]]}


def divider() -> Block:
    return {"type": "divider"}


def button(
    text: str,
    action_id: str,
    *,
    value: str | None = None,
    style: str | None = None,
    url: str | None = None,
    confirm: Block | None = None,
) -> Block:
    element: Block = {"type": "button", "text": plain(text, BUTTON_LIMIT), "action_id": action_id}
    if value is not None:
        element["value"] = value
    if style:
        element["style"] = style
    if url:
        element["url"] = url
    if confirm:
        element["confirm"] = confirm
    return element


def actions(*elements: Block, block_id: str | None = None) -> Block:
    block: Block = {"type": "actions", "elements": list(elements)}
    if block_id:
        block["block_id"] = block_id
    return block


def input_block(
    block_id: str,
    label: str,
    element: Block,
    *,
    optional: bool = False,
    hint: str | None = None,
    dispatch: bool = False,
) -> Block:
    block: Block = {
        "type": "input",
        "block_id": block_id,
        "label": plain(label, 2000),
        "element": element,
        "optional": optional,
    }
    if hint:
        block["hint"] = plain(hint, 2000)
    if dispatch:
        block["dispatch_action"] = True
    return block


def text_input(
    action_id: str,
    *,
    multiline: bool = False,
    initial: str | None = None,
    max_length: int = 3000,
    placeholder: str | None = None,
) -> Block:
    element: Block = {
        "type": "plain_text_input",
        "action_id": action_id,
        "multiline": multiline,
        "max_length": max_length,
    }
    if initial:
        element["initial_value"] = initial[:max_length]
    if placeholder:
        element["placeholder"] = plain(placeholder, 150)
    return element


def option(text: str, value: str) -> Block:
    return {"text": plain(text, 75), "value": value}


def modal(
    callback_id: str,
    title: str,
    blocks: list[Block],
    *,
    submit: str | None,
    close: str,
    private_metadata: dict[str, Any] | None = None,
    external_id: str | None = None,
) -> Block:
    view: Block = {
        "type": "modal",
        "callback_id": callback_id,
        "title": plain(title, MODAL_TITLE_LIMIT),
        "close": plain(close, MODAL_TITLE_LIMIT),
        "blocks": blocks[:100],
    }
    if submit:
        view["submit"] = plain(submit, MODAL_TITLE_LIMIT)
    if private_metadata:
        view["private_metadata"] = json.dumps(private_metadata, separators=(",", ":"))
    if external_id:
        view["external_id"] = external_id
    return view


def slack_date(at: datetime, fmt: str = "{date_short_pretty} {time}") -> str:
    """A time every viewer sees in their own time zone; the fallback is UTC."""
    fallback = at.strftime("%Y-%m-%d %H:%M UTC")
    return f"<!date^{int(at.timestamp())}^{fmt}|{fallback}>"


def user(user_id: str) -> str:
    return f"<@{user_id}>"


def channel(channel_id: str) -> str:
    return f"<#{channel_id}>"
