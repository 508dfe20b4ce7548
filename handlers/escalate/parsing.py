"""Turn Slack payloads (slash-command text, modal state) into the domain's plain values."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bot.errors import InvalidInput
from bot.escalations.model import HARASSMENT_RECORD_FIELDS, MAX_SHORT_FIELD_CHARS, Draft, Kind, Severity
from handlers.blockkit import escape, neutralize_broadcasts
from handlers.ids import Block as B

# With should_escape on, Slack sends mentions as <@U123> or <@U123|name>.
_LEADING_MENTION = re.compile(r"^\s*<@([UW][A-Z0-9]+)(?:\|[^>]*)?>[\s,:、：]*")
_ANY_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
_NUMBER = re.compile(r"^#?(\d{1,9})$")


@dataclass(frozen=True)
class QuickCommand:
    owner_id: str
    summary: str


def parse_quick(text: str) -> QuickCommand:
    """`/escalate @owner what happened` → owner and summary; refuses text without a leading owner."""
    match = _LEADING_MENTION.match(text)
    if match is None:
        raise InvalidInput("error.owner_missing")
    summary = neutralize_broadcasts(text[match.end() :].strip())
    if not summary:
        raise InvalidInput("error.summary_missing")
    return QuickCommand(owner_id=match.group(1), summary=summary)


def first_word(text: str) -> str:
    return text.strip().split(maxsplit=1)[0].lower() if text.strip() else ""


def looks_like_mention(text: str) -> bool:
    return bool(_ANY_MENTION.search(text))


def parse_number(raw: str) -> int | None:
    match = _NUMBER.match(raw.strip())
    return int(match.group(1)) if match else None


class FieldErrors(Exception):
    def __init__(self, errors: dict[str, tuple[str, dict[str, Any]]]) -> None:
        super().__init__(", ".join(errors))
        self.errors = errors


def parse_new_escalation(values: dict[str, Any], metadata: dict[str, Any]) -> Draft:
    """Read the `/escalate` modal. Raises FieldErrors with catalog keys per block."""
    errors: dict[str, tuple[str, dict[str, Any]]] = {}
    owner_id = (values.get(B.OWNER) or {}).get("selected_user") or ""
    summary = _text(values, B.SUMMARY)
    if not owner_id:
        errors[B.OWNER] = ("error.owner_missing", {})
    if not summary:
        errors[B.SUMMARY] = ("error.summary_missing", {})
    client = _text(values, B.CLIENT)
    if len(client) > MAX_SHORT_FIELD_CHARS:
        errors[B.CLIENT] = ("error.field_too_long", {"limit": MAX_SHORT_FIELD_CHARS})
    if errors:
        raise FieldErrors(errors)
    kind = Kind(_selected(values, B.KIND) or Kind.NOT_SURE)
    options = {o.get("value") for o in (values.get(B.OPTIONS) or {}).get("selected_options") or []}
    return Draft(
        owner_id=owner_id,
        summary=escape(summary),
        client=escape(client) or None,
        kind=kind,
        severity=Severity(_selected(values, B.SEVERITY) or Severity.NORMAL),
        promised_at=_datetime(values, B.PROMISED),
        confidential="confidential" in options,
        include_desk="desk" in options,
        harassment_record=_harassment_record(values) if kind == Kind.POSSIBLE_HARASSMENT else None,
        source_link=metadata.get("source_link"),
        update_cadence_minutes=selected_cadence(values),
    )


def _harassment_record(values: dict[str, Any]) -> dict[str, Any] | None:
    blocks = dict(
        zip(
            HARASSMENT_RECORD_FIELDS,
            (B.HR_WHEN, B.HR_WHERE, B.HR_WHAT, B.HR_BY_WHOM, B.HR_WITNESSES),
            strict=True,
        )
    )
    record: dict[str, Any] = {}
    for name, block_id in blocks.items():
        if name == "when":
            when = _datetime(values, block_id)
            record[name] = when.isoformat() if when else None
        else:
            record[name] = escape(_text(values, block_id)) or None
    return record if any(record.values()) else None


def selected_cadence(values: dict[str, Any]) -> int | None:
    """The client-update cadence chosen in a form, in minutes (None: no reminders)."""
    raw = _selected(values, B.CADENCE)
    return int(raw) if raw and raw.isdigit() and int(raw) > 0 else None


def selected_kind(values: dict[str, Any]) -> str:
    return _selected(values, B.KIND) or Kind.NOT_SURE.value


def _text(values: dict[str, Any], block_id: str) -> str:
    return str((values.get(block_id) or {}).get("value") or "").strip()


def _selected(values: dict[str, Any], block_id: str) -> str | None:
    option = (values.get(block_id) or {}).get("selected_option")
    return option.get("value") if option else None


def _datetime(values: dict[str, Any], block_id: str) -> datetime | None:
    raw = (values.get(block_id) or {}).get("selected_date_time")
    return datetime.fromtimestamp(int(raw), UTC) if raw else None
