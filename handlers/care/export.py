"""`/escalate export N [json]` and, for admins, `/escalate export 2026-01-01..2026-03-31 [json]`: the
timeline as a file, by DM. The request is checked and queued; the file is built and uploaded by the
outbox (`care.export`), so a slow upload never keeps anyone waiting and a failed one is retried."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from slack_sdk import WebClient

from bot.care import export
from bot.care.model import CareKind
from bot.clock import Clock
from bot.errors import BotError, InvalidInput
from bot.escalations import service
from bot.escalations.service import Actor
from bot.i18n import t
from bot.outbox import Job, RetryPolicy, SendFailed, enqueue
from bot.people import People
from bot.settings import Settings
from handlers.delivery.slack import call
from handlers.edge import Req, request_key
from storage.db import SessionFactory

_EXPORT = re.compile(
    r"^export\s+(?:#?(\d{1,9})|(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2}))(?:\s+(csv|json))?\s*$",
    re.IGNORECASE,
)


def _parse(text: str) -> dict[str, Any]:
    match = _EXPORT.match(text.strip())
    if match is None:
        raise InvalidInput("error.export_format")
    number, first, last, fmt = match.groups()
    request: dict[str, Any] = {"format": (fmt or export.CSV).lower()}
    if number:
        return request | {"number": int(number)}
    try:
        first_day, last_day = date.fromisoformat(first), date.fromisoformat(last)
    except ValueError as exc:
        raise InvalidInput("error.export_format") from exc
    export.check_range(first_day, last_day)
    return request | {"first": first_day.isoformat(), "last": last_day.isoformat()}


def handle_export(req: Req, text: str) -> None:
    request = _parse(text)
    if "number" not in request and not req.is_admin():
        raise InvalidInput("error.admin_only")
    request_export(req)


def request_export(req: Req) -> None:
    request = _parse(str(req.body.get("text") or ""))
    actor = Actor(req.user_id, is_admin=req.is_admin())
    with req.deps.sessions.begin() as session:
        req.once(session)
        if "number" in request:
            esc = service.get_by_number(session, team_id=req.team_id, number=request["number"])
            export.check_can_export(esc, actor)
        enqueue(
            session,
            clock=req.deps.clock,
            key=f"care:export:{request_key(req.body)}",
            kind=CareKind.EXPORT,
            target=req.user_id,
            payload=request | {"team": req.team_id},
        )
    req.deps.jobs.kick()
    what = f"#{request['number']}" if "number" in request else f"{request['first']}..{request['last']}"
    req.reply(req.t("care.export.preparing", what=what, format=request["format"].upper()))


class ExportSender:
    def __init__(
        self,
        *,
        client: WebClient,
        reads: SessionFactory,
        people: People,
        settings: Settings,
        clock: Clock,
        retry: RetryPolicy,
    ) -> None:
        self.client, self.reads, self.people, self.settings = client, reads, people, settings
        self.clock, self.retry = clock, retry

    def deliver(self, job: Job) -> dict[str, Any]:
        user_id = job.target or ""
        made = self._build(job, Actor(user_id, is_admin=self.settings.is_admin(user_id)))
        locale = self.people.locale(user_id)
        comment = t(locale, "care.export.ready", count=made.escalations)
        if made.truncated:
            comment += "\n" + t(locale, "care.export.truncated", count=export.MAX_ESCALATIONS)
        opened = call(self.retry, job.attempts, self.client.conversations_open, users=user_id)
        channel = str(opened["channel"]["id"])
        call(
            self.retry,
            job.attempts,
            self.client.files_upload_v2,
            channel=channel,
            content=made.content,
            filename=made.filename,
            title=made.filename,
            initial_comment=comment,
        )
        return {"file": made.filename, "escalations": made.escalations}

    def _build(self, job: Job, actor: Actor) -> export.Export:
        fmt = str(job.payload.get("format") or export.CSV)
        try:
            with self.reads() as session:
                if job.payload.get("number") is not None:
                    team = str(job.payload.get("team") or "")
                    esc = service.get_by_number(session, team_id=team, number=int(job.payload["number"]))
                    return export.one(session, esc=esc, actor=actor, fmt=fmt)
                first, last = (date.fromisoformat(str(job.payload[k])) for k in ("first", "last"))
                return export.date_range(
                    session, first=first, last=last, tz=self.settings.tz, actor=actor, fmt=fmt
                )
        except BotError as err:
            raise SendFailed(err.key) from err
